import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.rectification.helpers import MONDAY, act, evidence
from yingshang.audit.models import AuditEvent
from yingshang.kernel.models import Notification, Role
from yingshang.kernel.versioning import StaleVersionError
from yingshang.rectification.models import (
    Attachment,
    Extension,
    ExtensionStatus,
    ProblemStatus,
    Task,
    TaskRecord,
)
from yingshang.rectification.services.problems import create_problem
from yingshang.rectification.services.tasks import (
    assign_tasks,
    create_task,
    decide_extension,
    request_extension,
    transition,
)


def test_assignment_computes_deadline_through_calendar_and_notifies(users, make_task, holidays):
    task = make_task()
    assert task.code.startswith("RW") and task.state == "draft" and task.deadline is None
    task = act(users[Role.OFFICE], task, "assign")
    # 9-29, 9-30, then the holiday week is skipped: the third working day is 10-08.
    assert task.deadline == dt.date(2026, 10, 8)
    assert task.deadline_provisional is False
    assert task.assigned_on == MONDAY and task.state == "assigned" and task.version == 2
    record = TaskRecord.objects.get(task=task)
    assert (record.action, record.from_state, record.to_state) == ("assign", "draft", "assigned")
    assert AuditEvent.objects.filter(verb="task.assigned", object_id=str(task.pk)).exists()
    notice = Notification.objects.get(user=users[Role.DEPARTMENT])
    assert "交办" in notice.text and "2026-10-08" in notice.text
    assert not Notification.objects.filter(user=users[Role.OFFICE]).exists()


def test_deadline_in_unpublished_year_is_provisional(users, make_task, unpublished_2026):
    task = act(users[Role.OFFICE], make_task(), "assign")
    assert task.deadline == dt.date(2026, 10, 1)  # weekends only
    assert task.deadline_provisional is True


def test_assign_without_any_time_limit_is_refused(users, make_task):
    task = make_task(limit_workdays=None)
    with pytest.raises(ValidationError, match="完成时限"):
        act(users[Role.OFFICE], task, "assign")
    task.refresh_from_db()
    assert task.state == "draft" and task.version == 1


def test_full_workflow_with_evidence(users, zone, departments, make_task, media):
    problem = create_problem(
        actor=users[Role.OFFICE],
        zone=zone,
        title="企业开办环节多",
        source="evaluation",
        grade="B",
        reported_on=MONDAY,
    )
    task = make_task(problems=[problem])
    dept, office, leader = users[Role.DEPARTMENT], users[Role.OFFICE], users[Role.LEADER]
    act(office, task, "assign")
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.RECTIFYING
    act(dept, task, "start")
    act(dept, task, "report", text="已梳理开办环节")
    with pytest.raises(ValidationError, match="佐证材料"):
        act(dept, task, "submit", text="已完成")
    task = act(dept, task, "submit", text="已完成", files=[evidence()])
    assert task.state == "submitted" and task.submitted_on == MONDAY
    attachment = Attachment.objects.get(record__task=task)
    assert attachment.name == "整改报告.pdf" and attachment.size == len(b"%PDF-1.4 evidence")
    assert (media / attachment.file.name).exists()
    assert Notification.objects.filter(user=leader, verb="rectification.task_submit").exists()
    assert Notification.objects.filter(user=office, verb="rectification.task_submit").exists()
    with pytest.raises(ValidationError, match="理由"):
        act(leader, task, "return")
    act(leader, task, "return", text="佐证不充分")
    assert Notification.objects.filter(
        user=dept, verb="rectification.task_return", text__contains="佐证不充分"
    ).exists()
    act(dept, task, "submit", text="已补充", files=[evidence("补充材料.docx")])
    act(leader, task, "accept")
    task = act(office, task, "close")
    assert task.state == "closed" and task.closed_on == MONDAY
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.CLOSED
    actions = list(TaskRecord.objects.filter(task=task).values_list("action", flat=True))
    assert actions == ["assign", "start", "report", "submit", "return", "submit", "accept", "close"]
    events = AuditEvent.objects.filter(object_type="rectification.task", object_id=str(task.pk))
    verbs = set(events.values_list("verb", flat=True))
    assert verbs == {
        "task.created",
        "task.assigned",
        "task.started",
        "task.reported",
        "task.submitted",
        "task.returned",
        "task.accepted",
        "task.closed",
    }


def test_state_refusal_is_chinese(users, make_task):
    task = make_task()
    with pytest.raises(ValidationError, match="不能验收通过"):
        act(users[Role.LEADER], task, "accept")


def test_stale_version_is_refused(users, make_task):
    task = make_task()
    with pytest.raises(StaleVersionError, match="已被他人修改"):
        transition(actor=users[Role.OFFICE], task_id=task.pk, action="assign", expected_version=7)


def test_roles_are_checked(users, make_task, make_user, zone, departments):
    task = act(users[Role.OFFICE], make_task(), "assign")
    with pytest.raises(PermissionDenied, match="角色不能开始整改"):
        act(users[Role.OFFICE], task, "start")
    with pytest.raises(PermissionDenied):
        act(users[Role.ENTERPRISE], task, "start")
    with pytest.raises(PermissionDenied):
        act(users[Role.SUPERVISOR], task, "start")
    outsider = make_user(Role.DEPARTMENT, zone=zone, department=departments["xzsp"])
    with pytest.raises(Http404):
        act(outsider, task, "start")
    task.refresh_from_db()
    assert task.state == "assigned"


def test_create_task_refused_for_department_and_other_zone(users, make_task, departments, zone):
    with pytest.raises(PermissionDenied):
        create_task(
            actor=users[Role.DEPARTMENT], zone=zone, title="x", lead_department=departments["scjg"]
        )


