"""The demo's history lies on its own timeline: every row and event is stamped with the day of
its step in the story (created before assigned before submitted ...), none lies in the future,
and what a task shows about its deadline agrees with the day the story ends."""

import datetime as dt
import re

import pytest
from django.db import transaction
from django.utils import timezone

from tests.demo.conftest import build
from yingshang.audit.models import AuditEvent
from yingshang.core.rectification.workflow import CLOCK_STATES, Action, State
from yingshang.demo.build import BUILT_VERB, EVALUATION_PUBLISHED, WENT_LIVE
from yingshang.evaluation.models import Dataset, EvaluationRun, MethodologyVersion
from yingshang.kernel.models import Notification, User
from yingshang.rectification.models import Escalation, Extension, Plan, Problem, Task, TaskRecord

pytestmark = pytest.mark.django_db

# The day of the build, and a day long past just after the National Day holiday, so that the
# story crosses a week of holidays and the working days made up after it.
ENDINGS = (None, dt.date(2025, 10, 10))
TASK_LINK = re.compile(r"^/rectification/tasks/(\d+)/$")
DATE_OF_ACTION = {
    Action.ASSIGN.value: "assigned_on",
    Action.SUBMIT.value: "submitted_on",
    Action.ACCEPT.value: "accepted_on",
    Action.CLOSE.value: "closed_on",
}


@pytest.fixture(scope="module", params=ENDINGS, ids=["ends-today", "ends-2025-10-10"])
def story(request, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build(request.param)
        transaction.set_rollback(True)


def day_of(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def offset(story, moment: dt.datetime) -> int:
    return (day_of(moment) - story.today).days


def stamps(story) -> dict[str, list[dt.datetime]]:
    """Every time the demo's history records, by where it is kept."""
    zone = story.zone
    events = AuditEvent.objects.exclude(verb=BUILT_VERB)
    return {
        "events": list(events.values_list("occurred_at", flat=True)),
        "task records": list(
            TaskRecord.objects.filter(task__zone=zone).values_list("created_at", flat=True)
        ),
        "notifications": list(Notification.objects.values_list("created_at", flat=True)),
        "escalations": list(
            Escalation.objects.filter(task__zone=zone).values_list("created_at", flat=True)
        ),
        "tasks": list(Task.objects.filter(zone=zone).values_list("created_at", flat=True)),
        "problems": list(Problem.objects.filter(zone=zone).values_list("created_at", flat=True)),
        "plans": [
            moment
            for row in Plan.objects.filter(zone=zone).values_list(
                "created_at", "approved_at", "published_at"
            )
            for moment in row
        ],
        "runs": list(EvaluationRun.objects.values_list("created_at", flat=True)),
        "datasets": list(Dataset.objects.values_list("uploaded_at", flat=True)),
        "methodologies": list(MethodologyVersion.objects.values_list("created_at", flat=True)),
        "accounts": list(User.objects.values_list("date_joined", flat=True)),
    }


def test_nothing_is_stamped_in_the_future_or_before_the_platform_went_live(story):
    for kind, moments in stamps(story).items():
        assert moments, kind
        assert all(moment <= story.built_at for moment in moments), kind
        assert all(WENT_LIVE <= offset(story, moment) <= 0 for moment in moments), kind
    # The history spreads over the story's months, not over the minute of the build.
    days = {day_of(moment) for moment in stamps(story)["events"]}
    assert len(days) > 30


def test_each_step_of_a_task_is_recorded_on_its_own_day_in_order(story):
    tasks = Task.objects.filter(zone=story.zone).prefetch_related("records")
    assert tasks.count() > 10
    for task in tasks:
        records = sorted(task.records.all(), key=lambda r: r.id)
        moments = [task.created_at, *(record.created_at for record in records)]
        assert moments == sorted(moments), task.code
        # The task's dates are the days of its last record of each action.
        last = {record.action: record for record in records}
        for action, field in DATE_OF_ACTION.items():
            if getattr(task, field) is not None:
                assert day_of(last[action].created_at) == getattr(task, field), (task.code, field)
        trail = AuditEvent.objects.filter(
            object_type="rectification.task", object_id=str(task.pk)
        ).order_by("id")
        times = list(trail.values_list("occurred_at", flat=True))
        assert times == sorted(times), task.code
        assert trail.first().verb == "task.created", task.code


def test_what_a_task_shows_of_its_deadline_agrees_with_the_last_day(story):
    running = [s.value for s in CLOCK_STATES]
    tasks = list(Task.objects.filter(zone=story.zone).exclude(state=State.DRAFT.value))
    overdue = [t for t in tasks if t.overdue]
    assert len(overdue) >= 3
    for task in tasks:
        assert task.assigned_on <= task.deadline, task.code
        assert task.assigned_on <= story.today, task.code
        if task.state in running:
            # A task shown as on time is not past its deadline; an overdue one is.
            assert task.overdue == (task.deadline < story.today), task.code
    for task in overdue:
        assert task.assigned_on < task.deadline < story.today, task.code
    for escalation in Escalation.objects.filter(task__zone=story.zone).select_related("task"):
        task = escalation.task
        assert day_of(escalation.created_at) == escalation.taken_on, task.code
        assert task.assigned_on <= escalation.taken_on <= story.today, task.code
        if escalation.step == "reminder":
            assert escalation.taken_on <= escalation.deadline, task.code
        else:
            assert escalation.taken_on > escalation.deadline, task.code


def test_problems_are_registered_when_reported_and_before_their_tasks(story):
    problems = Problem.objects.filter(zone=story.zone).prefetch_related("tasks")
    for problem in problems:
        assert day_of(problem.created_at) == problem.reported_on, problem.code
        for task in problem.tasks.all():
            assert problem.created_at <= task.created_at, (problem.code, task.code)


def test_notifications_follow_what_they_are_about(story):
    tasks = {t.pk: t for t in Task.objects.filter(zone=story.zone)}
    notes = list(Notification.objects.exclude(link=""))
    assert notes
    for note in notes:
        match = TASK_LINK.match(note.link)
        if match:
            assert note.created_at >= tasks[int(match.group(1))].created_at, note.text


def test_the_evaluation_comes_before_the_plan_drafted_from_it(story):
    plan = Plan.objects.get(zone=story.zone)
    run = plan.evaluation_run
    published = story.today + dt.timedelta(days=EVALUATION_PUBLISHED)
    assert day_of(run.created_at) == published
    assert run.period == str(published.year - 1)
    assert run.dataset.uploaded_at <= run.created_at < plan.created_at
    assert plan.created_at < plan.approved_at < plan.published_at
    plan_tasks = Task.objects.filter(plan=plan)
    assert {t.assigned_on for t in plan_tasks} == {day_of(plan.published_at)}
    assert all(t.created_at < plan.published_at for t in plan_tasks)


def test_the_pending_extension_was_asked_for_on_the_last_day_before_the_build(story):
    extension = Extension.objects.get(task__zone=story.zone)
    assert extension.requested_on == story.today < extension.old_deadline
    event = AuditEvent.objects.get(verb="extension.requested")
    assert day_of(event.occurred_at) == story.today
    assert event.occurred_at <= story.built_at
