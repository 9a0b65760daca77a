"""Plans (整改提升工作方案): the list, drafting one from an evaluation run, a plan with its items
(responsible leader, lead and supporting departments), submitting, approving (leader),
publishing (which assigns its tasks) and the Word document."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from yingshang.evaluation.public import runs_visible_to
from yingshang.kernel.models import Role
from yingshang.lib.files import DOCX, attachment
from yingshang.rectification import access, selectors
from yingshang.rectification.documents import build_plan_docx
from yingshang.rectification.forms import CampaignForm, PlanDraftForm, PlanItemForm, VersionForm
from yingshang.rectification.models import PlanItem, PlanStatus
from yingshang.rectification.services import plans as plan_services
from yingshang.rectification.views.common import (
    SERVICE_ERRORS,
    is_decider,
    is_writer,
    report_error,
    require_reader,
    user_zone,
    zone_departments,
)

# Which role may take which step of a plan, and from which status.
PLAN_STEPS = {
    "submit": ("提交审批", PlanStatus.DRAFT, frozenset({Role.OFFICE, Role.ADMIN})),
    "approve": ("审批通过", PlanStatus.PENDING, frozenset({Role.LEADER, Role.ADMIN})),
    "publish": ("印发", PlanStatus.APPROVED, frozenset({Role.OFFICE, Role.ADMIN})),
}


def _plan(request: HttpRequest, plan_id: int):
    plan = selectors.plans_visible_to(request.user).filter(pk=plan_id).first()
    if plan is None:
        raise Http404("未找到该整改方案")
    return plan


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    plans = selectors.plans_visible_to(request.user).select_related("evaluation_run")
    return render(
        request,
        "rectification/plan_list.html",
        {"plans": plans[:200], "can_write": is_writer(request.user)},
    )


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    """A 专项攻坚 campaign: a plan without an evaluation; its tasks are added by hand."""
    require_reader(request)
    if not is_writer(request.user):
        raise PermissionDenied("无权新建专项攻坚：仅限营商办或系统管理员")
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_services.create_campaign(
                actor=request.user, zone=user_zone(request), **form.cleaned_data
            )
        except SERVICE_ERRORS as exc:
            form.add_error(None, "；".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, f"已新建专项攻坚「{plan.title}」，可在新建任务时选择它")
            return redirect("rectification:plan_detail", plan.pk)
    return render(request, "rectification/campaign_form.html", {"form": form})


@login_required
def plan_draft(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    if not is_writer(request.user):
        raise PermissionDenied("无权起草方案：仅限营商办或系统管理员")
    form = PlanDraftForm(request.POST or None, runs=runs_visible_to(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_services.draft_plan_from_run(
                actor=request.user, run=form.cleaned_data["run"]
            )
        except SERVICE_ERRORS as exc:
            form.add_error(None, "；".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, f"已根据评价起草方案「{plan.title}」")
            return redirect("rectification:plan_detail", plan.pk)
    return render(request, "rectification/plan_draft.html", {"form": form})


def _item_rows(request: HttpRequest, plan, editable: bool) -> list[dict]:
    departments = zone_departments(request, plan.zone)
    rows = []
    items = (
        plan.items.select_related("lead_department")
        .prefetch_related("supporting_departments", "problems", "tasks")
        .order_by("order", "id")
    )
    for item in items:
        form = None
        if editable:
            form = PlanItemForm(
                initial={
                    "version": plan.version,
                    "responsible_leader": item.responsible_leader,
                    "lead_department": item.lead_department_id,
                    "supporting_departments": [d.pk for d in item.supporting_departments.all()],
                },
                departments=departments,
                prefix=f"item{item.pk}",
            )
        rows.append({"item": item, "form": form})
    return rows


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    require_reader(request)
    plan = _plan(request, plan_id)
    editable = is_writer(request.user) and plan.status in (PlanStatus.DRAFT, PlanStatus.PENDING)
    steps = [
        {"step": step, "label": label}
        for step, (label, status, roles) in PLAN_STEPS.items()
        if plan.status == status and request.user.role in roles
    ]
    context = {
        "plan": plan,
        "rows": _item_rows(request, plan, editable),
        "editable": editable,
        "steps": steps,
        "tasks": plan.tasks.select_related("lead_department").order_by("id"),
        "can_decide": is_decider(request.user),
    }
    return render(request, "rectification/plan_detail.html", context)


@login_required
@require_POST
def plan_item_edit(request: HttpRequest, plan_id: int, item_id: int) -> HttpResponse:
    require_reader(request)
    plan = _plan(request, plan_id)
    access.require_writer(request.user, plan.zone_id)
    item = get_object_or_404(PlanItem, pk=item_id, plan=plan)
    form = PlanItemForm(
        request.POST, departments=zone_departments(request, plan.zone), prefix=f"item{item.pk}"
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            plan_services.update_plan_item(
                actor=request.user,
                item=item,
                expected_version=data["version"],
                responsible_leader=data["responsible_leader"],
                lead_department=data["lead_department"],
                supporting_departments=list(data["supporting_departments"]),
            )
        except SERVICE_ERRORS as exc:
            report_error(request, exc)
        else:
            messages.success(request, f"已保存「{item.indicator_name}」的分工")
    else:
        messages.error(request, "分工填写有误，未保存")
    return redirect("rectification:plan_detail", plan.pk)


@login_required
@require_POST
def plan_step(request: HttpRequest, plan_id: int, step: str) -> HttpResponse:
    require_reader(request)
    plan = _plan(request, plan_id)
    if step not in PLAN_STEPS:
        raise Http404("未知的操作")
    label, _, roles = PLAN_STEPS[step]
    access.require_zone(request.user, plan.zone_id)
    if request.user.role not in roles:
        raise PermissionDenied(f"您的角色不能{label}")
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请求缺少版本信息，请刷新页面后重试")
        return redirect("rectification:plan_detail", plan.pk)
    service = {
        "submit": plan_services.submit_plan,
        "approve": plan_services.approve_plan,
        "publish": plan_services.publish_plan,
    }[step]
    try:
        service(actor=request.user, plan=plan, expected_version=form.cleaned_data["version"])
    except SERVICE_ERRORS as exc:
        report_error(request, exc)
    else:
        messages.success(request, f"方案已{label}")
    return redirect("rectification:plan_detail", plan.pk)


@login_required
def plan_docx(request: HttpRequest, plan_id: int) -> HttpResponse:
    require_reader(request)
    plan = _plan(request, plan_id)
    return attachment(build_plan_docx(plan), f"{plan.title}.docx", DOCX)
