"""The demo's rectification data: built with the registry demo, through the services."""

import pytest
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from yingshang.audit.models import AuditEvent
from yingshang.core.rectification.workflow import CLOCK_STATES, State
from yingshang.demo.build import build_demo, find_demo_zone
from yingshang.evaluation.models import EvaluationRun
from yingshang.kernel.models import Notification
from yingshang.rectification.models import (
    Escalation,
    Extension,
    ExtensionStatus,
    Plan,
    PlanStatus,
    Problem,
    ProblemSource,
    Task,
    TaskRecord,
)

SIZE = 30


@pytest.fixture
def demo(db):
    build_demo(size=SIZE, seed=4)
    return find_demo_zone()


def signature(zone) -> dict:
    """What a user sees of the rectification data, without row ids."""
    tasks = Task.objects.filter(zone=zone).order_by("code")
    problems = Problem.objects.filter(zone=zone).order_by("code")
    return {
        "tasks": list(
            tasks.values_list(
                "code",
                "title",
                "state",
                "deadline",
                "lead_department__code",
                "assigned_on",
                "submitted_on",
                "accepted_on",
                "closed_on",
                "due_soon",
                "overdue",
                "version",
            )
        ),
        "problems": list(
            problems.values_list("code", "title", "source", "grade", "status", "due_on")
        ),
        "plans": list(
            Plan.objects.filter(zone=zone).values_list("title", "status", "evaluation_run__period")
        ),
        "extensions": list(
            Extension.objects.filter(task__zone=zone).values_list(
                "task__code", "old_deadline", "new_deadline", "status"
            )
        ),
        "escalations": sorted(
            Escalation.objects.filter(task__zone=zone).values_list("task__code", "step", "deadline")
        ),
    }


def test_the_plan_is_drafted_from_the_latest_run_and_published(demo):
    latest = EvaluationRun.objects.filter(zone=demo).order_by("-period").first()
    plan = Plan.objects.get(zone=demo)
    assert plan.evaluation_run == latest
    assert plan.status == PlanStatus.PUBLISHED
    items = list(plan.items.all())
    assert items, "the plan has indicator items"
    for item in items:
        assert item.tasks.count() == 1, item.indicator_name
    evaluation_problems = Problem.objects.filter(zone=demo, source=ProblemSource.EVALUATION)
    assert evaluation_problems.exists()
    assert set(evaluation_problems.values_list("evaluation_run", flat=True)) == {latest.pk}


def test_tasks_are_in_every_state_with_overdue_ones_and_a_pending_extension(demo):
    today = timezone.localdate()
    tasks = Task.objects.filter(zone=demo)
    assert set(tasks.values_list("state", flat=True)) == {s.value for s in State}
    overdue = list(tasks.filter(overdue=True))
    assert len(overdue) >= 3
    assert {t.state for t in overdue} == {State.ASSIGNED, State.IN_PROGRESS, State.RETURNED}
    assert all(t.deadline < today and State(t.state) in CLOCK_STATES for t in overdue)
    # the sweep has taken the steps for them
    supervised = set(
        Escalation.objects.filter(step="supervision").values_list("task_id", flat=True)
    )
    assert {t.pk for t in overdue} <= supervised
    pending = Extension.objects.get(task__zone=demo, status=ExtensionStatus.PENDING)
    assert pending.requested_on == today < pending.old_deadline < pending.new_deadline
    assert Extension.objects.filter(task__zone=demo).count() == 1
    closed_late = tasks.filter(state=State.CLOSED).filter(submitted_on__gt=F("deadline"))
    assert closed_late.exists(), "one task was closed after its deadline"
    assert Notification.objects.filter(user__username="dept_scjg").exists()


def test_the_ledger_has_problems_from_several_sources(demo):
    sources = set(Problem.objects.filter(zone=demo).values_list("source", flat=True))
    assert {
        ProblemSource.EVALUATION,
        ProblemSource.APPEAL,
        ProblemSource.SUPERVISOR,
        ProblemSource.SURVEY,
        ProblemSource.INSTRUCTION,
        ProblemSource.INSPECTION,
        ProblemSource.VISIT,
    } <= sources
    assert Problem.objects.filter(zone=demo, tasks__isnull=True).exists()  # not yet taken up


def test_every_workflow_step_is_recorded_and_audited(demo):
    records = TaskRecord.objects.filter(task__zone=demo).count()
    assert records > 20
    audited = AuditEvent.objects.filter(verb__startswith="task.").exclude(
        verb__in=["task.created", "task.reminded", "task.supervised", "task.circulated"]
    )
    assert audited.count() == records


class _Undo(Exception):
    pass


def _built_signature() -> dict:
    try:
        with transaction.atomic():
            build_demo(size=SIZE, seed=4)
            seen = signature(find_demo_zone())
            raise _Undo
    except _Undo:
        return seen


def test_the_demo_is_deterministic(db):
    first, second = _built_signature(), _built_signature()
    assert first["tasks"] and first["problems"] and first["escalations"]
    assert first == second
