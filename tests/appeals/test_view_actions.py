"""The appeal pages' action forms: the office's, the department's, the enterprise's rating and
the dispute, each with its denials, and a conflict that loses nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.appeals.conftest import D
from tests.appeals.pages import INDEX, act_url, detail_url, fresh, post_action
from tests.conftest import make_uscc
from yingshang.appeals.models import Extension, Rating
from yingshang.appeals.services import feedback, workflow
from yingshang.kernel.models import Role

pytestmark = pytest.mark.django_db


# The office's actions ------------------------------------------------------------------------


def test_office_accepts_and_dispatches(client_for, make_appeal, departments):
    appeal = make_appeal()
    client = client_for(Role.OFFICE)
    assert post_action(client, appeal, "accept").status_code == 302
    assert fresh(appeal).state == "accepted"
    response = post_action(
        client, appeal, "dispatch", department=departments["scjg"].pk, category="城乡建设"
    )
    assert response.status_code == 302
    appeal = fresh(appeal)
    assert (appeal.state, appeal.lead_department, appeal.category) == (
        "dispatched",
        departments["scjg"],
        "城乡建设",
    )


def test_dispatch_without_a_department_re_renders_with_the_error(client_for, make_appeal, office):
    appeal = make_appeal()
    workflow.accept(actor=office, appeal_id=appeal.pk, expected_version=appeal.version)
    response = post_action(client_for(Role.OFFICE), appeal, "dispatch", category="城建")
    assert response.status_code == 200
    assert "这个字段是必填项" in response.content.decode() or "必填" in response.content.decode()
    assert fresh(appeal).state == "accepted"


def test_a_stale_version_answers_409_and_keeps_the_users_input(client_for, make_appeal, office):
    appeal = make_appeal()
    seen = appeal.version
    workflow.accept(actor=office, appeal_id=appeal.pk, expected_version=seen)  # someone else
    response = post_action(
        client_for(Role.OFFICE), appeal, "propose_rejection", version=seen, reason="不属于受理范围"
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "该诉求已被他人更新" in html
    assert "不属于受理范围" in html
    current = fresh(appeal).version
    assert f'name="propose_rejection-version" value="{current}"' in html
    assert fresh(appeal).state == "accepted"


def test_leader_approves_a_proposed_rejection(client_for, make_appeal, office):
    appeal = make_appeal()
    workflow.propose_rejection(
        actor=office, appeal_id=appeal.pk, expected_version=appeal.version, reason="重复投诉"
    )
    board = client_for(Role.LEADER).get(INDEX, {"group": "approval"}).content.decode()
    assert appeal.number in board
    client = client_for(Role.LEADER)
    html = client.get(detail_url(appeal)).content.decode()
    assert 'id="action-approve_rejection"' in html and "重复投诉" in html
    assert post_action(client, appeal, "approve_rejection", note="同意").status_code == 302
    assert fresh(appeal).state == "rejected"


def test_leader_refuses_a_proposed_rejection(client_for, make_appeal, office):
    appeal = make_appeal()
    workflow.propose_rejection(
        actor=office, appeal_id=appeal.pk, expected_version=appeal.version, reason="重复投诉"
    )
    assert post_action(client_for(Role.LEADER), appeal, "refuse_rejection").status_code == 302
    assert fresh(appeal).state == "received"


def test_office_cannot_approve_its_own_rejection(client_for, make_appeal, office):
    appeal = make_appeal()
    workflow.propose_rejection(
        actor=office, appeal_id=appeal.pk, expected_version=appeal.version, reason="重复投诉"
    )
    assert post_action(client_for(Role.OFFICE), appeal, "approve_rejection").status_code == 403
    assert fresh(appeal).state == "rejection_pending"


def test_department_cannot_accept(client_for, dispatched):
    assert post_action(client_for(Role.DEPARTMENT), dispatched, "accept").status_code == 403


def test_office_merges_a_duplicate_by_number(client_for, make_appeal):
    original, duplicate = make_appeal(), make_appeal(title="同一问题再次反映")
    client = client_for(Role.OFFICE)
    assert post_action(client, duplicate, "merge", into=original.number).status_code == 302
    assert fresh(duplicate).merged_into_id == original.pk
    html = client.get(detail_url(original)).content.decode()
    assert duplicate.number in html


def test_merge_into_an_unknown_number_is_refused_on_the_form(client_for, make_appeal):
    appeal = make_appeal()
    response = post_action(client_for(Role.OFFICE), appeal, "merge", into="SQ-1999-000001")
    assert response.status_code == 200
    assert "合并需要指定重复的诉求" in response.content.decode()


def test_office_sends_a_visit_and_closes_after_the_rating(client_for, handling, department_user):
    from yingshang.appeals.services import handling as actions

    appeal = actions.reply(
        actor=department_user, appeal_id=handling.pk, expected_version=handling.version, text="已办"
    )
    client = client_for(Role.OFFICE)
    assert post_action(client, appeal, "visit", note="电话回访，企业认可").status_code == 302
    assert fresh(appeal).state == "visited"
    assert post_action(client, appeal, "rate", level="satisfied").status_code == 302
    assert Rating.objects.get().on_behalf is True
    assert post_action(client, appeal, "close").status_code == 302
    assert fresh(appeal).state == "closed"


# The department's actions --------------------------------------------------------------------


def test_department_starts_suspends_resumes_and_replies(client_for, dispatched):
    client = client_for(Role.DEPARTMENT)
    assert post_action(client, dispatched, "start").status_code == 302
    assert post_action(client, dispatched, "suspend", reason="等待企业补充材料").status_code == 302
    assert fresh(dispatched).state == "suspended"
    assert post_action(client, dispatched, "resume").status_code == 302
    assert post_action(client, dispatched, "reply", note="已一次性告知材料清单").status_code == 302
    appeal = fresh(dispatched)
    assert appeal.state == "replied" and appeal.visit_deadline is not None


def test_reply_needs_the_reply_text(client_for, handling):
    response = post_action(client_for(Role.DEPARTMENT), handling, "reply", note="")
    assert response.status_code == 200
    assert fresh(handling).state == "handling"


def test_department_sends_back_with_a_reason(client_for, dispatched):
    response = post_action(
        client_for(Role.DEPARTMENT), dispatched, "send_back", reason="不属本部门"
    )
    assert response.status_code == 302
    assert fresh(dispatched).state == "sent_back"


def test_department_requests_an_extension_and_the_office_decides(
    client_for, make_appeal, office, departments
):
    appeal = make_appeal(received_on=timezone.localdate())
    appeal = workflow.accept(actor=office, appeal_id=appeal.pk, expected_version=appeal.version)
    appeal = workflow.dispatch(
        actor=office,
        appeal_id=appeal.pk,
        expected_version=appeal.version,
        department=departments["scjg"],
    )
    until = appeal.handling_deadline + dt.timedelta(days=14)
    department = client_for(Role.DEPARTMENT)
    html = department.get(detail_url(appeal)).content.decode()
    assert 'id="action-request_extension"' in html
    response = post_action(
        department, appeal, "request_extension", requested_until=until, reason="需现场核查"
    )
    assert response.status_code == 302
    extension = Extension.objects.get()
    office_client = client_for(Role.OFFICE)
    assert 'id="action-decide_extension"' in office_client.get(detail_url(appeal)).content.decode()
    response = post_action(
        office_client, appeal, "decide_extension", extension=extension.pk, decision="approve"
    )
    assert response.status_code == 302
    assert fresh(appeal).handling_deadline == until


def test_a_stale_extension_request_answers_409(client_for, handling, department_user):
    seen = handling.version
    workflow_appeal = fresh(handling)
    from yingshang.appeals.services import handling as actions

    actions.suspend(
        actor=department_user,
        appeal_id=handling.pk,
        expected_version=workflow_appeal.version,
        reason="等待材料",
    )
    response = post_action(
        client_for(Role.DEPARTMENT),
        handling,
        "request_extension",
        version=seen,
        requested_until=D(2026, 12, 31),
        reason="需现场核查的理由",
    )
    assert response.status_code == 409
    assert "需现场核查的理由" in response.content.decode()
    assert not Extension.objects.exists()


# The enterprise's rating and the dispute -----------------------------------------------------


def test_enterprise_rates_a_visited_case(client_for, visited):
    client = client_for(Role.ENTERPRISE)
    html = client.get(detail_url(visited)).content.decode()
    for label in ("非常满意", "满意", "基本满意", "不满意", "非常不满意"):
        assert label in html
    assert post_action(client, visited, "rate", level="satisfied").status_code == 302
    rating = Rating.objects.get()
    assert (rating.level, rating.on_behalf) == ("satisfied", False)
    assert fresh(visited).state == "rated"


def test_enterprise_cannot_rate_before_the_visit(client_for, handling):
    client = client_for(Role.ENTERPRISE)
    assert 'id="action-rate"' not in client.get(detail_url(handling)).content.decode()
    response = post_action(client, handling, "rate", level="satisfied")
    assert response.status_code == 200
    assert not Rating.objects.exists()


def test_a_bad_rating_needs_a_reason(client_for, visited):
    response = post_action(client_for(Role.ENTERPRISE), visited, "rate", level="dissatisfied")
    assert response.status_code == 200
    assert "请填写原因" in response.content.decode()
    assert not Rating.objects.exists()


def test_a_subjective_bad_rating_reopens_the_case(client_for, visited):
    response = post_action(
        client_for(Role.ENTERPRISE),
        visited,
        "rate",
        level="dissatisfied",
        reason="答复敷衍",
        subjective="on",
    )
    assert response.status_code == 302
    appeal = fresh(visited)
    assert (appeal.state, appeal.reopen_count) == ("handling", 1)


def test_department_disputes_a_bad_rating_and_the_office_reviews(client_for, visited, zone):
    feedback.rate(
        actor=visited.created_by,
        appeal_id=visited.pk,
        expected_version=visited.version,
        level="very_dissatisfied",
        reason="未解决",
    )
    rating = Rating.objects.get()
    department = client_for(Role.DEPARTMENT)
    assert 'id="action-dispute"' in department.get(detail_url(visited)).content.decode()
    response = post_action(department, visited, "dispute", rating=rating.pk, reason="法规所限")
    assert response.status_code == 302
    office = client_for(Role.OFFICE)
    response = post_action(
        office,
        visited,
        "review_dispute",
        rating=rating.pk,
        decision="overturned",
        note="属政策限制",
    )
    assert response.status_code == 302
    assert Rating.objects.get().dispute_state == "overturned"


def test_enterprise_cannot_act_on_another_enterprises_appeal(client_for, visited, zone, make_user):
    from yingshang.kernel.models import Enterprise

    neighbour = Enterprise.objects.create(uscc=make_uscc(), name="邻居公司", zone=zone)
    client = client_for(Role.ENTERPRISE)
    client.force_login(make_user(Role.ENTERPRISE, zone=zone, enterprise=neighbour))
    assert post_action(client, visited, "rate", level="satisfied").status_code == 404
    assert not Rating.objects.exists()


def test_unknown_action_goes_back_with_a_message(client_for, make_appeal):
    appeal = make_appeal()
    response = client_for(Role.OFFICE).post(act_url(appeal), {"action": "explode"}, follow=True)
    assert "未知的操作" in response.content.decode()
