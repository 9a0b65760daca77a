"""Importing problems from .xlsx/.csv: all rows or none, every bad row reported by its number."""

import csv
import datetime as dt
import io

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from yingshang.kernel.models import Role
from yingshang.rectification.documents import (
    ImportRejected,
    import_problems,
    problem_template_xlsx,
)
from yingshang.rectification.documents.problem_import import (
    EXAMPLE_ROW,
    HEADERS,
    problem_template_csv,
)
from yingshang.rectification.models import Problem
from yingshang.rectification.services import problems as problems_service

pytestmark = pytest.mark.django_db

GOOD_ROWS = [
    ["企业注销便利化改革有待深化", "协同机制不够完善。", "评价短板", "A",
     "市场监督管理局高新区分局", "2024-05-20", "开办企业"],
    ["网上办事系统卡顿", "", "企业诉求", "b", "xzsp", "2024-06-03", ""],
    ["窗口一次性告知不到位", "", "supervisor", "C", "", "2024/06/04", ""],
]  # fmt: skip


def _xlsx(rows, headers=HEADERS, name="问题.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("问题")
    for r, row in enumerate([list(headers), *rows]):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, value, workbook.add_format({"num_format": "yyyy-mm-dd"}))
            elif value != "":
                sheet.write(r, c, value)
    workbook.close()
    return SimpleUploadedFile(name, buffer.getvalue())


def _csv(rows, headers=HEADERS, encoding="utf-8-sig") -> SimpleUploadedFile:
    out = io.StringIO()
    csv.writer(out).writerows([list(headers), *rows])
    return SimpleUploadedFile("问题.csv", out.getvalue().encode(encoding))


@pytest.fixture
def office(users):
    return users[Role.OFFICE]


def _rejected(zone, actor, uploaded) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        import_problems(actor=actor, zone=zone, uploaded_file=uploaded)
    assert Problem.objects.filter(zone=zone).count() == 0
    return caught.value.problems


@pytest.mark.parametrize("make", [_xlsx, _csv], ids=["xlsx", "csv"])
def test_good_file_creates_every_row(zone, office, departments, make):
    outcome = import_problems(actor=office, zone=zone, uploaded_file=make(GOOD_ROWS))
    assert outcome.created == 3
    problems = {p.title: p for p in Problem.objects.filter(zone=zone)}
    assert set(problems) == {row[0] for row in GOOD_ROWS}
    first = problems["企业注销便利化改革有待深化"]
    assert (first.source, first.grade, first.department) == ("evaluation", "A", departments["scjg"])
    assert first.description == "协同机制不够完善。"
    assert first.reported_on == dt.date(2024, 5, 20)
    assert first.indicator_name == "开办企业"
    assert first.code and first.created_by == office
    second = problems["网上办事系统卡顿"]
    assert (second.source, second.grade, second.department) == ("appeal", "B", departments["xzsp"])
    third = problems["窗口一次性告知不到位"]
    assert (third.source, third.grade, third.department) == ("supervisor", "C", None)
    assert third.reported_on == dt.date(2024, 6, 4)


def test_gb18030_csv_and_excel_dates(zone, office, departments):
    assert import_problems(
        actor=office, zone=zone, uploaded_file=_csv(GOOD_ROWS[:1], encoding="gb18030")
    ) == import_problems(
        actor=office,
        zone=zone,
        uploaded_file=_xlsx([[*GOOD_ROWS[1][:5], dt.date(2024, 6, 3), ""]]),
    )
    assert Problem.objects.get(title="网上办事系统卡顿").reported_on == dt.date(2024, 6, 3)


def test_bad_rows_create_nothing_and_are_reported_by_row(zone, office, departments):
    rows = [
        GOOD_ROWS[0],  # row 2
        ["分级错误", "", "评价短板", "D", "xzsp", "2024-05-20", ""],  # row 3
        ["日期错误", "", "评价短板", "B", "xzsp", "2024-13-01", ""],  # row 4
        ["部门错误", "", "评价短板", "C", "不存在的局", "2024-05-20", ""],  # row 5
        ["", "", "", "", "", "", ""],  # row 6: blank, skipped
        ["", "缺少问题", "某处", "", "xzsp", "", ""],  # row 7
    ]
    for make in (_xlsx, _csv):
        problems = _rejected(zone, office, make(rows))
        assert not any(p.startswith("第 2 行") for p in problems)
        assert any(p.startswith("第 3 行") and "分级“D”" in p for p in problems)
        assert any(p.startswith("第 4 行") and "发现日期" in p for p in problems)
        assert any(p.startswith("第 5 行") and "不存在的局" in p for p in problems)
        assert not any(p.startswith("第 6 行") for p in problems)
        row7 = [p for p in problems if p.startswith("第 7 行")]
        assert len(row7) == 4  # title, source, grade, date
        assert any("来源“某处”" in p for p in row7)


def test_future_date_and_other_zones_department(zone, other_zone, office, departments):
    from yingshang.kernel.models import Department

    Department.objects.create(zone=other_zone, code="ly", name="洛阳某局")
    rows = [
        ["未来", "", "评价短板", "C", "xzsp", "2999-01-01", ""],
        ["外区部门", "", "评价短板", "C", "洛阳某局", "2024-05-20", ""],
    ]
    problems = _rejected(zone, office, _xlsx(rows))
    assert problems[0].startswith("第 2 行") and "晚于今天" in problems[0]
    assert problems[1].startswith("第 3 行") and "洛阳某局" in problems[1]


