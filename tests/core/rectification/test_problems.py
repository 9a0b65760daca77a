"""The ledger follows its tasks (services.tasks._update_problems, moved to the core)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yingshang.core.rectification.problems import ProblemStatus, problem_status_after
from yingshang.core.rectification.workflow import Action, State

PS, S, A = ProblemStatus, State, Action


@pytest.mark.parametrize(
    ("action", "status", "states", "expected"),
    [
        (A.ASSIGN, PS.OPEN, [S.ASSIGNED], PS.RECTIFYING),
        (A.ASSIGN, PS.RECTIFYING, [S.ASSIGNED, S.DRAFT], None),
        (A.ASSIGN, PS.DISMISSED, [S.ASSIGNED], None),
        (A.ASSIGN, PS.RESOLVED, [S.ASSIGNED, S.ACCEPTED], None),
        # all tasks accepted or closed: resolved; all closed: closed
        (A.ACCEPT, PS.RECTIFYING, [S.ACCEPTED], PS.RESOLVED),
        (A.ACCEPT, PS.RECTIFYING, [S.ACCEPTED, S.CLOSED], PS.RESOLVED),
        (A.CLOSE, PS.RESOLVED, [S.CLOSED, S.CLOSED], PS.CLOSED),
        (A.CLOSE, PS.RECTIFYING, [S.CLOSED, S.ACCEPTED], PS.RESOLVED),
        (A.CLOSE, PS.CLOSED, [S.CLOSED], None),  # already so
        (A.ACCEPT, PS.RECTIFYING, [S.ACCEPTED, S.IN_PROGRESS], None),
        (A.CLOSE, PS.RECTIFYING, ["closed", "submitted"], None),
        (A.ACCEPT, PS.DISMISSED, [S.ACCEPTED], PS.RESOLVED),  # today's behaviour, kept
        (A.ACCEPT, PS.OPEN, [], None),
        # a reopened task makes a finished problem rectifying again
        (A.REOPEN, PS.RESOLVED, [S.IN_PROGRESS], PS.RECTIFYING),
        (A.REOPEN, PS.CLOSED, [S.IN_PROGRESS, S.CLOSED], PS.RECTIFYING),
        (A.REOPEN, PS.RECTIFYING, [S.IN_PROGRESS], None),
        (A.REOPEN, PS.DISMISSED, [S.IN_PROGRESS], None),
        # other actions leave the ledger alone
        (A.SUBMIT, PS.RECTIFYING, [S.SUBMITTED], None),
        (A.RETURN, PS.RECTIFYING, [S.RETURNED], None),
        ("start", "open", ["in_progress"], None),
    ],
)
def test_problem_status_after(action, status, states, expected) -> None:
    assert problem_status_after(action, status, states) == expected


@given(
    st.sampled_from(list(Action)),
    st.sampled_from(list(ProblemStatus)),
    st.lists(st.sampled_from(list(State)), min_size=1, max_size=5),
)
def test_never_answers_the_status_it_has(action, status, states) -> None:
    new = problem_status_after(action, status, states)
    assert new is None or (new is not status and new in ProblemStatus)
    if new is ProblemStatus.CLOSED:
        assert set(states) == {State.CLOSED}
