"""Tasks: the list (filters, bulk assignment), the board, a new task, one task with its actions,
evidence files and extension requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from yingshang.core.rectification.workflow import (
    ACTION_LABELS,
    ACTORS,
    CLOCK_STATES,
    REQUIREMENTS,
    STATE_LABELS,
    Action,
    Requirement,
    State,
    allowed_actions,
)
from yingshang.kernel.models import Role
from yingshang.rectification import access, selectors
from yingshang.rectification.forms import (
    BulkAssignForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    TaskCreateForm,
    TaskFilterForm,
    TransitionForm,
)
from yingshang.rectification.models import (
    Attachment,
    Extension,
    ExtensionStatus,
    TaskRecord,
)
from yingshang.rectification.services import tasks as task_services
from yingshang.rectification.views.common import (
    SERVICE_ERRORS,
    back_to,
    is_decider,
    is_writer,
    report_error,
    require_reader,
    user_zone,
    zone_departments,
)

LISTED_TASKS = 300
TEXT_LABELS = {
    Action.REPORT: "整改进展",
    Action.SUBMIT: "整改情况说明",
    Action.RETURN: "退回理由",
    Action.REOPEN: "重新整改理由",
}
FILE_ACTIONS = frozenset({Action.REPORT, Action.SUBMIT})


def _task_rows(request: HttpRequest):
    tasks = selectors.tasks_visible_to(request.user).select_related("lead_department", "zone")
    form = TaskFilterForm(request.GET or None, departments=zone_departments(request))
    return form, form.apply(tasks)


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    form, tasks = _task_rows(request)
    department_view = request.user.role == Role.DEPARTMENT
    tasks = tasks.order_by("deadline", "id") if department_view else tasks.order_by("-id")
    context = {
        "form": form,
        "tasks": list(tasks[:LISTED_TASKS]),
        "limit": LISTED_TASKS,
        "can_write": is_writer(request.user),
        "department_view": department_view,
        "heading": "我的任务" if department_view else "整改任务",
        "draft": State.DRAFT.value,
        "bulk_form": BulkAssignForm(),
    }
    return render(request, "rectification/task_list.html", context)


@login_required
def task_board(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    form, tasks = _task_rows(request)
    by_state: dict[str, list] = {s.value: [] for s in State}
    for task in tasks.order_by("deadline", "id")[:LISTED_TASKS]:
        by_state[task.state].append(task)
    columns = [(s.value, STATE_LABELS[s], by_state[s.value]) for s in State]
    context = {"form": form, "columns": columns, "can_write": is_writer(request.user)}
    return render(request, "rectification/task_board.html", context)


@login_required
@require_POST
def task_bulk_assign(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    if not is_writer(request.user):
        raise PermissionDenied("无权交办：仅限营商办或系统管理员")
    ids = [int(v) for v in request.POST.getlist("task_ids") if v.isdigit()]
    if not ids:
        messages.error(request, "请先勾选要交办的任务")
    else:
        visible = list(selectors.tasks_visible_to(request.user).filter(pk__in=ids))
        if len(visible) != len(set(ids)):
            raise Http404("未找到所选任务")
        limits = BulkAssignForm(request.POST)
        limits.is_valid()
        try:
            task_services.assign_tasks(
                actor=request.user,
                task_ids=ids,
                deadline=limits.cleaned_data.get("deadline"),
                limit_workdays=limits.cleaned_data.get("limit_workdays"),
            )
        except SERVICE_ERRORS as exc:
            report_error(request, exc)
        else:
            messages.success(request, f"已交办 {len(ids)} 项任务")
    return redirect(back_to(request, reverse("rectification:task_list")))


@login_required
def task_create(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    if not is_writer(request.user):
        raise PermissionDenied("无权新建任务：仅限营商办或系统管理员")
    zone = user_zone(request)
    form = TaskCreateForm(
        request.POST or None,
        departments=zone_departments(request, zone),
        plans=selectors.plans_visible_to(request.user).filter(zone=zone),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = task_services.create_task(
                actor=request.user,
                zone=zone,
                title=data["title"],
                lead_department=data["lead_department"],
                deadline=data["deadline"],
                limit_workdays=data["limit_workdays"],
                list_kind=data["list_kind"],
                plan=data["plan"],
                measure=data["measure"],
                standard=data["standard"],
                supporting_departments=list(data["supporting_departments"]),
                responsible_leader=data["responsible_leader"],
            )
        except SERVICE_ERRORS as exc:
            form.add_error(None, "；".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, f"已新建任务「{task.title}」（草稿，交办后部门可见）")
            return redirect("rectification:task_detail", task.pk)
    return render(request, "rectification/task_form.html", {"form": form})


def _action_forms(user, task) -> list[dict]:
    """The actions the core table allows from the task's state and this user may take."""
    shown = []
    for action in allowed_actions(task.state):
        if user.role not in ACTORS[action]:
            continue
        if user.role == Role.DEPARTMENT and not access.in_lead_department(user, task):
            continue
        need = REQUIREMENTS.get(action, Requirement())
        form = TransitionForm(initial={"version": task.version})
        form.fields["text"].label = TEXT_LABELS.get(action, "说明")
        form.fields["text"].required = need.reason or need.note
        form.fields["files"].label = "佐证材料" if need.evidence else "附件"
        if action not in FILE_ACTIONS:
            del form.fields["files"]
        else:
            form.fields["files"].required = need.evidence
        form.prefix = action.value
        shown.append({"action": action.value, "label": ACTION_LABELS[action], "form": form})
    return shown


