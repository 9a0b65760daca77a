"""Reading tasks: the list with its filters (one for the pages and the API), one task with its
records, evidence and extension requests, and the overdue ones."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from yingshang.core.rectification.workflow import CLOCK_STATES, State
from yingshang.kernel.access import scoped
from yingshang.kernel.models import Zone
from yingshang.rectification.models import Attachment, Extension, Task, TaskRecord
from yingshang.rectification.selectors.common import require_reader

TASK_DEPARTMENTS = ("lead_department_id", "supporting_departments__id")
"""A department sees the tasks it leads or supports."""


@dataclass(frozen=True)
class TaskFilters:
    """The task list's filters, the same for the task pages and the API. None: no filter.

    `lead_department` is the lead department; `department` a department leading or supporting
    (either); `overdue` / `due_soon` True for only those, False for only the others.
    """

    state: str | None = None
    lead_department: int | None = None
    department: int | None = None
    list_kind: str | None = None
    overdue: bool | None = None
    due_soon: bool | None = None


def tasks_visible_to(user: Any) -> QuerySet[Task]:
    """Office, leaders: the zone's tasks; departments: tasks they lead or support; others: none."""
    return scoped(Task.objects.all(), user=user, departments=TASK_DEPARTMENTS)


def filtered(tasks: QuerySet[Task], filters: TaskFilters) -> QuerySet[Task]:
    if filters.state:
        tasks = tasks.filter(state=filters.state)
    if filters.lead_department is not None:
        tasks = tasks.filter(lead_department_id=filters.lead_department)
    if filters.department is not None:
        # Through the ids: a filter over the supporting departments would repeat rows.
        either = Task.objects.filter(
            Q(lead_department_id=filters.department)
            | Q(supporting_departments__id=filters.department)
        )
        tasks = tasks.filter(pk__in=either.values("pk"))
    if filters.list_kind:
        tasks = tasks.filter(list_kind=filters.list_kind)
    if filters.overdue is not None:
        tasks = tasks.filter(overdue=filters.overdue)
    if filters.due_soon is not None:
        tasks = tasks.filter(due_soon=filters.due_soon)
    return tasks


def task_list(
    *,
    user: Any,
    filters: TaskFilters = TaskFilters(),
    ordering: Sequence[str] = (),
    with_relations: bool = False,
) -> QuerySet[Task]:
    """The tasks the user may see that pass the filters (the model's order unless `ordering`),
    with what a list row shows; `with_relations` also fetches each task's supporting
    departments and problems (the API lists them, the page does not)."""
    require_reader(user)
    tasks = filtered(tasks_visible_to(user), filters)
    if ordering:
        tasks = tasks.order_by(*ordering)
    tasks = tasks.select_related("lead_department", "zone")
    if with_relations:
        tasks = tasks.prefetch_related("supporting_departments", "problems")
    return tasks


def get_task(*, user: Any, task_id: int) -> Task:
    """The task, or 404 when it is outside what the user may see."""
    require_reader(user)
    task = tasks_visible_to(user).filter(pk=task_id).select_related("lead_department").first()
    if task is None:
        raise Http404("未找到该整改任务")
    return task


def task_detail(*, user: Any, task_id: int) -> Task:
    """The task with its departments, problems, records (with files) and extension requests."""
    require_reader(user)
    task = (
        tasks_visible_to(user)
        .filter(pk=task_id)
        .select_related("lead_department")
        .prefetch_related(
            "supporting_departments",
            "problems",
            "records__actor",
            "records__attachments",
            "extensions__requested_by",
            "extensions__decided_by",
        )
        .first()
    )
    if task is None:
        raise Http404("未找到该整改任务")
    return task


def task_records(task: Task) -> QuerySet[TaskRecord]:
    """The task's records, newest first, with their files (the task page)."""
    return (
        TaskRecord.objects.filter(task=task)
        .select_related("actor")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("id")))
        .order_by("-id")
    )


def task_extensions(task: Task) -> QuerySet[Extension]:
    return Extension.objects.filter(task=task).select_related("requested_by", "decided_by")


def get_attachment(*, user: Any, task_id: int, attachment_id: int) -> Attachment:
    """A file of a task the user may see, else 404."""
    task = get_task(user=user, task_id=task_id)
    attachment = Attachment.objects.filter(pk=attachment_id, record__task=task).first()
    if attachment is None:
        raise Http404("未找到该附件")
    return attachment


def overdue_tasks(user: Any) -> QuerySet[Task]:
    """Tasks the user may see whose clock runs and whose deadline has passed."""
    return tasks_visible_to(user).filter(
        state__in=[s.value for s in CLOCK_STATES], deadline__lt=timezone.localdate()
    )


def submitted_tasks(*, user: Any, zone: Zone) -> QuerySet[Task]:
    """The zone's tasks waiting for acceptance (the leader page)."""
    return (
        tasks_visible_to(user)
        .filter(zone=zone, state=State.SUBMITTED.value)
        .select_related("lead_department")
    )
