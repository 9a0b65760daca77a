"""The problem ledger (问题台账) as an .xlsx workbook: one sheet of problems, one of the tasks that
answer them. Dates are real Excel dates; the header row is frozen."""

import datetime as dt
import io
from collections.abc import Iterable, Sequence

from django.db.models import Prefetch, QuerySet

from yingshang.rectification.models import ListKind, Problem, ProblemSource, ProblemStatus
from yingshang.rectification.models import Task as TaskModel

PROBLEM_SHEET = "问题台账"
TASK_SHEET = "整改任务"
PROBLEM_COLUMNS: tuple[tuple[str, int], ...] = (
    ("问题编号", 14),
    ("问题", 40),
    ("来源", 12),
    ("分级", 8),
    ("责任部门", 24),
    ("发现日期", 12),
    ("整改时限", 12),
    ("状态", 10),
    ("对应任务", 24),
    ("评价指标", 20),
)
TASK_COLUMNS: tuple[tuple[str, int], ...] = (
    ("任务编号", 14),
    ("任务", 40),
    ("清单", 10),
    ("牵头部门", 24),
    ("配合部门", 30),
    ("责任人", 12),
    ("完成时限", 12),
    ("状态", 10),
)
JOINER = "、"
_SOURCES = dict(ProblemSource.choices)
_STATUSES = dict(ProblemStatus.choices)
_LIST_KINDS = dict(ListKind.choices)


def _prepared(problems: Iterable[Problem]) -> list[Problem]:
    if isinstance(problems, QuerySet):
        tasks = TaskModel.objects.select_related("lead_department", "responsible_person")
        problems = problems.select_related("department").prefetch_related(
            Prefetch("tasks", queryset=tasks.prefetch_related("supporting_departments"))
        )
    return list(problems)


def problem_row(problem: Problem) -> list[object]:
    tasks = sorted(problem.tasks.all(), key=lambda t: t.code)
    return [
        problem.code,
        problem.title,
        _SOURCES.get(problem.source, problem.source),
        problem.grade,
        problem.department.name if problem.department else "",
        problem.reported_on,
        problem.due_on,
        _STATUSES.get(problem.status, problem.status),
        JOINER.join(t.code for t in tasks),
        problem.indicator_name or problem.indicator,
    ]


def task_row(task: TaskModel) -> list[object]:
    person = task.responsible_person
    return [
        task.code,
        task.title,
        _LIST_KINDS.get(task.list_kind, task.list_kind),
        task.lead_department.name,
        JOINER.join(d.name for d in task.supporting_departments.all()),
        (person.full_name or person.username) if person else "",
        task.deadline,
        task.state_label,
    ]


def _write_sheet(workbook, name: str, columns: Sequence[tuple[str, int]], rows, formats) -> None:
    header, text, date = formats
    sheet = workbook.add_worksheet(name)
    for col, (title, width) in enumerate(columns):
        sheet.write_string(0, col, title, header)
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(r, col, value, date)
            elif value is None or value == "":
                sheet.write_blank(r, col, None, text)
            else:
                sheet.write_string(r, col, str(value), text)
    if rows:
        sheet.autofilter(0, 0, len(rows), len(columns) - 1)


def build_ledger_xlsx(problems: Iterable[Problem]) -> bytes:
    """The ledger of `problems` (a queryset or a list), in the order given, with their tasks."""
    items = _prepared(problems)
    tasks: dict[int, TaskModel] = {}
    for problem in items:
        for task in problem.tasks.all():
            tasks.setdefault(task.pk, task)
    ordered_tasks = sorted(tasks.values(), key=lambda t: (t.code, t.pk))

    # Here, not at load: only the download needs XlsxWriter.
    from yingshang.lib.tabular.safe import workbook as safe_workbook

    buffer = io.BytesIO()
    workbook = safe_workbook(buffer, {"in_memory": True})
    header = workbook.add_format(
        {"bold": True, "bg_color": "#D9E1F2", "border": 1, "align": "center", "valign": "vcenter"}
    )
    text = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1})
    date = workbook.add_format({"num_format": "yyyy-mm-dd", "valign": "top", "border": 1})
    formats = (header, text, date)
    _write_sheet(workbook, PROBLEM_SHEET, PROBLEM_COLUMNS, [problem_row(p) for p in items], formats)
    _write_sheet(workbook, TASK_SHEET, TASK_COLUMNS, [task_row(t) for t in ordered_tasks], formats)
    workbook.close()
    return buffer.getvalue()
