"""/api/evaluation/runs/{id}/report.docx and report.xlsx: the evaluation report of one unit."""

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from yingshang.evaluation import selectors
from yingshang.evaluation.api.common import operation_id, unit_of
from yingshang.evaluation.api.schemas.runs import UnitQuery
from yingshang.evaluation.reports import build_docx, build_xlsx
from yingshang.lib.files import DOCX, XLSX, attachment
from yingshang.lib.schemas import error_responses

router = Router()


def _report(request: HttpRequest, run_id: int, unit: str, kind: str) -> HttpResponse:
    run = selectors.get_run(user=request.auth, run_id=run_id)
    result = selectors.run_result(run)
    chosen = unit_of(run, result, unit)
    build, content_type = (build_docx, DOCX) if kind == "docx" else (build_xlsx, XLSX)
    content = build(
        result=result,
        unit=chosen,
        previous=selectors.previous_result(run),
        trend=selectors.trend_results(run),
        zone_name=run.zone.name,
        title=run.title,
    )
    return attachment(content, f"{run.title}-{chosen}.{kind}", content_type)


@router.get(
    "/runs/{run_id}/report.docx",
    response={200: None, **error_responses(401, 403, 404, 422)},
    summary="下载评价报告 (Word)",
    description="按评价报告的格式生成一个参评单位 (默认本区) 的中文评价报告。",
    openapi_extra={"responses": {200: {"description": "Word 文件", "content": {DOCX: {}}}}},
    operation_id=operation_id("report_docx"),
)
def report_docx(request: HttpRequest, run_id: int, query: Query[UnitQuery]) -> HttpResponse:
    return _report(request, run_id, query.unit, "docx")


@router.get(
    "/runs/{run_id}/report.xlsx",
    response={200: None, **error_responses(401, 403, 404, 422)},
    summary="下载评价结果 (Excel)",
    description="一个参评单位 (默认本区) 的评价结果工作簿，含各级得分、排名与差距。",
    openapi_extra={"responses": {200: {"description": "Excel 文件", "content": {XLSX: {}}}}},
    operation_id=operation_id("report_xlsx"),
)
def report_xlsx(request: HttpRequest, run_id: int, query: Query[UnitQuery]) -> HttpResponse:
    return _report(request, run_id, query.unit, "xlsx")
