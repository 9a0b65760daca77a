"""The audit log page and the timeline fragment."""

from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yingshang.audit.models import AuditEvent
from yingshang.audit.services import record_event
from yingshang.audit.templatetags.audit import changes_of, verb_label
from yingshang.kernel.models import Role


def test_office_sees_only_its_zone(client_for, users, enterprise, other_enterprise):
    record_event(actor=users[Role.ADMIN], verb="enterprise.updated", obj=enterprise)
    record_event(actor=users[Role.ADMIN], verb="enterprise.updated", obj=other_enterprise)
    response = client_for(Role.OFFICE).get(reverse("web:audit_log"))
    assert response.status_code == 200
    # Signing in is recorded too: the office's own login is the newest event of its zone.
    assert [e.object_id for e in response.context["events"]] == [
        str(users[Role.OFFICE].pk),
        str(enterprise.pk),
    ]
    html = response.content.decode()
    assert enterprise.name in html and other_enterprise.name not in html
    assert reverse("registry:enterprise_detail", args=[enterprise.pk]) in html


def test_admin_sees_all_zones(client_for, users, enterprise, other_enterprise):
    record_event(actor=users[Role.ADMIN], verb="enterprise.updated", obj=enterprise)
    record_event(actor=users[Role.ADMIN], verb="enterprise.updated", obj=other_enterprise)
    response = client_for(Role.ADMIN).get(reverse("web:audit_log"))
    verbs = [e.verb for e in response.context["events"]]
    assert verbs == ["user.logged_in", "enterprise.updated", "enterprise.updated"]
    assert other_enterprise.zone.name in response.content.decode()


def test_filter_by_verb(client_for, users, enterprise):
    record_event(actor=users[Role.ADMIN], verb="enterprise.created", obj=enterprise)
    record_event(actor=users[Role.ADMIN], verb="enterprise.updated", obj=enterprise)
    response = client_for(Role.OFFICE).get(reverse("web:audit_log"), {"verb": "enterprise.created"})
    assert [e.verb for e in response.context["events"]] == ["enterprise.created"]


def test_keyset_paging(client_for, users, enterprise):
    for n in range(55):
        record_event(actor=users[Role.ADMIN], verb="enterprise.updated", obj=enterprise, reason=n)
    client = client_for(Role.OFFICE)
    first = client.get(reverse("web:audit_log"))
    assert len(first.context["events"]) == 50
    cursor = first.context["next_cursor"]
    assert cursor is not None and "下一页" in first.content.decode()
    second = client.get(reverse("web:audit_log"), {"after": cursor})
    # 55 changes and the office's login.
    assert len(second.context["events"]) == 6
    assert second.context["next_cursor"] is None
    first_ids = {e.pk for e in first.context["events"]}
    assert first_ids.isdisjoint({e.pk for e in second.context["events"]})


def test_other_roles_are_refused(client_for):
    for role in (Role.DEPARTMENT, Role.LEADER, Role.ENTERPRISE, Role.SUPERVISOR):
        assert client_for(role).get(reverse("web:audit_log")).status_code == 403


def test_verb_labels():
    assert verb_label("enterprise.updated") == "修改市场主体信息"
    assert verb_label("department.deleted") == "删除部门"
    assert verb_label("qualificationkind.created", "registry.qualificationkind") == "新增资质类型"
    assert verb_label("something.odd") == "something.odd"


def test_changes_use_chinese_labels_and_choices(users, enterprise):
    event = record_event(
        actor=users[Role.ADMIN],
        verb="enterprise.updated",
        obj=enterprise,
        before={"status": "active", "name": "旧名", "version": 1},
        after={"status": "revoked", "name": "新名", "version": 2},
    )
    rows = {(c.label, c.before, c.after) for c in changes_of(event)}
    assert rows == {("登记状态", "存续", "吊销"), ("名称", "旧名", "新名")}


def test_passwords_never_shown(users):
    user = users[Role.OFFICE]
    event = record_event(
        actor=users[Role.ADMIN],
        verb="user.updated",
        obj=user,
        before={"password": "pbkdf2$old"},
        after={"password": "pbkdf2$new"},
    )
    [row] = changes_of(event)
    assert "pbkdf2" not in row.before + row.after


