"""Handling over HTTP: 中止, 恢复办理, 答复, 办结归档, 重办 and 合并 of a duplicate.

Each action takes the `version` the caller read and answers the appeal as it now is."""

from django.http import HttpRequest
from ninja import Router

from yingshang.appeals.api.common import ACTION_ERRORS, operation_id
from yingshang.appeals.api.schemas.actions import MergeIn, ReasonIn, ReplyIn
from yingshang.appeals.api.schemas.appeals import AppealDetailOut
from yingshang.appeals.api.schemas.common import VersionIn
from yingshang.appeals.models import Appeal
from yingshang.appeals.selectors.appeals import appeal_detail
from yingshang.appeals.services import handling as services

router = Router()
RESPONSES = {200: AppealDetailOut, **ACTION_ERRORS}


@router.post(
    "/{appeal_id}/suspend",
    response=RESPONSES,
    summary="中止办理",
    description="承办部门或营商办中止办理，须写明理由；中止期间办理时限停止计算。",
    operation_id=operation_id("suspend"),
)
def suspend(request: HttpRequest, appeal_id: int, payload: ReasonIn) -> Appeal:
    services.suspend(
        actor=request.auth,
        appeal_id=appeal_id,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return appeal_detail(user=request.auth, appeal_id=appeal_id)


@router.post(
    "/{appeal_id}/resume",
    response=RESPONSES,
    summary="恢复办理",
    description="恢复中止的诉求；办理时限顺延中止期间的工作日数。",
    operation_id=operation_id("resume"),
)
def resume(request: HttpRequest, appeal_id: int, payload: VersionIn) -> Appeal:
    services.resume(actor=request.auth, appeal_id=appeal_id, expected_version=payload.version)
    return appeal_detail(user=request.auth, appeal_id=appeal_id)


@router.post(
    "/{appeal_id}/reply",
    response=RESPONSES,
    summary="答复",
    description="承办部门答复诉求人，须填写答复意见；回访时限为答复后的下一个工作日。",
    operation_id=operation_id("reply"),
)
def reply(request: HttpRequest, appeal_id: int, payload: ReplyIn) -> Appeal:
    services.reply(
        actor=request.auth,
        appeal_id=appeal_id,
        expected_version=payload.version,
        text=payload.text,
    )
    return appeal_detail(user=request.auth, appeal_id=appeal_id)


@router.post(
    "/{appeal_id}/close",
    response=RESPONSES,
    summary="办结归档",
    description="营商办在评价之后办结归档。",
    operation_id=operation_id("close"),
)
def close(request: HttpRequest, appeal_id: int, payload: VersionIn) -> Appeal:
    services.close(actor=request.auth, appeal_id=appeal_id, expected_version=payload.version)
    return appeal_detail(user=request.auth, appeal_id=appeal_id)


@router.post(
    "/{appeal_id}/reopen",
    response=RESPONSES,
    summary="重办",
    description="营商办把已评价或已办结的诉求重新交承办部门办理，须写明理由；重办次数加一，"
    "办理时限自重办之日重新起算。",
    operation_id=operation_id("reopen"),
)
def reopen(request: HttpRequest, appeal_id: int, payload: ReasonIn) -> Appeal:
    services.reopen(
        actor=request.auth,
        appeal_id=appeal_id,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return appeal_detail(user=request.auth, appeal_id=appeal_id)


@router.post(
    "/{appeal_id}/merge",
    response=RESPONSES,
    summary="合并重复诉求",
    description="营商办把重复的诉求合并到本功能区另一件诉求，两件诉求的办理记录都保留。",
    operation_id=operation_id("merge"),
)
def merge(request: HttpRequest, appeal_id: int, payload: MergeIn) -> Appeal:
    services.merge(
        actor=request.auth,
        appeal_id=appeal_id,
        expected_version=payload.version,
        into_id=payload.into_id,
    )
    return appeal_detail(user=request.auth, appeal_id=appeal_id)
