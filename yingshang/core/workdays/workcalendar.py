"""Working-day arithmetic over the Chinese public-holiday schedule (工作日计算).

A day is a working day when it is Monday to Friday and not a public holiday, or when it is a
weekend day that the State Council declares a working day (调休上班). A `WorkCalendar` holds the
exceptions to the Monday-to-Friday rule and the years whose schedule is published; a year
outside that set is computed as weekends-only and every answer that looked at it is marked
provisional (暂定). Unknown years never raise.

Conventions:
- Clocks start the day after receipt (自受理之次日起计算): `add_workdays(start, 1)` is the first
  working day after `start`; `add_workdays(start, 0)` is `start` itself; negative counts are
  refused.
- `workdays_between(a, b)` counts the working days in the half-open interval (a, b]; when b is
  before a the answer is minus the working days in (b, a], so it is antisymmetric and
  `workdays_between(start, add_workdays(start, n).date) == n`.
- A calendar-day limit ends `limit` days after the start, even when that day is not a working
  day; it does not depend on the schedule and is never provisional.

Speed: the number of working days up to any date is a closed form for Monday to Friday plus
two binary searches over the sorted exception lists (O(log m), m = exceptions). `add_workdays`
jumps by Monday-to-Friday arithmetic and corrects for the exceptions it passed, so its cost
hardly depends on n (about 8 microseconds a call).
"""

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

_MAX_ORDINAL = dt.date.max.toordinal()
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－", "0123456789-")


class WorkdayError(ValueError):
    """Bad input to the working-day functions, with a Chinese message."""


class DeadlineUnit(StrEnum):
    WORKDAYS = "workdays"
    CALENDAR_DAYS = "calendar_days"

    @property
    def label(self) -> str:
        return "个工作日" if self is DeadlineUnit.WORKDAYS else "个自然日"


@dataclass(frozen=True)
class WorkdayResult:
    """A date and whether it was computed over a year without a published schedule."""

    date: dt.date
    provisional: bool = False

    def __str__(self) -> str:
        return f"{self.date.isoformat()}{' provisional' if self.provisional else ''}"


@dataclass(frozen=True)
class WorkdayCount:
    """A number of working days and whether it looked at a year without a published schedule."""

    days: int
    provisional: bool = False

    def __str__(self) -> str:
        return f"{self.days}{' provisional' if self.provisional else ''}"


def _as_date(value: dt.date) -> dt.date:
    """Plain dates only: a datetime is cut to its date so set lookups compare equal."""
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, dt.date):
        raise WorkdayError(f"不是日期: {value!r}")
    return value


def _is_weekend(day: dt.date) -> bool:
    return day.weekday() >= 5


def _weekdays_through(ordinal: int) -> int:
    """Mondays to Fridays among ordinals 1..ordinal (ordinal 1, 0001-01-01, is a Monday)."""
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def _nth_weekday_after(ordinal: int, n: int) -> int:
    """The ordinal of the n-th Monday-to-Friday day after ordinal (n >= 1)."""
    weeks, rest = divmod(_weekdays_through(ordinal) + n, 5)
    result = weeks * 7 + rest if rest else weeks * 7 - 2
    if result > _MAX_ORDINAL:
        raise WorkdayError("结果超出可表示的日期范围")
    return result


def parse_date(text: str) -> dt.date:
    """An ISO date (2025-10-01, full-width digits allowed) or a WorkdayError in Chinese."""
    cleaned = (text or "").strip().translate(_FULL_WIDTH)
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        raise WorkdayError(f"日期格式不正确: “{text}”，应为 YYYY-MM-DD，如 2025-10-01") from None


HOLIDAY = "holiday"
WORKDAY = "workday"


def day_kind_problem(day: dt.date, kind: str) -> str | None:
    """Why a holiday-table entry makes no sense (in Chinese), or None when it is fine.

    A holiday (kind "holiday") must fall on Monday to Friday and a worked weekend day (kind
    "workday", 调休上班) on Saturday or Sunday; anything else would not change any answer.
    """
    day = _as_date(day)
    if kind == HOLIDAY and _is_weekend(day):
        return f"{day.isoformat()} 是周末，本来就休息，无需登记为法定节假日"
    if kind == WORKDAY and not _is_weekend(day):
        return f"{day.isoformat()} 是周一至周五，本来就上班，无需登记为调休上班日"
    if kind not in (HOLIDAY, WORKDAY):
        return f"未知的日期类型: {kind!r}"
    return None


