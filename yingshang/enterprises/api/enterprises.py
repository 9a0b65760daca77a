"""The registry's enterprises: list, read, register, change, and each one's history."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status

from yingshang.audit.models import AuditEvent
from yingshang.enterprises.api.operations import operation_id
from yingshang.enterprises.api.schemas.enterprises import (
    EnterpriseCreateIn,
    EnterpriseOut,
    EnterprisePageOut,
    EnterprisePatchIn,
    EnterpriseQuery,
)
from yingshang.enterprises.api.schemas.history import AuditEventOut
from yingshang.enterprises.selectors.enterprises import (
    EnterprisePage,
    enterprise_history,
    enterprise_page,
    get_enterprise,
)
from yingshang.enterprises.services.enterprises import create_enterprise, update_enterprise
from yingshang.kernel.access import REGISTRY_LIST_READERS, REGISTRY_READERS, require_role
from yingshang.kernel.models import Enterprise
from yingshang.lib.schemas import error_responses

router = Router()

HISTORY_LIMIT = 200


@router.get(
    "/enterprises",
    response={200: EnterprisePageOut, **error_responses(401, 403, 422)},
    summary="市场主体列表",
    description=(
        "按登记先后倒序分页，不返回总数。取下一页时把上一页的 next_cursor 作为 cursor 传入，"
        "next_cursor 为 null 即已到最后一页。企业用户只能看到本企业；监督员无权访问。"
    ),
    operation_id=operation_id("list_enterprises"),
)
def list_enterprises(request: HttpRequest, query: Query[EnterpriseQuery]) -> EnterprisePage:
    # Registry readers list their zone; an enterprise user's list holds just its own entity.
    require_role(request.auth, *REGISTRY_LIST_READERS)
    return enterprise_page(
        user=request.auth, filters=query.filters(), after_id=query.cursor, limit=query.limit
    )


@router.get(
    "/enterprises/{enterprise_id}",
    response={200: EnterpriseOut, **error_responses(401, 404)},
    summary="市场主体详情",
    description="含资质与版本号。无权查看的主体与不存在的主体一样返回 404。",
    operation_id=operation_id("enterprise_detail"),
)
def enterprise_detail(request: HttpRequest, enterprise_id: int) -> Enterprise:
    return get_enterprise(user=request.auth, pk=enterprise_id)


@router.post(
    "/enterprises",
    response={201: EnterpriseOut, **error_responses(401, 403, 422)},
    summary="登记市场主体",
    description="仅限营商办与系统管理员。统一社会信用代码须通过 GB 32100-2015 校验且未被登记。",
    operation_id=operation_id("add_enterprise"),
)
def add_enterprise(request: HttpRequest, payload: EnterpriseCreateIn) -> Status[Enterprise]:
    enterprise = create_enterprise(
        actor=request.auth,
        zone_id=payload.zone_id,
        uscc_code=payload.uscc,
        data=payload.changes(),
    )
    return Status(201, enterprise)


@router.patch(
    "/enterprises/{enterprise_id}",
    response={200: EnterpriseOut, **error_responses(401, 403, 404, 409, 422)},
    summary="修改市场主体",
    description=(
        "只传需要修改的字段和读取时的 version。若期间他人已保存，返回 409，请重新读取后再改。"
        "成功后返回新的版本号。"
    ),
    operation_id=operation_id("change_enterprise"),
)
def change_enterprise(
    request: HttpRequest, enterprise_id: int, payload: EnterprisePatchIn
) -> Enterprise:
    return update_enterprise(
        actor=request.auth,
        enterprise_id=enterprise_id,
        expected_version=payload.version,
        data=payload.changes(),
        reason=payload.reason,
    )


@router.get(
    "/enterprises/{enterprise_id}/history",
    response={200: list[AuditEventOut], **error_responses(401, 403, 404)},
    summary="市场主体变更记录",
    description="该主体的审计事件，最新在前。仅限营商办、领导、部门与系统管理员。",
    operation_id=operation_id("enterprise_history"),
)
def history(
    request: HttpRequest,
    enterprise_id: int,
    limit: int = Query(50, ge=1, le=HISTORY_LIMIT, description="最多返回条数 (1-200)"),
) -> QuerySet[AuditEvent]:
    require_role(request.auth, *REGISTRY_READERS)
    return enterprise_history(user=request.auth, pk=enterprise_id, limit=limit)