def test_bulk_assign_is_all_or_nothing(users, make_task):
    ok, no_limit = make_task(), make_task(limit_workdays=None, title="无时限任务")
    with pytest.raises(ValidationError):
        assign_tasks(actor=users[Role.OFFICE], task_ids=[ok.pk, no_limit.pk], today=MONDAY)
    assert set(Task.objects.values_list("state", flat=True)) == {"draft"}
    done = assign_tasks(
        actor=users[Role.OFFICE],
        task_ids=[ok.pk, no_limit.pk],
        deadline=dt.date(2026, 12, 31),
        today=MONDAY,
    )
    assert [t.deadline for t in done] == [dt.date(2026, 12, 31)] * 2


# Extensions -----------------------------------------------------------------------------------


def test_extension_request_and_approval(users, make_task, unpublished_2026):
    dept, leader = users[Role.DEPARTMENT], users[Role.LEADER]
    task = act(users[Role.OFFICE], make_task(), "assign")  # deadline 2026-10-01 (provisional)
    extension = request_extension(
        actor=dept,
        task_id=task.pk,
        new_deadline=dt.date(2026, 10, 30),
        reason="需协调多部门",
        today=dt.date(2026, 9, 30),
    )
    assert extension.old_deadline == dt.date(2026, 10, 1)
    assert Notification.objects.filter(
        user=leader, verb="rectification.extension_requested"
    ).exists()
    with pytest.raises(ValidationError, match="待审批"):
        request_extension(
            actor=dept,
            task_id=task.pk,
            new_deadline=dt.date(2026, 11, 30),
            reason="再延",
            today=dt.date(2026, 9, 30),
        )
    with pytest.raises(PermissionDenied):
        decide_extension(actor=dept, extension_id=extension.pk, approve=True)
    decide_extension(actor=leader, extension_id=extension.pk, approve=True, note="同意")
    task.refresh_from_db()
    assert task.deadline == dt.date(2026, 10, 30)
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.APPROVED and extension.decided_by == leader
    event = AuditEvent.objects.get(verb="extension.approved")
    assert event.before["deadline"] == "2026-10-01" and event.after["deadline"] == "2026-10-30"
    assert Notification.objects.filter(
        user=dept, verb="rectification.extension_approved", text__contains="已批准"
    ).exists()


def test_extension_on_or_after_deadline_is_refused(users, make_task, unpublished_2026):
    task = act(users[Role.OFFICE], make_task(), "assign")
    for today in (dt.date(2026, 10, 1), dt.date(2026, 10, 5)):
        with pytest.raises(ValidationError, match="之前申请"):
            request_extension(
                actor=users[Role.DEPARTMENT],
                task_id=task.pk,
                new_deadline=dt.date(2026, 10, 30),
                reason="来不及",
                today=today,
            )
    assert not Extension.objects.exists()


def test_extension_rejection_needs_note_and_notifies(users, make_task, unpublished_2026):
    dept = users[Role.DEPARTMENT]
    task = act(users[Role.OFFICE], make_task(), "assign")
    extension = request_extension(
        actor=dept,
        task_id=task.pk,
        new_deadline=dt.date(2026, 10, 30),
        reason="需协调",
        today=MONDAY,
    )
    with pytest.raises(ValidationError):
        decide_extension(actor=users[Role.OFFICE], extension_id=extension.pk, approve=False)
    decide_extension(
        actor=users[Role.OFFICE], extension_id=extension.pk, approve=False, note="时限不可调整"
    )
    task.refresh_from_db()
    assert task.deadline == dt.date(2026, 10, 1)
    assert Notification.objects.filter(
        user=dept, verb="rectification.extension_rejected", text__contains="时限不可调整"
    ).exists()


# Concurrency ----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_acceptance_exactly_one_wins(zone, departments, make_user, settings, tmp_path):
    from django.db import connection

    settings.MEDIA_ROOT = tmp_path
    office = make_user(Role.OFFICE, zone=zone, department=departments["xzsp"])
    dept = make_user(Role.DEPARTMENT, zone=zone, department=departments["scjg"])
    leaders = [make_user(Role.LEADER, zone=zone) for _ in range(2)]
    task = create_task(
        actor=office,
        zone=zone,
        title="并发验收",
        lead_department=departments["scjg"],
        limit_workdays=5,
    )
    act(office, task, "assign")
    act(dept, task, "start")
    task = act(dept, task, "submit", text="完成", files=[evidence()])
    seen_version = task.version
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def accept(leader) -> None:
        try:
            barrier.wait()
            transition(
                actor=leader, task_id=task.pk, action="accept", expected_version=seen_version
            )
            outcomes.append("accepted")
        except (StaleVersionError, ValidationError):
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(leader,)) for leader in leaders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["accepted", "refused"]
    task.refresh_from_db()
    assert task.state == "accepted" and task.version == seen_version + 1
    assert TaskRecord.objects.filter(task=task, action="accept").count() == 1


def test_email_goes_out_only_when_the_zone_allows(
    users, zone, make_task, mailoutbox, django_capture_on_commit_callbacks
):
    from yingshang.rectification.services.settings import zone_settings

    dept = users[Role.DEPARTMENT]
    dept.email = "dept@example.com"
    dept.save()
    with django_capture_on_commit_callbacks(execute=True):
        act(users[Role.OFFICE], make_task(), "assign")
    assert mailoutbox == []
    settings_row = zone_settings(zone)
    settings_row.email_notifications = True
    settings_row.save()
    with django_capture_on_commit_callbacks(execute=True):
        act(users[Role.OFFICE], make_task(title="第二项"), "assign")
    assert [m.to for m in mailoutbox] == [["dept@example.com"]]
    assert "交办" in mailoutbox[0].subject
    assert Notification.objects.filter(user=dept, emailed=True).count() == 1
