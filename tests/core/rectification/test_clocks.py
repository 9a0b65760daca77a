"""Deadline clocks and escalation across the 2025 National Day holiday.

Calendar: 2025-10-01..10-08 off; Sunday 09-28 and Saturday 10-11 worked (国办发明电〔2024〕12号).
Working days around it: ... Fri 09-26, Sun 09-28, Mon 09-29, Tue 09-30, | holiday |, Thu 10-09,
Fri 10-10, Sat 10-11, Mon 10-13, Tue 10-14, ..., Fri 10-17, Mon 10-20, Tue 10-21, ...
"""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yingshang.core.rectification.clocks import (
    NOTICE,
    REMINDER,
    SUPERVISION,
    ClockVerdict,
    EscalationPolicy,
    PolicyError,
    StepDates,
    TaskClock,
    judge,
    step_dates,
    workday_before,
)
from yingshang.core.rectification.grades import GradeLimit, deadline_for
from yingshang.core.rectification.workflow import CLOCK_STATES, State
from yingshang.core.workdays import WorkCalendar

D = dt.date
CAL = WorkCalendar.build(
    off_days=[D(2025, 10, day) for day in range(1, 9)],
    extra_workdays=[D(2025, 9, 28), D(2025, 10, 11)],
    published_years=[2025],
)
POLICY = EscalationPolicy()  # 2 before, 1 after, notice 5 after supervision


def verdict(deadline: dt.date, today: dt.date, taken=(), state=State.IN_PROGRESS, policy=POLICY):
    clock = TaskClock("T1", state, deadline, frozenset(taken))
    return judge(clock, today=today, policy=policy, calendar=CAL)


def test_default_policy() -> None:
    assert EscalationPolicy() == EscalationPolicy(
        reminder_days_before=2, supervision_after_days=1, notice_after_days=5
    )


def test_c_grade_task_assigned_before_the_holiday() -> None:
    deadline, provisional = deadline_for(D(2025, 9, 29), GradeLimit(5, "workdays"), CAL)
    assert (deadline, provisional) == (D(2025, 10, 13), False)
    # reminder: two working days before Monday 10-13 -> Sat 10-11 (1 before), Fri 10-10 (2)
    # supervision: the first working day after -> 10-14; notice: 5 more -> 10-21
    assert step_dates(deadline, POLICY, CAL) == StepDates(
        reminder_on=D(2025, 10, 10), supervision_on=D(2025, 10, 14), notice_on=D(2025, 10, 21)
    )
    assert verdict(deadline, D(2025, 10, 9)) == ClockVerdict("T1", False, False, ())
    assert verdict(deadline, D(2025, 10, 10)) == ClockVerdict("T1", True, False, (REMINDER,))
    assert verdict(deadline, D(2025, 10, 12)) == ClockVerdict("T1", True, False, (REMINDER,))
    assert verdict(deadline, D(2025, 10, 13)) == ClockVerdict("T1", True, False, (REMINDER,))
    assert verdict(deadline, D(2025, 10, 14)) == ClockVerdict("T1", False, True, (SUPERVISION,))
    assert verdict(deadline, D(2025, 10, 20)).steps_due == (SUPERVISION,)
    assert verdict(deadline, D(2025, 10, 21)).steps_due == (SUPERVISION, NOTICE)
    assert verdict(deadline, D(2026, 3, 1)) == ClockVerdict(
        "T1", False, True, (SUPERVISION, NOTICE)
    )


