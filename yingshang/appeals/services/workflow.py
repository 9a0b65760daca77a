"""Moving an appeal through its workflow.

Every state change goes through `move`: it locks the row, checks the actor's role once (the
core's ACTORS, narrowed to the lead department for department staff and to the appeal's own
enterprise for enterprise users), checks the version the user saw (409 when someone saved in
between), asks the core table whether the state allows the action, applies the action's dates,
records a history row and an audit event, and notifies the people who act next, all in one
transaction. The public functions below are the actions with their own arguments.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from yingshang.appeals import events
from yingshang.appeals.models import Appeal, AppealRecord
from yingshang.appeals.selectors.appeals import appeals_visible_to, require_reader
from yingshang.appeals.services.deadlines import handling_deadline_from
from yingshang.appeals.services.notifications import (
    applicant_users,
    department_users,
    leader_users,
    notify,
    office_users,
)
from yingshang.audit.services import snapshot
from yingshang.core.appeals.workflow import (
    ACTION_LABELS,
    SYSTEM,
    Action,
    Attempt,
    TransitionRefused,
    check_role,
    check_transition,
)
from yingshang.kernel.access import require_same_zone
from yingshang.kernel.models import Department, User
from yingshang.kernel.versioning import bump_version, check_version, lock_version

NOUN = "该诉求"
TRACKED_FIELDS = (
    "state",
    "lead_department",
    "category",
    "deemed_accepted",
    "rejection_reason",
    "accepted_on",
    "handling_deadline",
    "dispatched_on",
    "replied_on",
    "visit_deadline",
    "closed_on",
    "reopen_count",
    "merged_into",
    "version",
)
Change = Callable[[Appeal], None]


def role_of(actor: User | None) -> str:
    return SYSTEM if actor is None else actor.role


def attempt_for(actor: User | None, appeal: Appeal, **given: Any) -> Attempt:
    return Attempt(
        role=role_of(actor),
        in_lead_department=bool(
            actor is not None
            and actor.department_id is not None
            and actor.department_id == appeal.lead_department_id
        ),
        own_enterprise=bool(
            actor is not None
            and actor.enterprise_id is not None
            and actor.enterprise_id == appeal.enterprise_id
        ),
        **given,
    )


def lock_appeal(actor: User | None, appeal_id: int) -> Appeal:
    """The appeal locked for the change; 404 when the actor may not see it (the system sees
    every appeal)."""
    if actor is not None:
        require_reader(actor)
        if not appeals_visible_to(actor).filter(pk=appeal_id).exists():
            raise Http404("未找到该诉求")
    try:
        return lock_version(Appeal.objects, pk=appeal_id, expected_version=None, noun=NOUN)
    except Appeal.DoesNotExist:
        raise Http404("未找到该诉求") from None


def require_action(actor: User | None, appeal: Appeal, action: Action) -> None:
    """The role check of a workflow action (403); the state is the core table's."""
    if actor is not None:
        require_same_zone(actor, appeal.zone_id)
    try:
        check_role(action, attempt_for(actor, appeal))
    except TransitionRefused as exc:
        raise PermissionDenied(exc.message) from None


def _recipients(appeal: Appeal, action: Action) -> list[User]:
    office = office_users(appeal.zone)
    department = department_users(appeal.lead_department)
    applicant = applicant_users(appeal)
    by_action: dict[Action, list[User]] = {
        Action.ACCEPT: applicant,
        Action.DEEM_ACCEPT: office + applicant,
        Action.PROPOSE_REJECTION: leader_users(appeal.zone),
        Action.APPROVE_REJECTION: office + applicant,
        Action.REFUSE_REJECTION: office,
        Action.DISPATCH: department,
        Action.SEND_BACK: office,
        Action.SUSPEND: office + department,
        Action.RESUME: office + department,
        Action.REPLY: office + applicant,
        Action.RATE: department,
        Action.CLOSE: department + applicant,
        Action.REOPEN: department + office,
        Action.MERGE: applicant,
    }
    return by_action.get(action, [])


def _notice_text(appeal: Appeal, action: Action, reason: str) -> str:
    text = f"诉求「{appeal.number} {appeal.title}」{ACTION_LABELS[action]}"
    if action in (Action.DISPATCH, Action.REOPEN) and appeal.handling_deadline:
        text += f"，办理时限 {appeal.handling_deadline.isoformat()}"
    if reason:
        text += f"：{reason}"
    return text


def move(
    *,
    actor: User | None,
    appeal: Appeal,
    action: Action,
    today: dt.date,
    reason: str = "",
    note: str = "",
    change: Change | None = None,
    data: dict[str, Any] | None = None,
    quiet: bool = False,
    **given: Any,
) -> Appeal:
    """The action on a locked appeal whose role and version were checked: the core table says
    whether the state allows it; the change, its history row, the audit event and the
    notifications follow (`quiet`: the caller notifies, as the sweep does in bulk)."""
    try:
        target = check_transition(
            appeal.state, action, attempt_for(actor, appeal, reason=reason, note=note, **given)
        )
    except TransitionRefused as exc:
        raise ValidationError(exc.message) from None
    before = snapshot(appeal, TRACKED_FIELDS)
    from_state = appeal.state
    appeal.state = target.value
    if change is not None:
        change(appeal)
    bump_version(appeal)
    appeal.save()
    text = reason or note
    AppealRecord.objects.create(
        appeal=appeal,
        action=action.value,
        from_state=from_state,
        to_state=appeal.state,
        note=text,
        data=data or {},
        actor=actor,
    )
    events.APPEAL_MOVED[action](
        actor=actor,
        appeal=appeal,
        before=before,
        after=snapshot(appeal, TRACKED_FIELDS),
        reason=text,
    )
    if quiet:
        return appeal
    notify(
        users=_recipients(appeal, action),
        appeal=appeal,
        verb=f"appeals.{action.value}",
        text=_notice_text(appeal, action, reason),
        actor=actor,
    )
    return appeal


