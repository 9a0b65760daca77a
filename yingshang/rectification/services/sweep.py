"""The daily sweep: mark tasks due soon and overdue, take the escalation steps that are due
(催办提醒 before the deadline, 督办 after it, 通报 later), notify the people concerned.

Idempotent: flags are only written when they change, and each step is recorded once per task
and deadline (Escalation is unique on task, step and deadline), so a second run on the same day
changes nothing. A new deadline (an approved extension) starts the steps anew.

Tasks are read in chunks as plain rows with their escalations, judged in Python, and what
changes is written in bulk: flags with one update per flag combination, escalations, audit events
and notifications with bulk inserts. Each zone is swept in one transaction holding the zone's
settings row, so two sweeps of a zone run one after the other and never take a step twice.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from yingshang.audit.services import record_events
from yingshang.calendars.selectors import load_calendar
from yingshang.core.rectification.clocks import EscalationPolicy, TaskClock, judge
from yingshang.core.rectification.workflow import CLOCK_STATES
from yingshang.core.workdays import WorkCalendar
from yingshang.kernel.models import Notification, Role, User, Zone
from yingshang.lib.paging import keyset_chunks
from yingshang.rectification import events as audit_events
from yingshang.rectification.models import (
    Escalation,
    EscalationStep,
    RectificationSettings,
    Task,
)
from yingshang.rectification.services.notifications import send_email
from yingshang.rectification.services.settings import escalation_policy, zone_settings
from yingshang.rectification.services.tasks import task_link

CHUNK = 2000
COUNTERS = ("marked_due_soon", "marked_overdue", "reminders", "supervisions", "notices")
STEP_COUNTER = {"reminder": "reminders", "supervision": "supervisions", "notice": "notices"}
CLOCK_STATE_VALUES = frozenset(s.value for s in CLOCK_STATES)
ROW_FIELDS = (
    "pk",
    "state",
    "deadline",
    "due_soon",
    "overdue",
    "code",
    "title",
    "lead_department_id",
)
# Tasks whose clock runs, or whose due-soon flag may need clearing.
SWEPT = Q(state__in=CLOCK_STATE_VALUES, deadline__isnull=False) | Q(due_soon=True)


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


@dataclass(frozen=True)
class _ZoneContext:
    """What one zone's sweep needs, read once: its policy and the people to notify."""

    zone: Zone
    policy: EscalationPolicy
    calendar: WorkCalendar
    today: dt.date
    email: bool
    department_users: dict[int, list[User]]
    office_users: list[User]
    leader_users: list[User]

    def recipients(self, department_id: int, step: str) -> list[User]:
        users = list(self.department_users.get(department_id, []))
        if step in (EscalationStep.SUPERVISION, EscalationStep.NOTICE):
            users += self.office_users
        if step == EscalationStep.NOTICE:
            users += self.leader_users
        unique = {user.pk: user for user in users}
        return list(unique.values())


def _zone_context(zone: Zone, *, today: dt.date, calendar: WorkCalendar) -> _ZoneContext:
    people = User.objects.filter(
        is_active=True, role__in=(Role.DEPARTMENT, Role.OFFICE, Role.LEADER)
    ).filter(Q(zone=zone) | Q(department__zone=zone))
    by_department: dict[int, list[User]] = defaultdict(list)
    office, leaders = [], []
    for user in people.order_by("pk"):
        if user.role == Role.DEPARTMENT and user.department_id:
            by_department[user.department_id].append(user)
        elif user.role == Role.OFFICE:
            office.append(user)
        elif user.role == Role.LEADER:
            leaders.append(user)
    return _ZoneContext(
        zone=zone,
        policy=escalation_policy(zone),
        calendar=calendar,
        today=today,
        email=zone_settings(zone).email_notifications,
        department_users=dict(by_department),
        office_users=office,
        leader_users=leaders,
    )


def _steps_taken(task_ids: list[int]) -> dict[int, set[tuple[str, dt.date]]]:
    taken: dict[int, set[tuple[str, dt.date]]] = defaultdict(set)
    rows = Escalation.objects.filter(task_id__in=task_ids).values_list(
        "task_id", "step", "deadline"
    )
    for task_id, step, deadline in rows:
        taken[task_id].add((step, deadline))
    return taken


