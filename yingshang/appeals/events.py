"""The audit events of appeals: one function per event, called by the services inside the
transaction of their change. Verbs are `<noun>.<past participle>` (`appeal.received`,
`appeal.dispatched`, `appeal_extension.requested`, `rating.disputed`); their Chinese labels are
`VERBS`, registered with the audit trail when the app loads. Extensions of an appeal are named
`appeal_extension.*` so that they stay apart from rectification's `extension.*` (another model's
fields)."""

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from yingshang.appeals.models import Appeal, Escalation, Extension, Rating, RatingRectification
from yingshang.audit.models import AuditEvent
from yingshang.audit.services import build_event, record_event
from yingshang.core.appeals.clocks import Step
from yingshang.core.appeals.workflow import Action
from yingshang.kernel.models import User, Zone

Data = Mapping[str, Any] | None

VERBS = {
    "appeal.received": "登记诉求",
    "appeal.accepted": "受理诉求",
    "appeal.deemed_accepted": "诉求视为受理",
    "appeal.rejection_proposed": "提请不予受理",
    "appeal.rejected": "不予受理",
    "appeal.rejection_refused": "不批准不予受理",
    "appeal.dispatched": "转办诉求",
    "appeal.sent_back": "退回诉求",
    "appeal.started": "签收办理诉求",
    "appeal.suspended": "中止办理诉求",
    "appeal.resumed": "恢复办理诉求",
    "appeal.replied": "答复诉求",
    "appeal.visited": "回访诉求",
    "appeal.rated": "评价诉求",
    "appeal.closed": "诉求办结归档",
    "appeal.reopened": "重办诉求",
    "appeal.merged": "合并重复诉求",
    "appeal.reminded": "诉求到期提醒",
    "appeal.urged": "诉求催办",
    "appeal.supervised": "诉求督办",
    "appeal.circulated": "诉求通报",
    "appeal_extension.requested": "申请诉求延期",
    "appeal_extension.approved": "批准诉求延期",
    "appeal_extension.rejected": "不予诉求延期",
    "rating.disputed": "差评申诉",
    "rating.upheld": "差评复核维持",
    "rating.overturned": "差评复核撤销",
    "rating_rectification.completed": "差评整改完成",
    "appealkind.created": "新增诉求类型",
    "appealkind.updated": "修改诉求类型",
    "appealkind.deleted": "删除诉求类型",
    "appealsettings.created": "新增诉求规则设置",
    "appealsettings.updated": "修改诉求规则设置",
    "appealsettings.deleted": "删除诉求规则设置",
}

FIELD_LABELS = {
    "rating_level": "评价等级",
    "rating_subjective": "主观原因",
    "suspension_reason": "中止理由",
}
FIELD_SUBJECTS = {
    "appeal.reminded": Escalation,
    "appeal.urged": Escalation,
    "appeal.supervised": Escalation,
    "appeal.circulated": Escalation,
    "appeal_extension.requested": Extension,
    "appeal_extension.rejected": Extension,
    "rating.disputed": Rating,
    "rating.upheld": Rating,
    "rating.overturned": Rating,
    "rating_rectification.completed": RatingRectification,
}

ACTION_VERBS: dict[Action, str] = {
    Action.ACCEPT: "appeal.accepted",
    Action.DEEM_ACCEPT: "appeal.deemed_accepted",
    Action.PROPOSE_REJECTION: "appeal.rejection_proposed",
    Action.APPROVE_REJECTION: "appeal.rejected",
    Action.REFUSE_REJECTION: "appeal.rejection_refused",
    Action.DISPATCH: "appeal.dispatched",
    Action.SEND_BACK: "appeal.sent_back",
    Action.START: "appeal.started",
    Action.SUSPEND: "appeal.suspended",
    Action.RESUME: "appeal.resumed",
    Action.REPLY: "appeal.replied",
    Action.VISIT: "appeal.visited",
    Action.RATE: "appeal.rated",
    Action.CLOSE: "appeal.closed",
    Action.REOPEN: "appeal.reopened",
    Action.MERGE: "appeal.merged",
}


