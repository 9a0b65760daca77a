import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from tests.rectification.helpers import act
from yingshang.audit.models import AuditEvent
from yingshang.kernel.models import Notification, Role
from yingshang.rectification.models import Escalation, Task
from yingshang.rectification.services.sweep import sweep
from yingshang.rectification.services.tasks import decide_extension, request_extension

# 2026 counted weekends-only (unpublished): assigned Monday 9-28 with 3 working days, the
# deadline is Thursday 10-01. Reminder from 2 working days before (9-29); supervision 1 working
# day after (Friday 10-02); notice 5 working days after that (Friday 10-09).


@pytest.fixture
def running_task(users, make_task, unpublished_2026):
    return act(users[Role.OFFICE], make_task(), "assign")


def counts() -> tuple[int, ...]:
    return (
        Escalation.objects.count(),
        Notification.objects.count(),
        AuditEvent.objects.count(),
        Task.objects.filter(due_soon=True).count(),
        Task.objects.filter(overdue=True).count(),
    )


def test_nothing_before_the_reminder_day(running_task):
    summary = sweep(today=dt.date(2026, 9, 28))
    assert summary.marked_due_soon == summary.reminders == summary.notifications == 0
    assert not Escalation.objects.exists()


def test_reminder_then_idempotent_same_day(users, running_task):
    notices_before = Notification.objects.count()
    summary = sweep(today=dt.date(2026, 9, 29))
    assert (summary.marked_due_soon, summary.reminders, summary.notifications) == (1, 1, 1)
    running_task.refresh_from_db()
    assert running_task.due_soon and not running_task.overdue
    assert running_task.version == 2  # the sweep does not bump the user's version
    assert Notification.objects.filter(
        user=users[Role.DEPARTMENT], verb="rectification.task_reminder"
    ).exists()
    assert Notification.objects.count() == notices_before + 1
    assert AuditEvent.objects.filter(verb="task.reminded").count() == 1
    before = counts()
    again = sweep(today=dt.date(2026, 9, 29))
    assert counts() == before
    assert (again.marked_due_soon, again.reminders, again.notifications) == (0, 0, 0)
    # The next day the reminder is not repeated either.
    sweep(today=dt.date(2026, 9, 30))
    assert Escalation.objects.filter(step="reminder").count() == 1


def test_overdue_supervision_and_notice(users, running_task):
    sweep(today=dt.date(2026, 9, 29))
    summary = sweep(today=dt.date(2026, 10, 2))
    assert (summary.marked_overdue, summary.supervisions, summary.notices) == (1, 1, 0)
    running_task.refresh_from_db()
    assert running_task.overdue and not running_task.due_soon
    assert Notification.objects.filter(
        user=users[Role.OFFICE], verb="rectification.task_supervision"
    ).exists()
    assert AuditEvent.objects.filter(verb="task.supervised").count() == 1
    assert sweep(today=dt.date(2026, 10, 8)).notices == 0
    summary = sweep(today=dt.date(2026, 10, 9))
    assert summary.notices == 1 and summary.supervisions == 0
    assert Notification.objects.filter(
        user=users[Role.LEADER], verb="rectification.task_notice"
    ).exists()
    assert AuditEvent.objects.filter(verb="task.circulated").count() == 1
    before = counts()
    sweep(today=dt.date(2026, 10, 9))
    assert counts() == before


def test_submitted_task_stops_the_clock(users, running_task, settings, tmp_path):
    from tests.rectification.test_tasks import evidence

    settings.MEDIA_ROOT = tmp_path
    sweep(today=dt.date(2026, 9, 29))
    act(users[Role.DEPARTMENT], running_task, "start")
    act(users[Role.DEPARTMENT], running_task, "submit", text="完成", files=[evidence()])
    sweep(today=dt.date(2026, 10, 5))
    running_task.refresh_from_db()
    assert not running_task.due_soon and not running_task.overdue
    assert not Escalation.objects.filter(step="supervision").exists()


def test_new_deadline_starts_steps_anew(users, running_task):
    sweep(today=dt.date(2026, 9, 29))
    extension = request_extension(
        actor=users[Role.DEPARTMENT],
        task_id=running_task.pk,
        new_deadline=dt.date(2026, 10, 20),
        reason="协调中",
        today=dt.date(2026, 9, 30),
    )
    decide_extension(actor=users[Role.LEADER], extension_id=extension.pk, approve=True)
    assert sweep(today=dt.date(2026, 10, 5)).supervisions == 0
    assert sweep(today=dt.date(2026, 10, 16)).reminders == 1
    assert Escalation.objects.filter(step="reminder").count() == 2


def test_command_prints_one_chinese_line(running_task, capsys):
    call_command("sweep", "--today", "2026-09-29")
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith("2026-09-29 整改督办巡检") and "催办提醒 1 次" in out[0]
    call_command("sweep", "--today", "2026-09-29")
    assert "催办提醒 0 次" in capsys.readouterr().out


def test_command_rejects_bad_date(db):
    with pytest.raises(CommandError, match="日期格式有误"):
        call_command("sweep", "--today", "2026/13/01")
