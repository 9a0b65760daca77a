"""Tasks (整改任务): creating them, moving them through the workflow, extensions.

Every state change goes through `transition`: it locks the row, checks the actor's role once
(`permissions.require_task_action`: the core's ACTORS and the lead department) and the version
the user saw, asks the core table (`yingshang.core.rectification.workflow`) whether the state
allows the action, records a TaskRecord with its files and an audit event, and notifies the
people who must act next, all in one transaction. Pages and the API call these functions
without checking roles themselves.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from yingshang.audit.services import snapshot
from yingshang.calendars.selectors import add_workdays, load_calendar
from yingshang.core.rectification.problems import problem_status_after
from yingshang.core.rectification.workflow import (
    ACTION_LABELS,
    CLOCK_STATES,
    STATE_LABELS,
    Action,
    Attempt,
    State,
    TransitionRefused,
    check_transition,
)
from yingshang.kernel.models import Department, User, Zone
from yingshang.kernel.versioning import bump_version, check_version, lock_version
from yingshang.rectification import events
from yingshang.rectification.models import (
    Attachment,
    Extension,
    ExtensionStatus,
    ListKind,
    Plan,
    PlanItem,
    Problem,
    Task,
    TaskRecord,
)
from yingshang.rectification.selectors.common import require_reader
from yingshang.rectification.selectors.tasks import tasks_visible_to
from yingshang.rectification.services.notifications import (
    department_users,
    leader_users,
    notify,
    office_users,
)
from yingshang.rectification.services.permissions import (
    in_lead_department,
    may_request_extension,
    require_action_role,
    require_decider,
    require_task_action,
    require_writer,
)

NOUN = "该任务"
TRACKED_FIELDS = (
    "state",
    "deadline",
    "deadline_provisional",
    "assigned_on",
    "submitted_on",
    "accepted_on",
    "closed_on",
    "version",
)


def task_link(task: Task) -> str:
    return f"/rectification/tasks/{task.pk}/"


def _next_code(zone: Zone, year: int) -> str:
    prefix = f"RW{year}-"
    codes = Task.objects.filter(zone=zone, code__startswith=prefix).values_list("code", flat=True)
    numbers = [int(code[len(prefix) :]) for code in codes if code[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def _departments_of(zone: Zone, departments: Iterable[Department]) -> list[Department]:
    items = list(departments)
    if any(d.zone_id != zone.pk for d in items):
        raise ValidationError({"supporting_departments": "配合部门须为本功能区的部门"})
    return items


@transaction.atomic
def create_task(*, actor: User, zone: Zone, **fields: Any) -> Task:
    """A draft task; it starts running when assigned (交办). The fields are those of
    `create_checked_task`."""
    require_writer(actor, zone)
    return create_checked_task(actor=actor, zone=zone, **fields)


def create_checked_task(
    *,
    actor: User,
    zone: Zone,
    title: str,
    lead_department: Department,
    deadline: dt.date | None = None,
    limit_workdays: int | None = None,
    plan: Plan | None = None,
    plan_item: PlanItem | None = None,
    list_kind: str = ListKind.TASK,
    measure: str = "",
    standard: str = "",
    supporting_departments: Sequence[Department] = (),
    responsible_person: User | None = None,
    responsible_leader: str = "",
    problems: Sequence[Problem] = (),
) -> Task:
    """A draft task, once the caller's permission is checked (inside the caller's transaction):
    `create_task` checks it for pages and the demo, `task_intake` for the API's ids."""
    if not title.strip():
        raise ValidationError({"title": "请填写任务名称"})
    if lead_department.zone_id != zone.pk:
        raise ValidationError({"lead_department": "牵头部门须为本功能区的部门"})
    supporting = [
        d for d in _departments_of(zone, supporting_departments) if d.pk != lead_department.pk
    ]
    if plan is not None and plan.zone_id != zone.pk:
        raise ValidationError({"plan": "方案不属于本功能区"})
    if plan_item is not None and plan is not None and plan_item.plan_id != plan.pk:
        raise ValidationError({"plan_item": "方案指标不属于该方案"})
    if limit_workdays is not None and limit_workdays < 1:
        raise ValidationError({"limit_workdays": "办理时限至少为 1 个工作日"})
    if any(problem.zone_id != zone.pk for problem in problems):
        raise ValidationError({"problems": "问题须为本功能区台账中的问题"})
    task = Task(
        zone=zone,
        plan=plan if plan is not None else (plan_item.plan if plan_item else None),
        plan_item=plan_item,
        list_kind=list_kind,
        code=_next_code(zone, timezone.localdate().year),
        title=title.strip(),
        measure=measure,
        standard=standard,
        lead_department=lead_department,
        responsible_person=responsible_person,
        responsible_leader=responsible_leader,
        limit_workdays=limit_workdays,
        deadline=deadline,
        deadline_provisional=bool(deadline) and load_calendar().is_provisional(deadline),
        created_by=actor,
    )
    task.full_clean()
    task.save()
    task.supporting_departments.set(supporting)
    task.problems.set(problems)
    events.task_created(actor=actor, task=task, after=snapshot(task))
    return task


