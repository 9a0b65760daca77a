"""Helpers of the rectification tests: taking a workflow action as a user, an evidence file,
tasks made as the office makes them, a page's text, an API client for the workflow."""

import datetime as dt
from html import unescape

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import ApiClient
from yingshang.rectification.services import tasks as task_services
from yingshang.rectification.services.tasks import transition

MONDAY = dt.date(2026, 9, 28)
API = "/api/rectification"


def evidence(name: str = "整改报告.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 evidence", content_type="application/pdf")


def act(user, task, action, *, text="", files=(), today=MONDAY):
    """The action on the task as `user`, from the version the task has now."""
    task.refresh_from_db()
    return transition(
        actor=user,
        task_id=task.pk,
        action=action,
        expected_version=task.version,
        text=text,
        files=files,
        today=today,
    )


def html_of(response) -> str:
    return unescape(response.content.decode())


def future(days: int = 30) -> dt.date:
    return dt.date.today() + dt.timedelta(days=days)


def new_task(office, zone, department, *, title="压缩企业开办时间", deadline=None, assign=False):
    """A task led by `department`, due in 30 days unless told; assigned when `assign`."""
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


class RectificationClient(ApiClient):
    """An API client that also takes workflow actions (multipart, with files)."""

    def transition(self, task, action: str, *, text: str = "", files=(), version=None):
        task.refresh_from_db()
        data: dict = {
            "action": action,
            "expected_version": task.version if version is None else version,
            "text": text,
        }
        if files:
            data["files"] = list(files)
        return self.form(f"{API}/tasks/{task.pk}/transitions", data)
