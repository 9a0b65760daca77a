"""The plan workflow table against what the plan services and the plan page do today."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yingshang.core.rectification.plan_workflow import (
    PLAN_ACTION_LABELS,
    PLAN_ACTORS,
    PLAN_KIND_LABELS,
    PLAN_STATUS_LABELS,
    PLAN_TRANSITIONS,
    PlanAction,
    PlanKind,
    PlanRoleRefused,
    PlanStatus,
    PlanTransitionRefused,
    can_edit_plan,
    check_plan_role,
    check_plan_transition,
    deadline_on_publishing,
    plan_allowed_actions,
    plan_steps,
)
from yingshang.core.rectification.workflow import TransitionRefused

P, A = PlanStatus, PlanAction
ROLES = ("admin", "office", "department", "leader", "enterprise", "supervisor")

# Written out from services/plans.py (_require_editable, _move, the access checks) and
# views/plans.py (PLAN_STEPS), independently of the module.
EXPECTED = {
    ("draft", "edit"): "draft",
    ("pending", "edit"): "pending",
    ("draft", "submit"): "pending",
    ("pending", "approve"): "approved",
    ("approved", "publish"): "published",
}
EXPECTED_ACTORS = {
    "edit": {"office", "admin"},  # access.require_writer
    "submit": {"office", "admin"},  # require_writer; PLAN_STEPS
    "approve": {"leader", "admin"},  # require_decider and has_role(LEADER, ADMIN); PLAN_STEPS
    "publish": {"office", "admin"},  # require_writer; PLAN_STEPS
}
VIEW_STEPS = {  # PLAN_STEPS: step -> (label, status)
    "submit": ("提交审批", "draft"),
    "approve": ("审批通过", "pending"),
    "publish": ("印发", "approved"),
}
SERVICE_REFUSALS = {  # the services' "方案{状态}，不能{…}"
    "edit": "再修改",
    "submit": "报审",
    "approve": "审批",
    "publish": "印发",
}


def test_codes_and_labels_are_the_models() -> None:
    assert [(s.value, PLAN_STATUS_LABELS[s]) for s in PlanStatus] == [
        ("draft", "起草中"),
        ("pending", "待审批"),
        ("approved", "已审批"),
        ("published", "已印发"),
    ]
    assert [(k.value, PLAN_KIND_LABELS[k]) for k in PlanKind] == [
        ("evaluation", "整改提升工作方案"),
        ("campaign", "专项攻坚"),
    ]
    assert [a.value for a in PlanAction] == ["edit", "submit", "approve", "publish"]
    for step, (label, _status) in VIEW_STEPS.items():
        assert PLAN_ACTION_LABELS[PlanAction(step)] == label


def test_the_table_and_the_actors_are_the_expected_ones() -> None:
    assert {(s.value, a.value): t.value for (s, a), t in PLAN_TRANSITIONS.items()} == EXPECTED
    assert {a.value: set(roles) for a, roles in PLAN_ACTORS.items()} == EXPECTED_ACTORS


@pytest.mark.parametrize("status", list(PlanStatus))
@pytest.mark.parametrize("action", list(PlanAction))
@pytest.mark.parametrize("role", ROLES)
def test_every_status_action_and_role(status: PlanStatus, action: PlanAction, role: str) -> None:
    key = (status.value, action.value)
    if key not in EXPECTED:
        with pytest.raises(PlanTransitionRefused) as refused:
            check_plan_transition(status, action, role)
        assert not isinstance(refused.value, PlanRoleRefused)
        label = PLAN_STATUS_LABELS[status]
        assert refused.value.message == f"方案{label}，不能{SERVICE_REFUSALS[action.value]}"
    elif role not in EXPECTED_ACTORS[action.value]:
        with pytest.raises(PlanRoleRefused):
            check_plan_transition(status.value, action.value, role)
    else:
        assert check_plan_transition(status.value, action.value, role) is P(EXPECTED[key])


def test_role_messages() -> None:
    for action, role, message in [
        ("approve", "office", "方案须由领导审批"),
        (A.SUBMIT, "leader", "您的角色不能提交审批"),
        (A.PUBLISH, "department", "您的角色不能印发"),
        (A.EDIT, "leader", "您的角色不能修改"),
    ]:
        with pytest.raises(PlanRoleRefused) as refused:
            check_plan_role(action, role)
        assert refused.value.message == message
    check_plan_role(A.APPROVE, "admin")  # no exception
    # A refusal is a TransitionRefused, so the pages' handling of task refusals covers it.
    assert issubclass(PlanRoleRefused, TransitionRefused)


def test_the_status_is_checked_before_the_role() -> None:
    # As for tasks: a plan in the wrong status is refused for that, whoever asks.
    with pytest.raises(PlanTransitionRefused) as refused:
        check_plan_transition(P.DRAFT, A.APPROVE, "office")
    assert type(refused.value) is PlanTransitionRefused
    assert refused.value.message == "方案起草中，不能审批"


def test_unknown_codes_are_refused() -> None:
    with pytest.raises(ValueError):
        check_plan_transition("archived", A.EDIT, "office")
    with pytest.raises(ValueError):
        check_plan_transition(P.DRAFT, "return", "office")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", list(PlanStatus))
def test_page_steps_and_editing_match_the_view(status: PlanStatus, role: str) -> None:
    # views/plans.py: steps = PLAN_STEPS whose status matches and whose roles hold the role;
    # editable = is_writer (office, admin) and status in (draft, pending).
    expected_steps = [
        step
        for step, (_label, source) in VIEW_STEPS.items()
        if source == status.value and role in EXPECTED_ACTORS[step]
    ]
    assert [a.value for a in plan_steps(status, role)] == expected_steps
    editable = role in {"office", "admin"} and status.value in {"draft", "pending"}
    assert can_edit_plan(status.value, role) is editable


def test_allowed_actions_without_a_role() -> None:
    assert plan_allowed_actions(P.DRAFT) == [A.EDIT, A.SUBMIT]
    assert plan_allowed_actions(P.PENDING) == [A.EDIT, A.APPROVE]
    assert plan_allowed_actions(P.APPROVED) == [A.PUBLISH]
    assert plan_allowed_actions(P.PUBLISHED) == []
    assert plan_allowed_actions("pending", "leader") == [A.APPROVE]


@given(st.lists(st.tuples(st.sampled_from(list(PlanAction)), st.sampled_from(ROLES)), max_size=12))
def test_any_sequence_of_attempts_follows_the_chain(attempts) -> None:
    """Whatever is tried, the status only moves draft -> pending -> approved -> published, and
    exactly the attempts the allowed-actions answer lists are accepted."""
    chain = [P.DRAFT, P.PENDING, P.APPROVED, P.PUBLISHED]
    status = P.DRAFT
    for action, role in attempts:
        allowed = action in plan_allowed_actions(status, role)
        try:
            target = check_plan_transition(status, action, role)
        except PlanTransitionRefused:
            assert not allowed
            continue
        assert allowed
        assert chain.index(target) - chain.index(status) in (0, 1)
        if target is P.APPROVED:
            assert role in {"leader", "admin"}
        status = target


def test_deadline_on_publishing() -> None:
    due = dt.date(2026, 12, 31)
    own = dt.date(2026, 10, 1)
    kw = {"title": "帮办代办"}
    assert deadline_on_publishing(**kw, deadline=own, limit_workdays=None, plan_due_on=due) is None
    assert deadline_on_publishing(**kw, deadline=None, limit_workdays=10, plan_due_on=None) is None
    assert deadline_on_publishing(**kw, deadline=None, limit_workdays=None, plan_due_on=due) == due
    # 0 working days is no limit, as `not task.limit_workdays` says today
    assert deadline_on_publishing(**kw, deadline=None, limit_workdays=0, plan_due_on=due) == due
    with pytest.raises(PlanTransitionRefused) as refused:
        deadline_on_publishing(**kw, deadline=None, limit_workdays=None, plan_due_on=None)
    assert refused.value.message == "任务“帮办代办”未设定完成时限，方案也未设定整改完成时限"
