"""Appeal services: intake, every transition with its history row and audit event, clocks set
on the way, denials (403 for a role, 404 outside the scope) and stale versions (409)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.appeals.conftest import RECEIVED
from yingshang.appeals.models import Appeal, AppealRecord, Suspension
from yingshang.appeals.services import handling as actions
from yingshang.appeals.services import workflow
from yingshang.appeals.services.intake import receive_appeal
from yingshang.audit.models import AuditEvent
from yingshang.kernel.models import Notification, Role
from yingshang.kernel.versioning import StaleVersionError

D = dt.date


def verbs(appeal: Appeal) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="appeals.appeal", object_id=str(appeal.pk))
        .order_by("pk")
        .values_list("verb", flat=True)
    )


# Intake --------------------------------------------------------------------------------------


def test_office_takes_an_appeal_in(make_appeal, office):
    appeal = make_appeal()
    assert appeal.number == "SQ-2025-000001"
    assert appeal.state == "received"
    assert appeal.acceptance_deadline == D(2025, 10, 10)
    assert make_appeal().number == "SQ-2025-000002"
    event = AuditEvent.objects.get(verb="appeal.received", object_id=str(appeal.pk))
    assert event.after["applicant_phone"] == "138****5678"  # the trail keeps no whole number
    assert event.after["applicant_id_number"] == "410105********1234"
    assert AppealRecord.objects.get(appeal=appeal).action == "receive"


def test_enterprise_files_online_for_itself_only(zone, enterprise_user, other_enterprise):
    appeal = receive_appeal(
        actor=enterprise_user,
        zone=zone,
        kind="enquiry",
        title="咨询研发费用加计扣除",
        content="请问申报时间？",
        channel="window",
        anonymous=True,
        received_on=RECEIVED,
    )
    assert appeal.channel == "online" and appeal.enterprise_id == enterprise_user.enterprise_id
    with pytest.raises(PermissionDenied, match="只能为本企业"):
        receive_appeal(
            actor=enterprise_user,
            zone=zone,
            kind="enquiry",
            title="冒名",
            content="内容",
            enterprise=other_enterprise,
            anonymous=True,
        )


@pytest.mark.parametrize("role", [Role.DEPARTMENT, Role.LEADER, Role.SUPERVISOR])
def test_other_roles_may_not_take_appeals_in(make_appeal, users, role):
    with pytest.raises(PermissionDenied):
        make_appeal(actor=users[role])


def test_intake_checks_its_fields(make_appeal):
    with pytest.raises(ValidationError, match="未知的诉求类型"):
        make_appeal(kind="rumour")
    with pytest.raises(ValidationError, match="实名诉求请填写诉求人姓名"):
        make_appeal(applicant_name="")
    with pytest.raises(ValidationError, match="未知的来源渠道"):
        make_appeal(channel="pigeon")


# Acceptance ----------------------------------------------------------------------------------


def test_accept_starts_the_handling_clock(make_appeal, office, enterprise_user):
    appeal = make_appeal()
    appeal = workflow.accept(
        actor=office, appeal_id=appeal.pk, expected_version=1, today=D(2025, 9, 30)
    )
    # 13 working days after 09-30: 10-09, 10-10, 10-11 (Saturday, worked), ..., 10-24
    assert (appeal.state, appeal.accepted_on, appeal.handling_deadline) == (
        "accepted",
        D(2025, 9, 30),
        D(2025, 10, 24),
    )
    assert appeal.version == 2
    assert verbs(appeal) == ["appeal.received", "appeal.accepted"]
    assert Notification.objects.filter(user=enterprise_user, verb="appeals.accept").exists()


def test_rejection_is_proposed_by_the_office_and_approved_by_a_leader(
    make_appeal, office, leader, department_user
):
    appeal = make_appeal()
    appeal = workflow.propose_rejection(
        actor=office, appeal_id=appeal.pk, expected_version=1, reason="不属于营商环境投诉范围"
    )
    assert appeal.state == "rejection_pending"
    with pytest.raises(PermissionDenied):
        workflow.decide_rejection(
            actor=office, appeal_id=appeal.pk, expected_version=appeal.version, approve=True
        )
    appeal = workflow.decide_rejection(
        actor=leader, appeal_id=appeal.pk, expected_version=appeal.version, approve=True
    )
    assert appeal.state == "rejected" and appeal.rejection_reason == "不属于营商环境投诉范围"
    assert verbs(appeal)[-2:] == ["appeal.rejection_proposed", "appeal.rejected"]


def test_a_refused_rejection_goes_back_to_review(make_appeal, office, leader):
    appeal = make_appeal()
    appeal = workflow.propose_rejection(
        actor=office, appeal_id=appeal.pk, expected_version=1, reason="重复"
    )
    appeal = workflow.decide_rejection(
        actor=leader, appeal_id=appeal.pk, expected_version=appeal.version, approve=False
    )
    assert (appeal.state, appeal.rejection_reason) == ("received", "")


def test_a_rejection_needs_its_reason(make_appeal, office):
    appeal = make_appeal()
    with pytest.raises(ValidationError, match="不予受理的理由"):
        workflow.propose_rejection(actor=office, appeal_id=appeal.pk, expected_version=1, reason="")


# Denials and versions ------------------------------------------------------------------------


def test_a_department_may_not_accept(make_appeal, department_user):
    appeal = make_appeal()
    # not dispatched to it: the department does not even see it
    with pytest.raises(Http404):
        workflow.accept(actor=department_user, appeal_id=appeal.pk, expected_version=1)


def test_a_department_may_not_dispatch_its_own_case(dispatched, department_user, departments):
    with pytest.raises(PermissionDenied, match="您的角色不能转办"):
        workflow.dispatch(
            actor=department_user,
            appeal_id=dispatched.pk,
            expected_version=dispatched.version,
            department=departments["xzsp"],
        )


def test_another_department_does_not_see_the_case(dispatched, other_department_user):
    with pytest.raises(Http404):
        workflow.start(
            actor=other_department_user,
            appeal_id=dispatched.pk,
            expected_version=dispatched.version,
        )


def test_another_zone_does_not_see_the_case(make_appeal, other_zone, make_user):
    appeal = make_appeal()
    stranger = make_user(Role.OFFICE, zone=other_zone)
    with pytest.raises(Http404):
        workflow.accept(actor=stranger, appeal_id=appeal.pk, expected_version=1)


def test_a_stale_version_is_refused_and_changes_nothing(make_appeal, office):
    appeal = make_appeal()
    workflow.accept(actor=office, appeal_id=appeal.pk, expected_version=1, today=D(2025, 9, 30))
    with pytest.raises(StaleVersionError):
        workflow.propose_rejection(
            actor=office, appeal_id=appeal.pk, expected_version=1, reason="迟到的操作"
        )
    appeal.refresh_from_db()
    assert (appeal.state, appeal.version) == ("accepted", 2)


def test_dispatch_only_to_a_department_of_the_zone(make_appeal, office, other_zone_department):
    appeal = make_appeal()
    appeal = workflow.accept(actor=office, appeal_id=appeal.pk, expected_version=1)
    with pytest.raises(ValidationError, match="本功能区的部门"):
        workflow.dispatch(
            actor=office,
            appeal_id=appeal.pk,
            expected_version=appeal.version,
            department=other_zone_department,
        )
    with pytest.raises(ValidationError, match="指定承办部门"):
        workflow.dispatch(
            actor=office, appeal_id=appeal.pk, expected_version=appeal.version, department=None
        )


# Handling ------------------------------------------------------------------------------------


def test_send_back_and_redispatch(dispatched, department_user, office, departments):
    appeal = workflow.send_back(
        actor=department_user,
        appeal_id=dispatched.pk,
        expected_version=dispatched.version,
        reason="不属于本部门职责，应由行政审批局办理",
    )
    assert appeal.state == "sent_back"
    assert Notification.objects.filter(user=office, verb="appeals.send_back").exists()
    appeal = workflow.dispatch(
        actor=office,
        appeal_id=appeal.pk,
        expected_version=appeal.version,
        department=departments["xzsp"],
    )
    assert (appeal.state, appeal.lead_department_id) == ("dispatched", departments["xzsp"].pk)
    # the first department no longer sees it
    with pytest.raises(Http404):
        workflow.start(actor=department_user, appeal_id=appeal.pk, expected_version=appeal.version)


def test_suspension_pauses_the_clock(handling, department_user, office):
    assert handling.handling_deadline == D(2025, 10, 24)
    appeal = actions.suspend(
        actor=department_user,
        appeal_id=handling.pk,
        expected_version=handling.version,
        reason="等待司法鉴定结论",
        today=D(2025, 10, 13),
    )
    assert appeal.state == "suspended"
    appeal = actions.resume(
        actor=office, appeal_id=appeal.pk, expected_version=appeal.version, today=D(2025, 10, 16)
    )
    # three working days paused (10-14, 10-15, 10-16): 10-24 -> 10-29
    assert (appeal.state, appeal.handling_deadline) == ("handling", D(2025, 10, 29))
    pause = Suspension.objects.get(appeal=appeal)
    assert (pause.deadline_before, pause.deadline_after) == (D(2025, 10, 24), D(2025, 10, 29))
    assert verbs(appeal)[-2:] == ["appeal.suspended", "appeal.resumed"]


def test_reply_sets_the_return_visit_clock(handling, department_user):
    appeal = actions.reply(
        actor=department_user,
        appeal_id=handling.pk,
        expected_version=handling.version,
        text="已答复。",
        today=D(2025, 9, 30),
    )
    assert (appeal.state, appeal.visit_deadline) == ("replied", D(2025, 10, 9))


def test_every_transition_leaves_a_history_row(visited):
    actions = list(
        AppealRecord.objects.filter(appeal=visited).values_list("action", "from_state", "to_state")
    )
    assert actions == [
        ("receive", "", "received"),
        ("accept", "received", "accepted"),
        ("dispatch", "accepted", "dispatched"),
        ("start", "dispatched", "handling"),
        ("reply", "handling", "replied"),
        ("visit", "replied", "visited"),
    ]
    assert verbs(visited) == [
        "appeal.received",
        "appeal.accepted",
        "appeal.dispatched",
        "appeal.started",
        "appeal.replied",
        "appeal.visited",
    ]


def test_merge_keeps_both_histories(make_appeal, office):
    first, duplicate = make_appeal(), make_appeal()
    merged = actions.merge(
        actor=office, appeal_id=duplicate.pk, expected_version=1, into_id=first.pk
    )
    assert (merged.state, merged.merged_into_id) == ("merged", first.pk)
    assert AppealRecord.objects.filter(appeal=first).exists()
    assert verbs(merged)[-1] == "appeal.merged"
    with pytest.raises(ValidationError, match="另一件诉求"):
        actions.merge(actor=office, appeal_id=first.pk, expected_version=1, into_id=first.pk)
