"""Importing problems into the ledger from an .xlsx or .csv file with Chinese headers, all or
nothing: every row is checked first; if any row is wrong nothing is created and every reason is
reported with its spreadsheet row number (the header is row 1).

Columns: 问题 (required), 问题描述，来源 (label or code, required), 分级 (A/B/C, required),
责任部门 (a department of the zone, by name, short name or code), 发现日期 (YYYY-MM-DD, required),
评价指标. Example rows are skipped and counted: a row whose first filled cell starts with
EXAMPLE_MARK ("#", how the CSV template marks its example) and a row identical to the template's
example (the example a template of old kept on the data sheet). The xlsx template keeps its
example on a sheet of its own, which is never read. Each row is created through
`services.problems.create_problem`, in one transaction.
The file is read by the platform's shared readers (`yingshang.lib.tabular`), which say why a
file as a whole cannot be read in the same words for every import.
"""

import contextlib
import datetime as dt
import io
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from yingshang.kernel.models import Department, User, Zone
from yingshang.lib.tabular import readers
from yingshang.lib.tabular.errors import FileProblem
from yingshang.lib.tabular.values import ValueProblem, as_text, is_blank, normalize, parse_date
from yingshang.rectification.models import Grade, Problem, ProblemSource

DATA_SHEET = "问题"
HELP_SHEET = "说明"
EXAMPLE_SHEET = "示例"
EXAMPLE_MARK = "#"
MAX_ROWS = 5000
MAX_LISTED = 50
TITLE_MAX = Problem._meta.get_field("title").max_length
INDICATOR_MAX = Problem._meta.get_field("indicator_name").max_length


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    required: bool
    help: str


COLUMNS = (
    Column("问题", "title", True, f"问题的简要表述，最多{TITLE_MAX}个字符"),
    Column("问题描述", "description", False, "问题的具体情况"),
    Column("来源", "source", True, "、".join(ProblemSource.labels) + "（也可填英文编码）"),
    Column("分级", "grade", True, "A（复杂、历史遗留）、B（跨部门）、C（简单）"),
    Column("责任部门", "department", False, "本功能区部门的名称、简称或编码"),
    Column("发现日期", "reported_on", True, "YYYY-MM-DD，如 2024-05-20，不能晚于今天"),
    Column("评价指标", "indicator_name", False, "问题对应的评价指标名称，可不填"),
)
HEADERS = tuple(c.header for c in COLUMNS)
EXAMPLE_ROW = (
    "企业注销便利化改革有待深化",
    "市场监管、税务、人社、银行等部门协同机制不够完善，影响企业正常退出。",
    "评价短板",
    "B",
    "市场监督管理局高新区分局",
    "2024-05-20",
    "开办企业",
)


@dataclass(frozen=True)
class ImportOutcome:
    created: int
    skipped_examples: int = 0

    @property
    def summary(self) -> str:
        """What the import did, in the words the page shows."""
        text = f"已导入 {self.created} 个问题"
        if self.skipped_examples:
            text += f"；模板中的示例行已跳过（{self.skipped_examples} 行）"
        return text


class ImportRejected(ValidationError):
    """The file was not imported; `problems` lists every reason ("第 3 行：…")."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        listed = self.problems[:MAX_LISTED]
        if len(self.problems) > MAX_LISTED:
            listed.append(f"……另有 {len(self.problems) - MAX_LISTED} 处问题")
        super().__init__({"file": listed})


# --- reading -----------------------------------------------------------------------------------


@contextlib.contextmanager
def _on_disk(uploaded_file: Any, suffix: str) -> Iterator[Path]:
    """The upload as a file the shared readers can open: Django's own temporary file when the
    upload was large enough to get one, else a copy in a private temporary directory."""
    path = getattr(uploaded_file, "temporary_file_path", None)
    if path is not None:
        yield Path(path())
        return
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / f"upload{suffix}"
        copy.write_bytes(uploaded_file.read())
        yield copy


def read_rows(uploaded_file: Any) -> list[Sequence[Any]]:
    """All rows of the file, the header first; ImportRejected if it cannot be read."""
    name = getattr(uploaded_file, "name", "") or ""
    try:
        suffix = readers.check_suffix(name)
        with _on_disk(uploaded_file, suffix) as path:
            rows = readers.read_csv(path) if suffix == ".csv" else readers.read_xlsx(path)
            return [cells for _number, cells in rows]
    except FileProblem as exc:
        raise ImportRejected([str(exc)]) from None


# --- checking ----------------------------------------------------------------------------------


class _Lookup:
    """The zone's departments and the sources and grades, by every name a file may use."""

    def __init__(self, zone: Zone) -> None:
        self.departments: dict[str, Department] = {}
        for department in Department.objects.filter(zone=zone, is_active=True):
            for key in (department.code, department.name, department.short_name):
                if key:
                    self.departments.setdefault(normalize(key).lower(), department)
        self.sources = {normalize(label): value for value, label in ProblemSource.choices}
        self.sources.update({value: value for value in ProblemSource.values})
        self.grades = set(Grade.values)