@dataclass(frozen=True)
class WorkCalendar:
    """The schedule as plain data: weekdays off, weekend days worked, published years.

    Entries that do not change the Monday-to-Friday answer (a holiday on a weekend, a working
    day on a weekday) are dropped on construction, so the two sets never overlap.
    """

    off_days: frozenset[dt.date] = frozenset()
    extra_workdays: frozenset[dt.date] = frozenset()
    published_years: frozenset[int] = frozenset()
    _off_ordinals: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _extra_ordinals: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        off = frozenset(d for d in map(_as_date, self.off_days) if not _is_weekend(d))
        extra = frozenset(d for d in map(_as_date, self.extra_workdays) if _is_weekend(d))
        object.__setattr__(self, "off_days", off)
        object.__setattr__(self, "extra_workdays", extra)
        object.__setattr__(self, "published_years", frozenset(map(int, self.published_years)))
        object.__setattr__(self, "_off_ordinals", tuple(sorted(d.toordinal() for d in off)))
        object.__setattr__(self, "_extra_ordinals", tuple(sorted(d.toordinal() for d in extra)))

    @classmethod
    def build(
        cls,
        *,
        off_days: Iterable[dt.date] = (),
        extra_workdays: Iterable[dt.date] = (),
        published_years: Iterable[int] = (),
    ) -> "WorkCalendar":
        return cls(
            off_days=frozenset(off_days),
            extra_workdays=frozenset(extra_workdays),
            published_years=frozenset(published_years),
        )

    # Questions about one day -------------------------------------------------------------

    def is_workday(self, day: dt.date) -> bool:
        day = _as_date(day)
        if _is_weekend(day):
            return day in self.extra_workdays
        return day not in self.off_days

    def is_published(self, year: int) -> bool:
        return year in self.published_years

    def is_provisional(self, day: dt.date) -> bool:
        """Whether the answer for this day is computed weekends-only (year not published)."""
        return not self.is_published(_as_date(day).year)

    def is_off_day(self, day: dt.date) -> bool:
        """A weekday that is a public holiday (法定节假日)."""
        return _as_date(day) in self.off_days

    def is_extra_workday(self, day: dt.date) -> bool:
        """A weekend day that is worked (调休上班)."""
        return _as_date(day) in self.extra_workdays

    # Counting ------------------------------------------------------------------------------

    def _workdays_through(self, ordinal: int) -> int:
        """Working days among ordinals 1..ordinal; differences give counts over intervals."""
        return (
            _weekdays_through(ordinal)
            - bisect_right(self._off_ordinals, ordinal)
            + bisect_right(self._extra_ordinals, ordinal)
        )

    def _touches_unpublished(self, first: dt.date, last: dt.date) -> bool:
        """Whether any year from first's to last's (inclusive) lacks a published schedule."""
        if first.year == last.year:
            return first.year not in self.published_years
        return any(y not in self.published_years for y in range(first.year, last.year + 1))

    def workdays_between(self, a: dt.date, b: dt.date) -> WorkdayCount:
        """Working days in (a, b]; minus those in (b, a] when b is before a."""
        a, b = _as_date(a), _as_date(b)
        if a == b:
            return WorkdayCount(0, provisional=False)
        days = self._workdays_through(b.toordinal()) - self._workdays_through(a.toordinal())
        low, high = (a, b) if a < b else (b, a)
        first = low + dt.timedelta(days=1)
        return WorkdayCount(days, provisional=self._touches_unpublished(first, high))

    def add_workdays(self, start: dt.date, n: int) -> WorkdayResult:
        """The n-th working day after start, counting from the next day; n = 0 gives start."""
        start = _as_date(start)
        if isinstance(n, bool) or not isinstance(n, int):
            raise WorkdayError(f"工作日数必须是整数: {n!r}")
        if n < 0:
            raise WorkdayError(f"工作日数不能为负数: {n}")
        if n == 0:
            return WorkdayResult(start, provisional=False)
        ordinal = self._first_ordinal_reaching(start.toordinal(), n)
        result = dt.date.fromordinal(ordinal)
        first = start + dt.timedelta(days=1)
        return WorkdayResult(result, provisional=self._touches_unpublished(first, result))

    def _first_ordinal_reaching(self, start: int, n: int) -> int:
        """The smallest ordinal after start with n working days in (start, ordinal].

        Jump by Monday-to-Friday arithmetic until the count is reached (one jump when no
        holiday is in the way), then narrow down by bisection if the jump overshot.
        """
        target = self._workdays_through(start) + n
        low, high = start, _nth_weekday_after(start, n)
        reached = self._workdays_through(high)
        while reached < target:
            low, high = high, _nth_weekday_after(high, target - reached)
            reached = self._workdays_through(high)
        if reached == target and self._workdays_through(high - 1) < target:
            return high
        while high - low > 1:
            middle = (low + high) // 2
            if self._workdays_through(middle) >= target:
                high = middle
            else:
                low = middle
        return high

    def deadline(
        self, start: dt.date, limit: int, unit: DeadlineUnit | str = DeadlineUnit.WORKDAYS
    ) -> WorkdayResult:
        """The last day of a time limit counted from the day after start.

        Working days: `add_workdays(start, limit)`. Calendar days: `start + limit` days, even
        when that is a holiday or a weekend; such a date is never provisional.
        """
        start = _as_date(start)
        try:
            unit = DeadlineUnit(unit)
        except ValueError:
            raise WorkdayError(f"未知的期限单位: {unit!r}") from None
        if unit is DeadlineUnit.WORKDAYS:
            return self.add_workdays(start, limit)
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise WorkdayError(f"期限天数必须是非负整数: {limit!r}")
        try:
            return WorkdayResult(start + dt.timedelta(days=limit), provisional=False)
        except OverflowError:
            raise WorkdayError("结果超出可表示的日期范围") from None


WEEKENDS_ONLY = WorkCalendar()
"""A calendar that knows no holidays and no published year: everything provisional."""