def test_deadline_just_before_the_holiday() -> None:
    deadline = D(2025, 9, 30)
    # two working days before Tuesday 09-30: 09-29 (1), Sunday 09-28 worked (2)
    # supervision on the first working day after the holiday, notice five working days later
    assert step_dates(deadline, POLICY, CAL) == StepDates(
        reminder_on=D(2025, 9, 28), supervision_on=D(2025, 10, 9), notice_on=D(2025, 10, 15)
    )
    assert verdict(deadline, D(2025, 9, 27)).due_soon is False
    assert verdict(deadline, D(2025, 9, 28)).steps_due == (REMINDER,)
    during = verdict(deadline, D(2025, 10, 5))
    assert during == ClockVerdict("T1", due_soon=False, overdue=True, steps_due=())
    assert verdict(deadline, D(2025, 10, 8)).steps_due == ()
    assert verdict(deadline, D(2025, 10, 9)).steps_due == (SUPERVISION,)
    assert verdict(deadline, D(2025, 10, 14)).steps_due == (SUPERVISION,)
    assert verdict(deadline, D(2025, 10, 15)).steps_due == (SUPERVISION, NOTICE)


def test_deadline_on_a_holiday() -> None:
    # a calendar-day limit may end on a holiday: 09-29 + 5 days = Saturday 10-04
    deadline, _ = deadline_for(D(2025, 9, 29), GradeLimit(5, "calendar_days"), CAL)
    assert deadline == D(2025, 10, 4)
    # working days in (d, 10-04]: 09-30 and 09-29 -> d = Sunday 09-28 (worked)
    assert step_dates(deadline, POLICY, CAL) == StepDates(
        reminder_on=D(2025, 9, 28), supervision_on=D(2025, 10, 9), notice_on=D(2025, 10, 15)
    )
    assert verdict(deadline, D(2025, 10, 4)).due_soon is True
    assert verdict(deadline, D(2025, 10, 6)).overdue is True


def test_workday_before() -> None:
    assert workday_before(D(2025, 10, 13), 0, CAL) == D(2025, 10, 13)
    assert workday_before(D(2025, 10, 13), 1, CAL) == D(2025, 10, 11)
    assert workday_before(D(2025, 10, 9), 1, CAL) == D(2025, 9, 30)
    assert workday_before(D(2025, 10, 5), 0, CAL) == D(2025, 9, 30)
    assert workday_before(D(2025, 10, 9), 3, CAL) == D(2025, 9, 28)


def test_other_policies() -> None:
    policy = EscalationPolicy(reminder_days_before=0, supervision_after_days=2, notice_after_days=0)
    assert step_dates(D(2025, 10, 13), policy, CAL) == StepDates(
        reminder_on=D(2025, 10, 13), supervision_on=D(2025, 10, 15), notice_on=D(2025, 10, 15)
    )
    assert verdict(D(2025, 10, 13), D(2025, 10, 10), policy=policy).due_soon is False
    assert verdict(D(2025, 10, 13), D(2025, 10, 14), policy=policy).steps_due == ()
    assert verdict(D(2025, 10, 13), D(2025, 10, 15), policy=policy).steps_due == (
        SUPERVISION,
        NOTICE,
    )


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"reminder_days_before": -1}, "到期前提醒天数"),
        ({"supervision_after_days": 0}, "逾期后督办天数"),
        ({"notice_after_days": 61}, "督办后通报天数"),
        ({"notice_after_days": 2.5}, "必须是整数"),
        ({"reminder_days_before": True}, "必须是整数"),
    ],
)
def test_policy_is_checked(kwargs: dict, fragment: str) -> None:
    with pytest.raises(PolicyError, match=fragment):
        EscalationPolicy(**kwargs)


def test_steps_taken_are_not_due_again() -> None:
    deadline = D(2025, 10, 13)
    assert verdict(deadline, D(2025, 10, 11), [(REMINDER, deadline)]).steps_due == ()
    assert verdict(deadline, D(2025, 10, 11), [(REMINDER, deadline)]).due_soon is True
    taken = [(SUPERVISION, deadline)]
    assert verdict(deadline, D(2025, 10, 22), taken).steps_due == (NOTICE,)
    taken = [(SUPERVISION, deadline), (NOTICE, deadline)]
    assert verdict(deadline, D(2025, 10, 22), taken) == ClockVerdict("T1", False, True, ())