def _header_map(header: Sequence[Any]) -> tuple[dict[str, int], list[str]]:
    positions: dict[str, int] = {}
    problems: list[str] = []
    for index, cell in enumerate(header):
        if is_blank(cell):
            continue
        title = normalize(as_text(cell))
        if title not in HEADERS:
            problems.append(f"第 1 行：不认识的列“{title}”，可用的列为 {'、'.join(HEADERS)}")
        elif title in positions:
            problems.append(f"第 1 行：列“{title}”出现了两次")
        else:
            positions[title] = index
    missing = [c.header for c in COLUMNS if c.required and c.header not in positions]
    if missing:
        problems.append(f"第 1 行：缺少必填列 {'、'.join(missing)}")
    return positions, problems


def _check_row(
    cells: dict[str, Any], lookup: _Lookup, today: dt.date
) -> tuple[dict[str, Any], list[str]]:
    """The create_problem arguments of one row, and the reasons it is wrong."""
    values: dict[str, Any] = {}
    reasons: list[str] = []

    title = as_text(cells.get("问题")) if not is_blank(cells.get("问题")) else ""
    if not title:
        reasons.append("“问题”不能为空")
    elif len(title) > TITLE_MAX:
        reasons.append(f"“问题”不能超过{TITLE_MAX}个字符，实际为{len(title)}个")
    values["title"] = title
    description = cells.get("问题描述")
    values["description"] = "" if is_blank(description) else as_text(description)

    source = cells.get("来源")
    if is_blank(source):
        reasons.append("“来源”不能为空")
    else:
        text = normalize(as_text(source))
        code = lookup.sources.get(text) or lookup.sources.get(text.lower())
        if code is None:
            allowed = "、".join(ProblemSource.labels)
            reasons.append(f"来源“{text}”无效，应为 {allowed} 之一")
        values["source"] = code

    grade = cells.get("分级")
    if is_blank(grade):
        reasons.append("“分级”不能为空")
    else:
        text = normalize(as_text(grade)).upper().removesuffix("类")
        if text not in lookup.grades:
            reasons.append(f"分级“{as_text(grade)}”无效，应为 A、B 或 C")
        values["grade"] = text

    department = cells.get("责任部门")
    values["department"] = None
    if not is_blank(department):
        text = normalize(as_text(department))
        found = lookup.departments.get(text.lower())
        if found is None:
            reasons.append(f"责任部门“{text}”不是本功能区的部门")
        values["department"] = found

    reported = cells.get("发现日期")
    if is_blank(reported):
        reasons.append("“发现日期”不能为空")
    else:
        try:
            reported_on = parse_date(reported)
        except ValueProblem as exc:
            reasons.append(f"发现日期：{exc}")
        else:
            if reported_on > today:
                reasons.append(f"发现日期 {reported_on.isoformat()} 晚于今天")
            values["reported_on"] = reported_on

    indicator = cells.get("评价指标")
    values["indicator_name"] = "" if is_blank(indicator) else as_text(indicator)
    if len(values["indicator_name"]) > INDICATOR_MAX:
        reasons.append(f"“评价指标”不能超过{INDICATOR_MAX}个字符")
    return values, reasons


def is_example(row: Sequence[Any]) -> bool:
    """A row of the template's example: marked with EXAMPLE_MARK, or the example itself."""
    filled = [normalize(as_text(cell)) for cell in row if not is_blank(cell)]
    if not filled:
        return False
    return filled[0].startswith(EXAMPLE_MARK) or tuple(filled) == _EXAMPLE_FILLED


_EXAMPLE_FILLED = tuple(normalize(cell) for cell in EXAMPLE_ROW if cell)


def check_rows(
    rows: list[Sequence[Any]], zone: Zone
) -> tuple[list[tuple[int, dict[str, Any]]], int]:
    """The rows as (row number, create_problem arguments), and how many example rows were
    skipped; ImportRejected listing every bad row."""
    if not rows:
        raise ImportRejected(["文件是空的：第 1 行应为列名"])
    positions, problems = _header_map(rows[0])
    if problems:
        raise ImportRejected(problems)
    if len(rows) - 1 > MAX_ROWS:
        raise ImportRejected([f"一次最多导入 {MAX_ROWS} 行，本文件有 {len(rows) - 1} 行"])
    lookup = _Lookup(zone)
    today = timezone.localdate()
    checked: list[tuple[int, dict[str, Any]]] = []
    skipped = 0
    for number, row in _numbered(rows):
        cells = {h: (row[i] if i < len(row) else None) for h, i in positions.items()}
        if all(is_blank(value) for value in cells.values()):
            continue
        if is_example(row):
            skipped += 1
            continue
        values, reasons = _check_row(cells, lookup, today)
        problems.extend(f"第 {number} 行：{reason}" for reason in reasons)
        checked.append((number, values))
    if problems:
        raise ImportRejected(problems)
    if not checked:
        reason = "文件中没有数据行：数据应从第 2 行开始"
        if skipped:
            reason += f"；模板中的示例行已跳过（{skipped} 行），请另起一行填写要导入的问题"
        raise ImportRejected([reason])
    return checked, skipped


