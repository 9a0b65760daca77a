"""Counting the monthly performance figures (效能考核) from the tasks' records.

The Django selector fetches, for the zone's tasks, the records whose action is in
`COUNTED_ACTIONS`, ordered by task and then by time (created_at, id), as plain rows
(task id, action, local day, the task's deadline, its lead department); `histories_from_records`
groups them into one `TaskHistory` per task, and `count_department_months` counts:

- assigned: tasks assigned (交办) in the month;
- done_on_time: acceptances in the month whose last submission before them was made on or
  before the task's deadline;
- overdue: tasks whose deadline fell in the month and is before `today`, and that were never
  accepted after a submission made on or before it (counted in the deadline's month, whatever
  the task's state: a task done late stays late);
- closed: closures (销号) in the month; those of a task whose assignment is on record are timed,
  with the working days from assignment to closure (negative counts, from records dated out of
  order, count as 0), and their mean is the month's mean_workdays_to_close (one decimal);
- returned: returns at acceptance (退回) in the month.

The task's deadline is the one it has now (an approved extension counts from the start).
A reopening changes nothing: an acceptance on time before it still counts, and a task closed
twice is counted twice; that is the selector's behaviour, moved here unchanged.

Only the given departments and the months from `month_from` to `month_to` are counted; every
(department, month) pair is answered, departments in the order given, then months.
"""

import datetime as dt
from collections.abc import Collection, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from yingshang.core.rectification.performance import DepartmentMonth
from yingshang.core.rectification.workflow import Action
from yingshang.core.workdays import WorkCalendar

COUNTED_ACTIONS: tuple[Action, ...] = (
    Action.ASSIGN,
    Action.SUBMIT,
    Action.RETURN,
    Action.ACCEPT,
    Action.CLOSE,
    Action.REOPEN,
)
"""The record actions the counting reads; the selector need fetch no others. Records of other
actions are ignored, and a task with none of these is not counted at all (not even as overdue),
as when the selector never fetched it. Reopen adds nothing but, being fetched, makes a task
present."""

COUNTS = ("assigned", "done_on_time", "overdue", "closed", "returned")


@dataclass(frozen=True)
class TaskHistory:
    """One task's facts: its lead department, its deadline now, and its records as
    (action, local day), oldest first (ties in the order they were made)."""

    task_id: Hashable
    department: Hashable
    deadline: dt.date | None
    events: tuple[tuple[str, dt.date], ...] = ()


class Tick(NamedTuple):
    """One thing a task adds to its department's month: a count, and for a timed closure the
    working days it took. (A tuple: a year of a zone's records makes hundreds of thousands.)"""

    month: str
    count: str
    workdays: int | None = None


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_range(month_from: dt.date, month_to: dt.date) -> list[str]:
    """ "YYYY-MM" from month_from's month to month_to's, both included (empty when reversed)."""
    months, year, month = [], month_from.year, month_from.month
    while (year, month) <= (month_to.year, month_to.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def histories_from_records(
    records: Iterable[tuple[Hashable, str, dt.date, dt.date | None, Hashable]],
) -> Iterator[TaskHistory]:
    """Group rows (task_id, action, day, deadline, department), ordered by task and time, into
    histories, lazily: a zone's year holds hundreds of thousands of records. The deadline and
    department are the task's, the same on each of its rows."""
    current: tuple[Hashable, Hashable, dt.date | None] | None = None
    events: list[tuple[str, dt.date]] = []
    for task_id, action, day, deadline, department in records:
        if current is None or task_id != current[0]:
            if current is not None:
                yield TaskHistory(current[0], current[1], current[2], tuple(events))
            current, events = (task_id, department, deadline), []
        events.append((str(action), day))
    if current is not None:
        yield TaskHistory(current[0], current[1], current[2], tuple(events))


def task_ticks(
    history: TaskHistory,
    *,
    today: dt.date,
    calendar: WorkCalendar,
    months: Collection[str] | None = None,
) -> list[Tick]:
    """What one task adds to its department's months (see the module text). With `months`,
    the working days to close are counted only for closures in those months: the others are
    not reported, and counting working days is the costly part."""
    ticks: list[Tick] = []
    if not any(action in COUNTED_ACTIONS for action, _day in history.events):
        return ticks
    deadline = history.deadline
    assigned_day: dt.date | None = None
    last_submit: dt.date | None = None
    accepted_in_time = False
    for action, day in history.events:
        if action == Action.ASSIGN:
            assigned_day = day
            ticks.append(Tick(month_key(day), "assigned"))
        elif action == Action.SUBMIT:
            last_submit = day
        elif action == Action.RETURN:
            ticks.append(Tick(month_key(day), "returned"))
        elif action == Action.ACCEPT:
            if deadline is not None and last_submit is not None and last_submit <= deadline:
                accepted_in_time = True
                ticks.append(Tick(month_key(day), "done_on_time"))
        elif action == Action.CLOSE:
            month = month_key(day)
            days = None
            if assigned_day is not None and (months is None or month in months):
                days = max(calendar.workdays_between(assigned_day, day).days, 0)
            ticks.append(Tick(month, "closed", days))
    if deadline is not None and deadline < today and not accepted_in_time:
        ticks.append(Tick(month_key(deadline), "overdue"))
    return ticks


@dataclass
class _Tally:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    timed: int = 0
    workdays: int = 0

    def add(self, tick: Tick) -> None:
        self.counts[tick.count] += 1
        if tick.workdays is not None:
            self.timed += 1
            self.workdays += tick.workdays


def count_department_months(
    histories: Iterable[TaskHistory],
    *,
    departments: Mapping[Hashable, Any] | Iterable[Hashable],
    month_from: dt.date,
    month_to: dt.date,
    today: dt.date,
    calendar: WorkCalendar,
) -> list[DepartmentMonth]:
    """One DepartmentMonth per department and month (see the module text).

    `departments` maps the department key of the histories (an id) to what the figures should
    name (a Department, a name); a plain iterable of keys names each by its key. Histories of
    other departments and ticks outside the months are ignored.
    """
    named = dict(departments) if isinstance(departments, Mapping) else {d: d for d in departments}
    months = month_range(month_from, month_to)
    tallies = {(key, month): _Tally() for key in named for month in months}
    wanted = frozenset(months)
    for history in histories:
        if history.department not in named:
            continue  # an inactive department's tasks: not worth their working-day counts
        for tick in task_ticks(history, today=today, calendar=calendar, months=wanted):
            tally = tallies.get((history.department, tick.month))
            if tally is not None:
                tally.add(tick)
    return [_figures(named[key], month, tallies[(key, month)]) for key in named for month in months]


def _figures(department: Any, month: str, tally: _Tally) -> DepartmentMonth:
    mean = round(tally.workdays / tally.timed, 1) if tally.timed else None
    return DepartmentMonth(
        department=department,
        month=month,
        mean_workdays_to_close=mean,
        timed_closures=tally.timed,
        workdays_to_close_total=tally.workdays,
        **tally.counts,
    )
