"""The sweep of appeals: deemed acceptance, flags, 到期提醒 / 催办 / 督办 / 通报, idempotence, and
the one line of `yingshang sweep`."""

import datetime as dt

from django.core.management import call_command

from yingshang.appeals.models import Appeal, AppealRecord, Escalation
from yingshang.appeals.services import handling as actions
from yingshang.appeals.services import workflow
from yingshang.appeals.services.sweep import sweep
from yingshang.audit.models import AuditEvent
from yingshang.kernel.models import Notification

D = dt.date


def state_of_everything() -> tuple:
    return (
        list(Appeal.objects.order_by("pk").values_list("state", "version", "due_soon", "overdue")),
        AppealRecord.objects.count(),
        Escalation.objects.count(),
        AuditEvent.objects.count(),
        Notification.objects.count(),
    )


def test_a_lapsed_review_is_deemed_accepted(make_appeal, office, enterprise_user):
    appeal = make_appeal()  # acceptance deadline 10-10
    assert sweep(today=D(2025, 10, 10)).deemed_accepted == 0
    summary = sweep(today=D(2025, 10, 11))
    assert summary.deemed_accepted == 1
    appeal.refresh_from_db()
    assert (appeal.state, appeal.deemed_accepted, appeal.accepted_on) == (
        "accepted",
        True,
        D(2025, 10, 10),
    )
    # counted from the acceptance deadline: 13 working days after 10-10
    assert appeal.handling_deadline == D(2025, 10, 28)
    record = AppealRecord.objects.filter(appeal=appeal).last()
    assert (record.action, record.actor) == ("deem_accept", None)
    event = AuditEvent.objects.get(verb="appeal.deemed_accepted")
    assert event.actor is None and "届满" in event.reason
    assert Notification.objects.filter(user=office, verb="appeals.deem_accept").exists()


def test_a_rejection_still_waiting_is_deemed_accepted(make_appeal, office):
    appeal = make_appeal()
    workflow.propose_rejection(actor=office, appeal_id=appeal.pk, expected_version=1, reason="重复")
    sweep(today=D(2025, 10, 11))
    appeal.refresh_from_db()
    assert appeal.state == "accepted"


def test_escalation_of_a_late_case(handling, department_user, office, leader):
    # deadline 10-24 (Friday); due-soon window 1 working day
    version = handling.version
    assert sweep(today=D(2025, 10, 22)).reminders == 0
    summary = sweep(today=D(2025, 10, 23))
    assert (summary.marked_due_soon, summary.reminders) == (1, 1)
    assert Notification.objects.filter(user=department_user, verb="appeals.reminder").exists()
    summary = sweep(today=D(2025, 10, 27))
    assert (summary.marked_overdue, summary.urges, summary.supervisions) == (1, 1, 0)
    assert Notification.objects.filter(user=office, verb="appeals.urge").exists()
    assert sweep(today=D(2025, 10, 29)).supervisions == 1  # 3 working days late
    summary = sweep(today=D(2025, 10, 31))
    assert summary.notices == 1  # 5 working days late
    assert Notification.objects.filter(user=leader, verb="appeals.notice").exists()
    handling.refresh_from_db()
    # the flags are the sweep's: the version a user edits from stays
    assert (handling.overdue, handling.due_soon, handling.version) == (True, False, version)
    assert AuditEvent.objects.filter(verb="appeal.circulated", actor=None).count() == 1


def test_a_suspended_case_is_not_escalated(handling, department_user):
    actions.suspend(
        actor=department_user,
        appeal_id=handling.pk,
        expected_version=handling.version,
        reason="等待鉴定",
        today=D(2025, 10, 20),
    )
    summary = sweep(today=D(2025, 10, 31))
    assert (summary.urges, summary.supervisions, summary.notices) == (0, 0, 0)


def test_running_twice_on_the_same_day_changes_nothing(make_appeal, handling):
    make_appeal()
    first = sweep(today=D(2025, 10, 31))
    assert first.deemed_accepted == 1 and first.notices == 1
    before = state_of_everything()
    again = sweep(today=D(2025, 10, 31))
    assert state_of_everything() == before
    assert (again.deemed_accepted, again.urges, again.notices, again.notifications) == (0, 0, 0, 0)


def test_the_command_prints_rectification_then_appeals_on_one_line(make_appeal, capsys):
    make_appeal()
    call_command("sweep", "--today", "2025-10-11")
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith("2025-10-11 整改督办巡检")
    assert "；诉求巡检：视为受理 1 件" in out[0]
    call_command("sweep", "--today", "2025-10-11")
    assert "诉求巡检：视为受理 0 件" in capsys.readouterr().out
