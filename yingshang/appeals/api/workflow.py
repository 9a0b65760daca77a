"""Acceptance and routing over HTTP: 受理, 提请不予受理 and its decision, 转办, 退回, 签收办理.

Each action takes the `version` the caller read and answers the appeal as it now is."""

from django.http import HttpRequest
from ninja import Router

from yingshang.appeals.api.common import ACTION_ERRORS, operation_id
from yingshang.appeals.api.schemas.actions import DispatchIn, ReasonIn, RejectionDecisionIn
from yingshang.appeals.api.schemas.appeals import AppealDetailOut
from yingshang.appeals.api.schemas.common import VersionIn
from yingshang.appeals.models import Appeal
from yingshang.appeals.selectors import lookups
from yingshang.appeals.selectors.appeals import appeal_detail
from yingshang.appeals.services import workflow as services

router = Router()
RESPONSES = {200: AppealDetailOut, **ACTION_ERRORS}


@router.post(
    "/{appeal_id}/accept",
    response=RESPONSES,
    summary="受理",
    description="营商办受理待受理的诉求，办理时限自受理之日起算。",
    operation_id=operation_id("accept"),
)
def accept(request: HttpRequest, appeal_id: int, payload: VersionIn) -> Appeal:
    services.accept(actor=request.auth, appeal_id=appeal_id, expected_version=payload.version)
    return appeal_detail(user=request.auth, appeal_id=appeal_id)


@router.post(
    "/{appeal_id}/rejection-proposal",
    response=RESPONSES,
    summary="提请不予受理",
    description="营商办提请不予受理，须写明理由 (将告知诉求人)，由领导审批。",
    operation_id=operation_id("propose_rejection"),
)
def propose_rejection(request: HttpRequest, appeal_id: int, payload: ReasonIn) -> Appeal:
    services.propose_rejection(
        actor=request.auth,
        appeal_id=appeal_id,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return appeal_detail(user=request.auth, appeal_id=appeal_id)


@router.post(
    "/{appeal_id}/rejection-decision",
    response=RESPONSES,
    summary="审批不予受理",
    description="领导 (或系统管理员) 批准不予受理 (诉求办结)，或不批准 (回到待受理)。",
    operation_id=operation_id("decide_rejection"),
)
def decide_rejection(request: HttpRequest, appeal_id: int, payload: RejectionDecisionIn) -> Appeal:
    services.decide_rejection(
        actor=request.auth,
        appeal_id=appeal_id,
        expected_version=payload.version,
        approve=payload.approve,
        note=payload.note,
    )
    return appeal_detail(user=request.auth, appeal_id=appeal_id)


@router.post(
    "/{appeal_id}/dispatch",
    response=RESPONSES,
    summary="转办",
    description="营商办把已受理 (或被退回) 的诉求转办给本功能区的承办部门。",
    operation_id=operation_id("dispatch"),
)
def dispatch(request: HttpRequest, appeal_id: int, payload: DispatchIn) -> Appeal:
    user = request.auth
    department = lookups.dispatch_department(
        user=user, appeal_id=appeal_id, department_id=payload.department_id
    )
    services.dispatch(
        actor=user,
        appeal_id=appeal_id,
        expected_version=payload.version,
        department=department,
        category=payload.category,
    )
    return appeal_detail(user=user, appeal_id=appeal_id)


@router.post(
    "/{appeal_id}/send-back",
    response=RESPONSES,
    summary="退回",
    description="承办部门把不属于本部门的诉求退回营商办重新转办，须写明退回理由。",
    operation_id=operation_id("send_back"),
)
def send_back(request: HttpRequest, appeal_id: int, payload: ReasonIn) -> Appeal:
    services.send_back(
        actor=request.auth,
        appeal_id=appeal_id,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return appeal_detail(user=request.auth, appeal_id=appeal_id)


@router.post(
    "/{appeal_id}/start",
    response=RESPONSES,
    summary="签收办理",
    description="承办部门签收转办来的诉求，开始办理。",
    operation_id=operation_id("start"),
)
def start(request: HttpRequest, appeal_id: int, payload: VersionIn) -> Appeal:
    services.start(actor=request.auth, appeal_id=appeal_id, expected_version=payload.version)
    return appeal_detail(user=request.auth, appeal_id=appeal_id)
