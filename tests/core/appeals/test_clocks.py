"""Appeal clocks across the 2025 National Day holiday, and their properties.

Calendar: 2025-10-01..10-08 off; Sunday 09-28 and Saturday 10-11 worked (国办发明电〔2024〕12号).
Working days around it: Fri 09-26, Sun 09-28, Mon 09-29, Tue 09-30, | holiday |, Thu 10-09,
Fri 10-10, Sat 10-11, Mon 10-13, Tue 10-14, ..., Fri 10-17, Mon 10-20, ...
"""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yingshang.core.appeals.clocks import (
    ClockError,
    ClockReading,
    ClockStatus,
    EscalationPolicy,
    HandlingLimit,
    LimitUnit,
    Step,
    acceptance_deadline,
    acceptance_lapsed,
    check_extension,
    handling_deadline,
    rating_rectification_deadline,
    read_clock,
    resumed_deadline,
    return_visit_deadline,
    steps_due,
)
from yingshang.core.workdays import WorkCalendar

D = dt.date
CAL = WorkCalendar.build(
    off_days=[D(2025, 10, day) for day in range(1, 9)],
    extra_workdays=[D(2025, 9, 28), D(2025, 10, 11)],
    published_years=[2025],
)
POLICY = EscalationPolicy()


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (D(2025, 9, 26), D(2025, 9, 30)),  # Sun 09-28 worked, 09-29, 09-30
        (D(2025, 9, 27), D(2025, 9, 30)),  # received on a Saturday off: 09-28 is the first
        (D(2025, 9, 29), D(2025, 10, 10)),  # 09-30, then 10-09 and 10-10 after the holiday
        (D(2025, 9, 30), D(2025, 10, 11)),  # Saturday 10-11 is a 调休 working day
        (D(2025, 10, 1), D(2025, 10, 11)),  # received in the holiday
        (D(2025, 10, 8), D(2025, 10, 11)),
        (D(2025, 10, 10), D(2025, 10, 14)),  # 10-11, 10-13, 10-14 (Sunday 10-12 off)
    ],
)
def test_acceptance_deadline_three_working_days_from_the_next_day(received, expected):
    assert acceptance_deadline(received, CAL).date == expected


def test_acceptance_workdays_are_data():
    assert acceptance_deadline(D(2025, 9, 29), CAL, 1).date == D(2025, 9, 30)
    assert acceptance_deadline(D(2025, 10, 1), CAL, 0).date == D(2025, 10, 1)
    with pytest.raises(ClockError, match="受理审查时限"):
        acceptance_deadline(D(2025, 10, 1), CAL, -1)


@pytest.mark.parametrize(
    ("start", "limit", "expected"),
    [
        (D(2025, 10, 10), HandlingLimit(13), D(2025, 10, 28)),
        (D(2025, 9, 26), HandlingLimit(15), D(2025, 10, 23)),  # the reference's vector
        (D(2025, 9, 30), HandlingLimit(3), D(2025, 10, 11)),
        (D(2025, 9, 29), HandlingLimit(5), D(2025, 10, 13)),
        (D(2025, 10, 1), HandlingLimit(0, LimitUnit.SAME_DAY), D(2025, 10, 1)),
        (D(2025, 9, 8), HandlingLimit(1, LimitUnit.MONTHS), D(2025, 10, 9)),  # 10-08 is off
        (D(2025, 8, 29), HandlingLimit(1, LimitUnit.MONTHS), D(2025, 9, 29)),
    ],
)
def test_handling_deadline_vectors(start, limit, expected):
    assert handling_deadline(start, limit, CAL).date == expected


def test_handling_limit_checks_its_values():
    assert HandlingLimit(13).label == "13个工作日"
    assert HandlingLimit(1, "months").label == "1个月"
    assert HandlingLimit(0, "same_day").label == "当日"
    with pytest.raises(ClockError, match="未知的办理时限单位"):
        HandlingLimit(3, "weeks")
    with pytest.raises(ClockError, match="1 到"):
        HandlingLimit(0)


