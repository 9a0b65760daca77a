"""Writes to the holiday table: check, then do, then record the audit event, in one transaction.

`actor` is the administrator who makes the change, or None for the system (the `yingshang
workdays seed` command and other command-line use). Any other user is refused.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from yingshang.audit.services import changed_fields, record_event, snapshot
from yingshang.calendars.models import CalendarDay, CalendarYear
from yingshang.calendars.seeding import (
    FIRST_KNOWN_YEAR,
    LAST_KNOWN_YEAR,
    YearSeedResult,
    apply_schedule,
    chinesecalendar_schedule,
)
from yingshang.calendars.selectors import invalidate_calendar
from yingshang.core.workdays import day_kind_problem
from yingshang.kernel.access import require_role
from yingshang.kernel.models import Role


@dataclass(frozen=True)
class SeedReport:
    source: str
    years: list[YearSeedResult]

    @property
    def days_created(self) -> int:
        return sum(y.days_created for y in self.years)

    @property
    def days_updated(self) -> int:
        return sum(y.days_updated for y in self.years)

    @property
    def days_deleted(self) -> int:
        return sum(y.days_deleted for y in self.years)

    @property
    def days_kept(self) -> int:
        return sum(y.days_kept for y in self.years)

    @property
    def year_range(self) -> str:
        if not self.years:
            return "无"
        return f"{self.years[0].year}–{self.years[-1].year}"


def _require_admin(actor: Any) -> None:
    if actor is not None:
        require_role(actor, Role.ADMIN)


def _check_day(*, date: dt.date, kind: str, name: str) -> None:
    problem = day_kind_problem(date, kind)
    if problem:
        raise ValidationError({"kind": problem})
    if len(name) > 50:
        raise ValidationError({"name": "名称不能超过 50 个字"})


# Seeding -----------------------------------------------------------------------------------


@transaction.atomic
def seed_from_chinesecalendar(
    *,
    first_year: int = FIRST_KNOWN_YEAR,
    last_year: int = LAST_KNOWN_YEAR,
    overwrite: bool = False,
    actor: Any = None,
) -> SeedReport:
    """Fill the holiday table from chinesecalendar for the years it knows; idempotent.

    Existing rows win unless overwrite is set. One audit event per year that changed.
    """
    _require_admin(actor)
    schedule = chinesecalendar_schedule(first_year=first_year, last_year=last_year)
    results = apply_schedule(
        day_model=CalendarDay, year_model=CalendarYear, schedule=schedule, overwrite=overwrite
    )
    source = schedule[0].source if schedule else ""
    seeded = CalendarYear.objects.filter(year__in=[r.year for r in results])
    years = {row.year: row for row in seeded}
    for result in results:
        if result.changed:
            _record_seed(actor=actor, year=years[result.year], result=result, source=source)
    invalidate_calendar()
    return SeedReport(source=source, years=results)


def _record_seed(*, actor: Any, year: CalendarYear, result: YearSeedResult, source: str) -> None:
    record_event(
        actor=actor,
        verb="calendaryear.seeded",
        obj=year,
        after={
            "source": source,
            "year_created": result.year_created,
            "days_created": result.days_created,
            "days_updated": result.days_updated,
            "days_deleted": result.days_deleted,
        },
        reason="从 chinesecalendar 导入放假安排",
    )


# Days --------------------------------------------------------------------------------------


@transaction.atomic
def add_day(
    *, actor: Any, date: dt.date, kind: str, name: str = "", reason: str = ""
) -> CalendarDay:
    """Register a weekday off (kind "holiday") or a weekend day worked (kind "workday")."""
    _require_admin(actor)
    _check_day(date=date, kind=kind, name=name)
    if CalendarDay.objects.filter(date=date).exists():
        raise ValidationError({"date": f"{date.isoformat()} 已登记，请修改原记录"})
    day = CalendarDay.objects.create(date=date, kind=kind, name=name)
    record_event(
        actor=actor, verb="calendarday.created", obj=day, after=snapshot(day), reason=reason
    )
    return day


@transaction.atomic
def update_day(
    *,
    actor: Any,
    day: CalendarDay,
    kind: str | None = None,
    name: str | None = None,
    reason: str = "",
) -> CalendarDay:
    """Change a day's kind or name; the date itself is its identity and stays."""
    _require_admin(actor)
    day = CalendarDay.objects.select_for_update().get(pk=day.pk)
    before = snapshot(day)
    day.kind = kind if kind is not None else day.kind
    day.name = name if name is not None else day.name
    _check_day(date=day.date, kind=day.kind, name=day.name)
    old, new = changed_fields(before, snapshot(day))
    if not new:
        return day
    day.save(update_fields=["kind", "name"])
    record_event(
        actor=actor, verb="calendarday.updated", obj=day, before=old, after=new, reason=reason
    )
    return day


@transaction.atomic
def delete_day(*, actor: Any, day: CalendarDay, reason: str = "") -> None:
    """Remove a day: it becomes an ordinary weekday or weekend day again."""
    _require_admin(actor)
    record_event(
        actor=actor, verb="calendarday.deleted", obj=day, before=snapshot(day), reason=reason
    )
    day.delete()


# Years -------------------------------------------------------------------------------------


@transaction.atomic
def publish_year(
    *,
    actor: Any,
    year: int,
    published: bool = True,
    source: str | None = None,
    note: str | None = None,
    reason: str = "",
) -> CalendarYear:
    """Mark a year's schedule published (its days take effect) or withdraw it (provisional)."""
    _require_admin(actor)
    if not 1900 <= year <= 2200:
        raise ValidationError({"year": f"年份不合理: {year}"})
    row, created = CalendarYear.objects.select_for_update().get_or_create(
        year=year, defaults={"published": published}
    )
    before = {} if created else snapshot(row)
    row.published = published
    row.source = source if source is not None else row.source
    row.note = note if note is not None else row.note
    row.full_clean()
    old, new = changed_fields(before, snapshot(row))
    if not new:
        return row
    row.save()
    record_event(
        actor=actor,
        verb="calendaryear.published" if published else "calendaryear.unpublished",
        obj=row,
        before=old or None,
        after=new,
        reason=reason,
    )
    return row
