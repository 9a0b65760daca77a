"""Plans (整改提升工作方案) and campaigns (专项攻坚): drafting from an evaluation, editing the
items, submitting, approving and publishing. Publishing assigns the plan's draft tasks. Who may
take which step from which status is the core's plan table
(`yingshang.core.rectification.plan_workflow`).

A plan drafted from an evaluation run has one item per first-level indicator of the run's
methodology (二、任务分工 (一)…), with the focus unit's score, rank, frontier and average frozen
as published, and the "本次评价…" sentence; each weakness (短板) under an indicator becomes a
problem in the ledger (source: evaluation) linked to the item (1.现存问题). The zone's division
of work (`IndicatorDepartment`) proposes each item's lead and supporting departments and each
problem's responsible department, the weakness's own row or its nearest ancestor's; where the
zone has none, the department is left to be assigned (待指定牵头部门).
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from yingshang.audit.services import changed_fields, snapshot
from yingshang.core.evaluation.diagnosis import (
    overview_sentences,
    standing_sentence,
    weaknesses,
)
from yingshang.core.evaluation.diagnosis import standing as standing_of
from yingshang.core.rectification.plan_workflow import (
    PlanAction,
    PlanRoleRefused,
    PlanStatus,
    PlanTransitionRefused,
    check_plan_role,
    check_plan_transition,
    deadline_on_publishing,
)
from yingshang.core.rectification.workflow import Action, State
from yingshang.evaluation.public import EvaluationRun, run_result
from yingshang.kernel.access import require_same_zone
from yingshang.kernel.models import Department, User, Zone
from yingshang.kernel.versioning import bump_version, check_version, lock_version
from yingshang.rectification import events
from yingshang.rectification.models import Plan, PlanItem, PlanKind, Task
from yingshang.rectification.selectors.common import require_reader
from yingshang.rectification.selectors.indicator_departments import (
    Division,
    division_for,
    division_of_work,
)
from yingshang.rectification.services.notifications import department_users, notify
from yingshang.rectification.services.permissions import require_writer
from yingshang.rectification.services.problems import create_problem

DEFAULT_WEAK_LIMIT = 3
"""Weaknesses registered per first-level indicator when the caller gives no limit."""

DEFAULT_REQUIREMENTS = (
    "（一）提高思想认识。各牵头部门要高度重视评价反映的问题，主要负责同志亲自抓、负总责。\n"
    "（二）压实工作责任。牵头部门要会同配合部门细化措施，明确责任人和完成时限，按期完成整改。\n"
    "（三）强化督导考核。营商办定期调度整改进展，对推进不力、逾期未完成的予以督办、通报，"
    "整改情况纳入部门效能考核。"
)

ITEM_FIELDS = frozenset({"responsible_leader", "lead_department", "supporting_departments"})
PLAN_FIELDS = frozenset({"title", "period", "preamble", "requirements", "due_on"})


NOUN = "该方案"
MISSING_VERSION = "请求缺少版本信息，请刷新页面后重试"


def _checked(
    plan: Plan | int, *, actor: User, action: PlanAction, expected_version: int | None
) -> Plan:
    """The plan locked for `action`, in the order of the checks: another zone's plan is not
    found (404), a role that may not take the action is refused (403, the core's PLAN_ACTORS),
    then a missing (422) or stale version (409); the status is `_target`'s (422)."""
    pk = plan if isinstance(plan, int) else plan.pk
    locked = lock_version(Plan.objects, pk=pk, expected_version=None, noun=NOUN)
    require_reader(actor)
    require_same_zone(actor, locked.zone_id)
    try:
        check_plan_role(action, actor.role)
    except PlanRoleRefused as exc:
        raise PermissionDenied(exc.message) from None
    if expected_version is None:
        raise ValidationError(MISSING_VERSION)
    check_version(locked, expected_version, noun=NOUN)
    return locked


def _target(plan: Plan, action: PlanAction, actor: User) -> PlanStatus:
    """The status the core's plan table gives the action, or a ValidationError saying why not
    ("方案已审批，不能再修改")."""
    try:
        return check_plan_transition(plan.status, action, actor.role)
    except PlanTransitionRefused as exc:
        raise ValidationError(exc.message) from None


def _lineage(methodology: Any, node: str) -> list[str]:
    """The node, its parent, ... up to its top-level indicator (or the root)."""
    tops = set(methodology.top_level)
    lineage: list[str] = []
    current: str | None = node
    while current is not None:
        lineage.append(current)
        if current in tops:
            break
        current = methodology.nodes[current].parent
    return lineage


def _top_level_of(methodology: Any, node: str) -> str | None:
    top = _lineage(methodology, node)[-1]
    return top if top in set(methodology.top_level) else None


def _new_item(
    plan: Plan, *, order: int, node: str, s: Any, sentence: str, division: Division | None
) -> PlanItem:
    """One item with the figures frozen in and the division of work proposed."""
    item = PlanItem.objects.create(
        plan=plan,
        order=order,
        indicator=node,
        indicator_name=s.name,
        score=s.displayed_score,
        rank=s.rank,
        ranked_count=s.ranked_count,
        frontier=s.displayed_frontier,
        average=s.displayed_average,
        standing_sentence=sentence,
        lead_department=division.lead if division else None,
    )
    if division is not None and division.supporting:
        item.supporting_departments.set(
            [d for d in division.supporting if d.pk != division.lead.pk]
        )
    return item


def _weakness_title(name: str, standing: Any) -> str:
    gap = standing.gap_to_frontier
    if gap is None:
        return f"{name}指标暂无得分"
    return f"{name}指标得分较全省前沿值低{gap:.{standing.decimals}f}分"[:200]


@transaction.atomic
def draft_plan_from_run(
    *,
    actor: User,
    run: EvaluationRun,
    weak_limit: int | None = None,
    reported_on: dt.date | None = None,
) -> Plan:
    """A draft plan for the run's zone from the run's published result (see the module text)."""
    require_writer(actor, run.zone_id)
    unit = run.focus_unit
    if not unit:
        raise ValidationError("该评价未指定本区在数据中的名称，无法起草整改方案")
    result = run_result(run)
    if unit not in result.units:
        raise ValidationError(f"评价结果中没有单位“{unit}”")
    methodology = result.methodology
    limit = DEFAULT_WEAK_LIMIT if weak_limit is None else weak_limit
    if limit < 0:
        raise ValidationError({"weak_limit": "短板数量不能为负数"})
    reported_on = reported_on or timezone.localdate()
    zone = run.zone
    plan = Plan.objects.create(
        zone=zone,
        kind=PlanKind.EVALUATION,
        title=f"{zone.name}{run.period}年度营商环境评价整改提升工作方案",
        evaluation_run=run,
        period=run.period,
        preamble="\n".join(overview_sentences(result, unit)),
        requirements=DEFAULT_REQUIREMENTS,
        created_by=actor,
    )
    divisions: dict[str, Division] = division_of_work(zone)
    items: dict[str, PlanItem] = {}
    for order, node in enumerate(methodology.top_level, start=1):
        items[node] = _new_item(
            plan,
            order=order,
            node=node,
            s=standing_of(result, unit, node),
            sentence=standing_sentence(result, unit, node),
            division=divisions.get(node),
        )
    taken: dict[str, int] = {}
    unassigned = 0
    for weak in weaknesses(result, unit, leaves_only=True, limit=None):
        top = _top_level_of(methodology, weak.node)
        if top is None or top not in items or taken.get(top, 0) >= limit:
            continue
        taken[top] = taken.get(top, 0) + 1
        division = division_for(divisions, _lineage(methodology, weak.node))
        unassigned += division is None
        problem = create_problem(
            actor=actor,
            zone=zone,
            title=_weakness_title(weak.name, weak),
            source="evaluation",
            grade="B",
            reported_on=reported_on,
            description=standing_sentence(result, unit, weak.node),
            source_ref=run.title[:300],
            indicator=weak.node,
            indicator_name=weak.name,
            evaluation_run=run,
            department=division.lead if division else None,
        )
        items[top].problems.add(problem)
    events.plan_drafted(
        actor=actor,
        plan=plan,
        after={
            "evaluation_run": run.pk,
            "items": len(items),
            "problems": sum(taken.values()),
            "problems_to_assign": unassigned,
        },
    )
    return plan


@transaction.atomic
def create_campaign(
    *,
    actor: User,
    zone: Zone,
    title: str,
    period: str = "",
    preamble: str = "",
    requirements: str = "",
    due_on: dt.date | None = None,
) -> Plan:
    """A 专项攻坚 campaign: a plan without an evaluation, whose tasks are added by hand."""
    require_writer(actor, zone)
    if not title.strip():
        raise ValidationError({"title": "请填写标题"})
    plan = Plan.objects.create(
        zone=zone,
        kind=PlanKind.CAMPAIGN,
        title=title.strip(),
        period=period,
        preamble=preamble,
        requirements=requirements,
        due_on=due_on,
        created_by=actor,
    )
    events.campaign_created(actor=actor, plan=plan, after=snapshot(plan))
    return plan


@transaction.atomic
def update_plan(*, actor: User, plan: Plan, expected_version: int, **fields: Any) -> Plan:
    unknown = set(fields) - PLAN_FIELDS
    if unknown:
        raise ValidationError(f"未知字段: {', '.join(sorted(unknown))}")
    plan = _checked(plan, actor=actor, action=PlanAction.EDIT, expected_version=expected_version)
    _target(plan, PlanAction.EDIT, actor)
    before = snapshot(plan)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.full_clean()
    old, new = changed_fields(before, snapshot(plan))
    if not new:
        return plan
    bump_version(plan)
    plan.save()
    events.plan_updated(actor=actor, plan=plan, before=old, after=new)
    return plan


@transaction.atomic
def update_plan_item(
    *, actor: User, item: PlanItem, expected_version: int, **fields: Any
) -> PlanItem:
    """Set an item's 责任领导，牵头部门 and 配合部门; `expected_version` is the plan's."""
    unknown = set(fields) - ITEM_FIELDS
    if unknown:
        raise ValidationError(f"未知字段: {', '.join(sorted(unknown))}")
    plan = _checked(
        item.plan_id, actor=actor, action=PlanAction.EDIT, expected_version=expected_version
    )
    _target(plan, PlanAction.EDIT, actor)
    item = PlanItem.objects.get(pk=item.pk)
    before = {
        "responsible_leader": item.responsible_leader,
        "lead_department": item.lead_department_id,
        "supporting_departments": sorted(item.supporting_departments.values_list("pk", flat=True)),
    }
    lead: Department | None = fields.get("lead_department", item.lead_department)
    if lead is not None and lead.zone_id != plan.zone_id:
        raise ValidationError({"lead_department": "牵头部门须为本功能区的部门"})
    if "responsible_leader" in fields:
        item.responsible_leader = fields["responsible_leader"]
    item.lead_department = lead
    item.save()
    if "supporting_departments" in fields:
        supporting = list(fields["supporting_departments"])
        if any(d.zone_id != plan.zone_id for d in supporting):
            raise ValidationError({"supporting_departments": "配合部门须为本功能区的部门"})
        item.supporting_departments.set([d for d in supporting if lead is None or d.pk != lead.pk])
    after = {
        "responsible_leader": item.responsible_leader,
        "lead_department": item.lead_department_id,
        "supporting_departments": sorted(item.supporting_departments.values_list("pk", flat=True)),
    }
    bump_version(plan)
    plan.save(update_fields=["version"])
    events.plan_item_updated(actor=actor, plan=plan, item=item, before=before, after=after)
    return item


def _move(plan: Plan, *, actor: User, action: PlanAction, event: Callable) -> Plan:
    target = _target(plan, action, actor)
    before = plan.status
    plan.status = target.value
    bump_version(plan)
    plan.save()
    event(actor=actor, plan=plan, before=before, after=plan.status)
    return plan


@transaction.atomic
def submit_plan(*, actor: User, plan: Plan, expected_version: int | None) -> Plan:
    """The office submits (报审) a draft for approval."""
    plan = _checked(plan, actor=actor, action=PlanAction.SUBMIT, expected_version=expected_version)
    return _move(plan, actor=actor, action=PlanAction.SUBMIT, event=events.plan_submitted)


@transaction.atomic
def approve_plan(*, actor: User, plan: Plan, expected_version: int | None) -> Plan:
    """A leader (or an administrator) approves a plan submitted for approval."""
    plan = _checked(plan, actor=actor, action=PlanAction.APPROVE, expected_version=expected_version)
    plan.approved_by, plan.approved_at = actor, timezone.now()
    return _move(plan, actor=actor, action=PlanAction.APPROVE, event=events.plan_approved)


@transaction.atomic
def publish_plan(
    *, actor: User, plan: Plan, expected_version: int | None, today: dt.date | None = None
) -> Plan:
    """Publish (印发) an approved plan and assign its draft tasks; a task without a time limit
    takes the plan's completion date. All or nothing."""
    from yingshang.rectification.services.tasks import transition

    plan = _checked(plan, actor=actor, action=PlanAction.PUBLISH, expected_version=expected_version)
    plan.published_at = timezone.now()
    plan = _move(plan, actor=actor, action=PlanAction.PUBLISH, event=events.plan_published)
    for task in Task.objects.filter(plan=plan, state=State.DRAFT.value).order_by("id"):
        try:
            deadline = deadline_on_publishing(
                title=task.title,
                deadline=task.deadline,
                limit_workdays=task.limit_workdays,
                plan_due_on=plan.due_on,
            )
        except PlanTransitionRefused as exc:
            raise ValidationError(exc.message) from None
        if deadline is not None:
            Task.objects.filter(pk=task.pk).update(deadline=deadline)
        transition(
            actor=actor,
            task_id=task.pk,
            action=Action.ASSIGN,
            expected_version=task.version,
            today=today,
        )
    departments = {
        item.lead_department for item in plan.items.select_related("lead_department")
    } - {None}
    notify(
        users=[u for d in departments for u in department_users(d)],
        verb="rectification.plan_published",
        text=f"《{plan.title}》已印发，请按分工抓好落实",
        link=f"/rectification/plans/{plan.pk}/",
        zone=plan.zone,
    )
    return plan