def _lock_visible_task(actor: User, task_id: int) -> Task:
    """The task locked for the change, or 404 when the actor may not see it."""
    require_reader(actor)
    if not tasks_visible_to(actor).filter(pk=task_id).exists():
        raise Http404("未找到该整改任务")
    return lock_version(Task.objects, pk=task_id, expected_version=None, noun=NOUN)


def _apply_dates(task: Task, action: Action, today: dt.date) -> None:
    if action is Action.ASSIGN:
        task.assigned_on = today
        if task.limit_workdays:
            result = add_workdays(today, task.limit_workdays)
            task.deadline, task.deadline_provisional = result.date, result.provisional
        if task.deadline is None:
            raise ValidationError("交办前请设定完成时限或办理时限")
        if task.deadline < today:
            raise ValidationError("完成时限不能早于交办日期")
    elif action is Action.SUBMIT:
        task.submitted_on = today
        task.due_soon = False
    elif action is Action.ACCEPT:
        task.accepted_on = today
        task.due_soon = False
    elif action is Action.CLOSE:
        task.closed_on = today
    elif action is Action.REOPEN:
        task.accepted_on = None
        task.closed_on = None


def _update_problems(task: Task, action: Action) -> None:
    """The ledger follows its tasks (the core's rule, `problem_status_after`)."""
    for problem in task.problems.select_for_update():
        states = problem.tasks.values_list("state", flat=True)
        status = problem_status_after(action, problem.status, states)
        if status is not None:
            problem.status = status.value
            bump_version(problem)
            problem.save(update_fields=["status", "version"])


def _recipients(task: Task, action: Action) -> list[User]:
    if action in (Action.ASSIGN,):
        users = department_users(task.lead_department)
        for department in task.supporting_departments.all():
            users += department_users(department)
        return users
    if action is Action.SUBMIT:
        return office_users(task.zone) + leader_users(task.zone)
    if action in (Action.RETURN, Action.ACCEPT, Action.CLOSE, Action.REOPEN):
        return department_users(task.lead_department)
    return []


def _notice_text(task: Task, action: Action, text: str) -> str:
    base = f"整改任务「{task.code} {task.title}」{ACTION_LABELS[action]}"
    if action is Action.ASSIGN and task.deadline:
        base += f"，完成时限 {task.deadline.isoformat()}"
    if action in (Action.RETURN, Action.REOPEN) and text:
        base += f"：{text}"
    return base


def _action(action: Action | str) -> Action:
    try:
        return Action(action)
    except ValueError:
        raise ValidationError("未知的操作") from None


@transaction.atomic
def transition(
    *,
    actor: User,
    task_id: int,
    action: Action | str,
    expected_version: int,
    text: str = "",
    files: Sequence[UploadedFile] = (),
    today: dt.date | None = None,
) -> Task:
    """Take a workflow action on a task; refused with a Chinese message when not allowed."""
    action = _action(action)
    task = _lock_visible_task(actor, task_id)
    require_task_action(actor, task, action)
    check_version(task, expected_version, noun=NOUN)
    return _move(
        actor=actor,
        task=task,
        action=action,
        text=text,
        files=files,
        today=today or timezone.localdate(),
    )


def _move(
    *,
    actor: User,
    task: Task,
    action: Action,
    text: str = "",
    files: Sequence[UploadedFile] = (),
    today: dt.date,
) -> Task:
    """The action on a locked task whose roles and version were checked: the core table says
    whether the state allows it; the change, its record and files, the ledger, the audit event
    and the notifications follow."""
    attempt = Attempt(
        role=actor.role,
        in_lead_department=in_lead_department(actor, task),
        reason=text,
        evidence_count=len(files),
        note=text,
    )
    try:
        target = check_transition(task.state, action, attempt)
    except TransitionRefused as exc:
        raise ValidationError(exc.message) from None
    before = snapshot(task, TRACKED_FIELDS)
    from_state = task.state
    task.state = target.value
    _apply_dates(task, action, today)
    bump_version(task)
    task.save()
    _record(task, actor=actor, action=action, from_state=from_state, text=text, files=files)
    _update_problems(task, action)
    after = snapshot(task, TRACKED_FIELDS)
    if files:
        after["attachments"] = [upload.name for upload in files]
    events.TASK_MOVED[action](actor=actor, task=task, before=before, after=after, reason=text)
    recipients = [user for user in _recipients(task, action) if user.pk != actor.pk]
    notify(
        users=recipients,
        verb=f"rectification.task_{action.value}",
        text=_notice_text(task, action, text),
        link=task_link(task),
        zone=task.zone,
    )
    return task


def _record(
    task: Task,
    *,
    actor: User,
    action: Action,
    from_state: str,
    text: str,
    files: Sequence[UploadedFile],
) -> TaskRecord:
    record = TaskRecord.objects.create(
        task=task,
        action=action.value,
        from_state=from_state,
        to_state=task.state,
        text=text,
        actor=actor,
    )
    for upload in files:
        Attachment.objects.create(
            record=record, file=upload, name=upload.name[:200], size=upload.size or 0
        )
    return record


