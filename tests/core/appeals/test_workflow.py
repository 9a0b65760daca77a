"""The appeal workflow table: every state × action × role, the requirements, the path to
closure, and the ratings."""

import itertools

import pytest

from yingshang.core.appeals.ratings import (
    BAD_LEVELS,
    LEVEL_LABELS,
    DisputeState,
    Level,
    RatingError,
    is_bad,
    may_dispute,
    outcome,
    parse_level,
)
from yingshang.core.appeals.workflow import (
    ACTION_LABELS,
    ACTORS,
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

ROLES = ("admin", "office", "department", "leader", "enterprise", "supervisor", "system")
FULL = {
    "reason": "理由",
    "note": "说明",
    "has_department": True,
    "has_target": True,
    "in_lead_department": True,
    "own_enterprise": True,
}


def full(role: str) -> Attempt:
    return Attempt(role=role, **FULL)


def test_labels_cover_every_code():
    assert set(STATE_LABELS) == set(State)
    assert set(ACTION_LABELS) == set(Action)
    assert set(ACTORS) == set(Action)


@pytest.mark.parametrize(("state", "action", "role"), list(itertools.product(State, Action, ROLES)))
def test_every_state_action_and_role(state, action, role):
    target = TRANSITIONS.get((state, action))
    allowed = target is not None and role in ACTORS[action]
    if allowed:
        assert check_transition(state, action, full(role)) == target
    else:
        with pytest.raises(TransitionRefused):
            check_transition(state, action, full(role))


def test_finished_states_allow_nothing_but_a_reopening_of_a_closed_case():
    assert allowed_actions(State.MERGED) == []
    assert allowed_actions(State.REJECTED) == []
    assert allowed_actions(State.CLOSED) == [Action.REOPEN]
    assert {State.REJECTED, State.CLOSED, State.MERGED} == FINISHED_STATES


def test_the_happy_path_to_closure():
    path = [
        (Action.ACCEPT, "office"),
        (Action.DISPATCH, "office"),
        (Action.START, "department"),
        (Action.SUSPEND, "department"),
        (Action.RESUME, "office"),
        (Action.REPLY, "department"),
        (Action.VISIT, "office"),
        (Action.RATE, "enterprise"),
        (Action.CLOSE, "office"),
    ]
    state = State.RECEIVED
    for action, role in path:
        state = check_transition(state, action, full(role))
    assert state is State.CLOSED


def test_no_rating_without_a_return_visit_and_no_closure_without_a_rating():
    with pytest.raises(TransitionRefused, match="不能评价"):
        check_transition(State.REPLIED, Action.RATE, full("office"))
    with pytest.raises(TransitionRefused, match="不能办结归档"):
        check_transition(State.VISITED, Action.CLOSE, full("office"))


def test_rejection_needs_a_leader_and_a_reason():
    with pytest.raises(TransitionRefused, match="不予受理的理由"):
        check_transition(State.RECEIVED, Action.PROPOSE_REJECTION, Attempt(role="office"))
    assert (
        check_transition(State.RECEIVED, Action.PROPOSE_REJECTION, full("office"))
        is State.REJECTION_PENDING
    )
    with pytest.raises(TransitionRefused, match="您的角色不能批准不予受理"):
        check_transition(State.REJECTION_PENDING, Action.APPROVE_REJECTION, full("office"))
    assert (
        check_transition(State.REJECTION_PENDING, Action.REFUSE_REJECTION, full("leader"))
        is State.RECEIVED
    )


def test_a_lapsed_review_is_deemed_accepted_even_while_a_rejection_waits():
    system = Attempt(role="system")
    assert check_transition(State.RECEIVED, Action.DEEM_ACCEPT, system) is State.ACCEPTED
    assert check_transition(State.REJECTION_PENDING, Action.DEEM_ACCEPT, system) is State.ACCEPTED
    with pytest.raises(TransitionRefused):
        check_transition(State.RECEIVED, Action.DEEM_ACCEPT, full("office"))


def test_send_back_and_redispatch():
    state = check_transition(State.DISPATCHED, Action.SEND_BACK, full("department"))
    assert state is State.SENT_BACK
    assert check_transition(state, Action.DISPATCH, full("office")) is State.DISPATCHED
    with pytest.raises(TransitionRefused, match="退回理由"):
        check_transition(State.DISPATCHED, Action.SEND_BACK, Attempt("department", True))
    with pytest.raises(TransitionRefused, match="指定承办部门"):
        check_transition(State.ACCEPTED, Action.DISPATCH, Attempt("office"))


def test_only_the_lead_department_and_the_own_enterprise_act():
    with pytest.raises(TransitionRefused, match="只有承办部门"):
        check_transition(State.DISPATCHED, Action.START, Attempt("department"))
    with pytest.raises(TransitionRefused, match="只有诉求企业本身"):
        check_transition(State.VISITED, Action.RATE, Attempt("enterprise"))
    assert check_transition(State.VISITED, Action.RATE, Attempt("enterprise", own_enterprise=True))


def test_reply_and_visit_need_their_text():
    with pytest.raises(TransitionRefused, match="答复意见"):
        check_transition(State.HANDLING, Action.REPLY, Attempt("department", True))
    with pytest.raises(TransitionRefused, match="回访记录"):
        check_transition(State.REPLIED, Action.VISIT, Attempt("office"))


def test_reopen_goes_back_to_handling():
    assert check_transition(State.RATED, Action.REOPEN, full("system")) is State.HANDLING
    assert check_transition(State.CLOSED, Action.REOPEN, full("office")) is State.HANDLING


def test_refusal_message_names_what_is_possible():
    with pytest.raises(TransitionRefused, match="当前可进行：受理"):
        check_transition(State.RECEIVED, Action.REPLY, full("department"))


# Ratings -----------------------------------------------------------------------------------


def test_five_levels_and_the_two_bad_ones():
    assert list(LEVEL_LABELS.values()) == ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
    assert {Level.DISSATISFIED, Level.VERY_DISSATISFIED} == BAD_LEVELS
    assert is_bad("very_dissatisfied") and not is_bad("basically_satisfied")


def test_parse_level_by_code_or_label():
    assert parse_level("满意") is Level.SATISFIED
    assert parse_level("dissatisfied") is Level.DISSATISFIED
    with pytest.raises(RatingError, match="未知的评价等级"):
        parse_level("一般")


def test_outcomes():
    assert outcome("satisfied").__dict__ == {"bad": False, "rectify": False, "reopen": False}
    objective = outcome("dissatisfied", subjective=False, reason="政策不允许")
    assert (objective.bad, objective.rectify, objective.reopen) == (True, True, False)
    subjective = outcome("dissatisfied", subjective=True, reason="答复敷衍")
    assert subjective.reopen
    with pytest.raises(RatingError, match="请填写原因"):
        outcome("very_dissatisfied")


def test_only_a_bad_rating_is_disputed_once():
    assert may_dispute("dissatisfied", DisputeState.NONE)
    assert not may_dispute("dissatisfied", DisputeState.PENDING)
    assert not may_dispute("satisfied", DisputeState.NONE)
