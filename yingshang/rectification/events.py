"""The audit events of the rectification work: one function per event, called by the services
inside the transaction of their change.

Verbs are `<noun>.<past participle>`: `problem.registered`, `task.assigned`, `plan.approved`,
`extension.requested`. Their Chinese labels are `VERBS` below, registered with the audit trail
when the app loads; `LEGACY_VERBS` names the spellings of events stored before the verbs were
named one way. Notifications have verbs of their own
(`rectification.task_submit` ...): they name what a message is about, not an audit event.
"""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from yingshang.audit.models import AuditEvent
from yingshang.audit.services import build_event, record_event
from yingshang.core.rectification.clocks import Step
from yingshang.core.rectification.workflow import Action
from yingshang.kernel.models import User, Zone
from yingshang.rectification.models import (
    Escalation,
    Extension,
    Plan,
    PlanItem,
    Problem,
    RectificationSettings,
    Task,
)

Data = Mapping[str, Any] | None

VERBS = {
    "problem.registered": "登记问题",
    "problem.updated": "修改问题",
    "task.created": "新建整改任务",
    "task.assigned": "交办整改任务",
    "task.started": "开始整改",
    "task.reported": "报送整改进展",
    "task.submitted": "提请验收",
    "task.returned": "退回整改任务",
    "task.accepted": "验收通过",
    "task.closed": "整改任务销号",
    "task.reopened": "重新整改",
    "task.reminded": "催办提醒",
    "task.supervised": "督办",
    "task.circulated": "通报",
    "extension.requested": "申请延期",
    "extension.approved": "批准延期",
    "extension.rejected": "不予延期",
    "plan.drafted": "起草整改方案",
    "plan.updated": "修改整改方案",
    "plan_item.updated": "修改方案任务分工",
    "plan.submitted": "报审整改方案",
    "plan.approved": "审批整改方案",
    "plan.published": "印发整改方案",
    "campaign.created": "新建专项攻坚",
    "rectification_settings.updated": "修改整改规则设置",
}
LEGACY_VERBS = {
    "rectification.problem_created": "problem.registered",
    "rectification.problem_updated": "problem.updated",
    "rectification.task_created": "task.created",
    "rectification.task_assign": "task.assigned",
    "rectification.task_start": "task.started",
    "rectification.task_report": "task.reported",
    "rectification.task_submit": "task.submitted",
    "rectification.task_return": "task.returned",
    "rectification.task_accept": "task.accepted",
    "rectification.task_close": "task.closed",
    "rectification.task_reopen": "task.reopened",
    "rectification.task_reminder": "task.reminded",
    "rectification.task_supervision": "task.supervised",
    "rectification.task_notice": "task.circulated",
    "rectification.extension_requested": "extension.requested",
    "rectification.extension_approved": "extension.approved",
    "rectification.extension_rejected": "extension.rejected",
    "rectification.plan_drafted": "plan.drafted",
    "rectification.plan_updated": "plan.updated",
    "rectification.plan_item_updated": "plan_item.updated",
    "rectification.plan_submitted": "plan.submitted",
    "rectification.plan_approved": "plan.approved",
    "rectification.plan_published": "plan.published",
    "rectification.campaign_created": "campaign.created",
    "rectification.settings_updated": "rectification_settings.updated",
}

# The keys these events record that are no field of the model they describe, and the events
# whose fields are another model's than their object's (collected by `audit.fields`).
FIELD_LABELS = {
    "attachments": "附件",
    "items": "方案指标数",
    "problems": "问题数",
    "problems_to_assign": "未定责任部门的问题数",
}
FIELD_SUBJECTS = {
    "plan_item.updated": PlanItem,
    "task.reminded": Escalation,
    "task.supervised": Escalation,
    "task.circulated": Escalation,
    "extension.requested": Extension,
    "extension.rejected": Extension,
}

# --- problems --------------------------------------------------------------------------------


def problem_registered(*, actor: User | None, problem: Problem, after: Data) -> AuditEvent:
    return record_event(actor=actor, verb="problem.registered", obj=problem, after=after)


def problem_updated(
    *, actor: User, problem: Problem, before: Data, after: Data, reason: str = ""
) -> AuditEvent:
    return record_event(
        actor=actor,
        verb="problem.updated",
        obj=problem,
        before=before,
        after=after,
        reason=reason,
    )


# --- plans and campaigns ---------------------------------------------------------------------


def plan_drafted(*, actor: User, plan: Plan, after: Data) -> AuditEvent:
    return record_event(actor=actor, verb="plan.drafted", obj=plan, after=after)


def campaign_created(*, actor: User, plan: Plan, after: Data) -> AuditEvent:
    return record_event(actor=actor, verb="campaign.created", obj=plan, after=after)


def plan_updated(*, actor: User, plan: Plan, before: Data, after: Data) -> AuditEvent:
    return record_event(actor=actor, verb="plan.updated", obj=plan, before=before, after=after)


def plan_item_updated(
    *, actor: User, plan: Plan, item: PlanItem, before: Data, after: Data
) -> AuditEvent:
    """Recorded on the plan (its timeline), the item named in the reason."""
    return record_event(
        actor=actor,
        verb="plan_item.updated",
        obj=plan,
        before=before,
        after=after,
        reason=item.indicator_name,
    )


def _plan_moved(verb: str, *, actor: User, plan: Plan, before: str, after: str) -> AuditEvent:
    return record_event(
        actor=actor, verb=verb, obj=plan, before={"status": before}, after={"status": after}
    )


