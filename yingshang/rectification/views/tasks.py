"""Tasks: the list (filters, bulk assignment), the board, a new task, one task with its actions,
evidence files and extension requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from yingshang.core.rectification.workflow import (
    ACTION_LABELS,
    CLOCK_STATES,
    REQUIREMENTS,
    STATE_LABELS,
    Action,
    Requirement,
    State,
)
from yingshang.kernel.access import RECTIFICATION_WRITERS, role_required, zone_for_page
from yingshang.kernel.models import Role
from yingshang.rectification.forms import (
    BulkAssignForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    TaskCreateForm,
    TaskFilterForm,
    TransitionForm,
)
from yingshang.rectification.models import ExtensionStatus
from yingshang.rectification.selectors import extensions as extension_selectors
from yingshang.rectification.selectors import plans as plan_selectors
from yingshang.rectification.selectors import tasks as selectors
from yingshang.rectification.selectors.reference import zone_departments
from yingshang.rectification.services import permissions
from yingshang.rectification.services import tasks as task_services
from yingshang.rectification.views.common import (
    SERVICE_ERRORS,
    back_to,
    form_error,
    is_decider,
    is_writer,
    report_error,
)

LISTED_TASKS = 300
TEXT_LABELS = {
    Action.REPORT: "整改进展",
    Action.SUBMIT: "整改情况说明",
    Action.RETURN: "退回理由",
    Action.REOPEN: "重新整改理由",
}
FILE_ACTIONS = frozenset({Action.REPORT, Action.SUBMIT})


def _filtered(request: HttpRequest, ordering: tuple[str, ...]):
    form = TaskFilterForm(request.GET or None, departments=zone_departments(request.user))
    tasks = selectors.task_list(user=request.user, filters=form.filters(), ordering=ordering)
    return form, tasks


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    department_view = request.user.role == Role.DEPARTMENT
    ordering = ("deadline", "id") if department_view else ("-id",)
    form, tasks = _filtered(request, ordering)
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
    form, tasks = _filtered(request, ("deadline", "id"))
    by_state: dict[str, list] = {s.value: [] for s in State}
    for task in tasks[:LISTED_TASKS]:
        by_state[task.state].append(task)
    columns = [(s.value, STATE_LABELS[s], by_state[s.value]) for s in State]
    context = {"form": form, "columns": columns, "can_write": is_writer(request.user)}
    return render(request, "rectification/task_board.html", context)


@login_required
@require_POST
def task_bulk_assign(request: HttpRequest) -> HttpResponse:
    ids = [int(v) for v in request.POST.getlist("task_ids") if v.isdigit()]
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
@role_required(*RECTIFICATION_WRITERS)
def task_create(request: HttpRequest) -> HttpResponse:
    zone = zone_for_page(request.user, request.GET.get("zone", ""))
    form = TaskCreateForm(
        request.POST or None,
        departments=zone_departments(request.user, zone),
        plans=plan_selectors.plans_visible_to(request.user).filter(zone=zone),
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
            form.add_error(None, form_error(exc))
        else:
            messages.success(request, f"已新建任务「{task.title}」（草稿，交办后部门可见）")
            return redirect("rectification:task_detail", task.pk)
    return render(request, "rectification/task_form.html", {"form": form})


def _action_forms(user, task) -> list[dict]:
    """The actions the core table allows from the task's state and this user may take."""
    shown = []
    for action in permissions.actions_for(user, task):
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
    task = selectors.get_task(user=request.user, task_id=task_id)
    extensions = list(selectors.task_extensions(task))
    can_extend = (
        permissions.may_request_extension(request.user, task)
        and task.deadline is not None
        and task.state in {s.value for s in CLOCK_STATES}
        and not any(e.status == ExtensionStatus.PENDING for e in extensions)
    )
    context = {
        "task": task,
        "records": selectors.task_records(task),
        "extensions": extensions,
        "supporting": task.supporting_departments.all(),
        "problems": task.problems.all(),
        "actions": _action_forms(request.user, task),
        "extension_form": ExtensionRequestForm() if can_extend else None,
        "can_decide": is_decider(request.user),
        "decision_form": ExtensionDecisionForm(),
    }
    return render(request, "rectification/task_detail.html", context)


def _form_errors(form) -> str:
    return "；".join(e for field_errors in form.errors.values() for e in field_errors)


@login_required
@require_POST
def task_transition(request: HttpRequest, task_id: int) -> HttpResponse:
    # A task outside the user's scope is not found whatever was posted; the service checks the
    # action's roles.
    selectors.get_task(user=request.user, task_id=task_id)
    action = request.POST.get("action", "")
    if action not in {a.value for a in Action}:
        messages.error(request, "未知的操作")
        return redirect("rectification:task_detail", task_id)
    form = TransitionForm(request.POST, request.FILES, prefix=action)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("rectification:task_detail", task_id)
    try:
        task_services.transition(
            actor=request.user,
            task_id=task_id,
            action=action,
            expected_version=form.cleaned_data["version"],
            text=form.cleaned_data["text"],
            files=form.cleaned_data.get("files") or (),
        )
    except SERVICE_ERRORS as exc:
        report_error(request, exc)
    else:
        messages.success(request, f"已{ACTION_LABELS[Action(action)]}")
    return redirect("rectification:task_detail", task_id)


@login_required
def attachment_download(request: HttpRequest, task_id: int, attachment_id: int) -> FileResponse:
    attachment = selectors.get_attachment(
        user=request.user, task_id=task_id, attachment_id=attachment_id
    )
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
@require_POST
def extension_request(request: HttpRequest, task_id: int) -> HttpResponse:
    selectors.get_task(user=request.user, task_id=task_id)
    form = ExtensionRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("rectification:task_detail", task_id)
    try:
        task_services.request_extension(
            actor=request.user,
            task_id=task_id,
            new_deadline=form.cleaned_data["new_deadline"],
            reason=form.cleaned_data["reason"],
        )
    except SERVICE_ERRORS as exc:
        report_error(request, exc)
    else:
        messages.success(request, "已提交延期申请，等待审批")
    return redirect("rectification:task_detail", task_id)


@login_required
@require_POST
def extension_decide(request: HttpRequest, extension_id: int) -> HttpResponse:
    # The request, read first for the page to return to; the service checks the decision.
    extension = extension_selectors.get_extension(user=request.user, extension_id=extension_id)
    form = ExtensionDecisionForm(request.POST)
    approve, note = None, ""
    if form.is_valid():
        approve, note = form.cleaned_data["decision"] == "approve", form.cleaned_data["note"]
    try:
        task_services.decide_extension(
            actor=request.user, extension_id=extension.pk, approve=approve, note=note
        )
    except SERVICE_ERRORS as exc:
        report_error(request, exc)
    else:
        messages.success(request, "已批准延期" if approve else "已驳回延期申请")
    fallback = reverse("rectification:task_detail", args=[extension.task_id])
    return redirect(back_to(request, fallback))
