"""The rectification API (/api/rectification/): every endpoint, its denials and its errors."""

import datetime as dt
import importlib.util
import io
import json
import zipfile

import pytest
from django.test import Client
from django.utils import timezone

from tests.api.conftest import ApiClient
from yingshang.api.services import issue_token
from yingshang.kernel.models import Department, Notification, Role
from yingshang.rectification.models import (
    Attachment,
    Extension,
    Plan,
    PlanStatus,
    Problem,
    Task,
    TaskRecord,
)

BASE = "/api/rectification"
OUTSIDERS = [Role.ENTERPRISE, Role.SUPERVISOR]


def has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


needs_documents = pytest.mark.skipif(
    not has_module("yingshang.rectification.documents"),
    reason="yingshang.rectification.documents 尚未提供",
)


class RectificationClient(ApiClient):
    def transition(self, task: Task, action: str, *, text: str = "", files=(), version=None):
        task.refresh_from_db()
        data: dict = {
            "action": action,
            "expected_version": task.version if version is None else version,
            "text": text,
        }
        if files:
            data["files"] = list(files)
        return self.client.post(f"{BASE}/tasks/{task.pk}/transitions", data, headers=self.headers)


def evidence(name: str = "整改报告.pdf") -> io.BytesIO:
    upload = io.BytesIO(b"%PDF-1.4 evidence")
    upload.name = name
    return upload


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def api_as(db):
    def make(user) -> RectificationClient:
        _token, plaintext = issue_token(user=user, name="测试")
        return RectificationClient(plaintext)

    return make


@pytest.fixture
def make_task(users, zone, departments):
    from yingshang.rectification.services.tasks import create_task

    def make(**fields):
        fields.setdefault("title", "压缩企业开办时间")
        fields.setdefault("lead_department", departments["scjg"])
        fields.setdefault("deadline", timezone.localdate() + dt.timedelta(days=60))
        return create_task(actor=users[Role.OFFICE], zone=zone, **fields)

    return make


@pytest.fixture
def assigned(users, make_task) -> Task:
    from yingshang.rectification.services.tasks import assign_tasks

    task = make_task()
    assign_tasks(actor=users[Role.OFFICE], task_ids=[task.pk])
    task.refresh_from_db()
    return task


@pytest.fixture
def problem(zone, departments, users) -> Problem:
    return Problem.objects.create(
        zone=zone,
        code="WT2026-0001",
        title="企业开办环节多",
        source="appeal",
        grade="B",
        department=departments["scjg"],
        reported_on=dt.date(2026, 3, 2),
        created_by=users[Role.OFFICE],
    )


@pytest.fixture
def other_zone_records(other_zone, make_user):
    from yingshang.rectification.services.tasks import create_task

    department = Department.objects.create(zone=other_zone, code="lyjg", name="洛阳市场监管局")
    office = make_user(Role.OFFICE, zone=other_zone, department=department)
    task = create_task(actor=office, zone=other_zone, title="外区任务", lead_department=department)
    problem = Problem.objects.create(
        zone=other_zone,
        code="WT2026-0009",
        title="外区问题",
        source="visit",
        reported_on=dt.date(2026, 3, 2),
    )
    plan = Plan.objects.create(zone=other_zone, title="外区方案")
    return {"task": task, "problem": problem, "plan": plan}


@pytest.fixture
def run(zone, users):
    from tests.evaluation.helpers import publish

    return publish(zone, users[Role.OFFICE])


# --- authentication and scope ----------------------------------------------------------------


def test_every_endpoint_needs_authentication(assigned, problem):
    anonymous = Client()
    for path in [
        f"{BASE}/problems",
        f"{BASE}/problems/{problem.pk}",
        f"{BASE}/problems/{problem.pk}/duplicates",
        f"{BASE}/plans",
        f"{BASE}/tasks",
        f"{BASE}/tasks/{assigned.pk}",
        f"{BASE}/notifications",
        f"{BASE}/performance?month_from=2026-01&month_to=2026-03",
    ]:
        response = anonymous.get(path)
        assert response.status_code == 401, path
        assert response.json() == {"detail": "未登录或令牌无效"}
    response = anonymous.post(f"{BASE}/tasks", {}, content_type="application/json")
    assert response.status_code == 401


