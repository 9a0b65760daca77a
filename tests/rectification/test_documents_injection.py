"""Problem titles and department names written like formulas stay text in the ledger."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from yingshang.kernel.models import Department
from yingshang.rectification.documents import build_ledger_xlsx
from yingshang.rectification.documents.problem_import import problem_template_xlsx
from yingshang.rectification.models import Problem, Task

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://x","y")'


def _cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_ledger_writes_formula_like_text_as_text(zone):
    lead = Department.objects.create(zone=zone, code="evil", name="=1+1")
    problem = Problem.objects.create(
        zone=zone,
        code="WT2024-0009",
        title=EVIL,
        source="evaluation",
        grade="B",
        reported_on=dt.date(2024, 5, 20),
        department=lead,
    )
    task = Task.objects.create(zone=zone, code="RW2024-0009", title="-1+1", lead_department=lead)
    task.problems.set([problem])
    cells = _cells(build_ledger_xlsx([problem]))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value for c in cells if c.data_type == "s"}
    assert {EVIL, "=1+1", "-1+1"} <= values


def test_problem_template_holds_no_formula(zone):
    cells = _cells(problem_template_xlsx(zone=zone))
    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]
