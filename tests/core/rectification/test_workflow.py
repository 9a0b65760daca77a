"""The task workflow table: every (state, action) pair, every role, the requirements, and the
rule that nothing is closed (销号) without acceptance (验收)."""

from collections import deque

import pytest

from yingshang.core.rectification.workflow import (
    ACTION_LABELS,
    CLOCK_STATES,
    FINISHED_STATES,
    STATE_LABELS,
    TRANSITIONS,
    Action,
    Attempt,
    State,
    TransitionRefused,
    allowed_actions,
    check_transition,
)

S, A = State, Action

# Written out independently of the module: a change to the table must show up here.
EXPECTED: dict[tuple[State, Action], State] = {
    (S.DRAFT, A.ASSIGN): S.ASSIGNED,
    (S.ASSIGNED, A.START): S.IN_PROGRESS,
    (S.ASSIGNED, A.REPORT): S.IN_PROGRESS,
    (S.IN_PROGRESS, A.REPORT): S.IN_PROGRESS,
    (S.IN_PROGRESS, A.SUBMIT): S.SUBMITTED,
    (S.RETURNED, A.START): S.IN_PROGRESS,
    (S.RETURNED, A.REPORT): S.IN_PROGRESS,
    (S.RETURNED, A.SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, A.RETURN): S.RETURNED,
    (S.SUBMITTED, A.ACCEPT): S.ACCEPTED,
    (S.ACCEPTED, A.CLOSE): S.CLOSED,
    (S.ACCEPTED, A.REOPEN): S.IN_PROGRESS,
    (S.CLOSED, A.REOPEN): S.IN_PROGRESS,
}

ROLES = ("admin", "office", "department", "leader", "enterprise", "supervisor")
EXPECTED_ACTORS: dict[Action, set[str]] = {
    A.ASSIGN: {"office", "admin"},
    A.START: {"department"},
    A.REPORT: {"department"},
    A.SUBMIT: {"department"},
    A.RETURN: {"office", "leader", "admin"},
    A.ACCEPT: {"office", "leader", "admin"},
    A.CLOSE: {"office", "leader", "admin"},
    A.REOPEN: {"office", "leader", "admin"},
}


def full_attempt(role: str) -> Attempt:
    """Everything an action could require, so only the table and the role decide."""
    return Attempt(role=role, in_lead_department=True, reason="理由", evidence_count=1, note="说明")


def some_actor(action: Action) -> str:
    return sorted(EXPECTED_ACTORS[action])[0]


def source_of(action: Action) -> State:
    return next(state for (state, act) in EXPECTED if act == action)


def test_the_table_is_the_expected_one() -> None:
    assert TRANSITIONS == EXPECTED


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("action", list(Action))
def test_every_state_action_pair(state: State, action: Action) -> None:
    attempt = full_attempt(some_actor(action))
    if (state, action) in EXPECTED:
        assert check_transition(state, action, attempt) is EXPECTED[(state, action)]
        assert check_transition(state.value, action.value, attempt) is EXPECTED[(state, action)]
        assert action in allowed_actions(state)
    else:
        with pytest.raises(TransitionRefused) as refused:
            check_transition(state, action, attempt)
        assert STATE_LABELS[state] in refused.value.message
        assert ACTION_LABELS[action] in refused.value.message
        assert action not in allowed_actions(state)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(Action))
def test_every_role_for_every_action(role: str, action: Action) -> None:
    state = source_of(action)
    if role in EXPECTED_ACTORS[action]:
        assert check_transition(state, action, full_attempt(role)) is EXPECTED[(state, action)]
    else:
        with pytest.raises(TransitionRefused, match="角色不能") as refused:
            check_transition(state, action, full_attempt(role))
        assert ACTION_LABELS[action] in refused.value.message


@pytest.mark.parametrize("action", [A.START, A.REPORT, A.SUBMIT])
def test_department_outside_the_lead_department_is_refused(action: Action) -> None:
    attempt = Attempt(
        role="department", in_lead_department=False, note="说明", evidence_count=2, reason="理由"
    )
    with pytest.raises(TransitionRefused, match="只有牵头部门"):
        check_transition(source_of(action), action, attempt)