def test_a_daily_sweep_takes_each_step_once_on_its_day() -> None:
    deadline = D(2025, 10, 13)
    taken: set[tuple[str, dt.date]] = set()
    log: list[tuple[str, dt.date]] = []
    day = D(2025, 9, 1)
    while day <= D(2025, 12, 31):
        for _ in range(2):  # running twice a day changes nothing
            for step in verdict(deadline, day, taken).steps_due:
                taken.add((step, deadline))
                log.append((step, day))
        day += dt.timedelta(days=1)
    assert log == [
        (REMINDER, D(2025, 10, 10)),
        (SUPERVISION, D(2025, 10, 14)),
        (NOTICE, D(2025, 10, 21)),
    ]


def test_an_extension_restarts_the_steps() -> None:
    old, new = D(2025, 10, 13), D(2025, 10, 20)
    taken = [(REMINDER, old), (SUPERVISION, old)]
    # reminder for Monday 10-20: 10-17 (1 before), 10-16 (2 before)
    assert verdict(new, D(2025, 10, 15), taken) == ClockVerdict("T1", False, False, ())
    assert verdict(new, D(2025, 10, 16), taken) == ClockVerdict("T1", True, False, (REMINDER,))
    assert verdict(new, D(2025, 10, 21), taken).steps_due == (SUPERVISION,)
    assert verdict(new, D(2025, 10, 28), taken).steps_due == (SUPERVISION, NOTICE)
    both = [*taken, (REMINDER, new), (SUPERVISION, new)]
    assert verdict(new, D(2025, 10, 21), both).steps_due == ()


@pytest.mark.parametrize("state", [s for s in State if s not in CLOCK_STATES])
def test_states_outside_the_clock_never_escalate(state: State) -> None:
    for today in (D(2025, 10, 10), D(2025, 10, 14), D(2025, 10, 21), D(2026, 6, 1)):
        assert verdict(D(2025, 10, 13), today, state=state) == ClockVerdict("T1", False, False, ())


@pytest.mark.parametrize("state", sorted(CLOCK_STATES))
def test_clock_states_escalate(state: State) -> None:
    assert verdict(D(2025, 10, 13), D(2025, 10, 21), state=state.value).steps_due == (
        SUPERVISION,
        NOTICE,
    )


def test_no_deadline_no_clock() -> None:
    clock = TaskClock("T9", State.ASSIGNED, None)
    assert judge(clock, today=D(2030, 1, 1), policy=POLICY, calendar=CAL) == ClockVerdict(
        "T9", False, False, ()
    )


days = st.dates(min_value=D(2025, 8, 1), max_value=D(2026, 2, 28))
policies = st.builds(
    EscalationPolicy,
    reminder_days_before=st.integers(0, 10),
    supervision_after_days=st.integers(1, 10),
    notice_after_days=st.integers(0, 10),
)


@settings(max_examples=300, deadline=None)
@given(deadline=days, first=days, second=days, policy=policies)
def test_judging_is_monotone_in_today(
    deadline: dt.date, first: dt.date, second: dt.date, policy: EscalationPolicy
) -> None:
    early, late = sorted((first, second))
    a = verdict(deadline, early, policy=policy)
    b = verdict(deadline, late, policy=policy)
    assert not (a.due_soon and a.overdue) and not (b.due_soon and b.overdue)
    assert a.overdue <= b.overdue  # once overdue, overdue until the deadline changes
    assert a.overdue == (early > deadline)
    for step in (SUPERVISION, NOTICE):  # once due, due until taken
        assert (step in a.steps_due) <= (step in b.steps_due)
    assert (NOTICE in a.steps_due) <= (SUPERVISION in a.steps_due)
    assert a.due_soon == (REMINDER in a.steps_due)  # nothing taken yet
    taken = frozenset((step, deadline) for step in (REMINDER, SUPERVISION, NOTICE))
    assert verdict(deadline, late, taken, policy=policy).steps_due == ()