@transaction.atomic
def act(
    *,
    actor: User,
    appeal_id: int,
    action: Action | str,
    expected_version: int,
    reason: str = "",
    note: str = "",
    today: dt.date | None = None,
    change: Change | None = None,
    data: dict[str, Any] | None = None,
    **given: Any,
) -> Appeal:
    """Lock, check role and version, then `move`."""
    try:
        action = Action(action)
    except ValueError:
        raise ValidationError("未知的操作") from None
    appeal = lock_appeal(actor, appeal_id)
    require_action(actor, appeal, action)
    check_version(appeal, expected_version, noun=NOUN)
    return move(
        actor=actor,
        appeal=appeal,
        action=action,
        today=today or timezone.localdate(),
        reason=reason.strip(),
        note=note.strip(),
        change=change,
        data=data,
        **given,
    )


# The actions -------------------------------------------------------------------------------


def accept(*, actor: User, appeal_id: int, expected_version: int, today: dt.date | None = None):
    """受理: the handling clock starts from today."""
    day = today or timezone.localdate()

    def change(appeal: Appeal) -> None:
        appeal.accepted_on = day
        appeal.handling_deadline = handling_deadline_from(appeal.kind, day)

    return act(
        actor=actor,
        appeal_id=appeal_id,
        action=Action.ACCEPT,
        expected_version=expected_version,
        today=day,
        change=change,
    )


def deem_accepted(appeal: Appeal, *, today: dt.date, quiet: bool = False) -> Appeal:
    """视为受理 by the system (the sweep, on a locked appeal): accepted on the acceptance
    deadline, and the handling clock counted from that day."""

    def change(item: Appeal) -> None:
        item.deemed_accepted = True
        item.accepted_on = item.acceptance_deadline
        item.handling_deadline = handling_deadline_from(item.kind, item.acceptance_deadline)

    reason = f"受理审查时限 {appeal.acceptance_deadline.isoformat()} 届满未作出受理决定"
    return move(
        actor=None,
        appeal=appeal,
        action=Action.DEEM_ACCEPT,
        today=today,
        reason=reason,
        change=change,
        quiet=quiet,
    )


def propose_rejection(*, actor: User, appeal_id: int, expected_version: int, reason: str):
    """提请不予受理 with the written reasons the applicant will read; a leader approves."""

    def change(appeal: Appeal) -> None:
        appeal.rejection_reason = reason.strip()

    return act(
        actor=actor,
        appeal_id=appeal_id,
        action=Action.PROPOSE_REJECTION,
        expected_version=expected_version,
        reason=reason,
        change=change,
    )


def decide_rejection(
    *,
    actor: User,
    appeal_id: int,
    expected_version: int,
    approve: bool,
    note: str = "",
    today: dt.date | None = None,
):
    """A leader approves the rejection (the appeal is finished) or refuses it (back to review)."""
    day = today or timezone.localdate()

    def change(appeal: Appeal) -> None:
        if approve:
            appeal.closed_on = day
        else:
            appeal.rejection_reason = ""

    return act(
        actor=actor,
        appeal_id=appeal_id,
        action=Action.APPROVE_REJECTION if approve else Action.REFUSE_REJECTION,
        expected_version=expected_version,
        note=note,
        today=day,
        change=change,
    )


def dispatch(
    *,
    actor: User,
    appeal_id: int,
    expected_version: int,
    department: Department | None,
    category: str | None = None,
    today: dt.date | None = None,
):
    """转办 to a lead department of the zone (again after a send-back)."""
    day = today or timezone.localdate()

    def change(appeal: Appeal) -> None:
        if department is None or department.zone_id != appeal.zone_id:
            raise ValidationError({"department": "承办部门须为本功能区的部门"})
        appeal.lead_department = department
        appeal.dispatched_on = day
        if category is not None:
            appeal.category = category.strip()

    return act(
        actor=actor,
        appeal_id=appeal_id,
        action=Action.DISPATCH,
        expected_version=expected_version,
        today=day,
        change=change,
        data={"department": department.pk if department else None},
        has_department=department is not None,
    )


def send_back(*, actor: User, appeal_id: int, expected_version: int, reason: str):
    """退回 to the office for rerouting, with a reason."""
    return act(
        actor=actor,
        appeal_id=appeal_id,
        action=Action.SEND_BACK,
        expected_version=expected_version,
        reason=reason,
    )


def start(*, actor: User, appeal_id: int, expected_version: int):
    """签收办理 by the lead department."""
    return act(
        actor=actor, appeal_id=appeal_id, action=Action.START, expected_version=expected_version
    )
