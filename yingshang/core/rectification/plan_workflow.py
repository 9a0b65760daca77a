"""The plan workflow (整改提升工作方案 and 专项攻坚): states, actions, who may act.

draft (起草中) --submit--> pending (待审批) --approve--> approved (已审批) --publish--> published
   edit ↺                     edit ↺                                                 (已印发)

The office drafts, submits (报审) and publishes (印发); a leader approves (审批). The office may
still edit a plan while it waits for approval; once approved it is fixed. There is no return of a
plan and no action needs a reason: a leader who does not approve leaves it pending and tells the
office, which edits it (the services and pages offer nothing else today).

As in `workflow` for tasks, the table is data: `PLAN_TRANSITIONS` maps (status, action) to the
next status (edit keeps it), `PLAN_ACTORS` names the roles (yingshang's role codes as strings,
so the core needs no Django) that may take an action. `check_plan_transition` answers with the
next status or raises `PlanTransitionRefused` saying why, in Chinese; `PlanRoleRefused`, a
subclass, when the role is at fault, so the Django layer can answer 403 for it and 422 (a
validation error) for a plan in the wrong status, as it does today.
"""

import datetime as dt
from enum import StrEnum

from yingshang.core.rectification.workflow import TransitionRefused


class PlanStatus(StrEnum):
    """Stored in Plan.status: keep the codes."""

    DRAFT = "draft"
    PENDING = "pending"
    APPROVED = "approved"
    PUBLISHED = "published"


PLAN_STATUS_LABELS: dict[PlanStatus, str] = {
    PlanStatus.DRAFT: "起草中",
    PlanStatus.PENDING: "待审批",
    PlanStatus.APPROVED: "已审批",
    PlanStatus.PUBLISHED: "已印发",
}


class PlanKind(StrEnum):
    """Stored in Plan.kind: drafted from an evaluation, or a campaign whose tasks come by hand."""

    EVALUATION = "evaluation"
    CAMPAIGN = "campaign"


PLAN_KIND_LABELS: dict[PlanKind, str] = {
    PlanKind.EVALUATION: "整改提升工作方案",
    PlanKind.CAMPAIGN: "专项攻坚",
}


class PlanAction(StrEnum):
    """submit / approve / publish are the step names in the page URLs (plans/<id>/<step>/)."""

    EDIT = "edit"  # the plan's text or an item's 责任领导 / 牵头部门 / 配合部门
    SUBMIT = "submit"
    APPROVE = "approve"
    PUBLISH = "publish"


PLAN_ACTION_LABELS: dict[PlanAction, str] = {
    PlanAction.EDIT: "修改",
    PlanAction.SUBMIT: "提交审批",
    PlanAction.APPROVE: "审批通过",
    PlanAction.PUBLISH: "印发",
}
"""Button labels and the success message ("方案已提交审批")."""

# The verb in "方案已审批，不能印发": shorter than the button labels; the services' wording.
_REFUSAL_VERBS: dict[PlanAction, str] = {
    PlanAction.EDIT: "再修改",
    PlanAction.SUBMIT: "报审",
    PlanAction.APPROVE: "审批",
    PlanAction.PUBLISH: "印发",
}

PLAN_TRANSITIONS: dict[tuple[PlanStatus, PlanAction], PlanStatus] = {
    (PlanStatus.DRAFT, PlanAction.EDIT): PlanStatus.DRAFT,
    (PlanStatus.PENDING, PlanAction.EDIT): PlanStatus.PENDING,
    (PlanStatus.DRAFT, PlanAction.SUBMIT): PlanStatus.PENDING,
    (PlanStatus.PENDING, PlanAction.APPROVE): PlanStatus.APPROVED,
    (PlanStatus.APPROVED, PlanAction.PUBLISH): PlanStatus.PUBLISHED,
}

# The office is no approver of its own plan: approval is the leader's (or an administrator's).
PLAN_ACTORS: dict[PlanAction, frozenset[str]] = {
    PlanAction.EDIT: frozenset({"office", "admin"}),
    PlanAction.SUBMIT: frozenset({"office", "admin"}),
    PlanAction.APPROVE: frozenset({"leader", "admin"}),
    PlanAction.PUBLISH: frozenset({"office", "admin"}),
}

_ROLE_REFUSALS: dict[PlanAction, str] = {PlanAction.APPROVE: "方案须由领导审批"}


class PlanTransitionRefused(TransitionRefused):
    """A refused plan action; `message` says why, in Chinese. A TransitionRefused, so the pages'
    error handling for tasks covers plans too."""


class PlanRoleRefused(PlanTransitionRefused):
    """Refused because of the actor's role (HTTP 403 in the Django layer)."""


def plan_allowed_actions(status: PlanStatus | str, role: str | None = None) -> list[PlanAction]:
    """The actions the table allows from `status` (for `role` only, when given), in table
    order."""
    status = PlanStatus(status)
    return [
        action
        for (source, action) in PLAN_TRANSITIONS
        if source == status and (role is None or role in PLAN_ACTORS[action])
    ]


def plan_steps(status: PlanStatus | str, role: str) -> list[PlanAction]:
    """The buttons of the plan page: the allowed actions for `role` that move the status."""
    status = PlanStatus(status)
    return [
        action
        for action in plan_allowed_actions(status, role)
        if PLAN_TRANSITIONS[(status, action)] != status
    ]


def can_edit_plan(status: PlanStatus | str, role: str) -> bool:
    return PlanAction.EDIT in plan_allowed_actions(status, role)


def check_plan_role(action: PlanAction | str, role: str) -> None:
    """PlanRoleRefused unless `role` may take `action` in some status. The services check this
    before the version and the status, so a stale page of a user without the role is told
    about the role first."""
    action = PlanAction(action)
    if role not in PLAN_ACTORS[action]:
        raise PlanRoleRefused(
            _ROLE_REFUSALS.get(action, f"您的角色不能{PLAN_ACTION_LABELS[action]}")
        )


def check_plan_transition(
    status: PlanStatus | str, action: PlanAction | str, role: str
) -> PlanStatus:
    """The next status, or PlanTransitionRefused (PlanRoleRefused for the role) saying why."""
    status, action = PlanStatus(status), PlanAction(action)
    target = PLAN_TRANSITIONS.get((status, action))
    if target is None:
        raise PlanTransitionRefused(
            f"方案{PLAN_STATUS_LABELS[status]}，不能{_REFUSAL_VERBS[action]}"
        )
    check_plan_role(action, role)
    return target


def deadline_on_publishing(
    *,
    title: str,
    deadline: dt.date | None,
    limit_workdays: int | None,
    plan_due_on: dt.date | None,
) -> dt.date | None:
    """The deadline a draft task of the plan takes when the plan is published: None when the
    task has its own deadline or time limit (assigning counts it), else the plan's completion
    date (整改完成时限). Refused when there is neither: publishing would assign a task without
    a clock."""
    if deadline is not None or limit_workdays:
        return None
    if plan_due_on is None:
        raise PlanTransitionRefused(f"任务“{title}”未设定完成时限，方案也未设定整改完成时限")
    return plan_due_on