def _numbered(rows: list[Sequence[Any]]) -> Iterator[tuple[int, Sequence[Any]]]:
    return enumerate(rows[1:], start=2)


def _messages(error: ValidationError) -> str:
    return "；".join(str(m) for m in error.messages)


def import_problems(*, actor: User, zone: Zone, uploaded_file) -> ImportOutcome:
    """Create one problem per row, or none: ImportRejected with every reason otherwise.

    PermissionDenied (or Http404 for another zone) before the file is read when the actor may
    not write the zone's ledger."""
    from yingshang.rectification.services.permissions import require_writer
    from yingshang.rectification.services.problems import create_problem

    require_writer(actor, zone)
    checked, skipped = check_rows(read_rows(uploaded_file), zone)
    with transaction.atomic():
        for number, values in checked:
            try:
                create_problem(actor=actor, zone=zone, **values)
            except ValidationError as exc:
                raise ImportRejected([f"第 {number} 行：{_messages(exc)}"]) from exc
    return ImportOutcome(created=len(checked), skipped_examples=skipped)


# --- template ----------------------------------------------------------------------------------


def problem_template_xlsx(*, zone: Zone | None = None) -> bytes:
    """The import template: the data sheet (headers only, so that a template imported unchanged
    imports nothing), 示例 (the headers and one example row; never read) and 说明."""
    # Here, not at load: only the template download needs XlsxWriter.
    from yingshang.lib.tabular.safe import workbook as safe_workbook

    buffer = io.BytesIO()
    workbook = safe_workbook(buffer, {"in_memory": True})
    header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    required = workbook.add_format(
        {"bold": True, "bg_color": "#D9E1F2", "border": 1, "font_color": "#C00000"}
    )
    text = workbook.add_format({"num_format": "@"})
    # The data sheet first: the reader reads the first worksheet only.
    sheet = workbook.add_worksheet(DATA_SHEET)
    example = workbook.add_worksheet(EXAMPLE_SHEET)
    widths = (36, 50, 12, 8, 26, 14, 18)
    for col, (column, width) in enumerate(zip(COLUMNS, widths, strict=True)):
        for target in (sheet, example):
            target.write_string(0, col, column.header, required if column.required else header)
            target.set_column(col, col, width, text)
        example.write_string(1, col, EXAMPLE_ROW[col])
    sheet.freeze_panes(1, 0)

    notes = workbook.add_worksheet(HELP_SHEET)
    notes.set_column(0, 0, 14)
    notes.set_column(1, 1, 8)
    notes.set_column(2, 2, 70)
    for col, title in enumerate(("列名", "必填", "说明")):
        notes.write_string(0, col, title, header)
    for row, column in enumerate(COLUMNS, start=1):
        notes.write_string(row, 0, column.header)
        notes.write_string(row, 1, "是" if column.required else "")
        notes.write_string(row, 2, column.help)
    lines = [
        "1. 第 1 行为列名，数据从第 2 行开始；错误报告中的行号即 Excel 中的行号。",
        f"2. 示例见“{EXAMPLE_SHEET}”工作表，该表不导入；CSV 文件中第一格以“{EXAMPLE_MARK}”开头的行"
        "为示例行，导入时跳过。与模板示例完全相同的行也会跳过。",
        "3. 任何一行有错误则整个文件都不导入；改正后重新导入即可。",
        "4. 整改时限按分级和本功能区的办理时限规则自动计算，问题编号自动生成。",
    ]
    if zone is not None:
        names = "、".join(
            Department.objects.filter(zone=zone, is_active=True).values_list("name", flat=True)
        )
        lines.append(f"5. 本功能区的部门：{names}")
    start = len(COLUMNS) + 2
    notes.write_string(start, 0, "规则", header)
    for offset, line in enumerate(lines, start=1):
        notes.write_string(start + offset, 0, line)
    workbook.close()
    return buffer.getvalue()


def problem_template_csv() -> bytes:
    """The CSV import template (UTF-8 with BOM, which Excel opens as such): the headers and the
    example row, its first cell marked with EXAMPLE_MARK so that the import skips it."""
    from yingshang.lib.tabular.safe import csv_writer

    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(HEADERS)
    writer.writerow([f"{EXAMPLE_MARK}示例：{EXAMPLE_ROW[0]}", *EXAMPLE_ROW[1:]])
    return out.getvalue().encode("utf-8-sig")
