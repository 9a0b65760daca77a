"""The holiday table after `migrate`, and the seeding service."""

import datetime as dt

import pytest

from yingshang.audit.models import AuditEvent
from yingshang.calendars import services
from yingshang.calendars.models import CalendarDay, CalendarYear, DayKind
from yingshang.calendars.seeding import calendar_from_schedule, chinesecalendar_schedule
from yingshang.core.workdays import HOLIDAY, WORKDAY, WorkCalendar

D = dt.date


# Reading chinesecalendar (no database) -----------------------------------------------------


@pytest.fixture(scope="module")
def seeded() -> WorkCalendar:
    return calendar_from_schedule(chinesecalendar_schedule())


def test_schedule_knows_2004_to_2026_and_skips_later_years() -> None:
    schedule = chinesecalendar_schedule(first_year=2025, last_year=2030)
    assert [year.year for year in schedule] == [2025, 2026]
    assert schedule[0].source.startswith("chinesecalendar ")
    rows = {day.date: day for day in schedule[0].days}
    assert (rows[D(2025, 10, 1)].kind, rows[D(2025, 10, 1)].name) == (HOLIDAY, "国庆节")
    assert rows[D(2025, 9, 28)].kind == WORKDAY
    assert D(2025, 10, 4) not in rows  # a Saturday inside the holiday: a weekend anyway
    assert rows[D(2025, 1, 28)].name == "春节"


def test_schedule_has_the_published_number_of_days(seeded: WorkCalendar) -> None:
    # 2025: 18 weekdays off, 5 weekend days worked (248 working days); 2026: 19 and 6.
    for year, off, worked in ((2025, 18, 5), (2026, 19, 6)):
        assert sum(d.year == year for d in seeded.off_days) == off
        assert sum(d.year == year for d in seeded.extra_workdays) == worked
    assert seeded.workdays_between(D(2024, 12, 31), D(2025, 12, 31)).days == 248


def test_schedule_matches_chinesecalendar_every_day(seeded: WorkCalendar) -> None:
    import chinese_calendar

    assert seeded.published_years == frozenset(range(2004, 2027))
    day = D(2004, 1, 1)
    while day <= D(2026, 12, 31):
        assert seeded.is_workday(day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)


# The table after migrate, and the service --------------------------------------------------


@pytest.mark.django_db
def test_migrate_seeds_2004_to_2026() -> None:
    national_day = CalendarDay.objects.get(date=D(2025, 10, 1))
    assert (national_day.kind, national_day.name) == (DayKind.HOLIDAY, "国庆节")
    assert CalendarDay.objects.get(date=D(2025, 9, 28)).kind == DayKind.WORKDAY
    assert CalendarDay.objects.get(date=D(2025, 10, 11)).kind == DayKind.WORKDAY
    assert CalendarDay.objects.get(date=D(2026, 2, 14)).kind == DayKind.WORKDAY
    assert not CalendarDay.objects.filter(date=D(2025, 10, 4)).exists()  # a Saturday off anyway
    years = CalendarYear.objects.order_by("year")
    assert [row.year for row in years] == list(range(2004, 2027))
    assert all(row.published for row in years)
    assert years.get(year=2025).source.startswith("chinesecalendar ")
    assert not CalendarDay.objects.filter(date__year=2027).exists()


@pytest.mark.django_db
def test_seed_is_idempotent() -> None:
    before = CalendarDay.objects.count()
    report = services.seed_from_chinesecalendar()
    assert (report.days_created, report.days_updated, report.days_deleted) == (0, 0, 0)
    assert CalendarDay.objects.count() == before
    assert not AuditEvent.objects.filter(verb="calendaryear.seeded").exists()


@pytest.mark.django_db
def test_seed_skips_years_the_package_does_not_know() -> None:
    report = services.seed_from_chinesecalendar(first_year=2026, last_year=2030)
    assert [y.year for y in report.years] == [2026]
    assert not CalendarYear.objects.filter(year__gt=2026).exists()


@pytest.mark.django_db
def test_seed_restores_missing_rows_and_audits_the_year() -> None:
    CalendarDay.objects.filter(date__year=2025, date__month=10).delete()
    report = services.seed_from_chinesecalendar(first_year=2025, last_year=2025)
    assert report.days_created == 7  # 10-01..10-03, 10-06..10-08 and Saturday 10-11
    assert CalendarDay.objects.get(date=D(2025, 10, 8)).kind == DayKind.HOLIDAY
    event = AuditEvent.objects.get(verb="calendaryear.seeded")
    assert event.object_repr == "2025年" and event.after["days_created"] == 7
    assert event.actor_label == "系统"


@pytest.mark.django_db
def test_seed_keeps_corrections_unless_asked_to_overwrite() -> None:
    CalendarDay.objects.filter(date=D(2025, 10, 8)).update(name="中秋节")
    CalendarDay.objects.create(date=D(2025, 12, 31), kind=DayKind.HOLIDAY, name="试行")
    kept = services.seed_from_chinesecalendar(first_year=2025, last_year=2025)
    assert kept.days_kept == 2
    assert CalendarDay.objects.get(date=D(2025, 10, 8)).name == "中秋节"

    overwritten = services.seed_from_chinesecalendar(
        first_year=2025, last_year=2025, overwrite=True
    )
    assert (overwritten.days_updated, overwritten.days_deleted) == (1, 1)
    assert CalendarDay.objects.get(date=D(2025, 10, 8)).name == "国庆节"
    assert not CalendarDay.objects.filter(date=D(2025, 12, 31)).exists()


@pytest.mark.django_db
def test_seed_refuses_users_other_than_administrators(users) -> None:
    from django.core.exceptions import PermissionDenied

    from yingshang.kernel.models import Role

    with pytest.raises(PermissionDenied):
        services.seed_from_chinesecalendar(actor=users[Role.OFFICE])
    services.seed_from_chinesecalendar(actor=users[Role.ADMIN])
