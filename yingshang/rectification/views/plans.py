"""Plans (整改提升工作方案): the list, drafting one from an evaluation run, a plan with its items
(responsible leader, lead and supporting departments), submitting, approving (leader),
publishing (which assigns its tasks) and the Word document."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from yingshang.core.rectification.plan_workflow import (
    PLAN_ACTION_LABELS,
    PlanAction,
    can_edit_plan,
    plan_steps,
)
from yingshang.evaluation.public import runs_visible_to
from yingshang.kernel.access import RECTIFICATION_WRITERS, role_required, zone_for_page
from yingshang.lib.files import DOCX, attachment
from yingshang.rectification.documents import build_plan_docx
from yingshang.rectification.forms import CampaignForm, PlanDraftForm, PlanItemForm, VersionForm
from yingshang.rectification.selectors import plans as selectors
from yingshang.rectification.selectors.reference import zone_departments
from yingshang.rectification.services import plans as plan_services
from yingshang.rectification.views.common import (
    SERVICE_ERRORS,
    form_error,
    is_decider,
    is_writer,
    report_error,
)

STEP_SERVICES = {
    PlanAction.SUBMIT: plan_services.submit_plan,
    PlanAction.APPROVE: plan_services.approve_plan,
    PlanAction.PUBLISH: plan_services.publish_plan,
}


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = selectors.plan_list(user=request.user)
    return render(
        request,
        "rectification/plan_list.html",
        {"plans": plans[:200], "can_write": is_writer(request.user)},
    )


@login_required
@role_required(*RECTIFICATION_WRITERS)
def campaign_create(request: HttpRequest) -> HttpResponse:
    """A 专项攻坚 campaign: a plan without an evaluation; its tasks are added by hand."""
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_services.create_campaign(
                actor=request.user,
                zone=zone_for_page(request.user, request.GET.get("zone", "")),
                **form.cleaned_data,
            )
        except SERVICE_ERRORS as exc:
            form.add_error(None, form_error(exc))
        else:
            messages.success(request, f"已新建专项攻坚「{plan.title}」，可在新建任务时选择它")
            return redirect("rectification:plan_detail", plan.pk)
    return render(request, "rectification/campaign_form.html", {"form": form})


@login_required
@role_required(*RECTIFICATION_WRITERS)
def plan_draft(request: HttpRequest) -> HttpResponse:
    form = PlanDraftForm(request.POST or None, runs=runs_visible_to(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_services.draft_plan_from_run(
                actor=request.user, run=form.cleaned_data["run"]
            )
        except SERVICE_ERRORS as exc:
            form.add_error(None, form_error(exc))
        else:
            messages.success(request, f"已根据评价起草方案「{plan.title}」")
            return redirect("rectification:plan_detail", plan.pk)
    return render(request, "rectification/plan_draft.html", {"form": form})


def _item_rows(request: HttpRequest, plan, editable: bool) -> list[dict]:
    departments = zone_departments(request.user, plan.zone)
    rows = []
    for item in selectors.plan_items(plan):
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
    plan = selectors.get_plan(user=request.user, plan_id=plan_id)
    role = request.user.role
    editable = can_edit_plan(plan.status, role)
    steps = [
        {"step": action.value, "label": PLAN_ACTION_LABELS[action]}
        for action in plan_steps(plan.status, role)
    ]
    context = {
        "plan": plan,
        "rows": _item_rows(request, plan, editable),
        "editable": editable,
        "steps": steps,
        "tasks": selectors.plan_tasks(plan),
        "can_decide": is_decider(request.user),
    }
    return render(request, "rectification/plan_detail.html", context)


@login_required
@require_POST
@role_required(*RECTIFICATION_WRITERS)
def plan_item_edit(request: HttpRequest, plan_id: int, item_id: int) -> HttpResponse:
    plan = selectors.get_plan(user=request.user, plan_id=plan_id)
    item = selectors.get_plan_item(plan=plan, item_id=item_id)
    form = PlanItemForm(
        request.POST,
        departments=zone_departments(request.user, plan.zone),
        prefix=f"item{item.pk}",
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
    try:
        action = PlanAction(step)
        service = STEP_SERVICES[action]
    except (ValueError, KeyError):
        raise Http404("未知的操作") from None
    plan = selectors.get_plan(user=request.user, plan_id=plan_id)
    form = VersionForm(request.POST)
    # Without a version the service still answers the role first, then refuses the request.
    version = form.cleaned_data["version"] if form.is_valid() else None
    try:
        service(actor=request.user, plan=plan, expected_version=version)
    except SERVICE_ERRORS as exc:
        report_error(request, exc)
    else:
        messages.success(request, f"方案已{PLAN_ACTION_LABELS[action]}")
    return redirect("rectification:plan_detail", plan.pk)


@login_required
def plan_docx(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.get_plan(user=request.user, plan_id=plan_id)
    return attachment(build_plan_docx(plan), f"{plan.title}.docx", DOCX)