@pytest.mark.parametrize("role", OUTSIDERS)
def test_enterprise_and_supervisor_get_403(users, api_as, assigned, problem, role):
    client = api_as(users[role])
    for path in [
        f"{BASE}/problems",
        f"{BASE}/problems/{problem.pk}",
        f"{BASE}/problems/{problem.pk}/duplicates",
        f"{BASE}/plans",
        f"{BASE}/tasks",
        f"{BASE}/tasks/{assigned.pk}",
        f"{BASE}/performance?month_from=2026-01&month_to=2026-03",
    ]:
        response = client.get(path)
        assert response.status_code == 403, path
        assert response.json()["detail"].startswith("无权")
    assert client.transition(assigned, "start").status_code == 403
    assert client.post(f"{BASE}/tasks/assign", {"task_ids": [assigned.pk]}).status_code == 403


def test_another_zones_records_are_404(users, api_as, other_zone_records):
    office = api_as(users[Role.OFFICE])
    task, problem, plan = (other_zone_records[k] for k in ("task", "problem", "plan"))
    for path in [
        f"{BASE}/tasks/{task.pk}",
        f"{BASE}/problems/{problem.pk}",
        f"{BASE}/problems/{problem.pk}/duplicates",
        f"{BASE}/plans/{plan.pk}",
    ]:
        response = office.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "对象不存在或无权查看"}
    assert office.transition(task, "assign").status_code == 404
    assert office.post(f"{BASE}/tasks/assign", {"task_ids": [task.pk]}).status_code == 404
    response = office.patch(f"{BASE}/problems/{problem.pk}", {"version": 1, "title": "改"})
    assert response.status_code == 404
    task.refresh_from_db()
    assert task.state == "draft"
    assert office.get(f"{BASE}/tasks").json() == []


def test_session_client_reads_and_needs_csrf_to_write(users, assigned):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users[Role.DEPARTMENT])
    response = client.get(f"{BASE}/tasks")
    assert response.status_code == 200
    assert [t["id"] for t in response.json()] == [assigned.pk]
    refused = client.post(
        f"{BASE}/tasks/{assigned.pk}/transitions",
        {"action": "start", "expected_version": assigned.version},
    )
    assert refused.status_code == 403
    client.get("/api/docs")
    csrf = client.cookies["csrftoken"].value
    accepted = client.post(
        f"{BASE}/tasks/{assigned.pk}/transitions",
        {"action": "start", "expected_version": assigned.version},
        headers={"X-CSRFToken": csrf},
    )
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["state"] == "in_progress"


# --- problems --------------------------------------------------------------------------------


def test_problem_list_filters_and_detail(users, api_as, problem, zone, departments):
    Problem.objects.create(
        zone=zone,
        code="WT2026-0002",
        title="审批材料重复提交",
        source="visit",
        grade="C",
        status="closed",
        department=departments["xzsp"],
        reported_on=dt.date(2026, 3, 5),
    )
    client = api_as(users[Role.LEADER])
    codes = lambda **q: [p["code"] for p in client.get(f"{BASE}/problems", **q).json()]  # noqa: E731
    assert codes() == ["WT2026-0002", "WT2026-0001"]
    assert codes(status="open") == ["WT2026-0001"]
    assert codes(grade="C") == ["WT2026-0002"]
    assert codes(source="appeal") == ["WT2026-0001"]
    assert codes(department=departments["xzsp"].pk) == ["WT2026-0002"]
    bad = client.get(f"{BASE}/problems", grade="Z")
    assert bad.status_code == 422 and "grade" in bad.json()["errors"]
    detail = client.get(f"{BASE}/problems/{problem.pk}").json()
    assert detail["source_label"] == "企业诉求"
    assert detail["department"]["name"] == "市场监督管理局高新区分局"
    assert detail["version"] == 1


