"""The plan endpoints: drafting from an evaluation, submitting, approving, publishing, and the
documents (the plan as Word, the ledger as Excel)."""

import io
import zipfile

import pytest

from tests.rectification.helpers import API as BASE
from yingshang.kernel.models import Role
from yingshang.rectification.models import Plan, PlanStatus

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


# --- documents -------------------------------------------------------------------------------


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
