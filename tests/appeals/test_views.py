"""The appeal pages for each role: the lists, intake and the detail page with its clocks and
masked numbers, with the denials (a department sees only its own appeals, an enterprise only its
own, a supervisor none). The action forms are in test_view_actions."""

import re

import pytest
from django.utils import timezone

from tests.appeals.pages import CREATE, INDEX, detail_url, fresh, post_action
from tests.conftest import make_uscc
from yingshang.appeals.models import Appeal
from yingshang.appeals.services import workflow
from yingshang.audit.models import AuditEvent
from yingshang.kernel.models import Role

pytestmark = pytest.mark.django_db


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
