"""Reading plans (整改提升工作方案) and campaigns (专项攻坚): departments see published plans
only, the office and leaders every plan of their zone."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from yingshang.kernel.access import RECTIFICATION_READERS, scoped
from yingshang.kernel.models import Zone
from yingshang.rectification.models import Plan, PlanItem, PlanStatus, Task
from yingshang.rectification.selectors.common import require_reader


def plans_visible_to(user: Any) -> QuerySet[Plan]:
    """Office, leaders: every plan of the zone; departments: published plans; others: none."""
    every = scoped(Plan.objects.all(), user=user)
    published = scoped(
        Plan.objects.filter(status=PlanStatus.PUBLISHED),
        user=user,
        zone_wide=RECTIFICATION_READERS,
    )
    return every | published


def plan_list(*, user: Any) -> QuerySet[Plan]:
    """The plans the user may see, newest first."""
    require_reader(user)
    return plans_visible_to(user).select_related("created_by", "evaluation_run")


def get_plan(*, user: Any, plan_id: int) -> Plan:
    require_reader(user)
    plan = plans_visible_to(user).filter(pk=plan_id).first()
    if plan is None:
        raise Http404("未找到该整改方案")
    return plan


def plan_detail(*, user: Any, plan_id: int) -> Plan:
    """The plan with its items, their departments, problems and tasks."""
    require_reader(user)
    plan = (
        plans_visible_to(user)
        .filter(pk=plan_id)
        .prefetch_related(
            "items__supporting_departments",
            "items__problems",
            "items__tasks",
            "items__lead_department",
        )
        .first()
    )
    if plan is None:
        raise Http404("未找到该整改方案")
    return plan


def plan_items(plan: Plan) -> QuerySet[PlanItem]:
    """The items in their order, with what the plan page shows of each."""
    return (
        plan.items.select_related("lead_department")
        .prefetch_related("supporting_departments", "problems", "tasks")
        .order_by("order", "id")
    )


def get_plan_item(*, plan: Plan, item_id: int) -> PlanItem:
    item = plan.items.filter(pk=item_id).first()
    if item is None:
        raise Http404("方案中没有该指标")
    return item


def plan_tasks(plan: Plan) -> QuerySet[Task]:
    return plan.tasks.select_related("lead_department").order_by("id")


def pending_plans(*, user: Any, zone: Zone) -> QuerySet[Plan]:
    """The zone's plans waiting for approval (the leader page)."""
    return plans_visible_to(user).filter(zone=zone, status=PlanStatus.PENDING)


def plan_of_zone(*, user: Any, zone: Zone, plan_id: int, field: str) -> Plan:
    """A plan of the zone the user may see, or a ValidationError on `field` (a reference in a
    submitted form, not the page's own record)."""
    plan = plans_visible_to(user).filter(pk=plan_id, zone=zone).first()
    if plan is None:
        raise ValidationError({field: "方案不存在或不属于该功能区"})
    return plan


def plan_item_of(*, plan: Plan, item_id: int, field: str) -> PlanItem:
    item = plan.items.filter(pk=item_id).first()
    if item is None:
        raise ValidationError({field: "方案中没有该指标"})
    return item
