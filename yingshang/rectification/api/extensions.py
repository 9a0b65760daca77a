"""Extension requests (延期申请) over HTTP: the lead department asks, a leader or the office
decides."""

from django.http import HttpRequest
from ninja import Router, Status

from yingshang.lib.schemas import error_responses
from yingshang.rectification.api.common import operation_id
from yingshang.rectification.api.schemas.extensions import DecisionIn, ExtensionIn, ExtensionOut
from yingshang.rectification.models import Extension
from yingshang.rectification.services import tasks as services

router = Router()


@router.post(
    "/tasks/{task_id}/extensions",
    response={201: ExtensionOut, **error_responses(401, 403, 404, 422)},
    summary="申请延期",
    description="牵头部门在时限届满前申请延期，由领导或营商办审批。",
    operation_id=operation_id("request_extension"),
)
def request_extension(
    request: HttpRequest, task_id: int, payload: ExtensionIn
) -> Status[Extension]:
    extension = services.request_extension(
        actor=request.auth,
        task_id=task_id,
        new_deadline=payload.new_deadline,
        reason=payload.reason,
    )
    return Status(201, extension)


@router.post(
    "/extensions/{extension_id}/decision",
    response={200: ExtensionOut, **error_responses(401, 403, 404, 422)},
    summary="审批延期申请",
    description="批准后任务时限改为申请的日期；申请人收到通知。仅限领导、营商办与系统管理员。",
    operation_id=operation_id("decide_extension"),
)
def decide_extension(request: HttpRequest, extension_id: int, payload: DecisionIn) -> Extension:
    return services.decide_extension(
        actor=request.auth, extension_id=extension_id, approve=payload.approve, note=payload.note
    )
