"""The registry pages: list, search, paging, detail, create, edit, and who may do what."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse

from tests.conftest import make_uscc
from yingshang.audit.models import AuditEvent
from yingshang.enterprises.selectors import stats
from yingshang.kernel.models import (
    Enterprise,
    EnterpriseStatus,
    Qualification,
    QualificationKind,
    Role,
)

LIST = reverse("registry:enterprise_list")


def detail(pk):
    return reverse("registry:enterprise_detail", args=[pk])


def edit(pk):
    return reverse("registry:enterprise_edit", args=[pk])


def add(zone, name, **fields):
    return Enterprise.objects.create(
        uscc=fields.pop("uscc", make_uscc()), name=name, zone=zone, **fields
    )


def form_data(enterprise, **changes):
    """What the edit form posts for an unchanged enterprise, with some changes."""
    data = {
        "name": enterprise.name,
        "entity_type": enterprise.entity_type,
        "status": enterprise.status,
        "version": enterprise.version,
        "reason": "",
    }
    data.update(changes)
    return data


# ---------------------------------------------------------------------------- list


def names(response):
    return [e.name for e in response.context["page"].items]


def test_list_shows_own_zone_only(client_for, enterprise, other_enterprise):
    response = client_for(Role.OFFICE).get(LIST)
    assert response.status_code == 200
    assert names(response) == [enterprise.name]
    assert response.context["total"] == 1
    html = response.content.decode()
    assert "共1条" in html
    assert detail(enterprise.pk) in html


@pytest.mark.parametrize("role", [Role.DEPARTMENT, Role.LEADER, Role.OFFICE, Role.ADMIN])
def test_readers_open_the_list(client_for, role):
    assert client_for(role).get(LIST).status_code == 200


def test_search_by_name_and_by_code_prefix(client_for, zone, enterprise):
    add(zone, "郑州宇通客车股份有限公司", uscc=make_uscc(9000001))
    client = client_for(Role.OFFICE)
    assert names(client.get(LIST, {"q": "宇通"})) == ["郑州宇通客车股份有限公司"]
    code = Enterprise.objects.get(name__contains="宇通").uscc
    assert names(client.get(LIST, {"q": code[:14]})) == ["郑州宇通客车股份有限公司"]
    assert names(client.get(LIST, {"q": code.lower()})) == ["郑州宇通客车股份有限公司"]
    empty = client.get(LIST, {"q": "不存在的名字"})
    assert names(empty) == [] and "没有符合条件的市场主体" in empty.content.decode()


def test_filters(client_for, zone, enterprise):
    add(
        zone,
        "注销户",
        status=EnterpriseStatus.DEREGISTERED,
        size_class="micro",
        credit_risk_class="D",
    )
    holder = add(zone, "高企", industry_code="6513", industry_section="I")
    Qualification.objects.create(
        enterprise=holder, kind=QualificationKind.objects.get(code="high_tech")
    )
    client = client_for(Role.OFFICE)
    assert names(client.get(LIST, {"status": "deregistered"})) == ["注销户"]
    assert client.get(LIST, {"status": "deregistered"}).context["total"] == 1
    assert names(client.get(LIST, {"size": "micro"})) == ["注销户"]
    assert names(client.get(LIST, {"credit": "D"})) == ["注销户"]
    assert names(client.get(LIST, {"section": "I"})) == ["高企"]
    assert names(client.get(LIST, {"qual": "high_tech"})) == ["高企"]
    assert names(client.get(LIST, {"type": "individual"})) == []


def test_invalid_filter_is_reported_and_left_out(client_for, zone, enterprise):
    add(zone, "吊销户", status=EnterpriseStatus.REVOKED)
    response = client_for(Role.OFFICE).get(LIST, {"status": "bogus", "q": "吊销"})
    assert response.status_code == 200
    assert "查询条件有误" in response.content.decode()
    assert names(response) == ["吊销户"]


def test_htmx_request_gets_only_the_table(client_for, enterprise):
    response = client_for(Role.OFFICE).get(LIST, {"q": "测试"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="enterprise-results"')
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]
    full = client_for(Role.OFFICE).get(LIST).content.decode()
    assert 'hx-get="' in full and 'hx-target="#enterprise-results"' in full


def test_keyset_paging(client_for, zone):
    for n in range(60):
        add(zone, f"分页企业{n:02d}")
    client = client_for(Role.OFFICE)
    first = client.get(LIST)
    page = first.context["page"]
    assert len(page.items) == 50 and page.next_cursor
    assert "下一页" in first.content.decode()
    second = client.get(LIST, {"after": page.next_cursor})
    assert len(second.context["page"].items) == 11  # with the fixture's enterprise
    assert second.context["page"].next_cursor is None
    html = second.content.decode()
    assert "首页" in html and 'rel="prev"' in html and "上一页" in html
    assert set(names(first)).isdisjoint(names(second))
    assert "上一页" not in first.content.decode()


def _link(html: str, rel: str) -> str | None:
    """The query of the pager's link `rel` ("next", "prev"), as the page writes it."""
    match = re.search(rf'rel="{rel}" href="\?([^"]*)"', html)
    return None if match is None else unescape(match.group(1))


