"""Reading rectification records, always scoped to what the user may see."""

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from yingshang.core.rectification.workflow import CLOCK_STATES
from yingshang.kernel.access import has_role
from yingshang.kernel.models import Department, Role, Zone
from yingshang.rectification.models import Plan, PlanStatus, Problem, Task

ZONE_READERS = (Role.OFFICE, Role.LEADER)


def tasks_visible_to(user: Any) -> QuerySet[Task]:
    """Office, leaders: the zone's tasks; departments: tasks they lead or support; others: none."""
    if has_role(user, Role.ADMIN):
        return Task.objects.all()
    if has_role(user, *ZONE_READERS) and user.zone_id is not None:
        return Task.objects.filter(zone_id=user.zone_id)
    if has_role(user, Role.DEPARTMENT) and user.department_id is not None:
        ids = Task.objects.filter(
            Q(lead_department_id=user.department_id)
            | Q(supporting_departments__id=user.department_id),
            zone_id=user.zone_id,
        ).values("id")
        return Task.objects.filter(id__in=ids)
    return Task.objects.none()


def get_task(*, user: Any, task_id: int) -> Task:
    """The task, or 404 when it is outside what the user may see."""
    task = tasks_visible_to(user).filter(pk=task_id).select_related("lead_department").first()
    if task is None:
        raise Http404("未找到该整改任务")
    return task


def problems_visible_to(user: Any) -> QuerySet[Problem]:
    """Office, leaders: the zone's ledger; departments: problems assigned to them or to their
    tasks; others: none."""
    if has_role(user, Role.ADMIN):
        return Problem.objects.all()
    if has_role(user, *ZONE_READERS) and user.zone_id is not None:
        return Problem.objects.filter(zone_id=user.zone_id)
    if has_role(user, Role.DEPARTMENT) and user.department_id is not None:
        task_ids = tasks_visible_to(user).values("id")
        ids = Problem.objects.filter(
            Q(department_id=user.department_id) | Q(tasks__id__in=task_ids),
            zone_id=user.zone_id,
        ).values("id")
        return Problem.objects.filter(id__in=ids)
    return Problem.objects.none()


def plans_visible_to(user: Any) -> QuerySet[Plan]:
    """Office, leaders: every plan of the zone; departments: published plans; others: none."""
    if has_role(user, Role.ADMIN):
        return Plan.objects.all()
    if has_role(user, *ZONE_READERS) and user.zone_id is not None:
        return Plan.objects.filter(zone_id=user.zone_id)
    if has_role(user, Role.DEPARTMENT) and user.zone_id is not None:
        return Plan.objects.filter(zone_id=user.zone_id, status=PlanStatus.PUBLISHED)
    return Plan.objects.none()


def overdue_tasks(user: Any) -> QuerySet[Task]:
    """Tasks the user may see whose clock runs and whose deadline has passed."""
    return tasks_visible_to(user).filter(
        state__in=[s.value for s in CLOCK_STATES], deadline__lt=timezone.localdate()
    )


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def closure_by_month(zone: Zone) -> list[tuple[str, int]]:
    """Tasks closed (销号) per month, oldest first, as ("YYYY-MM", count)."""
    days = Task.objects.filter(zone=zone, closed_on__isnull=False).values_list(
        "closed_on", flat=True
    )
    counts = Counter(_month(day) for day in days)
    return sorted(counts.items())


def overdue_by_department(zone: Zone) -> list[tuple[Department, int]]:
    """Overdue tasks per lead department, most first."""
    today = timezone.localdate()
    rows = Task.objects.filter(
        zone=zone, state__in=[s.value for s in CLOCK_STATES], deadline__lt=today
    ).values_list("lead_department_id", flat=True)
    counts = Counter(rows)
    departments = Department.objects.in_bulk(list(counts))
    return sorted(
        ((departments[pk], n) for pk, n in counts.items()), key=lambda item: (-item[1], item[0].pk)
    )


# Department performance (效能考核) -----------------------------------------------------------


def _month_range(month_from: dt.date, month_to: dt.date) -> list[str]:
    months, year, month = [], month_from.year, month_from.month
    while (year, month) <= (month_to.year, month_to.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def department_performance(*, zone: Zone, month_from: dt.date, month_to: dt.date) -> list[Any]:
    """One DepartmentMonth per active department of the zone and month (months "YYYY-MM", the
    department a Department), counted from the dates of the task records:

    - assigned: tasks assigned (交办) in the month;
    - done_on_time: tasks accepted in the month whose accepted submission was made on or before
      the deadline in force;
    - overdue: tasks whose deadline fell in the month and passed without a submission on or
      before it that was later accepted;
    - closed: tasks closed (销号) in the month, with the mean working days from assignment;
    - returned: returns at acceptance in the month.
    """
    from yingshang.calendars.selectors import workdays_between
    from yingshang.core.rectification.performance import DepartmentMonth
    from yingshang.rectification.models import TaskRecord

    months = _month_range(month_from, month_to)
    wanted = set(months)
    today = timezone.localdate()
    departments = list(Department.objects.filter(zone=zone, is_active=True))
    figures = {
        (d.pk, m): dict.fromkeys(("assigned", "done_on_time", "overdue", "closed", "returned"), 0)
        for d in departments
        for m in months
    }
    close_days: dict[tuple[int, str], list[int]] = {}
    # Plain tuples, not model instances: a zone's year holds hundreds of thousands of records.
    records = (
        TaskRecord.objects.filter(
            task__zone=zone,
            action__in=["assign", "submit", "return", "accept", "close", "reopen"],
        )
        .order_by("task_id", "created_at", "id")
        .values_list(
            "task_id", "action", "created_at", "task__deadline", "task__lead_department_id"
        )
    )
    local = timezone.get_current_timezone()

    def bump(department_id: int, month: str, name: str) -> None:
        key = (department_id, month)
        if month in wanted and key in figures:
            figures[key][name] += 1

    def finish(deadline: dt.date | None, department_id: int, accepted_in_time: bool) -> None:
        if deadline is not None and deadline < today and not accepted_in_time:
            bump(department_id, _month(deadline), "overdue")

    current: int | None = None
    task_facts: tuple[dt.date | None, int] = (None, 0)
    assigned_day: dt.date | None = None
    last_submit: dt.date | None = None
    accepted_in_time = False
    for task_id, action, created_at, deadline, department_id in records.iterator(chunk_size=5000):
        if task_id != current:
            if current is not None:
                finish(*task_facts, accepted_in_time)
            current, task_facts = task_id, (deadline, department_id)
            assigned_day = last_submit = None
            accepted_in_time = False
        day = created_at.astimezone(local).date()
        month = _month(day)
        if action == "assign":
            assigned_day = day
            bump(department_id, month, "assigned")
        elif action == "submit":
            last_submit = day
        elif action == "return":
            bump(department_id, month, "returned")
        elif action == "accept":
            if deadline is not None and last_submit is not None and last_submit <= deadline:
                accepted_in_time = True
                bump(department_id, month, "done_on_time")
        elif action == "close":
            bump(department_id, month, "closed")
            if assigned_day is not None and month in wanted:
                close_days.setdefault((department_id, month), []).append(
                    max(workdays_between(assigned_day, day).days, 0)
                )
    if current is not None:
        finish(*task_facts, accepted_in_time)
    result = []
    for department in departments:
        for month in months:
            days = close_days.get((department.pk, month))
            result.append(
                DepartmentMonth(
                    department=department,
                    month=month,
                    mean_workdays_to_close=round(sum(days) / len(days), 1) if days else None,
                    **figures[(department.pk, month)],
                )
            )
    return result