def _sweep_chunk(rows: list[dict], context: _ZoneContext, counts: Counter) -> None:
    taken = _steps_taken([row["pk"] for row in rows])
    flags: dict[tuple[bool, bool], list[int]] = defaultdict(list)
    escalations: list[Escalation] = []
    events = []
    notifications: list[Notification] = []
    for row in rows:
        verdict = judge(
            TaskClock(
                task_id=row["pk"],
                state=row["state"],
                deadline=row["deadline"],
                steps_taken=frozenset(taken.get(row["pk"], ())),
            ),
            today=context.today,
            policy=context.policy,
            calendar=context.calendar,
        )
        # A submitted task keeps the overdue mark it had: the record of lateness stays.
        overdue = verdict.overdue if row["state"] in CLOCK_STATE_VALUES else row["overdue"]
        if (verdict.due_soon, overdue) != (row["due_soon"], row["overdue"]):
            flags[(verdict.due_soon, overdue)].append(row["pk"])
            counts["marked_due_soon"] += verdict.due_soon and not row["due_soon"]
            counts["marked_overdue"] += overdue and not row["overdue"]
        for step in verdict.steps_due:
            counts[STEP_COUNTER[step]] += 1
            escalations.append(
                Escalation(
                    task_id=row["pk"], step=step, deadline=row["deadline"], taken_on=context.today
                )
            )
            events.append(_step_event(row, step, context))
            notifications.extend(_step_notifications(row, step, context))
    for (due_soon, overdue), ids in flags.items():
        # Flags are the sweep's, not the user's: the version is left alone.
        Task.objects.filter(pk__in=ids).update(due_soon=due_soon, overdue=overdue)
    Escalation.objects.bulk_create(escalations, batch_size=CHUNK)
    record_events(events)
    Notification.objects.bulk_create(notifications, batch_size=CHUNK)
    counts["notifications"] += len(notifications)
    if context.email:
        _email_after_commit(notifications)


def _step_event(row: dict, step: str, context: _ZoneContext):
    label = EscalationStep(step).label
    return audit_events.task_escalated(
        step=step,
        task_id=row["pk"],
        task_repr=f"{row['code']} {row['title']}",
        zone=context.zone,
        deadline=row["deadline"],
        taken_on=context.today,
        reason=f"{label}（完成时限 {row['deadline'].isoformat()}）",
    )


def _step_notifications(row: dict, step: str, context: _ZoneContext) -> list[Notification]:
    text = (
        f"整改任务「{row['code']} {row['title']}」完成时限 {row['deadline'].isoformat()}，"
        f"{STEP_TEXT[EscalationStep(step)]}"
    )[:500]
    link = task_link(Task(pk=row["pk"]))
    return [
        Notification(
            user=user,
            verb=f"rectification.task_{step}",
            text=text,
            link=link,
            emailed=context.email and bool(user.email),
        )
        for user in context.recipients(row["lead_department_id"], step)
    ]


def _email_after_commit(notifications: list[Notification]) -> None:
    by_message: dict[tuple[str, str], list[str]] = defaultdict(list)
    for note in notifications:
        if note.emailed:
            by_message[(note.text, note.link)].append(note.user.email)
    for (text, link), addresses in by_message.items():
        transaction.on_commit(lambda a=addresses, t=text, k=link: send_email(a, t, k))


def sweep(*, today: dt.date | None = None) -> SweepSummary:
    """Run the clocks of every task whose clock runs or whose flags need clearing."""
    today = today or timezone.localdate()
    calendar = load_calendar()
    counts: Counter = Counter()
    zone_ids = (
        Task.objects.filter(
            Q(state__in=CLOCK_STATE_VALUES, deadline__isnull=False) | Q(due_soon=True)
        )
        .values_list("zone_id", flat=True)
        .distinct()
    )
    for zone in Zone.objects.filter(pk__in=list(zone_ids)).order_by("pk"):
        zone_settings(zone)
        with transaction.atomic():
            RectificationSettings.objects.select_for_update().get(zone=zone)
            context = _zone_context(zone, today=today, calendar=calendar)
            for rows in keyset_chunks(
                Task.objects.filter(zone=zone).filter(SWEPT), fields=ROW_FIELDS, size=CHUNK
            ):
                _sweep_chunk(rows, context, counts)
    return SweepSummary(
        today=today,
        **{name: counts[name] for name in (*COUNTERS, "notifications")},
    )