def test_duplicates_lists_near_identical_problems_only(users, api_as, problem, zone):
    near = Problem.objects.create(
        zone=zone,
        code="WT2026-0002",
        title="企业开办环节较多",
        source="visit",
        reported_on=dt.date(2026, 3, 5),
    )
    Problem.objects.create(
        zone=zone,
        code="WT2026-0003",
        title="路灯夜间不亮",
        source="visit",
        reported_on=dt.date(2026, 3, 6),
    )
    hints = api_as(users[Role.LEADER]).get(f"{BASE}/problems/{problem.pk}/duplicates").json()
    assert [hint["code"] for hint in hints] == [near.code]
    assert 0.5 <= hints[0]["similarity"] <= 1


def test_office_registers_a_problem(users, api_as, departments):
    client = api_as(users[Role.OFFICE])
    response = client.post(
        f"{BASE}/problems",
        {
            "title": "不动产登记耗时长",
            "source": "supervisor",
            "grade": "C",
            "reported_on": "2026-03-02",
            "department_id": departments["scjg"].pk,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"].startswith("WT2026-")
    assert body["due_on"] is not None
    assert Problem.objects.get(pk=body["id"]).department == departments["scjg"]


@pytest.mark.parametrize("role", [Role.DEPARTMENT, Role.LEADER])
def test_only_office_registers_problems(users, api_as, role):
    client = api_as(users[role])
    response = client.post(
        f"{BASE}/problems",
        {"title": "问题", "source": "visit", "grade": "C", "reported_on": "2026-03-02"},
    )
    assert response.status_code == 403
    assert not Problem.objects.exists()


def test_problem_registration_is_validated(users, api_as, other_zone_records):
    client = api_as(users[Role.OFFICE])
    response = client.post(
        f"{BASE}/problems", {"title": "", "source": "nowhere", "reported_on": "2026-02-30"}
    )
    assert response.status_code == 422
    assert {"title", "source", "reported_on"} <= set(response.json()["errors"])
    foreign = Department.objects.get(code="lyjg")
    response = client.post(
        f"{BASE}/problems",
        {
            "title": "问题",
            "source": "visit",
            "reported_on": "2026-03-02",
            "department_id": foreign.pk,
        },
    )
    assert response.status_code == 422
    assert "department_id" in response.json()["errors"]


def test_problem_patch_and_stale_version(users, api_as, problem):
    client = api_as(users[Role.OFFICE])
    response = client.patch(
        f"{BASE}/problems/{problem.pk}", {"version": 1, "title": "企业开办环节仍偏多"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "企业开办环节仍偏多"
    assert response.json()["version"] == 2
    stale = client.patch(f"{BASE}/problems/{problem.pk}", {"version": 1, "title": "旧稿"})
    assert stale.status_code == 409
    assert stale.json()["detail"]
    problem.refresh_from_db()
    assert problem.title == "企业开办环节仍偏多"
    department = api_as(users[Role.DEPARTMENT])
    denied = department.patch(f"{BASE}/problems/{problem.pk}", {"version": 2, "title": "改"})
    assert denied.status_code == 403


# --- plans -----------------------------------------------------------------------------------


def test_plan_draft_approve_publish(users, api_as, run):
    office = api_as(users[Role.OFFICE])
    drafted = office.post(f"{BASE}/plans", {"run_id": run.pk})
    assert drafted.status_code == 201, drafted.content
    plan = drafted.json()
    assert plan["status"] == "draft" and plan["evaluation_run_id"] == run.pk
    assert plan["items"], "one item per top-level indicator"
    assert all(item["standing_sentence"] for item in plan["items"])
    # Departments see published plans only.
    department = api_as(users[Role.DEPARTMENT])
    assert department.get(f"{BASE}/plans/{plan['id']}").status_code == 404
    assert office.get(f"{BASE}/plans").json()[0]["id"] == plan["id"]
    detail = office.get(f"{BASE}/plans/{plan['id']}").json()
    assert [i["id"] for i in detail["items"]] == [i["id"] for i in plan["items"]]

    leader = api_as(users[Role.LEADER])
    early = leader.post(f"{BASE}/plans/{plan['id']}/approval", {"version": plan["version"]})
    assert early.status_code == 422
    assert "不能" in early.json()["detail"]
    assert (
        leader.post(
            f"{BASE}/plans/{plan['id']}/submission", {"version": plan["version"]}
        ).status_code
        == 403
    )
    submitted = office.post(f"{BASE}/plans/{plan['id']}/submission", {"version": plan["version"]})
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "pending"
    plan = submitted.json()
    # Approval is the leader's, not the office's.
    assert (
        office.post(f"{BASE}/plans/{plan['id']}/approval", {"version": plan["version"]}).status_code
        == 403
    )
    stale = leader.post(f"{BASE}/plans/{plan['id']}/approval", {"version": plan["version"] + 5})
    assert stale.status_code == 409
    approved = leader.post(f"{BASE}/plans/{plan['id']}/approval", {"version": plan["version"]})
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "approved"
    assert (
        leader.post(
            f"{BASE}/plans/{plan['id']}/publication", {"version": approved.json()["version"]}
        ).status_code
        == 403
    )
    published = office.post(
        f"{BASE}/plans/{plan['id']}/publication", {"version": approved.json()["version"]}
    )
    assert published.status_code == 200, published.content
    assert published.json()["status"] == PlanStatus.PUBLISHED
    assert department.get(f"{BASE}/plans/{plan['id']}").status_code == 200


@pytest.mark.parametrize("role", [Role.DEPARTMENT, Role.LEADER])
def test_only_office_drafts_plans(users, api_as, run, role):
    response = api_as(users[role]).post(f"{BASE}/plans", {"run_id": run.pk})
    assert response.status_code == 403
    assert not Plan.objects.exists()


def test_department_cannot_approve(users, api_as, zone):
    plan = Plan.objects.create(zone=zone, title="方案", status=PlanStatus.PUBLISHED)
    response = api_as(users[Role.DEPARTMENT]).post(
        f"{BASE}/plans/{plan.pk}/approval", {"version": 1}
    )
    assert response.status_code == 403


# --- tasks -----------------------------------------------------------------------------------


def test_office_creates_and_bulk_assigns_tasks(users, api_as, departments, problem):
    client = api_as(users[Role.OFFICE])
    ids = []
    for title in ["压缩开办时间", "推行一网通办"]:
        response = client.post(
            f"{BASE}/tasks",
            {
                "title": title,
                "lead_department_id": departments["scjg"].pk,
                "supporting_department_ids": [departments["xzsp"].pk],
                "limit_workdays": 10,
                "problem_ids": [problem.pk],
                "measure": "梳理环节",
            },
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["state"] == "draft" and body["problem_ids"] == [problem.pk]
        assert [d["id"] for d in body["supporting_departments"]] == [departments["xzsp"].pk]
        ids.append(body["id"])
    assigned = client.post(f"{BASE}/tasks/assign", {"task_ids": ids})
    assert assigned.status_code == 200, assigned.content
    assert {t["state"] for t in assigned.json()} == {"assigned"}
    assert all(t["deadline"] for t in assigned.json())
    again = client.post(f"{BASE}/tasks/assign", {"task_ids": ids})
    assert again.status_code == 422
    assert "不能交办" in again.json()["detail"]


@pytest.mark.parametrize("role", [Role.DEPARTMENT, Role.LEADER])
def test_only_office_creates_and_assigns_tasks(users, api_as, departments, make_task, role):
    client = api_as(users[role])
    response = client.post(
        f"{BASE}/tasks", {"title": "任务", "lead_department_id": departments["scjg"].pk}
    )
    assert response.status_code == 403
    task = make_task()
    assert client.post(f"{BASE}/tasks/assign", {"task_ids": [task.pk]}).status_code == 403
    task.refresh_from_db()
    assert task.state == "draft"


def test_task_creation_is_validated(users, api_as, departments, other_zone_records):
    client = api_as(users[Role.OFFICE])
    response = client.post(
        f"{BASE}/tasks",
        {"title": "任务", "lead_department_id": Department.objects.get(code="lyjg").pk},
    )
    assert response.status_code == 422
    assert "lead_department_id" in response.json()["errors"]
    both = client.post(
        f"{BASE}/tasks",
        {
            "title": "任务",
            "lead_department_id": departments["scjg"].pk,
            "deadline": "2026-12-01",
            "limit_workdays": 5,
        },
    )
    assert both.status_code == 422
    assert not Task.objects.filter(zone=users[Role.OFFICE].zone).exists()


def test_task_list_filters_and_department_scope(users, api_as, make_task, departments):
    from yingshang.rectification.services.tasks import assign_tasks

    ours = make_task(title="本部门牵头")
    supported = make_task(
        title="本部门配合",
        lead_department=departments["xzsp"],
        supporting_departments=[departments["scjg"]],
    )
    theirs = make_task(title="他部门", lead_department=departments["xzsp"])
    assign_tasks(actor=users[Role.OFFICE], task_ids=[ours.pk])
    Task.objects.filter(pk=ours.pk).update(overdue=True)
    Task.objects.filter(pk=supported.pk).update(due_soon=True)

    office = api_as(users[Role.OFFICE])
    ids = lambda client, **q: {t["id"] for t in client.get(f"{BASE}/tasks", **q).json()}  # noqa: E731
    assert ids(office) == {ours.pk, supported.pk, theirs.pk}
    assert ids(office, state="assigned") == {ours.pk}
    assert ids(office, state="draft") == {supported.pk, theirs.pk}
    assert ids(office, overdue="true") == {ours.pk}
    assert ids(office, due_soon="true") == {supported.pk}
    assert ids(office, department=departments["scjg"].pk) == {ours.pk, supported.pk}
    assert office.get(f"{BASE}/tasks", state="nowhere").status_code == 422

    department = api_as(users[Role.DEPARTMENT])
    assert ids(department) == {ours.pk, supported.pk}
    assert department.get(f"{BASE}/tasks/{theirs.pk}").status_code == 404
    assert department.get(f"{BASE}/tasks/{supported.pk}").status_code == 200


def test_transitions_with_evidence_refusal_and_stale_version(users, api_as, assigned):
    department = api_as(users[Role.DEPARTMENT])
    started = department.transition(assigned, "start")
    assert started.status_code == 200, started.content
    assert started.json()["state"] == "in_progress"

    refused = department.transition(assigned, "submit", text="已完成")
    assert refused.status_code == 422
    assert refused.json()["detail"] == "提请验收需要上传佐证材料"

    stale = department.transition(assigned, "report", text="进展", version=1)
    assert stale.status_code == 409

    submitted = department.transition(
        assigned, "submit", text="已压缩至 1 个工作日", files=[evidence(), evidence("照片.jpg")]
    )
    assert submitted.status_code == 200, submitted.content
    body = submitted.json()
    assert body["state"] == "submitted"
    last = body["records"][-1]
    assert (last["action"], last["action_label"], last["text"]) == (
        "submit",
        "提请验收",
        "已压缩至 1 个工作日",
    )
    assert sorted(a["name"] for a in last["attachments"]) == ["整改报告.pdf", "照片.jpg"]
    assert Attachment.objects.count() == 2

    # The department may not accept its own work; the leader does.
    assert department.transition(assigned, "accept").status_code == 403
    leader = api_as(users[Role.LEADER])
    accepted = leader.transition(assigned, "accept")
    assert accepted.status_code == 200 and accepted.json()["state"] == "accepted"
    bad_action = leader.transition(assigned, "fly")
    assert bad_action.status_code == 422
    assert TaskRecord.objects.filter(task=assigned).count() == 4  # assign, start, submit, accept


def test_task_detail_has_records_and_extensions(users, api_as, assigned):
    client = api_as(users[Role.LEADER])
    Extension.objects.create(
        task=assigned,
        requested_by=users[Role.DEPARTMENT],
        requested_on=timezone.localdate(),
        reason="需协调",
        old_deadline=assigned.deadline,
        new_deadline=assigned.deadline + dt.timedelta(days=10),
    )
    body = client.get(f"{BASE}/tasks/{assigned.pk}").json()
    assert [r["action"] for r in body["records"]] == ["assign"]
    assert body["records"][0]["to_state"] == "assigned"
    assert body["extensions"][0]["reason"] == "需协调"
    assert body["extensions"][0]["status_label"] == "待审批"
    assert "start" in body["allowed_actions"]


# --- extensions ------------------------------------------------------------------------------


def test_extension_request_and_decision(users, api_as, assigned):
    department = api_as(users[Role.DEPARTMENT])
    new_deadline = assigned.deadline + dt.timedelta(days=14)
    requested = department.post(
        f"{BASE}/tasks/{assigned.pk}/extensions",
        {"new_deadline": new_deadline.isoformat(), "reason": "需跨部门协调"},
    )
    assert requested.status_code == 201, requested.content
    extension = requested.json()
    assert extension["status"] == "pending"
    denied = department.post(f"{BASE}/extensions/{extension['id']}/decision", {"approve": True})
    assert denied.status_code == 403

    leader = api_as(users[Role.LEADER])
    rejected_without_note = leader.post(
        f"{BASE}/extensions/{extension['id']}/decision", {"approve": False}
    )
    assert rejected_without_note.status_code == 422
    decided = leader.post(
        f"{BASE}/extensions/{extension['id']}/decision", {"approve": True, "note": "同意"}
    )
    assert decided.status_code == 200, decided.content
    assert decided.json()["status"] == "approved"
    assigned.refresh_from_db()
    assert assigned.deadline == new_deadline


def test_extension_is_validated_and_scoped(users, api_as, assigned, other_zone_records):
    department = api_as(users[Role.DEPARTMENT])
    earlier = department.post(
        f"{BASE}/tasks/{assigned.pk}/extensions",
        {"new_deadline": assigned.deadline.isoformat(), "reason": "理由"},
    )
    assert earlier.status_code == 422
    foreign = other_zone_records["task"]
    response = api_as(users[Role.OFFICE]).post(
        f"{BASE}/tasks/{foreign.pk}/extensions", {"new_deadline": "2030-01-01", "reason": "理由"}
    )
    assert response.status_code == 404


# --- performance -----------------------------------------------------------------------------


def test_performance_ranks_departments(users, api_as, assigned):
    month = timezone.localdate().strftime("%Y-%m")
    client = api_as(users[Role.OFFICE])
    response = client.get(f"{BASE}/performance", month_from=month, month_to=month)
    assert response.status_code == 200, response.content
    rows = response.json()
    assert rows, "departments with assigned tasks are listed"
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)
    assert all(0 <= r["score"] <= 100 for r in rows)
    scjg = next(r for r in rows if r["department"] == "市场监督管理局高新区分局")
    assert scjg["assigned"] == 1


def test_performance_is_validated_and_restricted(users, api_as):
    office = api_as(users[Role.OFFICE])
    bad = office.get(f"{BASE}/performance", month_from="2026-13", month_to="2026-01")
    assert bad.status_code == 422
    reversed_ = office.get(f"{BASE}/performance", month_from="2026-05", month_to="2026-01")
    assert reversed_.status_code == 422
    department = api_as(users[Role.DEPARTMENT])
    denied = department.get(f"{BASE}/performance", month_from="2026-01", month_to="2026-02")
    assert denied.status_code == 403


# --- notifications ---------------------------------------------------------------------------


def test_notifications_mine_and_mark_read(users, api_as):
    mine = Notification.objects.create(user=users[Role.DEPARTMENT], verb="t", text="新任务交办")
    theirs = Notification.objects.create(user=users[Role.LEADER], verb="t", text="他人通知")
    client = api_as(users[Role.DEPARTMENT])
    assert [n["id"] for n in client.get(f"{BASE}/notifications").json()] == [mine.pk]
    read = client.post(f"{BASE}/notifications/{mine.pk}/read", {})
    assert read.status_code == 200 and read.json()["read_at"] is not None
    assert client.get(f"{BASE}/notifications", unread="true").json() == []
    assert client.post(f"{BASE}/notifications/{theirs.pk}/read", {}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


# --- documents -------------------------------------------------------------------------------


@needs_documents
def test_plan_document_and_ledger_download(users, api_as, run, problem):
    office = api_as(users[Role.OFFICE])
    plan = office.post(f"{BASE}/plans", {"run_id": run.pk}).json()
    response = office.get(f"{BASE}/plans/{plan['id']}/document.docx")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    with zipfile.ZipFile(io.BytesIO(response.content)) as document:
        assert "word/document.xml" in document.namelist()
    ledger = office.get(f"{BASE}/problems.xlsx", grade="B")
    assert ledger.status_code == 200
    assert "attachment" in ledger["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(ledger.content)) as workbook:
        assert "xl/workbook.xml" in workbook.namelist()
    assert api_as(users[Role.ENTERPRISE]).get(f"{BASE}/problems.xlsx").status_code == 403
    department = api_as(users[Role.DEPARTMENT])
    assert department.get(f"{BASE}/plans/{plan['id']}/document.docx").status_code == 404


# --- the OpenAPI document --------------------------------------------------------------------


@pytest.mark.django_db
def test_openapi_lists_every_rectification_endpoint(client):
    from yingshang.rectification.api import router

    document = json.loads(client.get("/api/openapi.json").content)
    paths = document["paths"]
    expected = {
        f"{BASE}/problems": {"get", "post"},
        f"{BASE}/problems.xlsx": {"get"},
        f"{BASE}/problems/{{problem_id}}": {"get", "patch"},
        f"{BASE}/problems/{{problem_id}}/duplicates": {"get"},
        f"{BASE}/plans": {"get", "post"},
        f"{BASE}/plans/{{plan_id}}": {"get"},
        f"{BASE}/plans/{{plan_id}}/submission": {"post"},
        f"{BASE}/plans/{{plan_id}}/approval": {"post"},
        f"{BASE}/plans/{{plan_id}}/publication": {"post"},
        f"{BASE}/plans/{{plan_id}}/document.docx": {"get"},
        f"{BASE}/tasks": {"get", "post"},
        f"{BASE}/tasks/assign": {"post"},
        f"{BASE}/tasks/{{task_id}}": {"get"},
        f"{BASE}/tasks/{{task_id}}/transitions": {"post"},
        f"{BASE}/tasks/{{task_id}}/extensions": {"post"},
        f"{BASE}/extensions/{{extension_id}}/decision": {"post"},
        f"{BASE}/performance": {"get"},
        f"{BASE}/notifications": {"get"},
        f"{BASE}/notifications/{{notification_id}}/read": {"post"},
    }
    for path, methods in expected.items():
        assert path in paths, path
        assert methods <= set(paths[path]), path
    # Every route of the router is in the document, and nothing is left out of `expected`.
    routed = {f"{BASE}/{p.lstrip('/')}" for p in router.path_operations}
    assert routed == set(expected)
    transition = paths[f"{BASE}/tasks/{{task_id}}/transitions"]["post"]
    assert transition["tags"] == ["整改落实"]
    assert "multipart/form-data" in transition["requestBody"]["content"]
    assert {"200", "401", "403", "404", "409", "422"} <= set(transition["responses"])
