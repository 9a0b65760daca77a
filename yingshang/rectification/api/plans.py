"""Plans (整改提升工作方案) over HTTP: the list, one plan with its items, drafting from an
evaluation, submitting, approving, publishing, and the Word document."""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from yingshang.evaluation import public as evaluation
from yingshang.lib.files import DOCX, attachment
from yingshang.lib.schemas import error_responses
from yingshang.rectification.api.common import LIST_LIMIT, operation_id
from yingshang.rectification.api.schemas.plans import (
    PlanDetailOut,
    PlanDraftIn,
    PlanOut,
    VersionIn,
)
from yingshang.rectification.models import Plan
from yingshang.rectification.selectors import plans as selectors
from yingshang.rectification.services import plans as services

router = Router()


@router.get(
    "/plans",
    response={200: list[PlanOut], **error_responses(401, 403)},
    summary="整改方案列表",
    description="本功能区的整改方案 (部门只见已印发的)ï¼最新在前。",
    operation_id=operation_id("list_plans"),
)
def list_plans(request: HttpRequest) -> QuerySet[Plan]:
    return selectors.plan_list(user=request.auth)[:LIST_LIMIT]


@router.get(
    "/plans/{plan_id}",
    response={200: PlanDetailOut, **error_responses(401, 403, 404)},
    summary="整改方案详情",
    description="含各指标的评价情况 (冻结的得分、排名等) 与任务分工。",
    operation_id=operation_id("plan_detail"),
)
def plan_detail(request: HttpRequest, plan_id: int) -> Plan:
    return selectors.plan_detail(user=request.auth, plan_id=plan_id)


@router.post(
    "/plans",
    response={201: PlanDetailOut, **error_responses(401, 403, 404, 422)},
    summary="由评价生成整改方案草稿",
    description=(
        "按一次评价生成整改提升工作方案草稿: 每个一级指标一项，冻结本区的得分与排名，"
        "短板弱项登记为问题。仅限营商办与系统管理员。"
    ),
    operation_id=operation_id("draft_plan"),
)
def draft_plan(request: HttpRequest, payload: PlanDraftIn) -> Status[Plan]:
    user = request.auth
    run = evaluation.get_run(user=user, run_id=payload.run_id)
    plan = services.draft_plan_from_run(actor=user, run=run, weak_limit=payload.weak_limit)
    return Status(201, selectors.plan_detail(user=user, plan_id=plan.pk))


@router.post(
    "/plans/{plan_id}/submission",
    response={200: PlanOut, **error_responses(401, 403, 404, 409, 422)},
    summary="提交整改方案审批",
    description=(
        "把起草中的方案提交领导审批。传读取时的 version; 期间他人已修改则返回 409。"
        "仅限营商办与系统管理员。"
    ),
    operation_id=operation_id("submit_plan"),
)
def submit_plan(request: HttpRequest, plan_id: int, payload: VersionIn) -> Plan:
    user = request.auth
    plan = selectors.get_plan(user=user, plan_id=plan_id)
    return services.submit_plan(actor=user, plan=plan, expected_version=payload.version)


@router.post(
    "/plans/{plan_id}/approval",
    response={200: PlanOut, **error_responses(401, 403, 404, 409, 422)},
    summary="审批整改方案",
    description=(
        "领导 (或系统管理员) 审批已提交的方案。传读取时的 version; 期间他人已修改则返回 409。"
    ),
    operation_id=operation_id("approve_plan"),
)
def approve_plan(request: HttpRequest, plan_id: int, payload: VersionIn) -> Plan:
    user = request.auth
    plan = selectors.get_plan(user=user, plan_id=plan_id)
    return services.approve_plan(actor=user, plan=plan, expected_version=payload.version)


@router.post(
    "/plans/{plan_id}/publication",
    response={200: PlanOut, **error_responses(401, 403, 404, 409, 422)},
    summary="印发整改方案",
    description="印发已审批的方案并交办其中的任务。传读取时的 version; 期间他人已修改则返回 409。",
    operation_id=operation_id("publish_plan"),
)
def publish_plan(request: HttpRequest, plan_id: int, payload: VersionIn) -> Plan:
    user = request.auth
    plan = selectors.get_plan(user=user, plan_id=plan_id)
    return services.publish_plan(actor=user, plan=plan, expected_version=payload.version)


@router.get(
    "/plans/{plan_id}/document.docx",
    response={200: None, **error_responses(401, 403, 404)},
    summary="下载整改方案 (Word)",
    description="按整改提升工作方案的格式生成 Word 文件。",
    openapi_extra={"responses": {200: {"description": "Word 文件", "content": {DOCX: {}}}}},
    operation_id=operation_id("plan_document"),
)
def plan_document(request: HttpRequest, plan_id: int) -> HttpResponse:
    # Imported on use: the builder loads python-docx.
    from yingshang.rectification.documents.plan_docx import build_plan_docx

    plan = selectors.get_plan(user=request.auth, plan_id=plan_id)
    return attachment(build_plan_docx(plan), f"{plan.title}.docx", DOCX)
