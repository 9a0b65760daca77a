"""The problem ledger's page: registering (with duplicate hints), importing and downloading."""

import datetime as dt
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from tests.rectification.helpers import html_of
from yingshang.kernel.models import Role
from yingshang.rectification.models import Problem

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


def test_ledger_marks_overdue_problems(client_for, zone, departments):
    """Past its due date and not yet resolved: 已超期, as the task list marks late tasks."""
    today = timezone.localdate()
    fields = {"zone": zone, "source": "appeal", "grade": "B", "reported_on": today}
    Problem.objects.create(
        code="WT-LATE", title="逾期未改的问题", due_on=today - dt.timedelta(days=1), **fields
    )
    Problem.objects.create(
        code="WT-DONE",
        title="已经整改的问题",
        due_on=today - dt.timedelta(days=1),
        status="resolved",
        **fields,
    )
    Problem.objects.create(code="WT-SOON", title="尚未到期的问题", due_on=today, **fields)
    html = html_of(client_for(Role.OFFICE).get(reverse("rectification:problem_list")))
    rows = {
        code: row
        for row in re.findall(r"<tr.*?</tr>", html, flags=re.S)
        for code in ("WT-LATE", "WT-DONE", "WT-SOON")
        if code in row
    }
    assert '<mark class="flag overdue">已超期</mark>' in rows["WT-LATE"]
    assert 'class="overdue"' in rows["WT-LATE"]
    assert "已超期" not in rows["WT-DONE"]
    assert "已超期" not in rows["WT-SOON"]