def test_paging_back_by_the_links_shows_the_same_pages(client_for, zone):
    for n in range(130):
        add(zone, f"翻页企业{n:03d}")
    client = client_for(Role.OFFICE)
    forward, query = [], "q=翻页"
    while query is not None:
        response = client.get(f"{LIST}?{query}")
        forward.append(names(response))
        query = _link(response.content.decode(), "next")
    assert [len(p) for p in forward] == [50, 50, 30]
    backward, query = [], _link(response.content.decode(), "prev")
    while query is not None:
        response = client.get(f"{LIST}?{query}")
        backward.append(names(response))
        query = _link(response.content.decode(), "prev")
    assert backward == forward[-2::-1]
    assert response.context["first_page"]


def test_total_of_a_search_is_counted(client_for, zone):
    for n in range(55):
        add(zone, f"搜索企业{n:02d}")
    response = client_for(Role.OFFICE).get(LIST, {"q": "搜索"})
    assert response.context["total"] == 55
    assert "共55条" in response.content.decode()


def test_total_above_the_count_limit_is_said_so(client_for, zone, monkeypatch):
    monkeypatch.setattr(stats, "COUNT_LIMIT", 52)
    for n in range(55):
        add(zone, f"搜索企业{n:02d}")
    response = client_for(Role.OFFICE).get(LIST, {"q": "搜索"})
    assert response.context["total"] is None
    assert "超过52条" in response.content.decode()


def test_a_large_registry_counts_only_what_is_cached(client_for, zone, monkeypatch):
    monkeypatch.setattr(stats, "COUNTED_REGISTRY_ROWS", 10)
    for n in range(55):
        add(zone, f"搜索企业{n:02d}")
    client = client_for(Role.OFFICE)
    searched = client.get(LIST, {"q": "搜索"})
    assert searched.context["total"] is None and searched.context["total_above"] is None
    pager = searched.content.decode().split('id="enterprise-total"')[1].split("</span>")[0]
    assert "共" not in pager and "超过" not in pager
    assert client.get(LIST).context["total"] == 56  # the zone's cached summary


def test_industry_section_is_shown_with_its_name(client_for, zone):
    add(zone, "制造企业", industry_code="C3919", industry_section="C")
    html = client_for(Role.OFFICE).get(LIST).content.decode()
    assert html.count("<td>C 制造业</td>") == 1 and "<td>C</td>" not in html


def test_admin_list_has_zone_filter(client_for, enterprise, other_enterprise):
    client = client_for(Role.ADMIN)
    assert set(names(client.get(LIST))) == {enterprise.name, other_enterprise.name}
    assert names(client.get(LIST, {"zone": other_enterprise.zone_id})) == [other_enterprise.name]


def test_create_button_only_for_writers(client_for):
    create = reverse("registry:enterprise_create")
    assert create in client_for(Role.OFFICE).get(LIST).content.decode()
    assert create not in client_for(Role.LEADER).get(LIST).content.decode()
    assert create not in client_for(Role.DEPARTMENT).get(LIST).content.decode()


# ---------------------------------------------------------------------------- denials


def test_enterprise_user_is_sent_to_its_own_page(client_for, enterprise, other_enterprise):
    client = client_for(Role.ENTERPRISE)
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:my_enterprise")
    assert client.get(detail(enterprise.pk))["Location"] == reverse("registry:my_enterprise")
    assert client.get(detail(other_enterprise.pk)).status_code == 404
    assert client.get(edit(enterprise.pk)).status_code == 403
    assert client.post(edit(enterprise.pk), form_data(enterprise, name="改")).status_code == 403
    assert client.get(reverse("registry:enterprise_create")).status_code == 403


