"""Working-day arithmetic, without a database.

The 2025 and 2026 schedules below are written out from the State Council notices
(国办发明电〔2024〕12号 and 国办发明电〔2025〕7号), independently of the chinesecalendar package.
"""

import datetime as dt
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yingshang.core.workdays import (
    HOLIDAY,
    WEEKENDS_ONLY,
    WORKDAY,
    DeadlineUnit,
    WorkCalendar,
    WorkdayCount,
    WorkdayError,
    WorkdayResult,
    day_kind_problem,
    parse_date,
)

D = dt.date


def span(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


HOLIDAY_SPANS = [
    # 2025
    (D(2025, 1, 1), D(2025, 1, 1)),
    (D(2025, 1, 28), D(2025, 2, 4)),
    (D(2025, 4, 4), D(2025, 4, 6)),
    (D(2025, 5, 1), D(2025, 5, 5)),
    (D(2025, 5, 31), D(2025, 6, 2)),
    (D(2025, 10, 1), D(2025, 10, 8)),
    # 2026
    (D(2026, 1, 1), D(2026, 1, 3)),
    (D(2026, 2, 15), D(2026, 2, 23)),
    (D(2026, 4, 4), D(2026, 4, 6)),
    (D(2026, 5, 1), D(2026, 5, 5)),
    (D(2026, 6, 19), D(2026, 6, 21)),
    (D(2026, 9, 25), D(2026, 9, 27)),
    (D(2026, 10, 1), D(2026, 10, 7)),
]
WORKED_WEEKENDS = [
    D(2025, 1, 26),
    D(2025, 2, 8),
    D(2025, 4, 27),
    D(2025, 9, 28),
    D(2025, 10, 11),
    D(2026, 1, 4),
    D(2026, 2, 14),
    D(2026, 2, 28),
    D(2026, 5, 9),
    D(2026, 9, 20),
    D(2026, 10, 10),
]

CAL = WorkCalendar.build(
    off_days=(day for first, last in HOLIDAY_SPANS for day in span(first, last)),
    extra_workdays=WORKED_WEEKENDS,
    published_years=[2025, 2026],
)


def walk(calendar: WorkCalendar, start: dt.date, n: int) -> dt.date:
    """The slow, obvious answer: step day by day."""
    day, found = start, 0
    while found < n:
        day += dt.timedelta(days=1)
        found += calendar.is_workday(day)
    return day


# The 2025 National Day holiday -------------------------------------------------------------


def test_national_day_2025_days_off_and_worked_weekends() -> None:
    assert not any(CAL.is_workday(day) for day in span(D(2025, 10, 1), D(2025, 10, 8)))
    assert CAL.is_workday(D(2025, 9, 28))  # Sunday, worked
    assert CAL.is_workday(D(2025, 10, 11))  # Saturday, worked
    assert CAL.is_workday(D(2025, 10, 9))
    assert not CAL.is_workday(D(2025, 10, 12))
    assert CAL.is_off_day(D(2025, 10, 8))
    assert CAL.is_extra_workday(D(2025, 9, 28))


def test_add_across_national_day_2025() -> None:
    assert CAL.add_workdays(D(2025, 9, 30), 1) == WorkdayResult(D(2025, 10, 9), False)
    assert CAL.add_workdays(D(2025, 9, 26), 1).date == D(2025, 9, 28)
    assert CAL.add_workdays(D(2025, 9, 30), 3).date == D(2025, 10, 11)
    assert CAL.add_workdays(D(2025, 10, 1), 1).date == D(2025, 10, 9)
    assert CAL.add_workdays(D(2025, 9, 30), 5).date == D(2025, 10, 14)


def test_between_across_national_day_2025() -> None:
    assert CAL.workdays_between(D(2025, 9, 30), D(2025, 10, 12)) == WorkdayCount(3, False)
    assert CAL.workdays_between(D(2025, 9, 27), D(2025, 9, 30)).days == 3
    assert CAL.workdays_between(D(2025, 10, 12), D(2025, 9, 30)).days == -3
    assert CAL.workdays_between(D(2025, 10, 5), D(2025, 10, 5)) == WorkdayCount(0, False)


def test_n_zero_returns_start_itself() -> None:
    assert CAL.add_workdays(D(2025, 10, 4), 0) == WorkdayResult(D(2025, 10, 4), False)
    assert CAL.add_workdays(D(2031, 10, 4), 0) == WorkdayResult(D(2031, 10, 4), False)


# Year ends and 2026 ------------------------------------------------------------------------


def test_from_2025_into_2026_new_year() -> None:
    # 2026-01-01 (Thu) to 01-03 are off; Sunday 01-04 is worked.
    assert CAL.add_workdays(D(2025, 12, 31), 1) == WorkdayResult(D(2026, 1, 4), False)
    assert CAL.add_workdays(D(2025, 12, 31), 2).date == D(2026, 1, 5)
    assert CAL.add_workdays(D(2025, 12, 30), 1).date == D(2025, 12, 31)
    assert CAL.workdays_between(D(2025, 12, 25), D(2026, 1, 5)) == WorkdayCount(6, False)


def test_spring_festival_2026() -> None:
    assert not any(CAL.is_workday(day) for day in span(D(2026, 2, 15), D(2026, 2, 23)))
    assert CAL.is_workday(D(2026, 2, 14)) and CAL.is_workday(D(2026, 2, 28))
    assert CAL.add_workdays(D(2026, 2, 13), 1).date == D(2026, 2, 14)
    assert CAL.add_workdays(D(2026, 2, 13), 2).date == D(2026, 2, 24)
    assert CAL.add_workdays(D(2026, 2, 12), 5).date == D(2026, 2, 26)
    assert CAL.workdays_between(D(2026, 2, 13), D(2026, 2, 28)) == WorkdayCount(6, False)


# Unpublished years -------------------------------------------------------------------------


def test_into_2027_is_weekends_only_and_provisional() -> None:
    # 2027-01-01 is a Friday: surely a holiday, but not yet published, so counted as worked.
    assert CAL.add_workdays(D(2026, 12, 31), 1) == WorkdayResult(D(2027, 1, 1), True)
    assert CAL.add_workdays(D(2026, 12, 30), 1) == WorkdayResult(D(2026, 12, 31), False)
    assert CAL.add_workdays(D(2027, 1, 1), 1) == WorkdayResult(D(2027, 1, 4), True)
    assert CAL.add_workdays(D(2027, 9, 30), 5) == WorkdayResult(D(2027, 10, 7), True)
    assert CAL.workdays_between(D(2026, 12, 25), D(2027, 1, 8)).provisional
    assert not CAL.workdays_between(D(2026, 12, 25), D(2026, 12, 31)).provisional
    assert CAL.is_provisional(D(2027, 1, 1)) and not CAL.is_provisional(D(2026, 12, 31))
    assert CAL.is_workday(D(2027, 1, 1))


def test_years_before_the_published_ones_are_provisional_too() -> None:
    assert CAL.add_workdays(D(2024, 12, 30), 1) == WorkdayResult(D(2024, 12, 31), True)
    assert CAL.add_workdays(D(2024, 12, 31), 1) == WorkdayResult(D(2025, 1, 2), False)


def test_weekends_only_calendar() -> None:
    assert WEEKENDS_ONLY.add_workdays(D(2025, 9, 30), 1) == WorkdayResult(D(2025, 10, 1), True)
    assert WEEKENDS_ONLY.workdays_between(D(2025, 9, 26), D(2025, 10, 3)) == WorkdayCount(5, True)


def test_str_gives_the_cli_contract() -> None:
    assert str(WorkdayResult(D(2025, 10, 9), False)) == "2025-10-09"
    assert str(WorkdayResult(D(2027, 1, 5), True)) == "2027-01-05 provisional"
    assert str(WorkdayCount(3, True)) == "3 provisional"


# Deadlines ---------------------------------------------------------------------------------


def test_deadline_in_workdays_matches_add() -> None:
    assert CAL.deadline(D(2025, 9, 30), 5, "workdays") == CAL.add_workdays(D(2025, 9, 30), 5)
    assert CAL.deadline(D(2025, 9, 30), 5) == CAL.add_workdays(D(2025, 9, 30), 5)


def test_deadline_in_calendar_days_is_the_plain_date() -> None:
    # Ends on a holiday: still that date, and it does not depend on the schedule.
    result = CAL.deadline(D(2025, 9, 30), 3, DeadlineUnit.CALENDAR_DAYS)
    assert result == WorkdayResult(D(2025, 10, 3), False)
    assert CAL.deadline(D(2026, 12, 30), 5, "calendar_days") == WorkdayResult(D(2027, 1, 4))


def test_bad_input_raises_workday_error() -> None:
    with pytest.raises(WorkdayError, match="负数"):
        CAL.add_workdays(D(2025, 1, 1), -1)
    with pytest.raises(WorkdayError, match="单位"):
        CAL.deadline(D(2025, 1, 1), 3, "weeks")
    with pytest.raises(WorkdayError):
        CAL.deadline(D(2025, 1, 1), -3, "calendar_days")
    with pytest.raises(WorkdayError):
        CAL.add_workdays(D(2025, 1, 1), 1.5)  # type: ignore[arg-type]
    with pytest.raises(WorkdayError, match="范围"):
        CAL.add_workdays(D(9999, 12, 30), 5)
    with pytest.raises(WorkdayError):
        CAL.is_workday("2025-10-01")  # type: ignore[arg-type]


def test_datetimes_are_taken_as_their_date() -> None:
    moment = dt.datetime(2025, 9, 30, 16, 45)
    assert CAL.add_workdays(moment, 1).date == D(2025, 10, 9)
    assert not CAL.is_workday(dt.datetime(2025, 10, 1, 9, 0))


def test_entries_that_change_nothing_are_dropped() -> None:
    calendar = WorkCalendar.build(
        off_days=[D(2025, 10, 4), D(2025, 10, 1)], extra_workdays=[D(2025, 10, 9), D(2025, 9, 28)]
    )
    assert calendar.off_days == frozenset({D(2025, 10, 1)})
    assert calendar.extra_workdays == frozenset({D(2025, 9, 28)})


def test_day_kind_problem() -> None:
    assert day_kind_problem(D(2025, 10, 1), HOLIDAY) is None
    assert day_kind_problem(D(2025, 9, 28), WORKDAY) is None
    assert "周末" in (day_kind_problem(D(2025, 10, 4), HOLIDAY) or "")
    assert "本来就上班" in (day_kind_problem(D(2025, 10, 9), WORKDAY) or "")
    assert "未知" in (day_kind_problem(D(2025, 10, 9), "leave") or "")


def test_parse_date() -> None:
    assert parse_date(" 2025-10-01 ") == D(2025, 10, 1)
    assert parse_date("２０２５－１０－０１") == D(2025, 10, 1)
    with pytest.raises(WorkdayError, match="日期格式不正确"):
        parse_date("2025-13-01")
    with pytest.raises(WorkdayError):
        parse_date("明天")


# Properties --------------------------------------------------------------------------------

dates = st.dates(min_value=D(2002, 1, 1), max_value=D(2029, 12, 31))
counts = st.integers(min_value=0, max_value=400)
random_calendars = st.builds(
    WorkCalendar.build,
    off_days=st.frozensets(st.dates(D(2024, 6, 1), D(2026, 6, 30)), max_size=120),
    extra_workdays=st.frozensets(st.dates(D(2024, 6, 1), D(2026, 6, 30)), max_size=40),
    published_years=st.frozensets(st.integers(2023, 2027)),
)
calendars = st.one_of(st.just(CAL), st.just(WEEKENDS_ONLY), random_calendars)


@settings(max_examples=200, deadline=None)
@given(calendar=calendars, start=dates, n=st.integers(min_value=1, max_value=400))
def test_result_is_a_workday_after_start(calendar: WorkCalendar, start: dt.date, n: int) -> None:
    result = calendar.add_workdays(start, n).date
    assert result > start
    assert calendar.is_workday(result)


@settings(max_examples=200, deadline=None)
@given(calendar=calendars, start=st.dates(D(2024, 1, 1), D(2026, 12, 31)), n=counts)
def test_add_matches_stepping_day_by_day(calendar: WorkCalendar, start: dt.date, n: int) -> None:
    result = calendar.add_workdays(start, n).date
    assert result == walk(calendar, start, n)
    if n >= 1:
        assert calendar.is_workday(result)


@settings(max_examples=200, deadline=None)
@given(calendar=calendars, start=dates, n=counts)
def test_between_inverts_add(calendar: WorkCalendar, start: dt.date, n: int) -> None:
    result = calendar.add_workdays(start, n).date
    assert calendar.workdays_between(start, result).days == n
    assert calendar.workdays_between(result, start).days == -n


@settings(max_examples=200, deadline=None)
@given(calendar=calendars, start=dates, n=counts, more=st.integers(1, 50))
def test_add_is_strictly_increasing_in_n(
    calendar: WorkCalendar, start: dt.date, n: int, more: int
) -> None:
    assert calendar.add_workdays(start, n).date < calendar.add_workdays(start, n + more).date


@settings(max_examples=200, deadline=None)
@given(calendar=calendars, start=dates, n=counts)
def test_provisional_iff_an_unpublished_year_was_touched(
    calendar: WorkCalendar, start: dt.date, n: int
) -> None:
    result = calendar.add_workdays(start, n)
    touched = {day.year for day in span(start + dt.timedelta(days=1), result.date)}
    assert result.provisional == bool(touched - calendar.published_years)


@settings(max_examples=200, deadline=None)
@given(calendar=calendars, a=dates, b=dates, c=dates)
def test_between_is_antisymmetric_and_additive(
    calendar: WorkCalendar, a: dt.date, b: dt.date, c: dt.date
) -> None:
    ab, bc, ac = (calendar.workdays_between(x, y).days for x, y in ((a, b), (b, c), (a, c)))
    assert ab == -calendar.workdays_between(b, a).days
    assert ab + bc == ac
    low, high = min(a, b), max(a, b)
    touched = {day.year for day in span(low + dt.timedelta(days=1), high)}
    provisional = calendar.workdays_between(a, b).provisional
    assert provisional == bool(touched - calendar.published_years)