def plan_submitted(*, actor: User, plan: Plan, before: str, after: str) -> AuditEvent:
    return _plan_moved("plan.submitted", actor=actor, plan=plan, before=before, after=after)


def plan_approved(*, actor: User, plan: Plan, before: str, after: str) -> AuditEvent:
    return _plan_moved("plan.approved", actor=actor, plan=plan, before=before, after=after)


def plan_published(*, actor: User, plan: Plan, before: str, after: str) -> AuditEvent:
    return _plan_moved("plan.published", actor=actor, plan=plan, before=before, after=after)


# --- tasks -----------------------------------------------------------------------------------


def task_created(*, actor: User, task: Task, after: Data) -> AuditEvent:
    return record_event(actor=actor, verb="task.created", obj=task, after=after)


def _task_moved(
    verb: str, *, actor: User, task: Task, before: Data, after: Data, reason: str
) -> AuditEvent:
    return record_event(actor=actor, verb=verb, obj=task, before=before, after=after, reason=reason)


def task_assigned(
    *, actor: User, task: Task, before: Data, after: Data, reason: str = ""
) -> AuditEvent:
    return _task_moved(
        "task.assigned", actor=actor, task=task, before=before, after=after, reason=reason
    )


def task_started(
    *, actor: User, task: Task, before: Data, after: Data, reason: str = ""
) -> AuditEvent:
    return _task_moved(
        "task.started", actor=actor, task=task, before=before, after=after, reason=reason
    )


def task_reported(
    *, actor: User, task: Task, before: Data, after: Data, reason: str = ""
) -> AuditEvent:
    """A progress report (报送进展)."""
    return _task_moved(
        "task.reported", actor=actor, task=task, before=before, after=after, reason=reason
    )


def task_submitted(
    *, actor: User, task: Task, before: Data, after: Data, reason: str = ""
) -> AuditEvent:
    return _task_moved(
        "task.submitted", actor=actor, task=task, before=before, after=after, reason=reason
    )


def task_returned(
    *, actor: User, task: Task, before: Data, after: Data, reason: str = ""
) -> AuditEvent:
    return _task_moved(
        "task.returned", actor=actor, task=task, before=before, after=after, reason=reason
    )


def task_accepted(
    *, actor: User, task: Task, before: Data, after: Data, reason: str = ""
) -> AuditEvent:
    return _task_moved(
        "task.accepted", actor=actor, task=task, before=before, after=after, reason=reason
    )


def task_closed(
    *, actor: User, task: Task, before: Data, after: Data, reason: str = ""
) -> AuditEvent:
    """Closed (销号)."""
    return _task_moved(
        "task.closed", actor=actor, task=task, before=before, after=after, reason=reason
    )


def task_reopened(
    *, actor: User, task: Task, before: Data, after: Data, reason: str = ""
) -> AuditEvent:
    return _task_moved(
        "task.reopened", actor=actor, task=task, before=before, after=after, reason=reason
    )


TASK_MOVED = {
    Action.ASSIGN: task_assigned,
    Action.START: task_started,
    Action.REPORT: task_reported,
    Action.SUBMIT: task_submitted,
    Action.RETURN: task_returned,
    Action.ACCEPT: task_accepted,
    Action.CLOSE: task_closed,
    Action.REOPEN: task_reopened,
}
"""The event of each workflow action, for `services.tasks.transition`."""

ESCALATION_VERBS = {
    Step.REMINDER: "task.reminded",  # 催办提醒
    Step.SUPERVISION: "task.supervised",  # 督办
    Step.NOTICE: "task.circulated",  # 通报
}


def task_escalated(
    *,
    step: Step | str,
    task_id: int,
    task_repr: str,
    zone: Zone,
    deadline: dt.date,
    taken_on: dt.date,
    reason: str,
) -> AuditEvent:
    """An escalation step the daily sweep took, by the system. Built, not saved: the sweep saves
    a zone's events in bulk with `audit.services.record_events`."""
    return build_event(
        actor=None,
        verb=ESCALATION_VERBS[Step(step)],
        object_type=Task._meta.label_lower,
        object_id=task_id,
        object_repr=task_repr[:200],
        zone=zone,
        after={"step": str(step), "deadline": deadline, "taken_on": taken_on},
        reason=reason,
    )


# --- extensions ------------------------------------------------------------------------------


def extension_requested(
    *, actor: User, task: Task, old_deadline: dt.date, new_deadline: dt.date, reason: str
) -> AuditEvent:
    return record_event(
        actor=actor,
        verb="extension.requested",
        obj=task,
        after={"old_deadline": old_deadline, "new_deadline": new_deadline},
        reason=reason,
    )


def extension_approved(
    *, actor: User, task: Task, before: Data, after: Data, reason: str
) -> AuditEvent:
    """Recorded on the task, whose deadline moved."""
    return record_event(
        actor=actor,
        verb="extension.approved",
        obj=task,
        before=before,
        after=after,
        reason=reason,
    )


def extension_rejected(
    *, actor: User, task: Task, new_deadline: dt.date, reason: str
) -> AuditEvent:
    return record_event(
        actor=actor,
        verb="extension.rejected",
        obj=task,
        after={"new_deadline": new_deadline},
        reason=reason,
    )


# --- settings --------------------------------------------------------------------------------


def settings_updated(
    *, actor: User, settings: RectificationSettings, before: Data, after: Data
) -> AuditEvent:
    return record_event(
        actor=actor,
        verb="rectification_settings.updated",
        obj=settings,
        before=before,
        after=after,
    )