def test_suspension_moves_the_deadline_by_the_working_days_paused():
    # paused 10-13 → 10-16: 10-14, 10-15, 10-16 are three working days
    assert resumed_deadline(
        D(2025, 10, 28), suspended_on=D(2025, 10, 13), resumed_on=D(2025, 10, 16), calendar=CAL
    ) == D(2025, 10, 31)
    # paused over the holiday: only 09-30 and 10-09 count
    assert resumed_deadline(
        D(2025, 10, 10), suspended_on=D(2025, 9, 29), resumed_on=D(2025, 10, 9), calendar=CAL
    ) == D(2025, 10, 13)
    # resumed the same day: nothing paused
    assert resumed_deadline(
        D(2025, 10, 10), suspended_on=D(2025, 10, 9), resumed_on=D(2025, 10, 9), calendar=CAL
    ) == D(2025, 10, 10)
    with pytest.raises(ClockError, match="不能早于"):
        resumed_deadline(
            D(2025, 10, 10), suspended_on=D(2025, 10, 9), resumed_on=D(2025, 10, 1), calendar=CAL
        )


def test_extension_is_asked_before_the_deadline_for_a_later_day():
    check_extension(today=D(2025, 10, 9), deadline=D(2025, 10, 10), requested_until=D(2025, 11, 1))
    with pytest.raises(ClockError, match="之前申请"):
        check_extension(
            today=D(2025, 10, 10), deadline=D(2025, 10, 10), requested_until=D(2025, 11, 1)
        )
    with pytest.raises(ClockError, match="晚于原办理时限"):
        check_extension(
            today=D(2025, 10, 9), deadline=D(2025, 10, 10), requested_until=D(2025, 10, 10)
        )


def test_return_visit_next_working_day_and_rating_rectification():
    assert return_visit_deadline(D(2025, 9, 30), CAL) == D(2025, 10, 9)
    assert return_visit_deadline(D(2025, 10, 10), CAL) == D(2025, 10, 11)
    assert rating_rectification_deadline(D(2025, 9, 30), CAL, 5) == D(2025, 10, 14)
    assert rating_rectification_deadline(D(2025, 9, 26), CAL, 15) == D(2025, 10, 23)
    with pytest.raises(ClockError):
        rating_rectification_deadline(D(2025, 9, 26), CAL, 0)


def test_acceptance_lapses_after_the_deadline_day():
    assert not acceptance_lapsed(D(2025, 10, 10), D(2025, 10, 10))
    assert acceptance_lapsed(D(2025, 10, 10), D(2025, 10, 11))


@pytest.mark.parametrize(
    ("today", "reading"),
    [
        (D(2025, 10, 9), ClockReading(ClockStatus.RUNNING, 3, 0)),
        (D(2025, 10, 10), ClockReading(ClockStatus.DUE_SOON, 2, 0)),
        (D(2025, 10, 12), ClockReading(ClockStatus.DUE_SOON, 1, 0)),  # Sunday off
        (D(2025, 10, 13), ClockReading(ClockStatus.DUE_SOON, 0, 0)),
        (D(2025, 10, 14), ClockReading(ClockStatus.OVERDUE, 0, 1)),
        (D(2025, 10, 20), ClockReading(ClockStatus.OVERDUE, 0, 5)),
    ],
)
def test_read_clock(today, reading):
    assert read_clock(D(2025, 10, 13), today, CAL, due_soon_days=2) == reading


def test_clock_labels_are_chinese():
    assert read_clock(D(2025, 10, 13), D(2025, 10, 20), CAL).label == "已超期 5 个工作日"
    assert "剩余 3 个工作日" in read_clock(D(2025, 10, 13), D(2025, 10, 9), CAL).label


def test_escalation_steps_after_the_deadline():
    deadline = D(2025, 10, 13)
    assert steps_due(deadline, D(2025, 10, 10), CAL, POLICY) == ()
    assert steps_due(deadline, D(2025, 10, 11), CAL, POLICY) == (Step.REMINDER,)
    assert steps_due(deadline, D(2025, 10, 14), CAL, POLICY) == (Step.URGE,)
    taken = frozenset({(Step.URGE.value, deadline)})
    assert steps_due(deadline, D(2025, 10, 15), CAL, POLICY, taken) == ()
    assert steps_due(deadline, D(2025, 10, 16), CAL, POLICY, taken) == (Step.SUPERVISION,)
    assert steps_due(deadline, D(2025, 10, 20), CAL, POLICY) == (
        Step.URGE,
        Step.SUPERVISION,
        Step.NOTICE,
    )
    # a new deadline (an approved extension) starts the steps afresh
    assert steps_due(D(2025, 10, 14), D(2025, 10, 15), CAL, POLICY, taken) == (Step.URGE,)


