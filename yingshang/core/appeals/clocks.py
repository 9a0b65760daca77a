"""The working-day clocks of an appeal (诉求时限).

Every clock counts working days over a `WorkCalendar` and starts the day after its event
(自受理之次日起计算): `add_workdays(start, n)` is the n-th working day after `start`.

- Acceptance (受理审查): within `acceptance_workdays` (default 3) working days of receipt
  (豫政办〔2024〕67号); with no decision by then the appeal is deemed accepted (视为受理) on the
  deadline's day. 0 means the same day (an emergency is accepted on receipt).
- Handling (办理): per kind (`HandlingLimit`): the same day ("same_day": the start day itself,
  whatever day it is: an emergency is answered on the day it arrives), N working days
  ("workdays"), or N months ("months", the same day N months later, moved to the next working
  day; grade A, 1 month). It is counted from acceptance: the day of the acceptance decision, or
  the acceptance deadline for a deemed acceptance; a reopened case counts again from the day of
  the reopening.
- Suspension (中止) pauses the handling clock: on resumption the deadline moves by the working
  days in (suspended_on, resumed_on]; pausing never shortens a deadline.
- Extension (延期): asked for strictly before the deadline, for a later date; approved, the
  deadline becomes that date.
- Return visit (回访): the next working day after the reply (办结).
- Bad-rating rectification (差评整改): 5 or 15 working days from the rating (data).
- The state of a clock on a day: running, due soon (at most `due_soon_days` working days left)
  or overdue by N working days.
- Escalation of a late handling clock: a reminder (到期提醒) inside the due-soon window, then
  催办 the `urge_after_days`-th working day after the deadline (default 1: the next day), 督办
  after `supervision_after_days` (default 3) and 通报 after `notice_after_days` (default 5: "still
  5 working days late → 书面通报批评"). Each step is taken once per deadline.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from yingshang.core.rectification.grades import GradeLimit, deadline_for
from yingshang.core.workdays import WorkCalendar, WorkdayResult

DEFAULT_ACCEPTANCE_WORKDAYS = 3
MAX_WORKDAYS = 250


class ClockError(ValueError):
    """A refused clock change or a bad time limit, with a Chinese message."""


class LimitUnit(StrEnum):
    SAME_DAY = "same_day"
    WORKDAYS = "workdays"
    MONTHS = "months"


UNIT_LABELS: dict[LimitUnit, str] = {
    LimitUnit.SAME_DAY: "当日",
    LimitUnit.WORKDAYS: "个工作日",
    LimitUnit.MONTHS: "个月",
}


@dataclass(frozen=True)
class HandlingLimit:
    """A handling time limit: `amount` of `unit` (the amount is ignored for the same day)."""

    amount: int
    unit: LimitUnit | str = LimitUnit.WORKDAYS

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "unit", LimitUnit(self.unit))
        except ValueError:
            raise ClockError(f"未知的办理时限单位：{self.unit!r}") from None
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise ClockError(f"办理时限必须是整数：{self.amount!r}")
        if self.unit is not LimitUnit.SAME_DAY and not 1 <= self.amount <= MAX_WORKDAYS:
            raise ClockError(f"办理时限必须在 1 到 {MAX_WORKDAYS} 之间：{self.amount}")

    @property
    def label(self) -> str:
        """For display: 当日、13个工作日、1个月."""
        if self.unit is LimitUnit.SAME_DAY:
            return "当日"
        return f"{self.amount}{UNIT_LABELS[LimitUnit(self.unit)]}"


def _workdays(n: int, what: str) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_WORKDAYS:
        raise ClockError(f"{what}必须是 0 到 {MAX_WORKDAYS} 之间的整数：{n!r}")
    return n


def acceptance_deadline(
    received: dt.date, calendar: WorkCalendar, workdays: int = DEFAULT_ACCEPTANCE_WORKDAYS
) -> WorkdayResult:
    """The last day of the acceptance review, counted from the day after receipt."""
    return calendar.add_workdays(received, _workdays(workdays, "受理审查时限"))


def handling_deadline(
    start: dt.date, limit: HandlingLimit, calendar: WorkCalendar
) -> WorkdayResult:
    """The handling deadline counted from `start` (the acceptance, or a reopening)."""
    if limit.unit is LimitUnit.SAME_DAY:
        return WorkdayResult(start, provisional=calendar.is_provisional(start))
    if limit.unit is LimitUnit.MONTHS:
        day, provisional = deadline_for(start, GradeLimit(limit.amount, "months"), calendar)
        return WorkdayResult(day, provisional)
    return calendar.add_workdays(start, limit.amount)


def resumed_deadline(
    deadline: dt.date, *, suspended_on: dt.date, resumed_on: dt.date, calendar: WorkCalendar
) -> dt.date:
    """The deadline after a suspension (中止) from `suspended_on` to `resumed_on`: later by the
    working days paused, so the days left when the clock stopped are left when it restarts."""
    if resumed_on < suspended_on:
        raise ClockError("恢复办理日期不能早于中止日期")
    paused = calendar.workdays_between(suspended_on, resumed_on).days
    return calendar.add_workdays(deadline, paused).date


def check_extension(*, today: dt.date, deadline: dt.date, requested_until: dt.date) -> None:
    """An extension is asked for before the deadline and for a later day; else ClockError."""
    if today >= deadline:
        raise ClockError(
            f"延期须在办理时限 {deadline.isoformat()} 之前申请，已到期的诉求不能申请延期"
        )
    if requested_until <= deadline:
        raise ClockError("申请延至的日期须晚于原办理时限")


def return_visit_deadline(replied_on: dt.date, calendar: WorkCalendar) -> dt.date:
    """The return visit is due the next working day after the reply (办结)."""
    return calendar.add_workdays(replied_on, 1).date


def rating_rectification_deadline(
    rated_on: dt.date, calendar: WorkCalendar, workdays: int = 5
) -> dt.date:
    """The 差评 rectification deadline: `workdays` (5 or 15, the zone's rule) after the rating."""
    if _workdays(workdays, "差评整改时限") < 1:
        raise ClockError("差评整改时限至少为 1 个工作日")
    return calendar.add_workdays(rated_on, workdays).date


def acceptance_lapsed(deadline: dt.date, today: dt.date) -> bool:
    """No decision by the end of the deadline's day: deemed accepted (视为受理)."""
    return today > deadline


# The state of a clock on a day -------------------------------------------------------------


class ClockStatus(StrEnum):
    RUNNING = "running"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


CLOCK_STATUS_LABELS: dict[ClockStatus, str] = {
    ClockStatus.RUNNING: "办理中",
    ClockStatus.DUE_SOON: "即将到期",
    ClockStatus.OVERDUE: "已超期",
}


@dataclass(frozen=True)
class ClockReading:
    status: ClockStatus
    workdays_left: int  # working days in (today, deadline]; 0 when overdue
    workdays_overdue: int  # working days in (deadline, today]; 0 unless overdue

    @property
    def label(self) -> str:
        if self.status is ClockStatus.OVERDUE:
            return f"已超期 {self.workdays_overdue} 个工作日"
        if self.status is ClockStatus.DUE_SOON:
            return f"即将到期（剩余 {self.workdays_left} 个工作日）"
        return f"办理中（剩余 {self.workdays_left} 个工作日）"


def read_clock(
    deadline: dt.date, today: dt.date, calendar: WorkCalendar, due_soon_days: int = 2
) -> ClockReading:
    """Running, due soon (at most `due_soon_days` working days left) or overdue (after the
    deadline's day; a holiday after the deadline adds no overdue working day)."""
    if today > deadline:
        late = calendar.workdays_between(deadline, today).days
        return ClockReading(ClockStatus.OVERDUE, 0, late)
    left = calendar.workdays_between(today, deadline).days
    status = ClockStatus.DUE_SOON if left <= due_soon_days else ClockStatus.RUNNING
    return ClockReading(status, left, 0)


# Escalation ----------------------------------------------------------------------------------


class Step(StrEnum):
    """Stored in Escalation.step; the order is the order they fall due."""

    REMINDER = "reminder"
    URGE = "urge"
    SUPERVISION = "supervision"
    NOTICE = "notice"


STEP_LABELS: dict[Step, str] = {
    Step.REMINDER: "到期提醒",
    Step.URGE: "催办",
    Step.SUPERVISION: "督办",
    Step.NOTICE: "通报",
}


@dataclass(frozen=True)
class EscalationPolicy:
    """The zone's escalation rule for handling clocks, in working days."""

    due_soon_days: int = 1
    urge_after_days: int = 1
    supervision_after_days: int = 3
    notice_after_days: int = 5

    def __post_init__(self) -> None:
        _workdays(self.due_soon_days, "到期前提醒天数")
        days = (self.urge_after_days, self.supervision_after_days, self.notice_after_days)
        for value, what in zip(days, ("催办", "督办", "通报"), strict=True):
            if _workdays(value, f"超期后{what}天数") < 1:
                raise ClockError(f"超期后{what}天数至少为 1 个工作日")
        if not days[0] <= days[1] <= days[2]:
            raise ClockError("催办、督办、通报的天数须依次不减")


def steps_due(
    deadline: dt.date,
    today: dt.date,
    calendar: WorkCalendar,
    policy: EscalationPolicy,
    taken: frozenset[tuple[str, dt.date]] = frozenset(),
) -> tuple[Step, ...]:
    """The escalation steps due today for this deadline and not yet taken for it. The reminder
    is due only inside the due-soon window; the later steps, once due, stay due until taken."""
    reading = read_clock(deadline, today, calendar, policy.due_soon_days)
    late = reading.workdays_overdue
    reached = {
        Step.REMINDER: reading.status is ClockStatus.DUE_SOON,
        Step.URGE: late >= policy.urge_after_days,
        Step.SUPERVISION: late >= policy.supervision_after_days,
        Step.NOTICE: late >= policy.notice_after_days,
    }
    return tuple(step for step in Step if reached[step] and (step, deadline) not in taken)
