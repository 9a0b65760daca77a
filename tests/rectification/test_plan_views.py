"""The leader's page, the plan pages (drafting, division of work, submitting, approving,
publishing, the Word file) and campaigns."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.rectification.helpers import future, html_of, new_task, submitted
from yingshang.audit.models import AuditEvent
from yingshang.kernel.models import Role
from yingshang.rectification.models import Plan, PlanKind, Task
from yingshang.rectification.services import tasks as task_services

# ---------------------------------------------------------------------------- leader page


def test_leader_page_lists_overdue_and_submitted(client_for, office, zone, departments, users):
    late = new_task(office, zone, departments["scjg"], title="超期任务", deadline=future(3))
    late = task_services.transition(
        actor=office, task_id=late.pk, action="assign", expected_version=late.version
    )
    Task.objects.filter(pk=late.pk).update(deadline=dt.date.today() - dt.timedelta(days=3))
    html = html_of(client_for(Role.LEADER).get(reverse("rectification:leader")))
    overdue = re.search(r'id="overdue-table".*?</table>', html, re.S).group(0)
    assert "超期任务" in overdue
    assert 'id="overdue-chart"' in html and "还没有销号的任务" in html
    assert "echarts.min.js" in html and "cdn" not in html.lower()


def test_leader_page_ranks_departments(client_for, users, office, scjg_task, xzsp_task):
    task = submitted(scjg_task, users[Role.DEPARTMENT])
    task = task_services.transition(
        actor=office, task_id=task.pk, action="accept", expected_version=task.version
    )
    task_services.transition(
        actor=office, task_id=task.pk, action="close", expected_version=task.version
    )
    html = html_of(client_for(Role.LEADER).get(reverse("rectification:leader")))
    ranking = re.search(r'id="ranking-table".*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr>(.*?)</tr>", ranking.split("<tbody>")[1], re.S)
    first = re.sub(r"<[^>]+>", " ", rows[0])
    assert "市场监督管理局高新区分局" in first and first.split()[0] == "1"
    assert len(rows) == 2
    closure = re.search(r'id="closure-option"[^>]*>(.*?)</script>', html, re.S).group(1)
    assert dt.date.today().strftime("%Y-%m") in closure


# ---------------------------------------------------------------------------- plans


@pytest.fixture
def plan(office, run):
    from yingshang.rectification.services.plans import draft_plan_from_run

    return draft_plan_from_run(actor=office, run=run)


def plan_url(plan, name="rectification:plan_detail") -> str:
    return reverse(name, args=[plan.pk])


def step(client, plan, name):
    from yingshang.rectification.models import Plan

    version = Plan.objects.get(pk=plan.pk).version
    return client.post(
        reverse("rectification:plan_step", args=[plan.pk, name]), {"version": version}
    )


def test_office_drafts_a_plan_from_a_run(client_for, run):
    from yingshang.rectification.models import Plan

    client = client_for(Role.OFFICE)
    page = html_of(client.get(reverse("rectification:plan_draft")))
    assert run.title in page
    response = client.post(reverse("rectification:plan_draft"), {"run": run.pk})
    plan = Plan.objects.get()
    assert response["Location"] == plan_url(plan)
    html = html_of(client.get(plan_url(plan)))
    first = plan.items.order_by("order", "id").first()
    assert first.indicator_name in html
    assert "编辑分工" in html and 'id="plan-submit"' in html


def test_plan_item_edit(client_for, plan, departments):
    item = plan.items.order_by("order", "id").first()
    prefix = f"item{item.pk}"
    client_for(Role.OFFICE).post(
        reverse("rectification:plan_item_edit", args=[plan.pk, item.pk]),
        {
            f"{prefix}-version": plan.version,
            f"{prefix}-responsible_leader": "王副主任",
            f"{prefix}-lead_department": departments["scjg"].pk,
            f"{prefix}-supporting_departments": [departments["xzsp"].pk],
        },
    )
    item.refresh_from_db()
    assert item.responsible_leader == "王副主任"
    assert item.lead_department == departments["scjg"]
    assert list(item.supporting_departments.all()) == [departments["xzsp"]]


def test_plan_item_edit_stale(client_for, plan, departments):
    item = plan.items.order_by("order", "id").first()
    prefix = f"item{item.pk}"
    response = client_for(Role.OFFICE).post(
        reverse("rectification:plan_item_edit", args=[plan.pk, item.pk]),
        {f"{prefix}-version": plan.version - 1, f"{prefix}-responsible_leader": "某人"},
        follow=True,
    )
    assert "该记录已被他人更新" in html_of(response)
    item.refresh_from_db()
    assert item.responsible_leader == ""


def test_plan_submit_approve_publish_and_docx(client_for, plan):
    from yingshang.rectification.models import Plan, PlanStatus

    office = client_for(Role.OFFICE)
    step(office, plan, "submit")
    assert Plan.objects.get().status == PlanStatus.PENDING
    assert step(office, plan, "approve").status_code == 403
    leader = client_for(Role.LEADER)
    assert plan.title in html_of(leader.get(reverse("rectification:leader")))
    assert 'id="plan-approve"' in html_of(leader.get(plan_url(plan)))
    step(leader, plan, "approve")
    assert Plan.objects.get().status == PlanStatus.APPROVED
    office = client_for(Role.OFFICE)
    step(office, plan, "publish")
    assert Plan.objects.get().status == PlanStatus.PUBLISHED
    response = office.get(plan_url(plan, "rectification:plan_docx"))
    assert response.status_code == 200
    assert response.content[:2] == b"PK"


def test_a_step_without_a_version_answers_the_role_first(client_for, plan):
    from yingshang.rectification.models import Plan, PlanStatus

    url = reverse("rectification:plan_step", args=[plan.pk, "submit"])
    assert client_for(Role.LEADER).post(url).status_code == 403
    response = client_for(Role.OFFICE).post(url, follow=True)
    assert "请求缺少版本信息" in html_of(response)
    assert Plan.objects.get().status == PlanStatus.DRAFT
    assert client_for(Role.OFFICE).post(plan_url(plan) + "edit/").status_code == 404


def test_department_sees_only_published_plans(client_for, plan):
    client = client_for(Role.DEPARTMENT)
    assert plan.title not in html_of(client.get(reverse("rectification:plan_list")))
    assert client.get(plan_url(plan)).status_code == 404


def test_other_zone_plan_not_found(client_for, other_zone, make_user):
    from yingshang.rectification.models import Plan

    plan = Plan.objects.create(zone=other_zone, title="洛阳方案")
    for role in (Role.OFFICE, Role.LEADER):
        assert client_for(role).get(plan_url(plan)).status_code == 404
        assert client_for(role).get(plan_url(plan, "rectification:plan_docx")).status_code == 404


def test_office_creates_a_campaign_and_files_a_task_under_it(client_for, departments):
    client = client_for(Role.OFFICE)
    response = client.post(
        reverse("rectification:campaign_create"),
        {"title": "工程建设项目审批提速专项攻坚", "due_on": "2026-12-31"},
        follow=True,
    )
    campaign = Plan.objects.get()
    assert campaign.kind == PlanKind.CAMPAIGN and campaign.due_on == dt.date(2026, 12, 31)
    assert "已新建专项攻坚" in html_of(response)
    assert AuditEvent.objects.filter(verb="campaign.created").count() == 1
    client.post(
        reverse("rectification:task_create"),
        {
            "title": "压缩施工许可办理时间",
            "list_kind": "task",
            "lead_department": departments["scjg"].pk,
            "limit_workdays": 10,
            "plan": campaign.pk,
        },
    )
    assert Task.objects.get().plan == campaign


def test_department_cannot_create_a_campaign(client_for):
    client = client_for(Role.DEPARTMENT)
    assert client.get(reverse("rectification:campaign_create")).status_code == 403
    assert client.post(reverse("rectification:campaign_create"), {"title": "x"}).status_code == 403
    assert not Plan.objects.exists()


def test_a_campaign_without_a_title_is_refused_and_nothing_is_stored(client_for):
    response = client_for(Role.OFFICE).post(
        reverse("rectification:campaign_create"), {"title": "  ", "due_on": "不是日期"}
    )
    assert response.status_code == 200
    html = html_of(response)
    assert "这个字段是必填项" in html
    assert not Plan.objects.exists()
    assert not AuditEvent.objects.filter(verb="campaign.created").exists()
