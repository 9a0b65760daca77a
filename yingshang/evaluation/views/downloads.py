"""Downloads: the Word and Excel reports, the score table, and the data template."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from yingshang.core.evaluation import MethodologyError
from yingshang.core.evaluation.loading import methodology_from_text, preset_names, preset_text
from yingshang.core.evaluation.methodology import Methodology
from yingshang.evaluation import selectors
from yingshang.evaluation.reports import build_docx, build_xlsx
from yingshang.evaluation.reports.tables import score_csv, template_csv
from yingshang.evaluation.views.common import (
    default_unit,
    readable_run,
    require_writer,
    unit_or_404,
)
from yingshang.lib.files import DOCX, XLSX, attachment

CSV = "text/csv; charset=utf-8"
# Without a preset the template shows two leaves of this one, as an example of the format.
EXAMPLE_PRESET = "henan-zone"
EXAMPLE_LEAVES = 2


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


@login_required
@require_GET
def scores_csv(request: HttpRequest, run_id: int) -> HttpResponse:
    """Every unit's score and rank on every indicator, for people: Chinese headers, indicator
    names with their codes beside them. (The command line's `--out` keeps the English contract.)"""
    run = readable_run(request, run_id)
    text = score_csv(selectors.run_result(run))
    return attachment(text.encode("utf-8"), f"{_file_stem(run)}-得分长表.csv", CSV)


def _preset(name: str) -> Methodology | None:
    if name not in preset_names():
        return None
    try:
        return methodology_from_text(preset_text(name))
    except MethodologyError:
        return None


@login_required
@require_GET
def data_template(request: HttpRequest) -> HttpResponse:
    """A long-form CSV to fill in: 单位，指标编码，指标名称，计量单位，数值，期间，分组; one row per
    leaf of the preset asked for, else two example leaves. It uploads back as it is, filled in."""
    require_writer(request)
    preset = request.GET.get("preset", "")
    methodology = _preset(preset)
    if methodology is not None:
        text = template_csv(methodology)
        name = f"评价数据模板-{preset}.csv"
    else:
        example = methodology_from_text(preset_text(EXAMPLE_PRESET))
        text = template_csv(example, leaves=example.leaves[:EXAMPLE_LEAVES])
        name = "评价数据模板.csv"
    return attachment(text.encode("utf-8"), name, CSV)
