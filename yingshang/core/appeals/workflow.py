"""The appeal workflow: states, actions, who may act, and what each action requires.

received ─accept─────────────► accepted ─dispatch─► dispatched ─start─► handling ─reply─► replied
   │  └─deem_accept (sweep)──►    ▲                   │    ▲              │  ▲
   │                              │                   send_back│         suspend resume
   └─propose_rejection─► rejection_pending            ▼    │              ▼  │
        approve_rejection ─► rejected          sent_back ─dispatch       suspended
        refuse_rejection  ─► received
replied ─visit─► visited ─rate─► rated ─close─► closed
rated / closed ─reopen─► handling (重办: the reopen is counted, the handling clock restarts)
received / accepted / dispatched / sent_back ─merge─► merged (a duplicate; terminal)

不予受理 needs the approval of a leader (the reference names the competent business-environment
authority) and a written reason shown to the applicant. An acceptance review that is not
decided by its deadline, including a rejection still awaiting approval, is deemed accepted
(超期未作出受理决定的，视为受理): the sweep takes `deem_accept` as the system.

Roles are the platform's codes as strings (so the core needs no Django), plus "system" for the
sweep. A department acts only on the appeals dispatched to it (`in_lead_department`).
"""

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    RECEIVED = "received"
    REJECTION_PENDING = "rejection_pending"
    REJECTED = "rejected"
    ACCEPTED = "accepted"
    DISPATCHED = "dispatched"
    SENT_BACK = "sent_back"
    HANDLING = "handling"
    SUSPENDED = "suspended"
    REPLIED = "replied"
    VISITED = "visited"
    RATED = "rated"
    CLOSED = "closed"
    MERGED = "merged"


STATE_LABELS: dict[State, str] = {
    State.RECEIVED: "待受理",
    State.REJECTION_PENDING: "不予受理待审批",
    State.REJECTED: "不予受理",
    State.ACCEPTED: "已受理",
    State.DISPATCHED: "已转办",
    State.SENT_BACK: "已退回",
    State.HANDLING: "办理中",
    State.SUSPENDED: "已中止",
    State.REPLIED: "已答复",
    State.VISITED: "已回访",
    State.RATED: "已评价",
    State.CLOSED: "已办结",
    State.MERGED: "已合并",
}


class Action(StrEnum):
    RECEIVE = "receive"  # intake: the first history row; no transition leads here
    ACCEPT = "accept"
    DEEM_ACCEPT = "deem_accept"
    PROPOSE_REJECTION = "propose_rejection"
    APPROVE_REJECTION = "approve_rejection"
    REFUSE_REJECTION = "refuse_rejection"
    DISPATCH = "dispatch"
    SEND_BACK = "send_back"
    START = "start"
    SUSPEND = "suspend"
    RESUME = "resume"
    REPLY = "reply"
    VISIT = "visit"
    RATE = "rate"
    CLOSE = "close"
    REOPEN = "reopen"
    MERGE = "merge"


ACTION_LABELS: dict[Action, str] = {
    Action.RECEIVE: "登记",
    Action.ACCEPT: "受理",
    Action.DEEM_ACCEPT: "视为受理",
    Action.PROPOSE_REJECTION: "提请不予受理",
    Action.APPROVE_REJECTION: "批准不予受理",
    Action.REFUSE_REJECTION: "不批准不予受理",
    Action.DISPATCH: "转办",
    Action.SEND_BACK: "退回",
    Action.START: "签收办理",
    Action.SUSPEND: "中止办理",
    Action.RESUME: "恢复办理",
    Action.REPLY: "答复",
    Action.VISIT: "回访",
    Action.RATE: "评价",
    Action.CLOSE: "办结归档",
    Action.REOPEN: "重办",
    Action.MERGE: "合并",
}

TRANSITIONS: dict[tuple[State, Action], State] = {
    (State.RECEIVED, Action.ACCEPT): State.ACCEPTED,
    (State.RECEIVED, Action.DEEM_ACCEPT): State.ACCEPTED,
    (State.RECEIVED, Action.PROPOSE_REJECTION): State.REJECTION_PENDING,
    (State.REJECTION_PENDING, Action.APPROVE_REJECTION): State.REJECTED,
    (State.REJECTION_PENDING, Action.REFUSE_REJECTION): State.RECEIVED,
    (State.REJECTION_PENDING, Action.DEEM_ACCEPT): State.ACCEPTED,
    (State.ACCEPTED, Action.DISPATCH): State.DISPATCHED,
    (State.SENT_BACK, Action.DISPATCH): State.DISPATCHED,
    (State.DISPATCHED, Action.SEND_BACK): State.SENT_BACK,
    (State.DISPATCHED, Action.START): State.HANDLING,
    (State.HANDLING, Action.SUSPEND): State.SUSPENDED,
    (State.SUSPENDED, Action.RESUME): State.HANDLING,
    (State.HANDLING, Action.REPLY): State.REPLIED,
    (State.REPLIED, Action.VISIT): State.VISITED,
    (State.VISITED, Action.RATE): State.RATED,
    (State.RATED, Action.CLOSE): State.CLOSED,
    (State.RATED, Action.REOPEN): State.HANDLING,
    (State.CLOSED, Action.REOPEN): State.HANDLING,
    (State.RECEIVED, Action.MERGE): State.MERGED,
    (State.ACCEPTED, Action.MERGE): State.MERGED,
    (State.DISPATCHED, Action.MERGE): State.MERGED,
    (State.SENT_BACK, Action.MERGE): State.MERGED,
}

SYSTEM = "system"
OFFICE = frozenset({"office", "admin"})
DEPARTMENT = frozenset({"department"})

