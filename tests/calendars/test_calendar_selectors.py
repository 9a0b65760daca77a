"""The selector answers from the table, and changes through the services reach it at once."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yingshang.audit.models import AuditEvent
from yingshang.calendars import selectors, services
from yingshang.calendars.models import CalendarDay, CalendarYear, DayKind
from yingshang.calendars.seeding import calendar_from_schedule, chinesecalendar_schedule
from yingshang.core.workdays import WorkdayCount, WorkdayResult
from yingshang.kernel.models import Role

D = dt.date
pytestmark = pytest.mark.django_db


def test_loaded_calendar_equals_the_core_seed() -> None:
    assert selectors.load_calendar() == calendar_from_schedule(chinesecalendar_schedule())


def test_helpers_answer_like_the_core() -> None:
    assert selectors.add_workdays(D(2025, 9, 30), 1) == WorkdayResult(D(2025, 10, 9), False)
    assert selectors.add_workdays(D(2025, 12, 31), 1) == WorkdayResult(D(2026, 1, 4), False)
    assert selectors.add_workdays(D(2026, 12, 31), 1) == WorkdayResult(D(2027, 1, 1), True)
    assert selectors.workdays_between(D(2025, 9, 30), D(2025, 10, 12)) == WorkdayCount(3, False)
    assert selectors.deadline(D(2025, 9, 30), 3, "calendar_days").date == D(2025, 10, 3)
    assert selectors.is_workday(D(2025, 9, 28)) and not selectors.is_workday(D(2025, 10, 8))


def test_calendar_is_cached_until_the_table_changes() -> None:
    first = selectors.load_calendar()
    assert selectors.load_calendar() is first
    CalendarDay.objects.filter(date=D(2025, 10, 8)).get().delete()
    assert selectors.load_calendar() is not first
    assert selectors.add_workdays(D(2025, 9, 30), 1).date == D(2025, 10, 8)


def test_deleting_a_day_through_the_service_changes_the_answer(users) -> None:
    admin = users[Role.ADMIN]
    day = CalendarDay.objects.get(date=D(2025, 10, 8))
    services.delete_day(actor=admin, day=day, reason="更正")
    assert selectors.add_workdays(D(2025, 9, 30), 1).date == D(2025, 10, 8)
    event = AuditEvent.objects.get(verb="calendarday.deleted")
    assert event.actor == admin and event.before["kind"] == "holiday" and event.reason == "更正"


def test_adding_and_editing_a_day_through_the_service(users) -> None:
    admin = users[Role.ADMIN]
    day = services.add_day(actor=admin, date=D(2025, 10, 9), kind=DayKind.HOLIDAY, name="临时")
    assert selectors.add_workdays(D(2025, 9, 30), 1).date == D(2025, 10, 10)
    assert AuditEvent.objects.get(verb="calendarday.created").after["name"] == "临时"

    services.update_day(actor=admin, day=day, name="临时调整")
    event = AuditEvent.objects.get(verb="calendarday.updated")
    assert (event.before, event.after) == ({"name": "临时"}, {"name": "临时调整"})
    services.update_day(actor=admin, day=day, name="临时调整")  # no change, no event
    assert AuditEvent.objects.filter(verb="calendarday.updated").count() == 1


def test_service_rejects_entries_that_change_nothing(users) -> None:
    admin = users[Role.ADMIN]
    with pytest.raises(ValidationError, match="周末"):
        services.add_day(actor=admin, date=D(2025, 10, 4), kind=DayKind.HOLIDAY)
    with pytest.raises(ValidationError, match="本来就上班"):
        services.add_day(actor=admin, date=D(2025, 10, 9), kind=DayKind.WORKDAY)
    with pytest.raises(ValidationError, match="已登记"):
        services.add_day(actor=admin, date=D(2025, 10, 1), kind=DayKind.HOLIDAY)
    day = CalendarDay.objects.get(date=D(2025, 9, 28))
    with pytest.raises(ValidationError):
        services.update_day(actor=admin, day=day, kind=DayKind.HOLIDAY)
    assert not AuditEvent.objects.exists()


def test_only_administrators_may_change_the_calendar(users) -> None:
    day = CalendarDay.objects.get(date=D(2025, 10, 8))
    for role in (Role.OFFICE, Role.LEADER, Role.DEPARTMENT):
        with pytest.raises(PermissionDenied):
            services.delete_day(actor=users[role], day=day)
        with pytest.raises(PermissionDenied):
            services.publish_year(actor=users[role], year=2027)
    assert CalendarDay.objects.filter(pk=day.pk).exists()


def test_next_year_counts_only_once_published(users) -> None:
    admin = users[Role.ADMIN]
    services.add_day(actor=admin, date=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
    # Entered but not published: still weekends-only and provisional.
    assert selectors.add_workdays(D(2026, 12, 31), 1) == WorkdayResult(D(2027, 1, 1), True)

    year = services.publish_year(actor=admin, year=2027, source="国办发明电〔2026〕×号")
    assert year.published
    assert selectors.add_workdays(D(2026, 12, 31), 1) == WorkdayResult(D(2027, 1, 4), False)
    assert AuditEvent.objects.get(verb="calendaryear.published").after["published"] is True

    services.publish_year(actor=admin, year=2027, published=False, reason="撤回")
    assert selectors.add_workdays(D(2026, 12, 31), 1).provisional
    assert CalendarYear.objects.get(year=2027).published is False
    assert AuditEvent.objects.filter(verb="calendaryear.unpublished").count() == 1


def test_year_overview_marks_holidays_workdays_and_provisional_years() -> None:
    overview = selectors.year_overview(year=2025)
    assert overview.published and overview.source.startswith("chinesecalendar")
    october = overview.months[9]
    cells = {cell.date: cell for week in october.weeks for cell in week if cell.in_month}
    assert cells[D(2025, 10, 1)].kind == DayKind.HOLIDAY and not cells[D(2025, 10, 1)].workday
    assert cells[D(2025, 10, 11)].kind == DayKind.WORKDAY and cells[D(2025, 10, 11)].workday
    assert october.workdays == 18
    assert overview.workdays == 248  # the published figure for 2025
    assert overview.known_years_label == "2004–2026"

    later = selectors.year_overview(year=2027)
    assert not later.published and later.exceptions == []
    assert later.workdays == 261