@pytest.mark.parametrize("action", [A.RETURN, A.REOPEN])
@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_return_and_reopen_need_a_reason(action: Action, reason: str) -> None:
    with pytest.raises(TransitionRefused, match="理由"):
        check_transition(source_of(action), action, Attempt(role="office", reason=reason))
    assert check_transition(source_of(action), action, Attempt(role="leader", reason="材料不全"))


def test_reopen_a_closed_task_needs_a_reason() -> None:
    with pytest.raises(TransitionRefused, match="理由"):
        check_transition(S.CLOSED, A.REOPEN, Attempt(role="admin"))


def test_submit_needs_evidence_and_a_note() -> None:
    lead = {"role": "department", "in_lead_department": True}
    with pytest.raises(TransitionRefused, match="佐证材料"):
        check_transition(S.IN_PROGRESS, A.SUBMIT, Attempt(**lead, note="已完成"))
    with pytest.raises(TransitionRefused, match="整改情况说明"):
        check_transition(S.IN_PROGRESS, A.SUBMIT, Attempt(**lead, evidence_count=1, note=" "))
    with pytest.raises(TransitionRefused, match="佐证材料"):
        check_transition(S.RETURNED, A.SUBMIT, Attempt(**lead, note="补充"))
    ok = Attempt(**lead, evidence_count=1, note="已完成")
    assert check_transition(S.IN_PROGRESS, A.SUBMIT, ok) is S.SUBMITTED


def test_a_progress_report_needs_a_note_but_no_evidence() -> None:
    lead = {"role": "department", "in_lead_department": True}
    with pytest.raises(TransitionRefused, match="整改情况说明"):
        check_transition(S.IN_PROGRESS, A.REPORT, Attempt(**lead))
    assert check_transition(S.IN_PROGRESS, A.REPORT, Attempt(**lead, note="进展")) is (
        S.IN_PROGRESS
    )


def test_actions_without_requirements_need_nothing_more() -> None:
    assert check_transition(S.DRAFT, A.ASSIGN, Attempt(role="office")) is S.ASSIGNED
    assert check_transition(S.SUBMITTED, A.ACCEPT, Attempt(role="leader")) is S.ACCEPTED
    assert check_transition(S.ACCEPTED, A.CLOSE, Attempt(role="office")) is S.CLOSED
    lead = Attempt(role="department", in_lead_department=True)
    assert check_transition(S.ASSIGNED, A.START, lead) is S.IN_PROGRESS


def test_refusal_lists_what_can_be_done() -> None:
    with pytest.raises(TransitionRefused) as refused:
        check_transition(S.SUBMITTED, A.CLOSE, full_attempt("office"))
    assert "退回" in refused.value.message and "验收通过" in refused.value.message


# The table as a graph ----------------------------------------------------------------------


def reachable(start: State, edges: dict[tuple[State, Action], State], *, without=()) -> set:
    seen, queue = {start}, deque([start])
    while queue:
        state = queue.popleft()
        for (source, _action), target in edges.items():
            if source == state and target not in seen and target not in without:
                seen.add(target)
                queue.append(target)
    return seen


def test_no_closure_without_acceptance() -> None:
    for start in State:
        if start in (S.ACCEPTED, S.CLOSED):
            continue
        assert S.CLOSED not in reachable(start, TRANSITIONS, without={S.ACCEPTED}), start
    assert {source for (source, _), target in TRANSITIONS.items() if target is S.CLOSED} == {
        S.ACCEPTED
    }
    assert {source for (source, _), target in TRANSITIONS.items() if target is S.ACCEPTED} == {
        S.SUBMITTED
    }


def test_the_graph_is_connected_and_has_no_dead_ends() -> None:
    assert reachable(S.DRAFT, TRANSITIONS) == set(State)
    for state in State:
        assert allowed_actions(state), state
        if state is not S.CLOSED:
            assert S.CLOSED in reachable(state, TRANSITIONS)
    assert S.DRAFT not in {target for target in TRANSITIONS.values()}


def test_clock_and_finished_states() -> None:
    assert {S.ASSIGNED, S.IN_PROGRESS, S.RETURNED} == CLOCK_STATES
    assert {S.ACCEPTED, S.CLOSED} == FINISHED_STATES
    assert not CLOCK_STATES & FINISHED_STATES
    assert set(STATE_LABELS) == set(State) and set(ACTION_LABELS) == set(Action)
