"""The problem ledger (问题台账): where a problem comes from, its status, and how the status
follows the problem's tasks.

`problem_status_after` is the rule of services.tasks._update_problems, unchanged: a problem is
rectifying (整改中) once a task for it is assigned, resolved (已整改) once every task for it is
accepted or closed, closed (已销号) once every task is closed, and rectifying again when a task
is reopened after it was resolved or closed.
"""

from collections.abc import Iterable
from enum import StrEnum

from yingshang.core.rectification.workflow import Action, State


class ProblemSource(StrEnum):
    """Stored in Problem.source; the import accepts these codes as well as the labels."""

    EVALUATION = "evaluation"
    APPEAL = "appeal"
    SUPERVISOR = "supervisor"
    SURVEY = "survey"
    VISIT = "visit"
    INSPECTION = "inspection"
    INSTRUCTION = "instruction"
    OTHER = "other"


SOURCE_LABELS: dict[ProblemSource, str] = {
    ProblemSource.EVALUATION: "评价短板",
    ProblemSource.APPEAL: "企业诉求",
    ProblemSource.SUPERVISOR: "监督员反映",
    ProblemSource.SURVEY: "问卷调查",
    ProblemSource.VISIT: "走访",
    ProblemSource.INSPECTION: "督查检查",
    ProblemSource.INSTRUCTION: "领导批示",
    ProblemSource.OTHER: "其他",
}


class ProblemStatus(StrEnum):
    """Stored in Problem.status."""

    OPEN = "open"
    RECTIFYING = "rectifying"
    RESOLVED = "resolved"
    CLOSED = "closed"
    DISMISSED = "dismissed"


PROBLEM_STATUS_LABELS: dict[ProblemStatus, str] = {
    ProblemStatus.OPEN: "待整改",
    ProblemStatus.RECTIFYING: "整改中",
    ProblemStatus.RESOLVED: "已整改",
    ProblemStatus.CLOSED: "已销号",
    ProblemStatus.DISMISSED: "不予立项",
}

_FINISHED = frozenset({State.ACCEPTED, State.CLOSED})


def problem_status_after(
    action: Action | str,
    status: ProblemStatus | str,
    task_states: Iterable[State | str],
) -> ProblemStatus | None:
    """The problem's new status after `action` on one of its tasks, or None to leave it.

    `task_states` are the states of all the problem's tasks after the action (the acted-on task
    included; without any, nothing changes). A dismissed problem is left alone on assignment
    but becomes resolved when its tasks are accepted: that is today's behaviour, moved here
    unchanged; whether a dismissal should win is a question for the office, not for this move.
    """
    action, status = Action(action), ProblemStatus(status)
    states = {State(s) for s in task_states}
    if action is Action.ASSIGN:
        new = ProblemStatus.RECTIFYING if status is ProblemStatus.OPEN else None
    elif action in (Action.ACCEPT, Action.CLOSE):
        if not states or not states <= _FINISHED:
            return None
        new = ProblemStatus.CLOSED if states == {State.CLOSED} else ProblemStatus.RESOLVED
    elif action is Action.REOPEN:
        finished = status in (ProblemStatus.RESOLVED, ProblemStatus.CLOSED)
        new = ProblemStatus.RECTIFYING if finished else None
    else:
        return None
    return None if new is status else new