ACTORS: dict[Action, frozenset[str]] = {
    Action.RECEIVE: OFFICE | {"enterprise"},
    Action.ACCEPT: OFFICE,
    Action.DEEM_ACCEPT: frozenset({SYSTEM}),
    Action.PROPOSE_REJECTION: OFFICE,
    Action.APPROVE_REJECTION: frozenset({"leader", "admin"}),
    Action.REFUSE_REJECTION: frozenset({"leader", "admin"}),
    Action.DISPATCH: OFFICE,
    Action.SEND_BACK: DEPARTMENT,
    Action.START: DEPARTMENT,
    Action.SUSPEND: DEPARTMENT | OFFICE,
    Action.RESUME: DEPARTMENT | OFFICE,
    Action.REPLY: DEPARTMENT,
    Action.VISIT: OFFICE,
    # The applicant rates (an enterprise user), or the office on the applicant's behalf.
    Action.RATE: OFFICE | {"enterprise"},
    Action.CLOSE: OFFICE,
    Action.REOPEN: OFFICE | {SYSTEM},
    Action.MERGE: OFFICE,
}


@dataclass(frozen=True)
class Requirement:
    reason: bool = False  # a written reason (不予受理理由、退回理由、中止理由、重办理由)
    note: bool = False  # a text: the reply (答复意见) or the visit's record (回访记录)
    department: bool = False  # a lead department (转办)
    target: bool = False  # the appeal it duplicates (合并)


REQUIREMENTS: dict[Action, Requirement] = {
    Action.PROPOSE_REJECTION: Requirement(reason=True),
    Action.APPROVE_REJECTION: Requirement(),
    Action.DISPATCH: Requirement(department=True),
    Action.SEND_BACK: Requirement(reason=True),
    Action.SUSPEND: Requirement(reason=True),
    Action.REPLY: Requirement(note=True),
    Action.VISIT: Requirement(note=True),
    Action.REOPEN: Requirement(reason=True),
    Action.MERGE: Requirement(target=True),
}

REASON_WORDS: dict[Action, str] = {
    Action.PROPOSE_REJECTION: "不予受理的理由（将告知诉求人）",
    Action.SEND_BACK: "退回理由",
    Action.SUSPEND: "中止理由",
    Action.REOPEN: "重办理由",
}
NOTE_WORDS: dict[Action, str] = {Action.REPLY: "答复意见", Action.VISIT: "回访记录"}


@dataclass(frozen=True)
class Attempt:
    """What the actor brings: role, whether they belong to the appeal's lead department (for
    department staff), whether they are the appeal's own enterprise (for enterprise users),
    and the reason, note, department and merge target given."""

    role: str
    in_lead_department: bool = False
    own_enterprise: bool = False
    reason: str = ""
    note: str = ""
    has_department: bool = False
    has_target: bool = False


class TransitionRefused(Exception):
    """A refused transition; `message` says why, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def allowed_actions(state: State | str) -> list[Action]:
    """The actions the table allows from `state`, in table order."""
    state = State(state)
    return [action for (source, action) in TRANSITIONS if source == state]


def check_role(action: Action | str, attempt: Attempt) -> None:
    """The role half of the check (no state asked); TransitionRefused in Chinese."""
    action = Action(action)
    if attempt.role not in ACTORS[action]:
        raise TransitionRefused(f"您的角色不能{ACTION_LABELS[action]}")
    if attempt.role == "department" and not attempt.in_lead_department:
        raise TransitionRefused(f"只有承办部门可以{ACTION_LABELS[action]}")
    if attempt.role == "enterprise" and not attempt.own_enterprise:
        raise TransitionRefused(f"只有诉求企业本身可以{ACTION_LABELS[action]}")


def _check_requirements(action: Action, attempt: Attempt) -> None:
    need = REQUIREMENTS.get(action, Requirement())
    if need.reason and not attempt.reason.strip():
        raise TransitionRefused(f"{ACTION_LABELS[action]}需要填写{REASON_WORDS[action]}")
    if need.note and not attempt.note.strip():
        raise TransitionRefused(f"{ACTION_LABELS[action]}需要填写{NOTE_WORDS[action]}")
    if need.department and not attempt.has_department:
        raise TransitionRefused("转办需要指定承办部门")
    if need.target and not attempt.has_target:
        raise TransitionRefused("合并需要指定重复的诉求")


def check_transition(state: State | str, action: Action | str, attempt: Attempt) -> State:
    """The next state, or TransitionRefused saying why the action cannot be taken."""
    state, action = State(state), Action(action)
    target = TRANSITIONS.get((state, action))
    if target is None:
        allowed = "、".join(ACTION_LABELS[a] for a in allowed_actions(state)) or "无"
        raise TransitionRefused(
            f"诉求{STATE_LABELS[state]}，不能{ACTION_LABELS[action]}（当前可进行：{allowed}）"
        )
    check_role(action, attempt)
    _check_requirements(action, attempt)
    return target


ACCEPTANCE_STATES = frozenset({State.RECEIVED, State.REJECTION_PENDING})
"""States in which the acceptance clock runs."""

HANDLING_CLOCK_STATES = frozenset(
    {State.ACCEPTED, State.DISPATCHED, State.SENT_BACK, State.HANDLING}
)
"""States in which the handling clock runs and escalation applies: accepted and sent-back
cases wait on the office, dispatched and handling ones on the department; a suspended case's
clock is paused."""

FINISHED_STATES = frozenset({State.REJECTED, State.CLOSED, State.MERGED})
OPEN_STATES = frozenset(State) - FINISHED_STATES