def test_timeline_tag_renders_events(users, enterprise):
    record_event(
        actor=users[Role.OFFICE],
        verb="enterprise.updated",
        obj=enterprise,
        before={"contact_phone": ""},
        after={"contact_phone": "13800000000"},
        reason="企业来电更正",
    )
    html = Template("{% load audit %}{% audit_timeline obj %}").render(Context({"obj": enterprise}))
    assert "修改市场主体信息" in html
    assert "联系电话" in html and "13800000000" in html
    assert "企业来电更正" in html
    assert users[Role.OFFICE].full_name in html


def test_timeline_tag_without_events(enterprise):
    html = Template("{% load audit %}{% audit_timeline obj %}").render(Context({"obj": enterprise}))
    assert "暂无变更记录" in html


def _plan_item_event(zone, department, n: int = 0) -> AuditEvent:
    return AuditEvent.objects.create(
        zone=zone,
        actor_label="李文静",
        object_type="rectification.plan",
        object_id=str(n + 1),
        object_repr="整改提升工作方案",
        verb="plan_item.updated",
        before={"lead_department": None, "responsible_leader": ""},
        after={"lead_department": department.pk, "responsible_leader": "周建华"},
    )


def test_the_page_shows_labels_and_names_not_codes_and_ids(client_for, zone, departments):
    _plan_item_event(zone, departments["xzsp"])
    AuditEvent.objects.create(
        zone=zone,
        actor_label="王志强",
        object_type="rectification.task",
        object_id="7",
        object_repr="RW2026-0007",
        verb="task.submitted",
        before={"state": "in_progress"},
        after={"state": "submitted", "attachments": ["整改报告.pdf", "现场照片.jpg"]},
    )
    html = client_for(Role.OFFICE).get(reverse("web:audit_log")).content.decode()
    assert "牵头部门：— → 行政审批服务局" in html
    assert "责任领导：— → 周建华" in html
    assert "状态：整改中 → 待验收" in html
    assert "附件：整改报告.pdf、现场照片.jpg" in html
    for code in ("lead_department", "attachments", "in_progress", "['"):
        assert code not in html


def test_the_page_reads_names_with_one_query_per_model(client_for, zone, departments):
    client = client_for(Role.OFFICE)
    client.get(reverse("web:audit_log"))  # the session's first request does more

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("web:audit_log")).status_code == 200
        return len(captured)

    _plan_item_event(zone, departments["xzsp"])
    few = queries()
    for n in range(30):
        _plan_item_event(zone, departments["scjg" if n % 2 else "xzsp"], n)
    assert queries() == few


def test_a_later_page_links_to_the_first_keeping_the_filter(client_for, users, enterprise):
    for n in range(55):
        record_event(actor=users[Role.ADMIN], verb="enterprise.updated", obj=enterprise, reason=n)
    client = client_for(Role.OFFICE)
    url = reverse("web:audit_log")
    first = client.get(url, {"verb": "enterprise.updated"})
    assert 'rel="first"' not in first.content.decode()
    cursor = first.context["next_cursor"]
    later = client.get(url, {"verb": "enterprise.updated", "after": cursor}).content.decode()
    assert (
        '<a class="button secondary" rel="first" href="?verb=enterprise.updated">首页</a>' in later
    )


def test_going_forwards_then_back_shows_the_same_page(client_for, users, enterprise):
    for n in range(120):
        record_event(actor=users[Role.ADMIN], verb="enterprise.updated", obj=enterprise, reason=n)
    client = client_for(Role.OFFICE)
    url = reverse("web:audit_log")
    params = {"verb": "enterprise.updated"}
    first = client.get(url, params)
    second = client.get(url, {**params, "after": first.context["next_cursor"]})
    third = client.get(url, {**params, "after": second.context["next_cursor"]})
    assert 'rel="prev"' in third.content.decode()
    back = client.get(url, {**params, "before": third.context["prev_cursor"]})
    assert [e.pk for e in back.context["events"]] == [e.pk for e in second.context["events"]]
    top = client.get(url, {**params, "before": back.context["prev_cursor"]})
    assert [e.pk for e in top.context["events"]] == [e.pk for e in first.context["events"]]
    assert top.context["first_page"]
    assert 'rel="prev"' not in top.content.decode()
