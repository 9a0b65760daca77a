"""The daily sweep of appeals' clocks.

1. Acceptance: an appeal still under review (received, or a rejection awaiting approval) whose
   acceptance deadline has passed is deemed accepted (视为受理) on that deadline, through the
   workflow (history row, audit event), and its handling clock starts from that day.
2. Handling: for every appeal whose handling clock runs, the due-soon and overdue flags are
   set, and the escalation steps due are taken once per deadline: 到期提醒 (reminder), 催办,
   督办, 通报 (`core.appeals.clocks.steps_due`), each with an Escalation row, an audit event by
   the system and notifications (the department; the office from 催办 on; leaders for 通报).

Idempotent: a deemed appeal is no longer under review, flags are written only when they
change, and Escalation is unique on (appeal, step, deadline), so a second run on the same day
changes nothing. Each zone is swept in one transaction holding the zone's settings row, so two
sweeps of a zone run one after the other.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from yingshang.appeals import events as audit_events
from yingshang.appeals.models import Appeal, AppealSettings, Escalation
from yingshang.appeals.services.notifications import appeal_link
from yingshang.appeals.services.settings import escalation_policy, zone_settings
from yingshang.appeals.services.workflow import deem_accepted
from yingshang.audit.services import record_events
from yingshang.calendars.selectors import load_calendar
from yingshang.core.appeals.clocks import (
    STEP_LABELS,
    ClockStatus,
    EscalationPolicy,
    Step,
    read_clock,
    steps_due,
)
from yingshang.core.appeals.workflow import ACCEPTANCE_STATES, HANDLING_CLOCK_STATES
from yingshang.core.workdays import WorkCalendar
from yingshang.kernel.models import Notification, Role, User, Zone
from yingshang.lib.paging import keyset_chunks

CHUNK = 2000
UNDER_REVIEW = frozenset(s.value for s in ACCEPTANCE_STATES)
CLOCK_RUNS = frozenset(s.value for s in HANDLING_CLOCK_STATES)
ROW_FIELDS = (
    "pk",
    "state",
    "handling_deadline",
    "due_soon",
    "overdue",
    "number",
    "title",
    "lead_department_id",
)
SWEPT = Q(state__in=CLOCK_RUNS, handling_deadline__isnull=False) | Q(due_soon=True)
STEP_COUNTER = {
    Step.REMINDER: "reminders",
    Step.URGE: "urges",
    Step.SUPERVISION: "supervisions",
    Step.NOTICE: "notices",
}
STEP_TEXT = {
    Step.REMINDER: "即将到期，请抓紧办理",
    Step.URGE: "已超期，现予催办",
    Step.SUPERVISION: "超期未办结，现予督办",
    Step.NOTICE: "超期仍未办结，予以通报",
}


@dataclass(frozen=True)
class AppealSweepSummary:
    today: dt.date
    deemed_accepted: int = 0
    marked_due_soon: int = 0
    marked_overdue: int = 0
    reminders: int = 0
    urges: int = 0
    supervisions: int = 0
    notices: int = 0
    notifications: int = 0

    def __str__(self) -> str:
        return (
            f"诉求巡检：视为受理 {self.deemed_accepted} 件；新标记即将到期 "
            f"{self.marked_due_soon} 件、超期 {self.marked_overdue} 件；"
            f"到期提醒 {self.reminders} 次、催办 {self.urges} 次、督办 {self.supervisions} 次、"
            f"通报 {self.notices} 次；发出通知 {self.notifications} 条"
        )


@dataclass(frozen=True)
class _Zone:
    zone: Zone
    policy: EscalationPolicy
    calendar: WorkCalendar
    today: dt.date
    departments: dict[int, list[User]]
    office: list[User]
    leaders: list[User]

    def recipients(self, department_id: int | None, step: Step) -> list[User]:
        users = list(self.departments.get(department_id, [])) if department_id else []
        if step is not Step.REMINDER or not users:
            users += self.office
        if step is Step.NOTICE:
            users += self.leaders
        return list({user.pk: user for user in users}.values())


def _context(zone: Zone, today: dt.date, calendar: WorkCalendar) -> _Zone:
    people = User.objects.filter(
        is_active=True, role__in=(Role.DEPARTMENT, Role.OFFICE, Role.LEADER)
    ).filter(Q(zone=zone) | Q(department__zone=zone))
    departments: dict[int, list[User]] = defaultdict(list)
    office, leaders = [], []
    for user in people.order_by("pk"):
        if user.role == Role.DEPARTMENT and user.department_id:
            departments[user.department_id].append(user)
        elif user.role == Role.OFFICE:
            office.append(user)
        elif user.role == Role.LEADER:
            leaders.append(user)
    return _Zone(zone, escalation_policy(zone), calendar, today, dict(departments), office, leaders)


def _deem_lapsed(context: _Zone, counts: Counter) -> None:
    lapsed = Appeal.objects.filter(
        zone=context.zone, state__in=UNDER_REVIEW, acceptance_deadline__lt=context.today
    ).values_list("pk", flat=True)
    notifications: list[Notification] = []
    for appeal_id in list(lapsed):
        appeal = Appeal.objects.select_for_update().select_related("kind").get(pk=appeal_id)
        if appeal.state not in UNDER_REVIEW:
            continue
        deem_accepted(appeal, today=context.today, quiet=True)
        counts["deemed_accepted"] += 1
        text = (
            f"诉求「{appeal.number} {appeal.title}」受理审查时限已届满，视为受理，"
            f"办理时限 {appeal.handling_deadline.isoformat()}"
        )
        notifications += [
            Notification(
                user=user, verb="appeals.deem_accept", text=text[:500], link=appeal_link(appeal)
            )
            for user in context.office
        ]
    Notification.objects.bulk_create(notifications, batch_size=CHUNK)
    counts["notifications"] += len(notifications)


def _taken(appeal_ids: list[int]) -> dict[int, set[tuple[str, dt.date]]]:
    taken: dict[int, set[tuple[str, dt.date]]] = defaultdict(set)
    rows = Escalation.objects.filter(appeal_id__in=appeal_ids).values_list(
        "appeal_id", "step", "deadline"
    )
    for appeal_id, step, deadline in rows:
        taken[appeal_id].add((step, deadline))
    return taken


def _flags(row: dict, context: _Zone) -> tuple[bool, bool]:
    if row["state"] not in CLOCK_RUNS or row["handling_deadline"] is None:
        return False, row["overdue"]  # a replied or paused case keeps its record of lateness
    reading = read_clock(
        row["handling_deadline"], context.today, context.calendar, context.policy.due_soon_days
    )
    return reading.status is ClockStatus.DUE_SOON, reading.status is ClockStatus.OVERDUE


def _sweep_chunk(rows: list[dict], context: _Zone, counts: Counter) -> None:
    taken = _taken([row["pk"] for row in rows])
    flags: dict[tuple[bool, bool], list[int]] = defaultdict(list)
    escalations, events, notifications = [], [], []
    for row in rows:
        due_soon, overdue = _flags(row, context)
        if (due_soon, overdue) != (row["due_soon"], row["overdue"]):
            flags[(due_soon, overdue)].append(row["pk"])
            counts["marked_due_soon"] += due_soon and not row["due_soon"]
            counts["marked_overdue"] += overdue and not row["overdue"]
        if row["state"] not in CLOCK_RUNS:
            continue
        deadline = row["handling_deadline"]
        due = steps_due(
            deadline,
            context.today,
            context.calendar,
            context.policy,
            frozenset(taken.get(row["pk"], ())),
        )
        for step in due:
            counts[STEP_COUNTER[step]] += 1
            escalations.append(
                Escalation(
                    appeal_id=row["pk"], step=step, deadline=deadline, taken_on=context.today
                )
            )
            events.append(_step_event(row, step, context))
            notifications += _step_notifications(row, step, context)
    for (due_soon, overdue), ids in flags.items():
        # Flags are the sweep's, not a user's edit: the version stays.
        Appeal.objects.filter(pk__in=ids).update(due_soon=due_soon, overdue=overdue)
    Escalation.objects.bulk_create(escalations, batch_size=CHUNK)
    record_events(events)
    Notification.objects.bulk_create(notifications, batch_size=CHUNK)
    counts["notifications"] += len(notifications)


def _step_event(row: dict, step: Step, context: _Zone):
    return audit_events.appeal_escalated(
        step=step,
        appeal_id=row["pk"],
        appeal_repr=f"{row['number']} {row['title']}",
        zone=context.zone,
        deadline=row["handling_deadline"],
        taken_on=context.today,
        reason=f"{STEP_LABELS[step]}（办理时限 {row['handling_deadline'].isoformat()}）",
    )


def _step_notifications(row: dict, step: Step, context: _Zone) -> list[Notification]:
    text = (
        f"诉求「{row['number']} {row['title']}」办理时限 "
        f"{row['handling_deadline'].isoformat()}，{STEP_TEXT[step]}"
    )[:500]
    link = appeal_link(Appeal(pk=row["pk"]))
    return [
        Notification(user=user, verb=f"appeals.{step.value}", text=text, link=link)
        for user in context.recipients(row["lead_department_id"], step)
    ]


def _zones(today: dt.date) -> list[Zone]:
    due = Q(state__in=UNDER_REVIEW, acceptance_deadline__lt=today) | SWEPT
    zone_ids = Appeal.objects.filter(due).values_list("zone_id", flat=True).distinct()
    return list(Zone.objects.filter(pk__in=list(zone_ids)).order_by("pk"))


def sweep(*, today: dt.date | None = None) -> AppealSweepSummary:
    """Run every appeal clock that is due on `today` (default: today)."""
    today = today or timezone.localdate()
    calendar = load_calendar()
    counts: Counter = Counter()
    for zone in _zones(today):
        zone_settings(zone)
        with transaction.atomic():
            AppealSettings.objects.select_for_update().get(zone=zone)
            context = _context(zone, today, calendar)
            _deem_lapsed(context, counts)
            for rows in keyset_chunks(
                Appeal.objects.filter(zone=zone).filter(SWEPT), fields=ROW_FIELDS, size=CHUNK
            ):
                _sweep_chunk(rows, context, counts)
    names = ("deemed_accepted", "marked_due_soon", "marked_overdue", *STEP_COUNTER.values())
    return AppealSweepSummary(
        today=today, notifications=counts["notifications"], **{n: counts[n] for n in names}
    )
