"""Extensions of the handling deadline (延期) over HTTP: the lead department (or the office)
asks before the deadline, the office or a leader decides.

The extension services lock the appeal but take no version: these endpoints check the
`version` the caller read before calling them (409 when the case changed since), so a decision
is never taken on a case the caller did not see."""

from django.http import HttpRequest
from ninja import Router, Status

from yingshang.appeals.api.common import ACTION_ERRORS, operation_id
from yingshang.appeals.api.schemas.actions import DecisionIn, ExtensionIn
from yingshang.appeals.api.schemas.history import AppealExtensionOut
from yingshang.appeals.models import Extension
from yingshang.appeals.selectors import lookups
from yingshang.appeals.services import extensions as services

router = Router()


@router.post(
    "/{appeal_id}/extensions",
    response={201: AppealExtensionOut, **ACTION_ERRORS},
    summary="申请延期",
    description=(
        "承办部门或营商办在办理时限届满前申请延期，申请延至的日期须晚于原时限；"
        "同一时间只能有一份待审批的申请。"
    ),
    operation_id=operation_id("request_extension"),
)
def request_extension(
    request: HttpRequest, appeal_id: int, payload: ExtensionIn
) -> Status[Extension]:
    user = request.auth
    lookups.appeal_at_version(user=user, appeal_id=appeal_id, version=payload.version)
    extension = services.request_extension(
        actor=user,
        appeal_id=appeal_id,
        requested_until=payload.requested_until,
        reason=payload.reason,
    )
    return Status(201, extension)


@router.post(
    "/{appeal_id}/extensions/{extension_id}/decision",
    response={200: AppealExtensionOut, **ACTION_ERRORS},
    summary="审批延期申请",
    description=(
        "营商办、领导或系统管理员审批；批准后办理时限改为申请的日期，不予批准须写明理由。"
    ),
    operation_id=operation_id("decide_extension"),
)
def decide_extension(
    request: HttpRequest, appeal_id: int, extension_id: int, payload: DecisionIn
) -> Extension:
    user = request.auth
    extension = lookups.extension_of(
        user=user, appeal_id=appeal_id, extension_id=extension_id, version=payload.version
    )
    return services.decide_extension(
        actor=user, extension_id=extension.pk, approve=payload.approve, note=payload.note
    )