@transaction.atomic
def assign_tasks(
    *,
    actor: User,
    task_ids: Sequence[int],
    deadline: dt.date | None = None,
    limit_workdays: int | None = None,
    today: dt.date | None = None,
) -> list[Task]:
    """Assign several draft tasks at once, all or none; an optional common time limit. The role
    is checked once for all of them; a task the actor may not see is not found."""
    require_action_role(actor, Action.ASSIGN)
    if not task_ids:
        raise ValidationError("请先勾选要交办的任务")
    today = today or timezone.localdate()
    assigned = []
    for task_id in task_ids:
        task = _lock_visible_task(actor, task_id)
        if deadline is not None or limit_workdays is not None:
            task.deadline = deadline
            task.limit_workdays = limit_workdays
            task.deadline_provisional = bool(deadline) and load_calendar().is_provisional(deadline)
        assigned.append(_move(actor=actor, task=task, action=Action.ASSIGN, today=today))
    return assigned


# Extensions -------------------------------------------------------------------------------


@transaction.atomic
def request_extension(
    *,
    actor: User,
    task_id: int,
    new_deadline: dt.date,
    reason: str,
    today: dt.date | None = None,
) -> Extension:
    """Ask for a later deadline; only before the deadline, one pending request at a time."""
    today = today or timezone.localdate()
    task = _lock_visible_task(actor, task_id)
    if not may_request_extension(actor, task):
        raise PermissionDenied("只有牵头部门或营商办可以申请延期")
    if State(task.state) not in CLOCK_STATES or task.deadline is None:
        raise ValidationError(f"任务{STATE_LABELS[State(task.state)]}，不能申请延期")
    if today >= task.deadline:
        raise ValidationError(
            f"延期须在完成时限 {task.deadline.isoformat()} 之前申请，已到期的任务不能申请延期"
        )
    if new_deadline <= task.deadline:
        raise ValidationError({"new_deadline": "申请延至的日期须晚于原完成时限"})
    if not reason.strip():
        raise ValidationError({"reason": "请填写延期理由"})
    if task.extensions.filter(status=ExtensionStatus.PENDING).exists():
        raise ValidationError("该任务已有待审批的延期申请")
    extension = Extension.objects.create(
        task=task,
        requested_by=actor,
        requested_on=today,
        reason=reason.strip(),
        old_deadline=task.deadline,
        new_deadline=new_deadline,
    )
    events.extension_requested(
        actor=actor,
        task=task,
        old_deadline=task.deadline,
        new_deadline=new_deadline,
        reason=reason.strip(),
    )
    notify(
        users=[u for u in office_users(task.zone) + leader_users(task.zone) if u.pk != actor.pk],
        verb="rectification.extension_requested",
        text=f"整改任务「{task.code} {task.title}」申请延期至 {new_deadline.isoformat()}",
        link=task_link(task),
        zone=task.zone,
    )
    return extension


@transaction.atomic
def decide_extension(
    *, actor: User, extension_id: int, approve: bool | None, note: str = ""
) -> Extension:
    """Approve (the deadline moves, recorded) or reject; the requester is notified. `approve`
    None: a page sent no decision, refused after the permission check."""
    extension = (
        Extension.objects.select_for_update().select_related("task").filter(pk=extension_id).first()
    )
    if extension is None:
        raise Http404("未找到该延期申请")
    task = lock_version(Task.objects, pk=extension.task_id, expected_version=None, noun=NOUN)
    require_decider(actor, task.zone_id)
    if approve is None:
        raise ValidationError("请选择批准或不批准")
    if extension.status != ExtensionStatus.PENDING:
        raise ValidationError("该延期申请已审批")
    if not approve and not note.strip():
        raise ValidationError({"note": "不予批准时请填写理由"})
    extension.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED
    extension.decided_by = actor
    extension.decided_at = timezone.now()
    extension.decision_note = note.strip()
    extension.save()
    if approve:
        before = snapshot(task, TRACKED_FIELDS)
        task.deadline = extension.new_deadline
        task.deadline_provisional = load_calendar().is_provisional(extension.new_deadline)
        task.due_soon = False
        task.overdue = False
        bump_version(task)
        task.save()
        events.extension_approved(
            actor=actor,
            task=task,
            before=before,
            after=snapshot(task, TRACKED_FIELDS),
            reason=note.strip(),
        )
    else:
        events.extension_rejected(
            actor=actor, task=task, new_deadline=extension.new_deadline, reason=note.strip()
        )
    decision = "已批准" if approve else "未批准"
    text = (
        f"整改任务「{task.code} {task.title}」延期至 {extension.new_deadline.isoformat()} 的申请"
        f"{decision}"
    )
    if note.strip():
        text += f"：{note.strip()}"
    notify(
        users=[extension.requested_by],
        verb=f"rectification.extension_{'approved' if approve else 'rejected'}",
        text=text,
        link=task_link(task),
        zone=task.zone,
    )
    return extension
