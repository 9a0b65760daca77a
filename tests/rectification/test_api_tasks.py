"""The task endpoints: creating, assigning, the list and its filters, the workflow actions with
their files, and extension requests."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.rectification.helpers import API as BASE
from tests.rectification.helpers import evidence
from yingshang.kernel.models import Department, Role
from yingshang.rectification.models import Attachment, Extension, Task, TaskRecord

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
    assert ids(office, lead_department=departments["scjg"].pk) == {ours.pk}
    assert ids(office, overdue="false") == {supported.pk, theirs.pk}
    assert ids(office, list_kind="task") == {ours.pk, supported.pk, theirs.pk}
    assert ids(office, list_kind="innovation") == set()
    assert office.get(f"{BASE}/tasks", list_kind="nowhere").status_code == 422
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
