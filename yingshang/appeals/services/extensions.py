"""Extensions of the handling deadline (延期): asked for before the deadline by the lead
department (or the office), one pending at a time, decided by the office or a leader."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from yingshang.appeals import events
from yingshang.appeals.models import Appeal, Extension
from yingshang.appeals.services.notifications import leader_users, notify, office_users
from yingshang.appeals.services.workflow import NOUN, TRACKED_FIELDS, lock_appeal
from yingshang.audit.services import snapshot
from yingshang.core.appeals.clocks import ClockError, check_extension
from yingshang.core.appeals.workflow import HANDLING_CLOCK_STATES, STATE_LABELS, State
from yingshang.core.rectification.codes import ExtensionStatus
from yingshang.kernel.access import APPEAL_DECIDERS, require_zone_role
from yingshang.kernel.models import Role, User
from yingshang.kernel.versioning import bump_version, lock_version


def _may_request(actor: User, appeal: Appeal) -> bool:
    if actor.role == Role.DEPARTMENT:
        return actor.department_id == appeal.lead_department_id
    return actor.role in (Role.OFFICE, Role.ADMIN)


@transaction.atomic
def request_extension(
    *,
    actor: User,
    appeal_id: int,
    requested_until: dt.date,
    reason: str,
    today: dt.date | None = None,
) -> Extension:
    day = today or timezone.localdate()
    appeal = lock_appeal(actor, appeal_id)
    if not _may_request(actor, appeal):
        raise PermissionDenied("只有承办部门或营商办可以申请延期")
    if State(appeal.state) not in HANDLING_CLOCK_STATES or appeal.handling_deadline is None:
        raise ValidationError(f"诉求{STATE_LABELS[State(appeal.state)]}，不能申请延期")
    try:
        check_extension(
            today=day, deadline=appeal.handling_deadline, requested_until=requested_until
        )
    except ClockError as exc:
        raise ValidationError(str(exc)) from None
    if not reason.strip():
        raise ValidationError({"reason": "请填写延期理由"})
    if appeal.extensions.filter(status=ExtensionStatus.PENDING).exists():
        raise ValidationError("该诉求已有待审批的延期申请")
    extension = Extension.objects.create(
        appeal=appeal,
        requested_by=actor,
        requested_on=day,
        old_deadline=appeal.handling_deadline,
        requested_until=requested_until,
        reason=reason.strip(),
    )
    events.extension_requested(
        actor=actor,
        appeal=appeal,
        old_deadline=appeal.handling_deadline,
        requested_until=requested_until,
        reason=reason.strip(),
    )
    notify(
        users=office_users(appeal.zone) + leader_users(appeal.zone),
        appeal=appeal,
        verb="appeals.extension_requested",
        text=f"诉求「{appeal.number} {appeal.title}」申请延期至 {requested_until.isoformat()}",
        actor=actor,
    )
    return extension


@transaction.atomic
def decide_extension(*, actor: User, extension_id: int, approve: bool, note: str = "") -> Extension:
    """Approved, the handling deadline becomes the requested day; the requester is told."""
    extension = Extension.objects.select_for_update().filter(pk=extension_id).first()
    if extension is None:
        raise Http404("未找到该延期申请")
    appeal = lock_version(Appeal.objects, pk=extension.appeal_id, expected_version=None, noun=NOUN)
    require_zone_role(actor, appeal.zone_id, APPEAL_DECIDERS, message="无权审批延期")
    if extension.status != ExtensionStatus.PENDING:
        raise ValidationError("该延期申请已审批")
    if not approve and not note.strip():
        raise ValidationError({"note": "不予批准时请填写理由"})
    extension.status = (ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED).value
    extension.decided_by = actor
    extension.decided_at = timezone.now()
    extension.decision_note = note.strip()
    extension.save()
    if approve:
        before = snapshot(appeal, TRACKED_FIELDS)
        appeal.handling_deadline = extension.requested_until
        appeal.due_soon = appeal.overdue = False
        bump_version(appeal)
        appeal.save()
        after = snapshot(appeal, TRACKED_FIELDS)
        events.extension_approved(
            actor=actor, appeal=appeal, before=before, after=after, reason=note.strip()
        )
    else:
        events.extension_rejected(
            actor=actor,
            appeal=appeal,
            requested_until=extension.requested_until,
            reason=note.strip(),
        )
    decision = "已批准" if approve else "未批准"
    notify(
        users=[extension.requested_by] if extension.requested_by else [],
        appeal=appeal,
        verb=f"appeals.extension_{'approved' if approve else 'rejected'}",
        text=f"诉求「{appeal.number}」延期至 {extension.requested_until.isoformat()} 的申请"
        f"{decision}" + (f"：{note.strip()}" if note.strip() else ""),
        actor=actor,
    )
    return extension