def test_my_enterprise(client_for, enterprise):
    kind = QualificationKind.objects.get(code="high_tech")
    Qualification.objects.create(enterprise=enterprise, kind=kind, valid_until=dt.date(2001, 1, 1))
    html = client_for(Role.ENTERPRISE).get(reverse("registry:my_enterprise")).content.decode()
    assert enterprise.name in html and enterprise.uscc in html
    assert "已过期" in html
    assert edit(enterprise.pk) not in html


def test_my_enterprise_is_for_enterprise_users_only(client_for):
    assert client_for(Role.OFFICE).get(reverse("registry:my_enterprise")).status_code == 403


def test_department_reads_but_cannot_edit(client_for, enterprise, other_enterprise):
    client = client_for(Role.DEPARTMENT)
    response = client.get(detail(enterprise.pk))
    assert response.status_code == 200
    assert edit(enterprise.pk) not in response.content.decode()
    assert client.get(edit(enterprise.pk)).status_code == 403
    assert client.post(edit(enterprise.pk), form_data(enterprise, name="改")).status_code == 403
    assert client.get(detail(other_enterprise.pk)).status_code == 404
    enterprise.refresh_from_db()
    assert enterprise.name == "郑州测试科技有限公司"


def test_leader_reads_but_cannot_edit(client_for, enterprise):
    client = client_for(Role.LEADER)
    assert client.get(detail(enterprise.pk)).status_code == 200
    assert client.get(edit(enterprise.pk)).status_code == 403


def test_supervisor_is_refused(client_for, enterprise):
    client = client_for(Role.SUPERVISOR)
    assert client.get(LIST).status_code == 403
    assert client.get(detail(enterprise.pk)).status_code == 403
    assert client.get(edit(enterprise.pk)).status_code == 403


def test_office_cannot_see_another_zone(client_for, other_enterprise):
    client = client_for(Role.OFFICE)
    assert client.get(detail(other_enterprise.pk)).status_code == 404
    assert client.get(edit(other_enterprise.pk)).status_code == 404
    assert client.post(edit(other_enterprise.pk), form_data(other_enterprise)).status_code == 404


def test_missing_enterprise_is_404(client_for):
    assert client_for(Role.OFFICE).get(detail(999999)).status_code == 404


# ---------------------------------------------------------------------------- detail


def test_detail_shows_fields_qualifications_and_timeline(client_for, enterprise):
    enterprise.industry_code, enterprise.industry_section = "6513", "I"
    enterprise.status = EnterpriseStatus.SUSPENDED
    enterprise.save()
    kind = QualificationKind.objects.get(code="high_tech")
    Qualification.objects.create(
        enterprise=enterprise,
        kind=kind,
        certificate_no="GR202341000123",
        valid_from=dt.date(2020, 1, 1),
        valid_until=dt.date(2023, 1, 1),
    )
    response = client_for(Role.OFFICE).get(detail(enterprise.pk))
    html = response.content.decode()
    for text in (
        "统一社会信用代码",
        "登记状态",
        "歇业",
        "I 信息传输、软件和信息技术服务业",
        "高新技术企业",
        "GR202341000123",
        "已过期",
        "变更记录",
        "修改信息",
    ):
        assert text in html, text


# ---------------------------------------------------------------------------- create


def test_office_creates_in_its_zone(client_for, zone, users):
    code = make_uscc(7000001)
    response = client_for(Role.OFFICE).post(
        reverse("registry:enterprise_create"),
        {
            "uscc": code.lower(),
            "name": "新登记有限公司",
            "entity_type": "company",
            "status": "active",
            "industry_code": "C3919",
        },
    )
    created = Enterprise.objects.get(uscc=code)
    assert response.status_code == 302 and response["Location"] == detail(created.pk)
    assert created.zone == zone and created.industry_section == "C"
    event = AuditEvent.objects.get(object_id=str(created.pk), verb="enterprise.created")
    assert event.actor == users[Role.OFFICE]


