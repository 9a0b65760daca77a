"""Each role's home page: its heading and the facts it shows."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import make_uscc
from yingshang.kernel.models import (
    Enterprise,
    EnterpriseStatus,
    Qualification,
    QualificationKind,
    Role,
    SizeClass,
)

HEADINGS = {
    Role.ADMIN: "<h1>系统管理</h1>",
    Role.OFFICE: "<h1>营商办工作台</h1>",
    Role.DEPARTMENT: "<h1>部门工作台</h1>",
    Role.LEADER: "<h1>领导工作台</h1>",
    Role.ENTERPRISE: "<h1>企业服务中心</h1>",
    Role.SUPERVISOR: "<h1>监督员工作台</h1>",
}


@pytest.mark.parametrize("role", list(HEADINGS))
def test_each_role_reaches_its_home(client_for, role):
    response = client_for(role).get(reverse("web:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert HEADINGS[role] in html
    for other, heading in HEADINGS.items():
        if other != role:
            assert heading not in html


def test_anonymous_home_redirects_to_login(client, db):
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def _add(zone, name, **fields):
    return Enterprise.objects.create(uscc=make_uscc(), name=name, zone=zone, **fields)


def test_office_home_counts_by_status_and_size(client_for, zone, other_zone):
    _add(zone, "甲", size_class=SizeClass.SMALL)
    _add(zone, "乙", status=EnterpriseStatus.DEREGISTERED, size_class=SizeClass.SMALL)
    _add(other_zone, "外区", size_class=SizeClass.SMALL)
    response = client_for(Role.OFFICE).get(reverse("web:home"))
    summary = response.context["summary"]
    # The fixture's enterprise plus two; the other zone's is not counted.
    assert summary.total == 3
    assert summary.status_counts == {"active": 2, "deregistered": 1}
    assert summary.size_counts == {"small": 2, "": 1}
    html = response.content.decode()
    assert "按登记状态" in html and "按企业规模" in html
    assert reverse("registry:enterprise_create") in html


def test_office_summary_follows_new_enterprises(client_for, zone):
    client = client_for(Role.OFFICE)
    assert client.get(reverse("web:home")).context["summary"].total == 1
    _add(zone, "新设")
    assert client.get(reverse("web:home")).context["summary"].total == 2


def test_office_home_lists_recent_zone_events(client_for, users, enterprise, other_enterprise):
    from yingshang.audit.services import record_event

    record_event(actor=users[Role.ADMIN], verb="enterprise.updated", obj=enterprise)
    record_event(actor=users[Role.ADMIN], verb="enterprise.updated", obj=other_enterprise)
    response = client_for(Role.OFFICE).get(reverse("web:home"))
    events = list(response.context["recent_events"])
    assert [e.object_id for e in events] == [str(enterprise.pk)]
    assert "修改市场主体信息" in response.content.decode()


def test_leader_home_has_chart_and_key_figures(client_for, zone):
    _add(zone, "软件", industry_code="6513")
    _add(zone, "制造", industry_code="C3919", industry_section="C")
    kind = QualificationKind.objects.get(code="high_tech")
    holder = _add(zone, "高企")
    Qualification.objects.create(enterprise=holder, kind=kind, valid_until=dt.date(2999, 1, 1))
    response = client_for(Role.LEADER).get(reverse("web:home"))
    html = response.content.decode()
    assert 'id="industry-chart-data"' in html
    assert "echarts-6.1.0/echarts.min.js" in html
    chart = response.context["chart"]
    assert "C 制造业" in chart["labels"]
    highs = {b.code: b.count for b in response.context["qualifications"]}
    assert highs["high_tech"] == 1


def test_department_home_shows_department_colleagues_and_workdays(
    client_for, users, departments, make_user, zone
):
    colleague = make_user(
        Role.DEPARTMENT, zone=zone, department=departments["scjg"], full_name="李同事"
    )
    response = client_for(Role.DEPARTMENT).get(reverse("web:home"))
    html = response.content.decode()
    assert departments["scjg"].name in html
    assert colleague.full_name in html
    assert len(response.context["next_workdays"]) == 5
    assert reverse("calendars:calendar") in html
    assert "待办" not in html


def test_enterprise_home_shows_own_card_and_qualifications(client_for, enterprise):
    kind = QualificationKind.objects.get(code="specialized")
    Qualification.objects.create(
        enterprise=enterprise, kind=kind, certificate_no="ZJTX-1", valid_until=dt.date(2001, 1, 1)
    )
    html = client_for(Role.ENTERPRISE).get(reverse("web:home")).content.decode()
    assert enterprise.name in html and enterprise.uscc in html
    assert "专精特新中小企业" in html and "已过期" in html


def test_supervisor_home_shows_office_contacts(client_for, users, departments):
    office = users[Role.OFFICE]
    office.phone = "0371-12345678"
    office.save()
    html = client_for(Role.SUPERVISOR).get(reverse("web:home")).content.decode()
    assert departments["xzsp"].name in html
    assert "0371-12345678" in html


def test_admin_home_counts_users_and_zones(client_for, other_zone):
    response = client_for(Role.ADMIN).get(reverse("web:home"))
    assert response.context["zone_count"] == 2
    assert response.context["user_count"] == 6
    assert reverse("admin:index") in response.content.decode()


def test_account_without_zone_gets_a_clear_page(client, make_user, db):
    from yingshang.kernel.models import User

    user = User.objects.create_user("orphan", password="x-Yingshang-2026", role=Role.OFFICE)
    client.force_login(user)
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    assert "账号尚未指定所属功能区" in response.content.decode()
