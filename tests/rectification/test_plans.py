import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yingshang.audit.models import AuditEvent
from yingshang.core.evaluation.loading import preset_names
from yingshang.kernel.models import Notification, Role
from yingshang.kernel.versioning import StaleVersionError
from yingshang.rectification.models import PlanKind, PlanStatus, Problem
from yingshang.rectification.services.plans import (
    approve_plan,
    create_campaign,
    draft_plan_from_run,
    publish_plan,
    submit_plan,
    update_plan_item,
)
from yingshang.rectification.services.tasks import create_task

needs_preset = pytest.mark.skipif(
    "henan-zone" not in preset_names(), reason="预置方法 henan-zone 尚未提供"
)


@pytest.fixture
def demo_run(zone, users):
    from yingshang.demo import reference as ref
    from yingshang.evaluation.demo import build_demo_evaluation
    from yingshang.kernel.models import Zone

    peers = [Zone.objects.create(**row) for row in ref.PEER_ZONES]
    return build_demo_evaluation(zone=zone, peers=peers, actor=users[Role.OFFICE]).runs[-1]


@needs_preset
def test_draft_from_the_demo_evaluation(users, zone, demo_run):
    from yingshang.core.evaluation.diagnosis import standing
    from yingshang.evaluation.selectors import run_result

    plan = draft_plan_from_run(
        actor=users[Role.OFFICE], run=demo_run, weak_limit=2, reported_on=dt.date(2026, 3, 2)
    )
    result = run_result(demo_run)
    tops = result.methodology.top_level
    items = list(plan.items.order_by("order"))
    assert [item.indicator for item in items] == list(tops)
    first = items[0]
    s = standing(result, zone.name, first.indicator)
    assert (first.score, first.rank, first.ranked_count) == (
        s.displayed_score,
        s.rank,
        s.ranked_count,
    )
    assert first.standing_sentence.startswith(f"本次评价，{s.name}指标得分为")
    assert plan.preamble.startswith("本次营商环境评价，我区总体得分为")
    assert plan.status == PlanStatus.DRAFT and plan.kind == PlanKind.EVALUATION
    problems = Problem.objects.filter(evaluation_run=demo_run)
    assert problems.exists()
    assert all(item.problems.count() <= 2 for item in items)
    assert sum(item.problems.count() for item in items) == problems.count()
    one = problems.first()
    assert one.source == "evaluation" and one.code.startswith("WT2026-") and one.indicator
    # Each problem is a leaf under its item's indicator.
    for item in items:
        for problem in item.problems.all():
            node = result.methodology.nodes[problem.indicator]
            while node.parent and node.id not in tops:
                node = result.methodology.nodes[node.parent]
            assert node.id == item.indicator
    assert AuditEvent.objects.filter(verb="plan.drafted").exists()


def test_draft_refused_for_department(users, zone):
    from yingshang.evaluation.models import EvaluationRun

    run = EvaluationRun(zone=zone, focus_unit="x")
    with pytest.raises(PermissionDenied):
        draft_plan_from_run(actor=users[Role.DEPARTMENT], run=run)


def test_campaign_lifecycle_publish_assigns_draft_tasks(users, zone, departments):
    office, leader = users[Role.OFFICE], users[Role.LEADER]
    plan = create_campaign(
        actor=office, zone=zone, title="政务服务提速专项攻坚", due_on=dt.date(2026, 12, 31)
    )
    with_limit = create_task(
        actor=office,
        zone=zone,
        title="一网通办",
        lead_department=departments["scjg"],
        plan=plan,
        limit_workdays=10,
    )
    without = create_task(
        actor=office, zone=zone, title="帮办代办", lead_department=departments["scjg"], plan=plan
    )
    with pytest.raises(ValidationError, match="不能印发"):
        publish_plan(actor=office, plan=plan, expected_version=1)
    plan = submit_plan(actor=office, plan=plan, expected_version=1)
    with pytest.raises(PermissionDenied, match="领导审批"):
        approve_plan(actor=office, plan=plan, expected_version=2)
    with pytest.raises(StaleVersionError):
        approve_plan(actor=leader, plan=plan, expected_version=1)
    plan = approve_plan(actor=leader, plan=plan, expected_version=2)
    assert plan.status == PlanStatus.APPROVED and plan.approved_by == leader
    plan = publish_plan(actor=office, plan=plan, expected_version=3, today=dt.date(2026, 9, 1))
    assert plan.status == PlanStatus.PUBLISHED and plan.published_at
    with_limit.refresh_from_db()
    without.refresh_from_db()
    assert with_limit.state == without.state == "assigned"
    assert without.deadline == dt.date(2026, 12, 31)
    assert with_limit.assigned_on == dt.date(2026, 9, 1)
    assert (
        Notification.objects.filter(
            user=users[Role.DEPARTMENT], verb="rectification.task_assign"
        ).count()
        == 2
    )
    verbs = list(
        AuditEvent.objects.filter(
            object_type="rectification.plan", object_id=str(plan.pk), verb__startswith="plan."
        )
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == ["plan.submitted", "plan.approved", "plan.published"]


def test_publish_without_any_time_limit_rolls_back(users, zone, departments):
    office, leader = users[Role.OFFICE], users[Role.LEADER]
    plan = create_campaign(actor=office, zone=zone, title="无时限专项")
    create_task(
        actor=office, zone=zone, title="任务", lead_department=departments["scjg"], plan=plan
    )
    submit_plan(actor=office, plan=plan, expected_version=1)
    approve_plan(actor=leader, plan=plan, expected_version=2)
    with pytest.raises(ValidationError, match="未设定完成时限"):
        publish_plan(actor=office, plan=plan, expected_version=3)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.version == 3


def test_update_plan_item(users, zone, departments):
    from yingshang.rectification.models import PlanItem

    office = users[Role.OFFICE]
    plan = create_campaign(actor=office, zone=zone, title="专项")
    item = PlanItem.objects.create(plan=plan, indicator_name="开办企业")
    update_plan_item(
        actor=office,
        item=item,
        expected_version=1,
        responsible_leader="张副主任",
        lead_department=departments["scjg"],
        supporting_departments=[departments["xzsp"], departments["scjg"]],
    )
    item.refresh_from_db()
    assert item.lead_department == departments["scjg"]
    assert list(item.supporting_departments.all()) == [departments["xzsp"]]
    with pytest.raises(StaleVersionError):
        update_plan_item(actor=office, item=item, expected_version=1, responsible_leader="李")
    with pytest.raises(PermissionDenied):
        update_plan_item(
            actor=users[Role.DEPARTMENT], item=item, expected_version=2, responsible_leader="李"
        )
