"""The task pages' actions: creating and assigning tasks, the workflow actions of a task with
their files, and extension requests."""

import datetime as dt
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.rectification.helpers import future, html_of, new_task, submitted
from yingshang.core.rectification.workflow import State
from yingshang.kernel.models import Role
from yingshang.rectification.models import Attachment, Extension, ExtensionStatus, Task
from yingshang.rectification.services import tasks as task_services

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
    # Nothing ticked: still the office's form.
    assert (
        client_for(Role.DEPARTMENT).post(reverse("rectification:task_bulk_assign")).status_code
        == 403
    )


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
    # The role is answered before the missing decision.
    url = reverse("rectification:extension_decide", args=[extension.pk])
    assert client_for(Role.DEPARTMENT).post(url).status_code == 403
    assert Extension.objects.get().status == ExtensionStatus.PENDING
    leader = client_for(Role.LEADER)
    assert "请选择批准或不批准" in html_of(leader.post(url, follow=True))
    assert Extension.objects.get().status == ExtensionStatus.PENDING


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
