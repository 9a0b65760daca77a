"""Downloads: the Word and Excel reports, the long score table, and the data template."""

import contextlib
import io

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from yingshang.core.evaluation import LONG_COLUMNS, MethodologyError
from yingshang.core.evaluation.loading import methodology_from_text, preset_names, preset_text
from yingshang.evaluation import selectors
from yingshang.evaluation.reports import build_docx, build_xlsx
from yingshang.evaluation.views.common import (
    default_unit,
    readable_run,
    require_writer,
    unit_or_404,
)
from yingshang.lib.files import DOCX, XLSX, attachment
from yingshang.lib.tabular.safe import csv_writer

CSV = "text/csv; charset=utf-8"
# Excel opens a UTF-8 CSV with Chinese text correctly only when it starts with a BOM.
BOM = "\ufeff"
TEMPLATE_HEADER = ("unit", "indicator", "value", "period", "group")
TEMPLATE_UNITS = ("示例功能区甲", "示例功能区乙")
TEMPLATE_PERIOD = "2020"


def _file_stem(run) -> str:
    return (run.title or "营商环境评价").replace("/", "-").replace("\\", "-")


def _report_arguments(request: HttpRequest, run_id: int) -> tuple:
    run = readable_run(request, run_id)
    result = selectors.run_result(run)
    unit = unit_or_404(result, request.GET.get("unit") or default_unit(run, result))
    arguments = {
        "result": result,
        "unit": unit,
        "previous": selectors.previous_result(run),
        "trend": selectors.trend_results(run),
        "zone_name": run.zone.name,
        "title": run.title,
    }
    return run, arguments


@login_required
@require_GET
def report_docx(request: HttpRequest, run_id: int) -> HttpResponse:
    run, arguments = _report_arguments(request, run_id)
    content = build_docx(**arguments)
    return attachment(content, f"{_file_stem(run)}-评价报告.docx", DOCX)


@login_required
@require_GET
def report_xlsx(request: HttpRequest, run_id: int) -> HttpResponse:
    run, arguments = _report_arguments(request, run_id)
    content = build_xlsx(**arguments)
    return attachment(content, f"{_file_stem(run)}-评价结果.xlsx", XLSX)


def _csv_text(header, rows) -> str:
    handle = io.StringIO()
    handle.write(BOM)
    writer = csv_writer(handle, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return handle.getvalue()


@login_required
@require_GET
def scores_csv(request: HttpRequest, run_id: int) -> HttpResponse:
    """The contract's long table: unit, node, score, rank, frontier, average."""
    # Here, not at load: the reading module brings openpyxl and xlsxwriter with it.
    from yingshang.core.evaluation.reading import long_table_rows

    run = readable_run(request, run_id)
    text = _csv_text(LONG_COLUMNS, long_table_rows(selectors.run_result(run)))
    return attachment(text.encode("utf-8"), f"{_file_stem(run)}-得分长表.csv", CSV)


def _template_rows(preset: str) -> list[list[str]]:
    """One row per leaf of the preset for two example units; a generic example otherwise."""
    leaves: tuple[str, ...] = ("starting_business_time", "starting_business_procedures")
    if preset in preset_names():
        with contextlib.suppress(MethodologyError):
            leaves = methodology_from_text(preset_text(preset)).leaves
    return [[unit, leaf, "", TEMPLATE_PERIOD, ""] for unit in TEMPLATE_UNITS for leaf in leaves]


@login_required
@require_GET
def data_template(request: HttpRequest) -> HttpResponse:
    """A long-form CSV to fill in: unit, indicator (a leaf id), value, period, group."""
    require_writer(request)
    preset = request.GET.get("preset", "")
    text = _csv_text(TEMPLATE_HEADER, _template_rows(preset))
    name = f"评价数据模板-{preset}.csv" if preset in preset_names() else "评价数据模板.csv"
    return attachment(text.encode("utf-8"), name, CSV)