def test_policy_is_checked():
    with pytest.raises(ClockError, match="依次不减"):
        EscalationPolicy(urge_after_days=3, supervision_after_days=2)
    with pytest.raises(ClockError, match="至少为 1"):
        EscalationPolicy(urge_after_days=0)


# Properties --------------------------------------------------------------------------------

days = st.dates(min_value=D(2024, 6, 1), max_value=D(2026, 6, 30))
weekdays_2025 = st.dates(min_value=D(2025, 1, 1), max_value=D(2025, 12, 31)).filter(
    lambda d: d.weekday() < 5
)
weekends_2025 = st.dates(min_value=D(2025, 1, 1), max_value=D(2025, 12, 31)).filter(
    lambda d: d.weekday() >= 5
)
calendars = st.builds(
    lambda off, extra: WorkCalendar.build(
        off_days=off, extra_workdays=extra, published_years=[2025]
    ),
    st.frozensets(weekdays_2025, max_size=25),
    st.frozensets(weekends_2025, max_size=6),
)
limits = st.one_of(
    st.builds(HandlingLimit, st.integers(1, 30)),
    st.builds(lambda n: HandlingLimit(n, LimitUnit.MONTHS), st.integers(1, 3)),
)


@settings(max_examples=200, deadline=None)
@given(calendar=calendars, received=days, later=st.integers(0, 40), n=st.integers(1, 10))
def test_acceptance_deadline_is_a_working_day_and_monotone(calendar, received, later, n):
    first = acceptance_deadline(received, calendar, n).date
    second = acceptance_deadline(received + dt.timedelta(days=later), calendar, n).date
    assert calendar.is_workday(first) and first > received
    assert second >= first
    assert calendar.workdays_between(received, first).days == n


@settings(max_examples=200, deadline=None)
@given(calendar=calendars, start=days, later=st.integers(0, 40), limit=limits)
def test_handling_deadline_is_a_working_day_and_monotone(calendar, start, later, limit):
    first = handling_deadline(start, limit, calendar).date
    second = handling_deadline(start + dt.timedelta(days=later), limit, calendar).date
    assert calendar.is_workday(first) and first > start
    assert second >= first


@settings(max_examples=200, deadline=None)
@given(
    calendar=calendars,
    start=days,
    limit=limits,
    pause_at=st.integers(0, 20),
    pause_for=st.integers(0, 30),
)
def test_pausing_never_shortens_and_keeps_the_days_left(
    calendar, start, limit, pause_at, pause_for
):
    deadline = handling_deadline(start, limit, calendar).date
    suspended_on = start + dt.timedelta(days=pause_at)
    resumed_on = suspended_on + dt.timedelta(days=pause_for)
    moved = resumed_deadline(
        deadline, suspended_on=suspended_on, resumed_on=resumed_on, calendar=calendar
    )
    assert moved >= deadline and calendar.is_workday(moved)
    if suspended_on <= deadline:
        left_before = calendar.workdays_between(suspended_on, deadline).days
        assert calendar.workdays_between(resumed_on, moved).days == left_before


@settings(max_examples=200, deadline=None)
@given(calendar=calendars, deadline=days, today=days)
def test_steps_are_taken_once(calendar, deadline, today):
    due = steps_due(deadline, today, calendar, POLICY)
    taken = frozenset((step.value, deadline) for step in due)
    assert steps_due(deadline, today, calendar, POLICY, taken) == ()
    reading = read_clock(deadline, today, calendar)
    assert (reading.status is ClockStatus.OVERDUE) == (today > deadline)
    assert (Step.URGE in due) <= (today > deadline)