def appeal_received(*, actor: User | None, appeal: Appeal, after: Data) -> AuditEvent:
    return record_event(actor=actor, verb="appeal.received", obj=appeal, after=after)


def _moved(verb: str) -> Callable[..., AuditEvent]:
    def record(
        *, actor: User | None, appeal: Appeal, before: Data, after: Data, reason: str = ""
    ) -> AuditEvent:
        return record_event(
            actor=actor, verb=verb, obj=appeal, before=before, after=after, reason=reason
        )

    record.__name__ = verb.replace(".", "_")
    record.__doc__ = f"The event `{verb}` ({VERBS[verb]})."
    return record


APPEAL_MOVED: dict[Action, Callable[..., AuditEvent]] = {
    action: _moved(verb) for action, verb in ACTION_VERBS.items()
}
"""The event of each workflow action, for `services.workflow.move`."""

ESCALATION_VERBS = {
    Step.REMINDER: "appeal.reminded",
    Step.URGE: "appeal.urged",
    Step.SUPERVISION: "appeal.supervised",
    Step.NOTICE: "appeal.circulated",
}


def appeal_escalated(
    *,
    step: Step | str,
    appeal_id: int,
    appeal_repr: str,
    zone: Zone,
    deadline: dt.date,
    taken_on: dt.date,
    reason: str,
) -> AuditEvent:
    """An escalation step the sweep took, by the system; built, not saved (the sweep saves a
    zone's events in bulk)."""
    return build_event(
        actor=None,
        verb=ESCALATION_VERBS[Step(step)],
        object_type=Appeal._meta.label_lower,
        object_id=appeal_id,
        object_repr=appeal_repr[:200],
        zone=zone,
        after={"step": str(step), "deadline": deadline, "taken_on": taken_on},
        reason=reason,
    )


def extension_requested(
    *, actor: User, appeal: Appeal, old_deadline: dt.date, requested_until: dt.date, reason: str
) -> AuditEvent:
    return record_event(
        actor=actor,
        verb="appeal_extension.requested",
        obj=appeal,
        after={"old_deadline": old_deadline, "requested_until": requested_until},
        reason=reason,
    )


def extension_approved(
    *, actor: User, appeal: Appeal, before: Data, after: Data, reason: str
) -> AuditEvent:
    """Recorded on the appeal, whose handling deadline moved."""
    return record_event(
        actor=actor,
        verb="appeal_extension.approved",
        obj=appeal,
        before=before,
        after=after,
        reason=reason,
    )


def extension_rejected(
    *, actor: User, appeal: Appeal, requested_until: dt.date, reason: str
) -> AuditEvent:
    return record_event(
        actor=actor,
        verb="appeal_extension.rejected",
        obj=appeal,
        after={"requested_until": requested_until},
        reason=reason,
    )


def rating_disputed(*, actor: User, appeal: Appeal, reason: str) -> AuditEvent:
    return record_event(
        actor=actor,
        verb="rating.disputed",
        obj=appeal,
        before={"dispute_state": "none"},
        after={"dispute_state": "pending"},
        reason=reason,
    )


def rating_reviewed(*, actor: User, appeal: Appeal, upheld: bool, note: str) -> AuditEvent:
    """A dispute decided: `rating.upheld` (the 差评 stands) or `rating.overturned`."""
    state = "upheld" if upheld else "overturned"
    return record_event(
        actor=actor,
        verb=f"rating.{state}",
        obj=appeal,
        before={"dispute_state": "pending"},
        after={"dispute_state": state},
        reason=note,
    )


def rating_rectification_completed(*, actor: User, appeal: Appeal, note: str) -> AuditEvent:
    return record_event(
        actor=actor,
        verb="rating_rectification.completed",
        obj=appeal,
        after={"status": "done"},
        reason=note,
    )
