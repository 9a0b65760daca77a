"""The problem ledger (问题台账) over HTTP: the list and its Excel export, one problem, its likely
duplicates, registering and editing."""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Status

from yingshang.lib.files import XLSX, attachment
from yingshang.lib.schemas import error_responses
from yingshang.rectification.api.common import LIST_LIMIT, operation_id
from yingshang.rectification.api.schemas.problems import (
    DuplicateHintOut,
    ProblemIn,
    ProblemOut,
    ProblemPatchIn,
    ProblemQuery,
)
from yingshang.rectification.models import Problem
from yingshang.rectification.selectors import problems as selectors
from yingshang.rectification.selectors.reference import department_of_zone, requested_zone
from yingshang.rectification.services import problems as services

router = Router()


def _filters(query: ProblemQuery) -> selectors.ProblemFilters:
    return selectors.ProblemFilters(
        status=query.status, grade=query.grade, source=query.source, department=query.department
    )


@router.get(
    "/problems",
    response={200: list[ProblemOut], **error_responses(401, 403, 422)},
    summary="问题台账",
    description="可按状态、分级、来源、责任部门筛选；最新发现的在前 (最多 500 条)。",
    operation_id=operation_id("list_problems"),
)
def list_problems(request: HttpRequest, query: Query[ProblemQuery]) -> QuerySet[Problem]:
    return selectors.problem_list(user=request.auth, filters=_filters(query))[:LIST_LIMIT]


@router.get(
    "/problems.xlsx",
    response={200: None, **error_responses(401, 403, 422)},
    summary="导出问题台账 (Excel)",
    description="与问题台账列表相同的筛选条件，导出为 Excel 工作簿。",
    openapi_extra={"responses": {200: {"description": "Excel 文件", "content": {XLSX: {}}}}},
    operation_id=operation_id("export_problems"),
)
def export_problems(request: HttpRequest, query: Query[ProblemQuery]) -> HttpResponse:
    # Imported on use: the builder loads the spreadsheet library.
    from yingshang.rectification.documents.ledger_xlsx import build_ledger_xlsx

    problems = selectors.problem_list(user=request.auth, filters=_filters(query))
    content = build_ledger_xlsx(problems)
    return attachment(content, f"问题台账-{timezone.localdate():%Y%m%d}.xlsx", XLSX)


@router.get(
    "/problems/{problem_id}",
    response={200: ProblemOut, **error_responses(401, 403, 404)},
    summary="问题详情",
    operation_id=operation_id("problem_detail"),
)
def problem_detail(request: HttpRequest, problem_id: int) -> Problem:
    return selectors.get_problem(user=request.auth, problem_id=problem_id)


@router.get(
    "/problems/{problem_id}/duplicates",
    response={200: list[DuplicateHintOut], **error_responses(401, 403, 404)},
    summary="可能重复的问题",
    description="台账中与该问题文字相近的问题 (字符二元组 Jaccard 相似度，最相近在前)，仅作提示。",
    operation_id=operation_id("problem_duplicates"),
)
def problem_duplicates(request: HttpRequest, problem_id: int) -> list[dict]:
    hints = selectors.problem_duplicates(user=request.auth, problem_id=problem_id)
    return [
        {
            "id": hint.problem.pk,
            "code": hint.problem.code,
            "title": hint.problem.title,
            "similarity": hint.similarity,
        }
        for hint in hints
    ]


@router.post(
    "/problems",
    response={201: ProblemOut, **error_responses(401, 403, 404, 422)},
    summary="登记问题",
    description=(
        "登记一个问题，编号 (WT年份-序号) 自动生成，整改时限按分级时限和工作日历推算。"
        "仅限营商办与系统管理员。"
    ),
    operation_id=operation_id("create_problem"),
)
def create_problem(request: HttpRequest, payload: ProblemIn) -> Status[Problem]:
    user = request.auth
    zone = requested_zone(user, payload.zone_id)
    problem = services.create_problem(
        actor=user,
        zone=zone,
        title=payload.title,
        source=payload.source,
        grade=payload.grade,
        reported_on=payload.reported_on,
        description=payload.description,
        evidence=payload.evidence,
        source_ref=payload.source_ref,
        indicator=payload.indicator,
        indicator_name=payload.indicator_name,
        department=payload.department_id,
    )
    return Status(201, problem)


@router.patch(
    "/problems/{problem_id}",
    response={200: ProblemOut, **error_responses(401, 403, 404, 409, 422)},
    summary="修改问题",
    description=(
        "只改传入的字段；传读取时的 version，期间他人已修改则返回 409。仅限营商办与系统管理员。"
    ),
    operation_id=operation_id("change_problem"),
)
def change_problem(request: HttpRequest, problem_id: int, payload: ProblemPatchIn) -> Problem:
    user = request.auth
    problem = selectors.get_problem(user=user, problem_id=problem_id)
    fields = payload.dict(exclude_unset=True)
    version = fields.pop("version")
    if "department_id" in fields:
        department_id = fields.pop("department_id")
        fields["department"] = (
            None
            if department_id is None
            else department_of_zone(
                zone=problem.zone, department_id=department_id, field="department_id"
            )
        )
    return services.update_problem(actor=user, problem=problem, expected_version=version, **fields)
