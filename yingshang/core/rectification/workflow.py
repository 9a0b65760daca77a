"""The task workflow: states, actions, who may act, and what each action requires.

draft -> assigned -> in_progress -> submitted -> accepted -> closed (销号)
                         ^              |
                         +-- returned <-+   (returned with reasons; the department reworks)
closed / accepted -> in_progress by reopening (with a reason).

The table is data: `TRANSITIONS` maps (state, action) to the next state, `ACTORS` names the roles
that may take an action, `REQUIREMENTS` what the action must carry. `check_transition` answers
with the next state or raises `TransitionRefused` saying why, in Chinese.
"""

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    DRAFT = "draft"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    CLOSED = "closed"


STATE_LABELS = {
    State.DRAFT: "草稿",
    State.ASSIGNED: "已交办",
    State.IN_PROGRESS: "整改中",
    State.SUBMITTED: "待验收",
    State.RETURNED: "已退回",
    State.ACCEPTED: "已验收",
    State.CLOSED: "已销号",
}


class Action(StrEnum):
    ASSIGN = "assign"
    START = "start"
    REPORT = "report"  # a progress report: the state does not change
    SUBMIT = "submit"
    RETURN = "return"
    ACCEPT = "accept"
    CLOSE = "close"
    REOPEN = "reopen"


ACTION_LABELS = {
    Action.ASSIGN: "交办",
    Action.START: "开始整改",
    Action.REPORT: "报送进展",
    Action.SUBMIT: "提请验收",
    Action.RETURN: "退回",
    Action.ACCEPT: "验收通过",
    Action.CLOSE: "销号",
    Action.REOPEN: "重新整改",
}

TRANSITIONS: dict[tuple[State, Action], State] = {
    (State.DRAFT, Action.ASSIGN): State.ASSIGNED,
    (State.ASSIGNED, Action.START): State.IN_PROGRESS,
    (State.ASSIGNED, Action.REPORT): State.IN_PROGRESS,
    (State.IN_PROGRESS, Action.REPORT): State.IN_PROGRESS,
    (State.RETURNED, Action.REPORT): State.IN_PROGRESS,
    (State.RETURNED, Action.START): State.IN_PROGRESS,
    (State.IN_PROGRESS, Action.SUBMIT): State.SUBMITTED,
    (State.RETURNED, Action.SUBMIT): State.SUBMITTED,
    (State.SUBMITTED, Action.RETURN): State.RETURNED,
    (State.SUBMITTED, Action.ACCEPT): State.ACCEPTED,
    (State.ACCEPTED, Action.CLOSE): State.CLOSED,
    (State.ACCEPTED, Action.REOPEN): State.IN_PROGRESS,
    (State.CLOSED, Action.REOPEN): State.IN_PROGRESS,
}

# Roles as in yingshang.enterprises (strings, so the core needs no Django): the office (营商办) runs
# the ledger, the lead department works the task, leaders and the office accept and close.
ACTORS: dict[Action, frozenset[str]] = {
    Action.ASSIGN: frozenset({"office", "admin"}),
    Action.START: frozenset({"department"}),
    Action.REPORT: frozenset({"department"}),
    Action.SUBMIT: frozenset({"department"}),
    Action.RETURN: frozenset({"office", "leader", "admin"}),
    Action.ACCEPT: frozenset({"office", "leader", "admin"}),
    Action.CLOSE: frozenset({"office", "leader", "admin"}),
    Action.REOPEN: frozenset({"office", "leader", "admin"}),
}


@dataclass(frozen=True)
class Requirement:
    reason: bool = False  # a written reason (退回理由，重新整改理由)
    evidence: bool = False  # at least one piece of evidence (佐证材料)
    note: bool = False  # a progress text


REQUIREMENTS: dict[Action, Requirement] = {
    Action.REPORT: Requirement(note=True),
    Action.SUBMIT: Requirement(note=True, evidence=True),
    Action.RETURN: Requirement(reason=True),
    Action.REOPEN: Requirement(reason=True),
}


@dataclass(frozen=True)
class Attempt:
    """What the actor brings along: role, whether they belong to the task's lead department,
    and the reason / evidence / note given."""

    role: str
    in_lead_department: bool = False
    reason: str = ""
    evidence_count: int = 0
    note: str = ""


class TransitionRefused(Exception):
    """A refused transition; `message` says why, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def allowed_actions(state: State | str) -> list[Action]:
    """The actions the table allows from `state`, in table order."""
    state = State(state)
    return [action for (source, action) in TRANSITIONS if source == state]


def check_transition(state: State | str, action: Action | str, attempt: Attempt) -> State:
    """The next state, or TransitionRefused saying why the action cannot be taken."""
    state, action = State(state), Action(action)
    target = TRANSITIONS.get((state, action))
    if target is None:
        allowed = "、".join(ACTION_LABELS[a] for a in allowed_actions(state)) or "无"
        raise TransitionRefused(
            f"任务{STATE_LABELS[state]}，不能{ACTION_LABELS[action]}（当前可进行：{allowed}）"
        )
    if attempt.role not in ACTORS[action]:
        raise TransitionRefused(f"您的角色不能{ACTION_LABELS[action]}")
    if attempt.role == "department" and not attempt.in_lead_department:
        raise TransitionRefused(f"只有牵头部门可以{ACTION_LABELS[action]}")
    need = REQUIREMENTS.get(action, Requirement())
    if need.reason and not attempt.reason.strip():
        raise TransitionRefused(f"{ACTION_LABELS[action]}需要填写理由")
    if need.note and not attempt.note.strip():
        raise TransitionRefused(f"{ACTION_LABELS[action]}需要填写整改情况说明")
    if need.evidence and attempt.evidence_count < 1:
        raise TransitionRefused(f"{ACTION_LABELS[action]}需要上传佐证材料")
    return target


CLOCK_STATES = frozenset({State.ASSIGNED, State.IN_PROGRESS, State.RETURNED})
"""States in which the department's deadline clock runs and escalation applies. A submitted task
waits on the acceptors, not on the department; a returned one is the department's again."""

FINISHED_STATES = frozenset({State.ACCEPTED, State.CLOSED})
