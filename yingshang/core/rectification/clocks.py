"""Deadline clocks and escalation (催办提醒 → 督办 → 通报).

For a task whose clock runs (state in CLOCK_STATES) and that has a deadline, `judge` says on a
given day whether it is due soon, whether it is overdue, and which escalation steps are due:

- reminder (催办提醒): from the working day `reminder_days_before` working days before the
  deadline up to the deadline itself (the task is then "due soon");
- supervision (督办): from the `supervision_after_days`-th working day after the deadline;
- notice (通报): from the `notice_after_days`-th working day after the supervision day.

Overdue means today is after the deadline. A step is never due twice for the same deadline:
`steps_taken` holds (step, deadline) pairs, so a new deadline (an approved extension) starts the
steps afresh, while the steps taken for the old deadline stay on record. Supervision and notice,
once due, stay due until taken; the reminder is only due inside its window (a reminder after the
deadline would say nothing the supervision does not).

"N working days before the deadline" is the working day d with exactly N working days in
(d, deadline]; for a deadline on a holiday (possible with calendar-day limits) the count skips
the holiday.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from yingshang.core.rectification.workflow import CLOCK_STATES, State
from yingshang.core.workdays import WorkCalendar


class Step(StrEnum):
    """The escalation steps; the codes are stored (Escalation.step) and name audit verbs."""

    REMINDER = "reminder"
    SUPERVISION = "supervision"
    NOTICE = "notice"


REMINDER = Step.REMINDER
SUPERVISION = Step.SUPERVISION
NOTICE = Step.NOTICE
STEPS = (REMINDER, SUPERVISION, NOTICE)
# The words users read in the sweep summary, notifications, audit log and docs (催办提醒 3 次、
# 督办 2 次、通报 0 次), so these, not the longer 到期提醒 / 逾期督办, are the labels.
STEP_LABELS: dict[Step, str] = {REMINDER: "催办提醒", SUPERVISION: "督办", NOTICE: "通报"}

MAX_POLICY_DAYS = 60


class PolicyError(ValueError):
    """A bad escalation policy, with a Chinese message."""


def _check_days(name: str, value: object, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PolicyError(f"{name}必须是整数: {value!r}")
    if not minimum <= value <= MAX_POLICY_DAYS:
        raise PolicyError(f"{name}必须在 {minimum} 到 {MAX_POLICY_DAYS} 个工作日之间: {value}")


@dataclass(frozen=True)
class EscalationPolicy:
    """The zone's escalation settings, in working days."""

    reminder_days_before: int = 2
    supervision_after_days: int = 1
    notice_after_days: int = 5

    def __post_init__(self) -> None:
        _check_days("到期前提醒天数", self.reminder_days_before, 0)
        _check_days("逾期后督办天数", self.supervision_after_days, 1)
        _check_days("督办后通报天数", self.notice_after_days, 0)


@dataclass(frozen=True)
class TaskClock:
    """What `judge` needs to know of a task."""

    task_id: object
    state: State | str
    deadline: dt.date | None
    steps_taken: frozenset[tuple[str, dt.date]] = frozenset()


@dataclass(frozen=True)
class ClockVerdict:
    task_id: object
    due_soon: bool
    overdue: bool
    steps_due: tuple[str, ...]


@dataclass(frozen=True)
class StepDates:
    """The first day each step is due for one deadline."""

    reminder_on: dt.date
    supervision_on: dt.date
    notice_on: dt.date


def workday_before(deadline: dt.date, n: int, calendar: WorkCalendar) -> dt.date:
    """The working day with exactly n working days in (day, deadline]; for n = 0 the deadline
    itself when it is a working day, else the last working day before it."""
    day, counted = deadline, 0
    while counted < n:
        if calendar.is_workday(day):
            counted += 1
        day -= dt.timedelta(days=1)
    while not calendar.is_workday(day):
        day -= dt.timedelta(days=1)
    return day


def step_dates(deadline: dt.date, policy: EscalationPolicy, calendar: WorkCalendar) -> StepDates:
    supervision_on = calendar.add_workdays(deadline, policy.supervision_after_days).date
    return StepDates(
        reminder_on=workday_before(deadline, policy.reminder_days_before, calendar),
        supervision_on=supervision_on,
        notice_on=calendar.add_workdays(supervision_on, policy.notice_after_days).date,
    )


def judge(
    clock: TaskClock,
    *,
    today: dt.date,
    policy: EscalationPolicy,
    calendar: WorkCalendar,
) -> ClockVerdict:
    """Due soon, overdue and the escalation steps due today (see the module text)."""
    deadline = clock.deadline
    if deadline is None or State(clock.state) not in CLOCK_STATES:
        return ClockVerdict(clock.task_id, due_soon=False, overdue=False, steps_due=())
    dates = step_dates(deadline, policy, calendar)
    overdue = today > deadline
    due_soon = dates.reminder_on <= today <= deadline
    reached = {
        REMINDER: due_soon,
        SUPERVISION: overdue and today >= dates.supervision_on,
        NOTICE: overdue and today >= dates.notice_on,
    }
    steps_due = tuple(
        step for step in STEPS if reached[step] and (step, deadline) not in clock.steps_taken
    )
    return ClockVerdict(clock.task_id, due_soon=due_soon, overdue=overdue, steps_due=steps_due)