def test_create_reports_bad_code_in_chinese(client_for):
    good = make_uscc(7000009)
    bad = good[:-1] + ("1" if good[-1] != "1" else "2")
    response = client_for(Role.OFFICE).post(
        reverse("registry:enterprise_create"),
        {
            "uscc": bad,
            "name": "错码公司",
            "entity_type": "company",
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert "校验码错误" in response.content.decode()
    assert not Enterprise.objects.filter(name="错码公司").exists()


def test_create_reports_duplicate_code(client_for, enterprise):
    response = client_for(Role.OFFICE).post(
        reverse("registry:enterprise_create"),
        {"uscc": enterprise.uscc, "name": "重复公司", "entity_type": "company", "status": "active"},
    )
    assert response.status_code == 200
    assert "已存在" in response.content.decode()


def test_admin_chooses_the_zone(client_for, other_zone):
    code = make_uscc(7000002)
    client_for(Role.ADMIN).post(
        reverse("registry:enterprise_create"),
        {
            "uscc": code,
            "name": "跨区登记",
            "zone": other_zone.pk,
            "entity_type": "company",
            "status": "active",
        },
    )
    assert Enterprise.objects.get(uscc=code).zone == other_zone


def test_industry_code_and_section_must_agree(client_for):
    response = client_for(Role.OFFICE).post(
        reverse("registry:enterprise_create"),
        {
            "uscc": make_uscc(7000003),
            "name": "门类不符",
            "entity_type": "company",
            "status": "active",
            "industry_code": "6513",
            "industry_section": "C",
        },
    )
    assert response.status_code == 200
    assert "与所选门类不一致" in response.content.decode()


# ---------------------------------------------------------------------------- edit


def test_edit_form_carries_the_version(client_for, enterprise):
    html = client_for(Role.OFFICE).get(edit(enterprise.pk)).content.decode()
    assert 'type="hidden" name="version" value="1"' in html


def test_edit_saves_and_shows_in_timeline(client_for, enterprise, users):
    client = client_for(Role.OFFICE)
    response = client.post(
        edit(enterprise.pk),
        form_data(enterprise, contact_phone="13800000000", reason="企业来电更正"),
    )
    assert response.status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.contact_phone == "13800000000" and enterprise.version == 2
    event = AuditEvent.objects.get(object_id=str(enterprise.pk), verb="enterprise.updated")
    assert event.after == {"contact_phone": "13800000000"}
    assert event.reason == "企业来电更正"
    html = client.get(detail(enterprise.pk)).content.decode()
    assert "修改市场主体信息" in html and "13800000000" in html and "企业来电更正" in html
    assert users[Role.OFFICE].full_name in html


def test_concurrent_edit_keeps_the_first_and_the_second_users_input(
    client, users, make_user, zone, departments, enterprise
):
    first_user = users[Role.OFFICE]
    second_user = make_user(Role.OFFICE, zone=zone, department=departments["xzsp"])
    # Both open the form at version 1.
    client.force_login(first_user)
    assert 'name="version" value="1"' in client.get(edit(enterprise.pk)).content.decode()
    client.force_login(second_user)
    assert 'name="version" value="1"' in client.get(edit(enterprise.pk)).content.decode()
    # The first saves.
    client.force_login(first_user)
    first = client.post(
        edit(enterprise.pk), form_data(enterprise, name="第一次保存的名称", version=1)
    )
    assert first.status_code == 302
    # The second saves on top of version 1 and is stopped.
    client.force_login(second_user)
    second = client.post(
        edit(enterprise.pk), form_data(enterprise, name="第二次保存的名称", version=1)
    )
    assert second.status_code == 200
    html = second.content.decode()
    assert "该记录已被他人修改" in html
    assert 'value="第二次保存的名称"' in html, "the user's input is kept"
    assert "第一次保存的名称" in html, "the conflicting saved value is shown"
    enterprise.refresh_from_db()
    assert enterprise.name == "第一次保存的名称" and enterprise.version == 2
    assert AuditEvent.objects.filter(verb="enterprise.updated").count() == 1
    # Having seen the conflict, a second save overwrites on purpose.
    assert 'name="version" value="2"' in html
    again = client.post(
        edit(enterprise.pk), form_data(enterprise, name="第二次保存的名称", version=2)
    )
    assert again.status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.name == "第二次保存的名称" and enterprise.version == 3


def test_edit_without_changes_writes_no_event(client_for, enterprise):
    response = client_for(Role.OFFICE).post(edit(enterprise.pk), form_data(enterprise))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(verb="enterprise.updated").exists()


def test_edit_invalid_input_is_kept(client_for, enterprise):
    response = client_for(Role.OFFICE).post(
        edit(enterprise.pk), form_data(enterprise, name="", contact_email="不是邮箱")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "这个字段是必填项" in html
    assert 'value="不是邮箱"' in html


def test_admin_edits_any_zone(client_for, other_enterprise):
    response = client_for(Role.ADMIN).post(
        edit(other_enterprise.pk), form_data(other_enterprise, address="洛阳市某路1号")
    )
    assert response.status_code == 302
    other_enterprise.refresh_from_db()
    assert other_enterprise.address == "洛阳市某路1号"
