"""The appeal pages for each role: the lists, intake, the detail page with its clocks and masked
numbers, every action form, the denials (a department sees only its own appeals, an enterprise
only its own, a supervisor none) and a conflict that loses nothing."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.appeals.conftest import D
from tests.conftest import make_uscc
from yingshang.appeals.models import Appeal, Extension, Rating
from yingshang.appeals.services import feedback, workflow
from yingshang.audit.models import AuditEvent
from yingshang.kernel.models import Role

pytestmark = pytest.mark.django_db

INDEX = reverse("appeals:appeal_index")
CREATE = reverse("appeals:appeal_create")


def detail_url(appeal) -> str:
    return reverse("appeals:appeal_detail", args=[appeal.pk])


def act_url(appeal) -> str:
    return reverse("appeals:appeal_act", args=[appeal.pk])


def post_action(client, appeal, action: str, version: int | None = None, **fields):
    """Send one action form as the page does: its code, the prefixed fields and the version."""
    if version is None:
        version = Appeal.objects.get(pk=appeal.pk).version
    data = {"action": action, f"{action}-version": version}
    data |= {f"{action}-{name}": value for name, value in fields.items()}
    return client.post(act_url(appeal), data)


def fresh(appeal) -> Appeal:
    return Appeal.objects.get(pk=appeal.pk)


# Lists -------------------------------------------------------------------------------------


def test_office_board_lists_by_state_group_with_the_acceptance_clock(client_for, make_appeal):
    appeal = make_appeal(received_on=timezone.localdate())
    html = client_for(Role.OFFICE).get(INDEX).content.decode()
    assert "诉求工作台" in html
    for label in ("待受理审查", "待转办", "办理中", "待回访", "已办结"):
        assert label in html
    assert appeal.number in html
    assert "受理审查时限" in html
    assert "剩余" in html and "个工作日" in html


def test_board_groups_and_filters_narrow_the_list(client_for, make_appeal, dispatched):
    received = make_appeal(title="窗口办事排队时间过长", channel="window")
    client = client_for(Role.OFFICE)
    handling_group = client.get(INDEX, {"group": "handling"}).content.decode()
    assert dispatched.number in handling_group
    assert received.number not in handling_group
    window = client.get(INDEX, {"group": "review", "channel": "window"}).content.decode()
    assert received.number in window
    phone = client.get(INDEX, {"group": "review", "channel": "letter"}).content.decode()
    assert received.number not in phone


def test_overdue_handling_clock_is_marked_on_the_board(client_for, dispatched):
    # Dispatched on 2025-09-30 with 13 working days: long past today.
    html = client_for(Role.OFFICE).get(INDEX, {"group": "handling"}).content.decode()
    assert re.search(r"已超期 \d+ 个工作日", html)
    assert 'class="overdue"' in html


def test_board_pages_by_key(client_for, make_appeal, monkeypatch):
    from yingshang.appeals.selectors import pages

    monkeypatch.setattr(pages, "PAGE_SIZE", 2)
    made = [make_appeal(title=f"诉求第{n}件") for n in range(3)]
    client = client_for(Role.OFFICE)
    first = client.get(INDEX).content.decode()
    assert made[2].number in first and made[1].number in first
    assert made[0].number not in first
    next_url = re.search(r'href="(\?[^"]*after=\d+[^"]*)"', first).group(1).replace("&amp;", "&")
    second = client.get(INDEX + next_url).content.decode()
    assert made[0].number in second and made[2].number not in second
    assert "上一页" in second


def test_department_queue_shows_only_its_own(
    client_for, dispatched, make_appeal, office, departments
):
    other = make_appeal(title="另一部门的诉求")
    other = workflow.accept(actor=office, appeal_id=other.pk, expected_version=other.version)
    workflow.dispatch(
        actor=office,
        appeal_id=other.pk,
        expected_version=other.version,
        department=departments["xzsp"],
    )
    html = client_for(Role.DEPARTMENT).get(INDEX, {"group": "todo"}).content.decode()
    assert "我的诉求" in html
    assert dispatched.number in html
    assert other.number not in html


def test_enterprise_sees_only_its_own_with_progress(
    client_for, make_appeal, zone, other_enterprise, users
):
    from yingshang.kernel.models import Enterprise

    neighbour = Enterprise.objects.create(uscc=make_uscc(), name="邻居公司", zone=zone)
    own = make_appeal()
    theirs = make_appeal(enterprise=neighbour, title="邻居公司的诉求")
    client = client_for(Role.ENTERPRISE)
    html = client.get(INDEX).content.decode()
    assert own.number in html
    assert theirs.number not in html
    assert "办理进度" in html
    assert client.get(detail_url(theirs)).status_code == 404


def test_supervisor_has_no_appeal_pages(client_for, make_appeal):
    appeal = make_appeal()
    client = client_for(Role.SUPERVISOR)
    assert client.get(INDEX).status_code == 403
    assert client.get(CREATE).status_code == 403
    assert client.get(detail_url(appeal)).status_code == 403
    assert post_action(client, appeal, "accept").status_code == 403


def test_navigation_lists_appeals_for_readers_only(client_for):
    assert 'href="/appeals/"' in client_for(Role.OFFICE).get("/").content.decode()
    assert 'href="/appeals/"' not in client_for(Role.SUPERVISOR).get("/").content.decode()


# Intake ------------------------------------------------------------------------------------


def test_office_registers_a_phone_appeal_for_an_enterprise(client_for, enterprise):
    response = client_for(Role.OFFICE).post(
        CREATE,
        {
            "channel": "phone",
            "kind": "complaint",
            "title": "不动产登记材料反复提交",
            "content": "要求重复提交同一份材料。",
            "enterprise_uscc": enterprise.uscc,
            "applicant_name": "李四",
            "applicant_phone": "13912345678",
            "applicant_id_number": "410105199001011234",
        },
    )
    appeal = Appeal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(appeal)
    assert (appeal.channel, appeal.enterprise, appeal.state) == ("phone", enterprise, "received")
    assert AuditEvent.objects.filter(verb="appeal.received").count() == 1


def test_office_form_refuses_an_unknown_credit_code_and_keeps_the_input(client_for):
    response = client_for(Role.OFFICE).post(
        CREATE,
        {
            "channel": "window",
            "kind": "complaint",
            "title": "窗口拒收材料",
            "content": "窗口称材料不全。",
            "enterprise_uscc": "91410100MA0000000X",
            "applicant_name": "王五",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "本功能区没有该统一社会信用代码的市场主体" in html
    assert "窗口拒收材料" in html
    assert not Appeal.objects.exists()


def test_office_form_names_the_missing_applicant_of_a_real_name_appeal(client_for):
    response = client_for(Role.OFFICE).post(
        CREATE, {"channel": "letter", "kind": "help", "title": "求助", "content": "请协调。"}
    )
    assert "实名诉求请填写诉求人姓名" in response.content.decode()
    assert not Appeal.objects.exists()


def test_enterprise_submits_online_for_its_own_enterprise(client_for, enterprise):
    client = client_for(Role.ENTERPRISE)
    page = client.get(CREATE).content.decode()
    assert "提出诉求" in page and "来源渠道" not in page
    response = client.post(
        CREATE,
        {
            "kind": "enquiry",
            "title": "高新技术企业认定咨询",
            "content": "请问申报材料有哪些？",
            "applicant_name": "赵六",
            "applicant_phone": "13700001111",
        },
    )
    appeal = Appeal.objects.get()
    assert response.status_code == 302
    assert (appeal.channel, appeal.enterprise) == ("online", enterprise)


@pytest.mark.parametrize("role", [Role.DEPARTMENT, Role.LEADER])
def test_only_office_and_enterprise_register(client_for, role):
    assert client_for(role).get(CREATE).status_code == 403


# The detail page -----------------------------------------------------------------------------


def test_detail_shows_numbers_whole_to_handlers_and_masked_to_leaders(client_for, dispatched):
    office_html = client_for(Role.OFFICE).get(detail_url(dispatched)).content.decode()
    assert "13812345678" in office_html and "410105199001011234" in office_html
    department_html = client_for(Role.DEPARTMENT).get(detail_url(dispatched)).content.decode()
    assert "13812345678" in department_html
    leader_html = client_for(Role.LEADER).get(detail_url(dispatched)).content.decode()
    assert "13812345678" not in leader_html and "138****5678" in leader_html
    assert "410105********1234" in leader_html


def test_detail_shows_clocks_history_and_audit_timeline(client_for, dispatched):
    html = client_for(Role.OFFICE).get(detail_url(dispatched)).content.decode()
    assert "受理审查" in html and "回访" in html
    assert dispatched.handling_deadline.isoformat() in html
    assert re.search(r"已超期 \d+ 个工作日", html)
    assert "转办" in html and "市场监督管理局高新区分局" in html
    assert 'id="appeal-audit"' in html


def test_department_gets_404_for_another_departments_appeal(
    client, dispatched, other_department_user
):
    client.force_login(other_department_user)
    assert client.get(detail_url(dispatched)).status_code == 404
    assert post_action(client, dispatched, "start").status_code == 404
    assert fresh(dispatched).state == "dispatched"


def test_department_gets_404_for_an_appeal_not_yet_dispatched(client_for, make_appeal):
    appeal = make_appeal()
    assert client_for(Role.DEPARTMENT).get(detail_url(appeal)).status_code == 404


def test_detail_offers_only_the_viewers_actions(client_for, make_appeal):
    appeal = make_appeal()
    office_html = client_for(Role.OFFICE).get(detail_url(appeal)).content.decode()
    assert 'id="action-accept"' in office_html
    assert 'id="action-propose_rejection"' in office_html
    assert 'id="action-merge"' in office_html
    assert 'name="accept-version"' in office_html
    enterprise_html = client_for(Role.ENTERPRISE).get(detail_url(appeal)).content.decode()
    assert 'id="appeal-actions"' not in enterprise_html


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
