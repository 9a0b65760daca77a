"""Reading the working-day calendar. Other modules call the helpers here, never the tables.

`load_calendar()` builds a `WorkCalendar` from the holiday table and keeps it in memory. It is
dropped when a CalendarDay or CalendarYear is saved or deleted in this process (and again when
that transaction commits), and at the latest after `CACHE_SECONDS`, which bounds how long
another process (a sweep started by a timer) can go on with an old schedule. A thread whose own
transaction changed the table reads it afresh until the transaction ends.

Days of a year that is not published (no CalendarYear row, or one with published off) are left
out: such a year is computed weekends-only and marked provisional, as documented; its rows take
effect when an administrator marks the year published.
"""

import calendar as stdlib_calendar
import datetime as dt
import threading
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from yingshang.calendars.models import CalendarDay, CalendarYear, DayKind
from yingshang.calendars.seeding import is_package_source
from yingshang.core.workdays import (
    DeadlineUnit,
    WorkCalendar,
    WorkdayCount,
    WorkdayResult,
)

CACHE_SECONDS = 60.0
WEEKDAY_LABELS = ("一", "二", "三", "四", "五", "六", "日")

_lock = threading.Lock()
_cached: WorkCalendar | None = None
_loaded_at = 0.0
_local = threading.local()


# Loading and caching -----------------------------------------------------------------------


def _read_calendar() -> WorkCalendar:
    published = set(CalendarYear.objects.filter(published=True).values_list("year", flat=True))
    off, extra = [], []
    for day, kind in CalendarDay.objects.values_list("date", "kind"):
        if day.year not in published:
            continue
        (off if kind == DayKind.HOLIDAY else extra).append(day)
    return WorkCalendar.build(off_days=off, extra_workdays=extra, published_years=published)


def _reading_own_changes() -> bool:
    """Whether this thread changed the table in a transaction that is still open."""
    if not getattr(_local, "changed_in_transaction", False):
        return False
    if connection.in_atomic_block:
        return True
    _local.changed_in_transaction = False
    return False


def load_calendar() -> WorkCalendar:
    """The working-day calendar from the holiday table, cached in this process."""
    global _cached, _loaded_at
    if _reading_own_changes():
        return _read_calendar()
    with _lock:
        if _cached is not None and time.monotonic() - _loaded_at < CACHE_SECONDS:
            return _cached
    calendar = _read_calendar()
    with _lock:
        _cached, _loaded_at = calendar, time.monotonic()
    return calendar


def invalidate_calendar() -> None:
    """Drop the cached calendar now and again when the current transaction commits."""
    _drop_cache()
    if connection.in_atomic_block:
        _local.changed_in_transaction = True
        transaction.on_commit(_drop_cache_after_commit)


def reset_calendar_cache() -> None:
    """Forget the cached calendar and this thread's pending changes (for tests)."""
    _local.changed_in_transaction = False
    _drop_cache()


def _drop_cache() -> None:
    global _cached
    with _lock:
        _cached = None


def _drop_cache_after_commit() -> None:
    _local.changed_in_transaction = False
    _drop_cache()


@receiver(post_save, sender=CalendarDay, dispatch_uid="calendars.day_saved")
@receiver(post_delete, sender=CalendarDay, dispatch_uid="calendars.day_deleted")
@receiver(post_save, sender=CalendarYear, dispatch_uid="calendars.year_saved")
@receiver(post_delete, sender=CalendarYear, dispatch_uid="calendars.year_deleted")
def _calendar_changed(**kwargs: object) -> None:
    invalidate_calendar()


# The one-call helpers ----------------------------------------------------------------------


def is_workday(day: dt.date) -> bool:
    return load_calendar().is_workday(day)


def add_workdays(start: dt.date, n: int) -> WorkdayResult:
    """The n-th working day after start, counting from the next day (n = 0 gives start)."""
    return load_calendar().add_workdays(start, n)


def workdays_between(a: dt.date, b: dt.date) -> WorkdayCount:
    """Working days in (a, b]; negative when b is before a."""
    return load_calendar().workdays_between(a, b)


