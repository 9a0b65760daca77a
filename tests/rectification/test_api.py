"""The rectification API (/api/rectification/): authentication, scope and denials across the
endpoints, performance, notifications and the OpenAPI document. Each resource's endpoints are
tested in test_api_<resource>.py."""

import json

import pytest
from django.test import Client
from django.utils import timezone

from tests.rectification.helpers import API as BASE
from yingshang.kernel.models import Notification, Role

OUTSIDERS = [Role.ENTERPRISE, Role.SUPERVISOR]


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


# --- the OpenAPI document --------------------------------------------------------------------


@pytest.mark.django_db
def test_openapi_lists_every_rectification_endpoint(client):
    from yingshang.rectification.api import ROUTERS

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
    # Every route of the resources' routers is in the document, and nothing is left out of
    # `expected`.
    routed = {f"{BASE}/{p.lstrip('/')}" for r in ROUTERS for p in r.path_operations}
    assert routed == set(expected)
    ids = {op["operationId"] for path in expected for op in paths[path].values()}
    assert all(i.startswith("yingshang_rectification_api_") for i in ids)
    assert "yingshang_rectification_api_transition_task" in ids
    transition = paths[f"{BASE}/tasks/{{task_id}}/transitions"]["post"]
    assert transition["tags"] == ["整改落实"]
    assert "multipart/form-data" in transition["requestBody"]["content"]
    assert {"200", "401", "403", "404", "409", "422"} <= set(transition["responses"])