@login_required
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    require_reader(request)
    task = selectors.get_task(user=request.user, task_id=task_id)
    records = (
        TaskRecord.objects.filter(task=task)
        .select_related("actor")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("id")))
        .order_by("-id")
    )
    extensions = Extension.objects.filter(task=task).select_related("requested_by", "decided_by")
    can_extend = (
        access.can_request_extension(request.user, task)
        and task.deadline is not None
        and task.state in {s.value for s in CLOCK_STATES}
        and not extensions.filter(status=ExtensionStatus.PENDING).exists()
    )
    context = {
        "task": task,
        "records": records,
        "extensions": extensions,
        "supporting": task.supporting_departments.all(),
        "problems": task.problems.all(),
        "actions": _action_forms(request.user, task),
        "extension_form": ExtensionRequestForm() if can_extend else None,
        "can_decide": is_decider(request.user),
        "decision_form": ExtensionDecisionForm(),
    }
    return render(request, "rectification/task_detail.html", context)


@login_required
@require_POST
def task_transition(request: HttpRequest, task_id: int) -> HttpResponse:
    require_reader(request)
    task = selectors.get_task(user=request.user, task_id=task_id)
    action = request.POST.get("action", "")
    if action not in {a.value for a in Action}:
        messages.error(request, "未知的操作")
        return redirect("rectification:task_detail", task.pk)
    form = TransitionForm(request.POST, request.FILES, prefix=action)
    if not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, "；".join(errors))
        return redirect("rectification:task_detail", task.pk)
    try:
        task_services.transition(
            actor=request.user,
            task_id=task.pk,
            action=action,
            expected_version=form.cleaned_data["version"],
            text=form.cleaned_data["text"],
            files=form.cleaned_data.get("files") or (),
        )
    except SERVICE_ERRORS as exc:
        report_error(request, exc)
    else:
        messages.success(request, f"已{ACTION_LABELS[Action(action)]}")
    return redirect("rectification:task_detail", task.pk)


@login_required
def attachment_download(request: HttpRequest, task_id: int, attachment_id: int) -> FileResponse:
    require_reader(request)
    task = selectors.get_task(user=request.user, task_id=task_id)
    attachment = get_object_or_404(Attachment, pk=attachment_id, record__task=task)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
@require_POST
def extension_request(request: HttpRequest, task_id: int) -> HttpResponse:
    require_reader(request)
    task = selectors.get_task(user=request.user, task_id=task_id)
    form = ExtensionRequestForm(request.POST)
    if not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, "；".join(errors))
        return redirect("rectification:task_detail", task.pk)
    try:
        task_services.request_extension(
            actor=request.user,
            task_id=task.pk,
            new_deadline=form.cleaned_data["new_deadline"],
            reason=form.cleaned_data["reason"],
        )
    except SERVICE_ERRORS as exc:
        report_error(request, exc)
    else:
        messages.success(request, "已提交延期申请，等待审批")
    return redirect("rectification:task_detail", task.pk)


@login_required
@require_POST
def extension_decide(request: HttpRequest, extension_id: int) -> HttpResponse:
    require_reader(request)
    extension = get_object_or_404(Extension, pk=extension_id)
    task = selectors.get_task(user=request.user, task_id=extension.task_id)
    access.require_decider(request.user, task.zone_id)
    form = ExtensionDecisionForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            task_services.decide_extension(
                actor=request.user,
                extension_id=extension.pk,
                approve=approve,
                note=form.cleaned_data["note"],
            )
        except SERVICE_ERRORS as exc:
            report_error(request, exc)
        else:
            messages.success(request, "已批准延期" if approve else "已驳回延期申请")
    else:
        messages.error(request, "请选择批准或不批准")
    return redirect(back_to(request, reverse("rectification:task_detail", args=[task.pk])))
