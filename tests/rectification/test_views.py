"""The rectification pages: who may open them, what each shows, and the actions they post.

Tasks, problems and plans are made through the services, as the office would make them.
"""

import datetime as dt
import io
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from yingshang.audit.models import AuditEvent
from yingshang.core.rectification.workflow import State
from yingshang.kernel.models import Department, Role
from yingshang.rectification.models import (
    Attachment,
    Extension,
    ExtensionStatus,
    Plan,
    PlanKind,
    Problem,
    Task,
)
from yingshang.rectification.services import tasks as task_services
from yingshang.web.context import nav_items_for

READERS = [Role.ADMIN, Role.OFFICE, Role.LEADER, Role.DEPARTMENT]
OUTSIDERS = [Role.ENTERPRISE, Role.SUPERVISOR]
DECIDERS = [Role.ADMIN, Role.OFFICE, Role.LEADER]
LIST_PAGES = [
    "rectification:task_list",
    "rectification:task_board",
    "rectification:problem_list",
    "rectification:plan_list",
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def html_of(response) -> str:
    return unescape(response.content.decode())


def future(days: int = 30) -> dt.date:
    return dt.date.today() + dt.timedelta(days=days)


def new_task(office, zone, department, *, title="压缩企业开办时间", deadline=None, assign=False):
    task = task_services.create_task(
        actor=office,
        zone=zone,
        title=title,
        lead_department=department,
        deadline=deadline or future(),
    )
    if assign:
        task = task_services.transition(
            actor=office, task_id=task.pk, action="assign", expected_version=task.version
        )
    return task


@pytest.fixture
def office(users):
    return users[Role.OFFICE]


@pytest.fixture
def scjg_task(office, zone, departments):
    """A task led by the department user's department (市场监管), assigned."""
    return new_task(office, zone, departments["scjg"], assign=True)


@pytest.fixture
def xzsp_task(office, zone, departments):
    """A task led by another department (行政审批), assigned."""
    return new_task(office, zone, departments["xzsp"], title="推行一网通办", assign=True)


@pytest.fixture
def other_zone_task(other_zone, make_user):
    office = make_user(Role.OFFICE, zone=other_zone)
    department = Department.objects.create(zone=other_zone, code="fgw", name="发展改革局")
    return new_task(office, other_zone, department, title="洛阳的任务")


def task_pages(task) -> list[str]:
    return [reverse("rectification:task_detail", args=[task.pk])]


# ---------------------------------------------------------------------------- who may open


@pytest.mark.parametrize("role", READERS)
@pytest.mark.parametrize("name", LIST_PAGES)
def test_readers_open_the_lists(client_for, role, name):
    assert client_for(role).get(reverse(name)).status_code == 200


@pytest.mark.parametrize("role", OUTSIDERS)
@pytest.mark.parametrize("name", [*LIST_PAGES, "rectification:leader", "rectification:task_create"])
def test_outsiders_are_denied(client_for, role, name):
    response = client_for(role).get(reverse(name))
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_cannot_open_a_task(client_for, role, scjg_task):
    assert client_for(role).get(task_pages(scjg_task)[0]).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("rectification:task_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


@pytest.mark.parametrize("role", DECIDERS)
def test_leader_page_for_deciders(client_for, role):
    assert client_for(role).get(reverse("rectification:leader")).status_code == 200


def test_department_cannot_open_leader_page_or_create(client_for):
    client = client_for(Role.DEPARTMENT)
    assert client.get(reverse("rectification:leader")).status_code == 403
    assert client.get(reverse("rectification:task_create")).status_code == 403
    assert client.get(reverse("rectification:plan_draft")).status_code == 403


def test_nav_item_for_readers_only(users):
    for role in READERS:
        labels = [i["label"] for i in nav_items_for(users[role])]
        assert "整改" in labels, role
    for role in OUTSIDERS:
        assert "整改" not in [i["label"] for i in nav_items_for(users[role])]


# ---------------------------------------------------------------------------- scope


def test_other_zone_task_is_not_found(client_for, other_zone_task):
    for role in (Role.OFFICE, Role.LEADER, Role.DEPARTMENT):
        url = reverse("rectification:task_detail", args=[other_zone_task.pk])
        assert client_for(role).get(url).status_code == 404


def test_department_cannot_open_another_departments_task(client_for, xzsp_task, scjg_task):
    client = client_for(Role.DEPARTMENT)
    assert client.get(reverse("rectification:task_detail", args=[xzsp_task.pk])).status_code == 404
    assert client.get(reverse("rectification:task_detail", args=[scjg_task.pk])).status_code == 200


def test_office_list_shows_the_zone(client_for, scjg_task, xzsp_task, other_zone_task):
    html = html_of(client_for(Role.OFFICE).get(reverse("rectification:task_list")))
    assert "整改任务" in html
    assert scjg_task.title in html and xzsp_task.title in html
    assert other_zone_task.title not in html


def test_department_sees_my_tasks_due_first(client_for, office, zone, departments, xzsp_task):
    later = new_task(office, zone, departments["scjg"], title="后到期", deadline=future(40))
    sooner = new_task(office, zone, departments["scjg"], title="先到期", deadline=future(5))
    for task in (later, sooner):
        task_services.transition(
            actor=office, task_id=task.pk, action="assign", expected_version=task.version
        )
    html = html_of(client_for(Role.DEPARTMENT).get(reverse("rectification:task_list")))
    assert "<h1>我的任务</h1>" in html
    assert html.index("先到期") < html.index("后到期")
    assert xzsp_task.title not in html


def test_filters(client_for, office, zone, departments, scjg_task):
    draft = new_task(office, zone, departments["xzsp"], title="待交办的新任务")
    Task.objects.filter(pk=scjg_task.pk).update(overdue=True)
    client = client_for(Role.OFFICE)
    url = reverse("rectification:task_list")
    html = html_of(client.get(url, {"state": "draft"}))
    assert draft.title in html and scjg_task.title not in html
    html = html_of(client.get(url, {"overdue": "on"}))
    assert scjg_task.title in html and draft.title not in html
    html = html_of(client.get(url, {"lead_department": departments["xzsp"].pk}))
    assert draft.title in html and scjg_task.title not in html
    html = html_of(client.get(url, {"due_soon": "on"}))
    assert draft.title not in html and scjg_task.title not in html


def test_board_has_a_column_per_state(client_for, office, zone, departments, scjg_task):
    draft = new_task(office, zone, departments["xzsp"], title="待交办的新任务")
    html = html_of(client_for(Role.OFFICE).get(reverse("rectification:task_board")))
    for state in State:
        assert f'id="column-{state.value}"' in html
    assigned = re.search(r'id="column-assigned".*?</section>', html, re.S).group(0)
    drafts = re.search(r'id="column-draft".*?</section>', html, re.S).group(0)
    assert scjg_task.title in assigned and draft.title in drafts


# ---------------------------------------------------------------------------- creating, assigning


def test_office_creates_a_task(client_for, departments):
    client = client_for(Role.OFFICE)
    response = client.post(
        reverse("rectification:task_create"),
        {
            "title": "优化不动产登记流程",
            "list_kind": "task",
            "lead_department": departments["scjg"].pk,
            "limit_workdays": 10,
        },
    )
    task = Task.objects.get(title="优化不动产登记流程")
    assert response.status_code == 302
    assert response["Location"] == reverse("rectification:task_detail", args=[task.pk])
    assert task.state == State.DRAFT and task.limit_workdays == 10


def test_create_needs_a_time_limit(client_for, departments):
    response = client_for(Role.OFFICE).post(
        reverse("rectification:task_create"),
        {"title": "无时限", "list_kind": "task", "lead_department": departments["scjg"].pk},
    )
    assert response.status_code == 200
    assert "请填写完成时限或办理时限" in html_of(response)
    assert not Task.objects.exists()


def test_bulk_assign(client_for, office, zone, departments):
    first = new_task(office, zone, departments["scjg"], title="任务一")
    second = new_task(office, zone, departments["xzsp"], title="任务二")
    response = client_for(Role.OFFICE).post(
        reverse("rectification:task_bulk_assign"), {"task_ids": [first.pk, second.pk]}
    )
    assert response.status_code == 302
    states = set(Task.objects.values_list("state", flat=True))
    assert states == {State.ASSIGNED.value}


def test_bulk_assign_refused_for_department(client_for, office, zone, departments):
    task = new_task(office, zone, departments["scjg"])
    response = client_for(Role.DEPARTMENT).post(
        reverse("rectification:task_bulk_assign"), {"task_ids": [task.pk]}
    )
    assert response.status_code == 403
    assert Task.objects.get().state == State.DRAFT


def test_bulk_assign_other_zone_not_found(client_for, other_zone_task):
    response = client_for(Role.OFFICE).post(
        reverse("rectification:task_bulk_assign"), {"task_ids": [other_zone_task.pk]}
    )
    assert response.status_code == 404


# ---------------------------------------------------------------------------- task detail


def action_ids(html: str) -> set[str]:
    return set(re.findall(r'id="action-([a-z_]+)"', html))


def test_detail_shows_the_allowed_actions(client_for, office, zone, departments, scjg_task):
    draft = new_task(office, zone, departments["scjg"], title="草稿")
    office_client = client_for(Role.OFFICE)
    html = html_of(office_client.get(reverse("rectification:task_detail", args=[draft.pk])))
    assert action_ids(html) == {"assign"}
    department = client_for(Role.DEPARTMENT)
    html = html_of(department.get(reverse("rectification:task_detail", args=[scjg_task.pk])))
    assert action_ids(html) == {"start", "report"}
    assert "市场监督管理局高新区分局" in html


def post_action(client, task, action, text="", files=(), version=None):
    data = {
        "action": action,
        f"{action}-version": task.version if version is None else version,
        f"{action}-text": text,
    }
    if files:
        data[f"{action}-files"] = list(files)
    return client.post(reverse("rectification:task_transition", args=[task.pk]), data, follow=True)


def test_department_reports_with_a_file_and_submits(client_for, scjg_task):
    client = client_for(Role.DEPARTMENT)
    evidence = SimpleUploadedFile("整改照片.pdf", b"%PDF-1.4 evidence")
    response = post_action(client, scjg_task, "report", "已完成流程梳理", [evidence])
    task = Task.objects.get(pk=scjg_task.pk)
    assert task.state == State.IN_PROGRESS
    html = html_of(response)
    assert "已完成流程梳理" in html and "整改照片.pdf" in html
    attachment = Attachment.objects.get()
    download = client.get(reverse("rectification:attachment", args=[task.pk, attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 evidence"

    refused = post_action(client, task, "submit", "已完成")
    assert "提请验收需要上传佐证材料" in html_of(refused)
    assert Task.objects.get(pk=task.pk).state == State.IN_PROGRESS

    proof = SimpleUploadedFile("验收材料.docx", b"proof")
    post_action(client, task, "submit", "已完成", [proof])
    assert Task.objects.get(pk=task.pk).state == State.SUBMITTED


def test_refused_transition_shows_the_reason(client_for, scjg_task):
    response = post_action(client_for(Role.OFFICE), scjg_task, "accept")
    assert "任务已交办，不能验收通过" in html_of(response)
    assert Task.objects.get(pk=scjg_task.pk).state == State.ASSIGNED


def submitted(task, department_user):
    """The task taken by its department through a report to submission, with evidence."""
    task = task_services.transition(
        actor=department_user,
        task_id=task.pk,
        action="report",
        expected_version=task.version,
        text="进展",
    )
    return task_services.transition(
        actor=department_user,
        task_id=task.pk,
        action="submit",
        expected_version=task.version,
        text="已完成",
        files=[SimpleUploadedFile("佐证.pdf", b"proof")],
    )


def test_return_needs_a_reason(client_for, users, scjg_task):
    task = submitted(scjg_task, users[Role.DEPARTMENT])
    client = client_for(Role.LEADER)
    html = html_of(client.get(reverse("rectification:task_detail", args=[task.pk])))
    assert action_ids(html) == {"return", "accept"}
    response = post_action(client, task, "return")
    assert "退回需要填写理由" in html_of(response)
    assert Task.objects.get(pk=task.pk).state == State.SUBMITTED
    post_action(client, task, "return", "佐证材料不完整")
    assert Task.objects.get(pk=task.pk).state == State.RETURNED


def test_stale_version_is_explained(client_for, scjg_task):
    response = post_action(
        client_for(Role.DEPARTMENT), scjg_task, "start", version=scjg_task.version - 1
    )
    assert "该记录已被他人更新" in html_of(response)
    assert Task.objects.get(pk=scjg_task.pk).state == State.ASSIGNED


def test_supporting_department_cannot_act(client_for, office, zone, departments):
    task = task_services.create_task(
        actor=office,
        zone=zone,
        title="配合的任务",
        lead_department=departments["xzsp"],
        supporting_departments=[departments["scjg"]],
        deadline=future(),
    )
    task = task_services.transition(
        actor=office, task_id=task.pk, action="assign", expected_version=task.version
    )
    client = client_for(Role.DEPARTMENT)
    html = html_of(client.get(reverse("rectification:task_detail", args=[task.pk])))
    assert action_ids(html) == set()
    response = client.post(
        reverse("rectification:task_transition", args=[task.pk]),
        {"action": "start", "start-version": task.version},
    )
    assert response.status_code == 403
    assert Task.objects.get(pk=task.pk).state == State.ASSIGNED


def test_other_department_attachment_not_found(client_for, make_user, zone, departments, xzsp_task):
    xzsp_user = make_user(Role.DEPARTMENT, zone=zone, department=departments["xzsp"])
    evidence = SimpleUploadedFile("审批.pdf", b"xzsp")
    task_services.transition(
        actor=xzsp_user,
        task_id=xzsp_task.pk,
        action="report",
        expected_version=xzsp_task.version,
        text="进展",
        files=[evidence],
    )
    url = reverse("rectification:attachment", args=[xzsp_task.pk, Attachment.objects.get().pk])
    assert client_for(Role.OFFICE).get(url).status_code == 200
    assert client_for(Role.DEPARTMENT).get(url).status_code == 404


def test_extension_request_and_decision(client_for, scjg_task):
    department = client_for(Role.DEPARTMENT)
    new_deadline = scjg_task.deadline + dt.timedelta(days=10)
    department.post(
        reverse("rectification:extension_request", args=[scjg_task.pk]),
        {"new_deadline": new_deadline.isoformat(), "reason": "需协调省级系统改造"},
    )
    extension = Extension.objects.get()
    assert extension.status == ExtensionStatus.PENDING
    leader = client_for(Role.LEADER)
    page = html_of(leader.get(reverse("rectification:leader")))
    assert "需协调省级系统改造" in page
    leader.post(
        reverse("rectification:extension_decide", args=[extension.pk]),
        {"decision": "approve", "note": "同意"},
    )
    assert Extension.objects.get().status == ExtensionStatus.APPROVED
    assert Task.objects.get(pk=scjg_task.pk).deadline == new_deadline


def test_department_cannot_decide_extensions(client_for, users, scjg_task):
    extension = task_services.request_extension(
        actor=users[Role.DEPARTMENT],
        task_id=scjg_task.pk,
        new_deadline=scjg_task.deadline + dt.timedelta(days=5),
        reason="理由",
    )
    response = client_for(Role.DEPARTMENT).post(
        reverse("rectification:extension_decide", args=[extension.pk]), {"decision": "approve"}
    )
    assert response.status_code == 403
    assert Extension.objects.get().status == ExtensionStatus.PENDING


# ---------------------------------------------------------------------------- problem ledger


def test_office_registers_a_problem(client_for, departments):
    client = client_for(Role.OFFICE)
    response = client.post(
        reverse("rectification:problem_list"),
        {
            "form": "create",
            "title": "企业开办环节多",
            "source": "appeal",
            "grade": "C",
            "reported_on": dt.date.today().isoformat(),
            "department": departments["scjg"].pk,
        },
        follow=True,
    )
    problem = Problem.objects.get()
    html = html_of(response)
    assert problem.code in html and "已登记问题" in html
    assert problem.due_on is not None
    assert "可能与已登记的问题重复" not in html


def test_registering_a_near_duplicate_shows_the_hint(client_for, departments):
    client = client_for(Role.OFFICE)
    fields = {
        "form": "create",
        "source": "appeal",
        "grade": "C",
        "reported_on": dt.date.today().isoformat(),
        "department": departments["scjg"].pk,
    }
    url = reverse("rectification:problem_list")
    client.post(url, {**fields, "title": "企业开办环节多、材料重复提交"})
    response = client.post(url, {**fields, "title": "企业开办环节多，材料重复提交"}, follow=True)
    first, second = Problem.objects.order_by("pk")
    html = html_of(response)
    assert f"{second.code} 可能与已登记的问题重复" in html
    assert first.code in html


def test_department_cannot_register_problems(client_for):
    client = client_for(Role.DEPARTMENT)
    html = html_of(client.get(reverse("rectification:problem_list")))
    assert 'id="problem-create"' not in html
    response = client.post(reverse("rectification:problem_list"), {"form": "create"})
    assert response.status_code == 403


def ledger_file(rows) -> SimpleUploadedFile:
    from yingshang.rectification.documents import problem_template_xlsx

    template = load_workbook(io.BytesIO(problem_template_xlsx()))
    header = [c.value for c in template.active[1]]
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(name, "") for name in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("台账.xlsx", buffer.getvalue())


def test_import_rejects_bad_rows(client_for):
    response = client_for(Role.OFFICE).post(
        reverse("rectification:problem_list"),
        {"form": "import", "file": ledger_file([{}])},
    )
    html = html_of(response)
    assert "未导入任何问题" in html and "第 2 行" in html
    assert not Problem.objects.exists()


def test_ledger_download(client_for, office, zone):
    from yingshang.rectification.services.problems import create_problem

    create_problem(
        actor=office,
        zone=zone,
        title="审批材料重复提交",
        source="survey",
        grade="B",
        reported_on=dt.date.today(),
    )
    response = client_for(Role.OFFICE).get(reverse("rectification:ledger_xlsx"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    values = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row]
    assert "审批材料重复提交" in values


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


def test_combined_months_weight_the_mean():
    from yingshang.core.rectification.performance import DepartmentMonth
    from yingshang.rectification.views.leader import combined

    months = [
        DepartmentMonth("甲", "2026-01", 2, 1, 0, 1, 0, 10.0),
        DepartmentMonth("甲", "2026-02", 1, 1, 1, 3, 1, 2.0),
        DepartmentMonth("乙", "2026-01", 1, 0, 0, 0, 0, None),
    ]
    merged = {m.department: m for m in combined(months)}
    first = merged["甲"]
    assert (first.assigned, first.done_on_time, first.overdue, first.closed, first.returned) == (
        3,
        2,
        1,
        4,
        1,
    )
    assert first.mean_workdays_to_close == pytest.approx(4.0)
    assert merged["乙"].mean_workdays_to_close is None


# ---------------------------------------------------------------------------- plans


@pytest.fixture
def run(office, zone):
    from tests.evaluation.helpers import publish_run

    return publish_run(actor=office, zone=zone)


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


def test_bulk_assign_ignores_a_foreign_next(client_for):
    response = client_for(Role.OFFICE).post(
        reverse("rectification:task_bulk_assign"), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("rectification:task_list")


def test_bulk_assign_with_a_common_deadline(client_for, office, zone, departments):
    task = new_task(office, zone, departments["scjg"])
    common = future(20)
    client_for(Role.OFFICE).post(
        reverse("rectification:task_bulk_assign"),
        {"task_ids": [task.pk], "deadline": common.isoformat()},
    )
    task.refresh_from_db()
    assert task.state == State.ASSIGNED and task.deadline == common


def test_extension_refused_on_the_deadline(client_for, scjg_task):
    Task.objects.filter(pk=scjg_task.pk).update(deadline=dt.date.today())
    response = client_for(Role.DEPARTMENT).post(
        reverse("rectification:extension_request", args=[scjg_task.pk]),
        {"new_deadline": future(10).isoformat(), "reason": "来不及"},
        follow=True,
    )
    assert "延期须在完成时限" in html_of(response)
    assert not Extension.objects.exists()


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
    assert AuditEvent.objects.filter(verb="rectification.campaign_created").count() == 1
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
    assert not AuditEvent.objects.filter(verb="rectification.campaign_created").exists()
