"""`grades.deadline_for` covers what services.settings.limit_deadline answers, so the Django side
can call the core: the same for working and calendar days; for months the same day N months on
(clamped to the month's end) when that is a working day, else the next working day, where
limit_deadline kept a holiday and never said provisional."""

import calendar as stdlib_calendar
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from yingshang.core.rectification.grades import GradeLimit, deadline_for
from yingshang.core.workdays import WorkCalendar

D = dt.date
CAL = WorkCalendar.build(
    off_days=[D(2025, 10, day) for day in range(1, 9)] + [D(2025, 1, 1)],
    extra_workdays=[D(2025, 9, 28), D(2025, 10, 11)],
    published_years=[2025],
)
starts = st.dates(min_value=D(2024, 6, 1), max_value=D(2026, 6, 30))


def same_day_months_later(start: dt.date, months: int) -> dt.date:
    """services.settings._add_months, copied."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, stdlib_calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


@given(starts, st.integers(1, 60), st.sampled_from(["workdays", "calendar_days"]))
def test_days_are_the_calendar_deadline(start, n, unit) -> None:
    # limit_deadline: calendars.selectors.deadline, i.e. load_calendar().deadline(start, n, unit)
    expected = CAL.deadline(start, n, unit)
    assert deadline_for(start, GradeLimit(n, unit), CAL) == (expected.date, expected.provisional)


@given(starts, st.integers(1, 36))
def test_months_are_the_same_day_or_the_next_working_day(start, n) -> None:
    same_day = same_day_months_later(start, n)
    day, provisional = deadline_for(start, GradeLimit(n, "months"), CAL)
    assert CAL.is_workday(day)
    assert day >= same_day
    gap = (day - same_day).days
    assert not any(CAL.is_workday(same_day + dt.timedelta(days=i)) for i in range(gap))
    if CAL.is_workday(same_day):
        assert day == same_day  # limit_deadline's answer
    years = range(same_day.year, day.year + 1)
    assert provisional == any(not CAL.is_published(year) for year in years)


def test_where_limit_deadline_differed() -> None:
    # 2025-09-08 + 1 month is 10-08, inside the National Day holiday: limit_deadline answered
    # (10-08, not provisional); the core answers the next working day.
    assert same_day_months_later(D(2025, 9, 8), 1) == D(2025, 10, 8)
    assert deadline_for(D(2025, 9, 8), GradeLimit(1, "months"), CAL) == (D(2025, 10, 9), False)
    # 2025-12-31 + 1 month is Saturday 2026-01-31, in a year not published: provisional.
    assert deadline_for(D(2025, 12, 31), GradeLimit(1, "months"), CAL) == (D(2026, 2, 2), True)
