"""The problem ledger's endpoints: the list and its filters, one problem, duplicate hints,
registering and editing."""

import datetime as dt

import pytest

from tests.rectification.helpers import API as BASE
from yingshang.kernel.models import Department, Role
from yingshang.rectification.models import Problem

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