def test_headers_are_checked(zone, office, departments):
    problems = _rejected(zone, office, _xlsx([["x"]], headers=["问题", "备注"]))
    assert any("不认识的列“备注”" in p for p in problems)
    assert any("缺少必填列" in p and "来源" in p and "发现日期" in p for p in problems)
    assert _rejected(zone, office, _xlsx([]))[0].startswith("文件中没有数据行")
    empty = SimpleUploadedFile("问题.csv", b"")
    assert "文件是空的" in _rejected(zone, office, empty)[0]
    old = SimpleUploadedFile("问题.xls", b"whatever")
    assert ".xlsx" in _rejected(zone, office, old)[0]
    broken = SimpleUploadedFile("问题.xlsx", b"not a zip")
    assert "无法读取" in _rejected(zone, office, broken)[0]


def test_a_service_refusal_rolls_back_every_row(zone, office, departments, monkeypatch):
    from yingshang.rectification.models import Problem as ProblemModel

    calls = []

    def create_problem(*, actor, zone, title, source, grade, reported_on, **fields):
        calls.append(title)
        if len(calls) == 2:
            from django.core.exceptions import ValidationError

            raise ValidationError("无权登记问题")
        return ProblemModel.objects.create(
            zone=zone,
            code=f"T{len(calls)}",
            title=title,
            source=source,
            grade=grade,
            reported_on=reported_on,
            description=fields.get("description", ""),
        )

    monkeypatch.setattr(problems_service, "create_problem", create_problem)
    problems = _rejected(zone, office, _xlsx(GOOD_ROWS))
    assert problems == ["第 3 行：无权登记问题"]
    assert len(calls) == 2


def test_template_has_headers_an_example_and_notes(zone, office, departments):
    data = problem_template_xlsx(zone=zone)
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["问题", "示例", "说明"]
    assert list(workbook["问题"].values) == [HEADERS]
    example = list(workbook["示例"].values)
    assert example[0] == HEADERS and example[1] == EXAMPLE_ROW
    notes = [r[0] for r in workbook["说明"].values if r[0]]
    assert set(HEADERS) <= set(notes)
    assert any("市场监督管理局高新区分局" in n for n in notes)
    assert any("示例" in n and "#" in n for n in notes)


def _template(kind: str, zone) -> bytes:
    return problem_template_xlsx(zone=zone) if kind == "xlsx" else problem_template_csv()


def _with_row(kind: str, data: bytes, row: list[str]) -> bytes:
    """The downloaded template with one real row added on its data sheet."""
    if kind == "csv":
        return data + ("\r\n" + ",".join(row) + "\r\n").encode("utf-8")
    workbook = load_workbook(io.BytesIO(data))
    workbook["问题"].append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_unchanged_template_imports_nothing_and_says_so(zone, office, departments, kind):
    data = _template(kind, zone)
    problems = _rejected(zone, office, SimpleUploadedFile(f"模板.{kind}", data))
    assert len(problems) == 1 and problems[0].startswith("文件中没有数据行")
    if kind == "csv":
        assert "模板中的示例行已跳过（1 行）" in problems[0]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_template_with_one_row_added_imports_that_row(zone, office, departments, kind):
    row = ["网上办事系统卡顿", "", "企业诉求", "B", "xzsp", "2024-06-03", ""]
    data = _with_row(kind, _template(kind, zone), row)
    outcome = import_problems(
        actor=office, zone=zone, uploaded_file=SimpleUploadedFile(f"模板.{kind}", data)
    )
    assert outcome.created == 1
    assert list(Problem.objects.filter(zone=zone).values_list("title", flat=True)) == [row[0]]
    assert outcome.skipped_examples == (1 if kind == "csv" else 0)
    if kind == "csv":
        assert outcome.summary == "已导入 1 个问题；模板中的示例行已跳过（1 行）"


def test_the_example_row_of_an_old_template_is_skipped(zone, office, departments):
    outcome = import_problems(
        actor=office, zone=zone, uploaded_file=_xlsx([list(EXAMPLE_ROW), GOOD_ROWS[1]])
    )
    assert (outcome.created, outcome.skipped_examples) == (1, 1)
    assert outcome.summary == "已导入 1 个问题；模板中的示例行已跳过（1 行）"


@pytest.mark.parametrize("role", [Role.DEPARTMENT, Role.LEADER, Role.ENTERPRISE])
def test_only_writers_import(zone, users, departments, role):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_problems(actor=users[role], zone=zone, uploaded_file=_xlsx(GOOD_ROWS))
    assert Problem.objects.filter(zone=zone).count() == 0


def test_a_large_upload_is_read_from_its_temporary_file(zone, office, departments):
    """Django keeps uploads over 2.5 MB on disk; the reader opens that file where it lies."""
    from django.core.files.uploadedfile import TemporaryUploadedFile

    content = _csv(GOOD_ROWS).read()
    uploaded = TemporaryUploadedFile("问题.csv", "text/csv", len(content), "utf-8")
    uploaded.write(content)
    uploaded.flush()
    try:
        outcome = import_problems(actor=office, zone=zone, uploaded_file=uploaded)
    finally:
        uploaded.close()
    assert outcome.created == 3


def test_file_problems_are_reported_in_the_shared_readers_words(zone, office, departments):
    broken = SimpleUploadedFile("问题.xlsx", b"not a zip")
    assert _rejected(zone, office, broken) == ["无法读取该 Excel 文件: 文件已损坏或不是 .xlsx 格式"]
    text = SimpleUploadedFile("问题.txt", b"x")
    assert _rejected(zone, office, text) == ["不支持的文件类型“.txt”，请使用 .xlsx 或 .csv 文件"]
