"""The daily sweep: mark tasks due soon and overdue, take the escalation steps that are due
(催办提醒 before the deadline, 督办 after it, 通报 later), notify the people concerned.

Idempotent: flags are only written when they change, and each step is recorded once per task
and deadline (Escalation is unique on task, step and deadline), so a second run on the same day
changes nothing. A new deadline (an approved extension) starts the steps anew.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from yingshang.audit.services import record_event
from yingshang.calendars.selectors import load_calendar
from yingshang.core.rectification.clocks import TaskClock, judge
from yingshang.core.rectification.workflow import CLOCK_STATES
from yingshang.rectification.models import Escalation, EscalationStep, Task
from yingshang.rectification.services.notifications import (
    department_users,
    leader_users,
    notify,
    office_users,
)
from yingshang.rectification.services.settings import escalation_policy
from yingshang.rectification.services.tasks import task_link


@dataclass(frozen=True)
class SweepSummary:
    today: dt.date
    marked_due_soon: int = 0
    marked_overdue: int = 0
    reminders: int = 0
    supervisions: int = 0
    notices: int = 0
    notifications: int = 0

    def __str__(self) -> str:
        return (
            f"{self.today.isoformat()} 整改督办巡检：新标记即将到期 {self.marked_due_soon} 项、"
            f"超期 {self.marked_overdue} 项；催办提醒 {self.reminders} 次、"
            f"督办 {self.supervisions} 次、通报 {self.notices} 次；发出通知 {self.notifications} 条"
        )


STEP_TEXT = {
    EscalationStep.REMINDER: "即将到期，请抓紧办理（催办提醒）",
    EscalationStep.SUPERVISION: "已超期，现予督办",
    EscalationStep.NOTICE: "超期未办结，予以通报",
}


def _recipients(task: Task, step: str) -> list:
    users = department_users(task.lead_department)
    if step in (EscalationStep.SUPERVISION, EscalationStep.NOTICE):
        users += office_users(task.zone)
    if step == EscalationStep.NOTICE:
        users += leader_users(task.zone)
    return users


def _sweep_task(task: Task, *, today: dt.date, policy, calendar, counts: dict) -> None:
    taken = frozenset(
        (step, deadline) for step, deadline in task.escalations.values_list("step", "deadline")
    )
    verdict = judge(
        TaskClock(task_id=task.pk, state=task.state, deadline=task.deadline, steps_taken=taken),
        today=today,
        policy=policy,
        calendar=calendar,
    )
    changes = {}
    if verdict.due_soon != task.due_soon:
        changes["due_soon"] = verdict.due_soon
        counts["marked_due_soon"] += verdict.due_soon
    if verdict.overdue != task.overdue and task.state in {s.value for s in CLOCK_STATES}:
        changes["overdue"] = verdict.overdue
        counts["marked_overdue"] += verdict.overdue
    if changes:
        # Flags are the sweep's, not the user's: the version is left alone.
        Task.objects.filter(pk=task.pk).update(**changes)
    for step in verdict.steps_due:
        try:
            with transaction.atomic():
                Escalation.objects.create(
                    task=task, step=step, deadline=task.deadline, taken_on=today
                )
        except IntegrityError:  # another sweep took it meanwhile
            continue
        counts[
            {"reminder": "reminders", "supervision": "supervisions", "notice": "notices"}[step]
        ] += 1
        label = EscalationStep(step).label
        record_event(
            actor=None,
            verb=f"rectification.task_{step}",
            obj=task,
            after={"step": step, "deadline": task.deadline, "taken_on": today},
            reason=f"{label}（完成时限 {task.deadline.isoformat()}）",
        )
        sent = notify(
            users=_recipients(task, step),
            verb=f"rectification.task_{step}",
            text=(
                f"整改任务「{task.code} {task.title}」完成时限 {task.deadline.isoformat()}，"
                f"{STEP_TEXT[EscalationStep(step)]}"
            ),
            link=task_link(task),
            zone=task.zone,
        )
        counts["notifications"] += len(sent)


def sweep(*, today: dt.date | None = None) -> SweepSummary:
    """Run the clocks of every task whose clock runs or whose flags need clearing."""
    today = today or timezone.localdate()
    calendar = load_calendar()
    counts = dict.fromkeys(
        (
            "marked_due_soon",
            "marked_overdue",
            "reminders",
            "supervisions",
            "notices",
            "notifications",
        ),
        0,
    )
    clock_states = [s.value for s in CLOCK_STATES]
    candidates = (
        Task.objects.filter(state__in=clock_states, deadline__isnull=False)
        | Task.objects.filter(due_soon=True)
    ).select_related("zone", "lead_department")
    policies: dict[int, object] = {}
    for task in candidates.order_by("zone_id", "id"):
        if task.zone_id not in policies:
            policies[task.zone_id] = escalation_policy(task.zone)
        with transaction.atomic():
            _sweep_task(
                task, today=today, policy=policies[task.zone_id], calendar=calendar, counts=counts
            )
    return SweepSummary(today=today, **counts)