def deadline(
    start: dt.date, limit: int, unit: DeadlineUnit | str = DeadlineUnit.WORKDAYS
) -> WorkdayResult:
    """The end of a time limit in working or calendar days, counted from the day after start."""
    return load_calendar().deadline(start, limit, unit)


# The year page -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DayCell:
    date: dt.date
    in_month: bool
    workday: bool
    weekend: bool
    kind: str
    name: str
    pending: bool
    """A row of an unpublished year: shown, but not yet counted."""
    today: bool

    @property
    def css(self) -> str:
        classes = ["work" if self.workday else "rest"]
        if self.kind:
            classes.append(f"kind-{self.kind}")
        if self.pending:
            classes.append("pending")
        if self.today:
            classes.append("today")
        if not self.in_month:
            classes.append("outside")
        return " ".join(classes)

    @property
    def title(self) -> str:
        kind = DayKind(self.kind).label if self.kind else ("休息日" if self.weekend else "工作日")
        name = f" {self.name}" if self.name else ""
        pending = " (待公布，暂未生效)" if self.pending else ""
        return f"{self.date.isoformat()} {kind}{name}{pending}"


@dataclass(frozen=True)
class MonthGrid:
    month: int
    weeks: list[list[DayCell]]
    workdays: int


@dataclass(frozen=True)
class YearOverview:
    year: int
    published: bool
    source: str
    note: str
    months: list[MonthGrid]
    workdays: int
    exceptions: list[CalendarDay]
    known_years: list[int]
    weekday_labels: tuple[str, ...] = WEEKDAY_LABELS

    @property
    def source_label(self) -> str:
        """Where the year's days come from, in words for the page.

        Seeded years store the package's name and version, which the administrators keep to
        know what a re-seed would change; the package transcribes the State Council's yearly
        notice, so the page names the notice. Text an administrator wrote is shown as written.
        """
        if self.source and not is_package_source(self.source):
            return self.source
        return f"国务院办公厅关于{self.year}年部分节假日安排的通知及本区的调整"

    @property
    def known_years_label(self) -> str:
        """The published years as runs, such as "2004–2026、2028"."""
        return "、".join(
            f"{first}–{last}" if first != last else str(first)
            for first, last in _runs(self.known_years)
        )


def _runs(years: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for year in years:
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def _cell(
    day: dt.date, *, month: int, calendar: WorkCalendar, rows: dict, today: dt.date
) -> DayCell:
    row = rows.get(day)
    return DayCell(
        date=day,
        in_month=day.month == month,
        workday=calendar.is_workday(day),
        weekend=day.weekday() >= 5,
        kind=row.kind if row else "",
        name=row.name if row else "",
        pending=row is not None and calendar.is_provisional(day),
        today=day == today,
    )


def _month_grid(
    year: int, month: int, *, calendar: WorkCalendar, rows: dict, today: dt.date
) -> MonthGrid:
    weeks = [
        [_cell(day, month=month, calendar=calendar, rows=rows, today=today) for day in week]
        for week in stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    count = sum(cell.workday for week in weeks for cell in week if cell.in_month)
    return MonthGrid(month=month, weeks=weeks, workdays=count)


def year_overview(*, year: int) -> YearOverview:
    """One year as twelve month grids with its holidays, 调休 days and published state."""
    calendar = load_calendar()
    year_row = CalendarYear.objects.filter(year=year).first()
    exceptions = list(CalendarDay.objects.filter(date__year=year).order_by("date"))
    rows = {row.date: row for row in exceptions}
    today = timezone.localdate()
    months = [
        _month_grid(year, month, calendar=calendar, rows=rows, today=today)
        for month in range(1, 13)
    ]
    return YearOverview(
        year=year,
        published=calendar.is_published(year),
        source=year_row.source if year_row else "",
        note=year_row.note if year_row else "",
        months=months,
        workdays=sum(month.workdays for month in months),
        exceptions=exceptions,
        known_years=sorted(calendar.published_years),
    )
