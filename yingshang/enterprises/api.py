"""The enterprise registry over HTTP (/api/registry/). Same access rules as the pages."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status

from yingshang.audit.models import AuditEvent
from yingshang.audit.selectors import events_for_object
from yingshang.enterprises.schemas import (
    AuditEventOut,
    DepartmentOut,
    EnterpriseCreateIn,
    EnterpriseOut,
    EnterprisePageOut,
    EnterprisePatchIn,
    EnterpriseQuery,
    ZoneOut,
)
from yingshang.enterprises.selectors.enterprises import (
    EnterprisePage,
    enterprise_page,
    get_enterprise,
)
from yingshang.enterprises.services.enterprises import create_enterprise, update_enterprise
from yingshang.kernel.access import (
    REGISTRY_READERS,
    REGISTRY_WRITERS,
    departments_visible_to,
    require_role,
    zones_visible_to,
)
from yingshang.kernel.models import Department, Enterprise, Role, User, Zone
from yingshang.lib.schemas import error_responses

router = Router(tags=["市场主体库"])

# The list page is for registry readers; an enterprise user's list holds just its own entity.
ENTERPRISE_LIST_ROLES = (*REGISTRY_READERS, Role.ENTERPRISE)
HISTORY_LIMIT = 200


def _zone_for_new_enterprise(user: User, zone_id: int | None) -> Zone:
    if zone_id is None:
        if user.zone is None:
            raise ValidationError({"zone_id": "请指定登记到哪个功能区"})
        return user.zone
    zone = zones_visible_to(user=user).filter(pk=zone_id).first()
    if zone is None:
        raise ValidationError({"zone_id": "功能区不存在或不在您的管辖范围内"})
    return zone


@router.get(
    "/zones",
    response={200: list[ZoneOut], **error_responses(401)},
    summary="功能区列表",
    description="系统管理员看到全部功能区, 其他用户只看到本人所在功能区。",
)
def list_zones(request: HttpRequest) -> QuerySet[Zone]:
    return zones_visible_to(user=request.auth)


@router.get(
    "/departments",
    response={200: list[DepartmentOut], **error_responses(401)},
    summary="部门列表",
    description="本功能区的部门 (系统管理员为全部); 企业用户无此数据。",
)
def list_departments(
    request: HttpRequest,
    zone_id: int | None = Query(None, description="只看某个功能区的部门"),
) -> QuerySet[Department]:
    departments = departments_visible_to(user=request.auth)
    return departments.filter(zone_id=zone_id) if zone_id is not None else departments


@router.get(
    "/enterprises",
    response={200: EnterprisePageOut, **error_responses(401, 403, 422)},
    summary="市场主体列表",
    description=(
        "按登记先后倒序分页, 不返回总数。取下一页时把上一页的 next_cursor 作为 cursor 传入, "
        "next_cursor 为 null 即已到最后一页。企业用户只能看到本企业; 监督员无权访问。"
    ),
)
def list_enterprises(request: HttpRequest, query: Query[EnterpriseQuery]) -> EnterprisePage:
    require_role(request.auth, *ENTERPRISE_LIST_ROLES)
    return enterprise_page(
        user=request.auth, filters=query.filters(), after_id=query.cursor, limit=query.limit
    )


@router.get(
    "/enterprises/{enterprise_id}",
    response={200: EnterpriseOut, **error_responses(401, 404)},
    summary="市场主体详情",
    description="含资质与版本号。无权查看的主体与不存在的主体一样返回 404。",
)
def enterprise_detail(request: HttpRequest, enterprise_id: int) -> Enterprise:
    return get_enterprise(user=request.auth, pk=enterprise_id)


@router.post(
    "/enterprises",
    response={201: EnterpriseOut, **error_responses(401, 403, 422)},
    summary="登记市场主体",
    description="仅限营商办与系统管理员。统一社会信用代码须通过 GB 32100-2015 校验且未被登记。",
)
def add_enterprise(request: HttpRequest, payload: EnterpriseCreateIn) -> Status[Enterprise]:
    require_role(request.auth, *REGISTRY_WRITERS)
    enterprise = create_enterprise(
        actor=request.auth,
        zone=_zone_for_new_enterprise(request.auth, payload.zone_id),
        uscc_code=payload.uscc,
        data=payload.changes(),
    )
    return Status(201, enterprise)


@router.patch(
    "/enterprises/{enterprise_id}",
    response={200: EnterpriseOut, **error_responses(401, 403, 404, 409, 422)},
    summary="修改市场主体",
    description=(
        "只传需要修改的字段和读取时的 version。若期间他人已保存, 返回 409, 请重新读取后再改。"
        "成功后返回新的版本号。"
    ),
)
def change_enterprise(
    request: HttpRequest, enterprise_id: int, payload: EnterprisePatchIn
) -> Enterprise:
    get_enterprise(user=request.auth, pk=enterprise_id)
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
    description="该主体的审计事件, 最新在前。仅限营商办、领导、部门与系统管理员。",
)
def enterprise_history(
    request: HttpRequest,
    enterprise_id: int,
    limit: int = Query(50, ge=1, le=HISTORY_LIMIT, description="最多返回条数 (1-200)"),
) -> QuerySet[AuditEvent]:
    require_role(request.auth, *REGISTRY_READERS)
    enterprise = get_enterprise(user=request.auth, pk=enterprise_id)
    return events_for_object(obj=enterprise, limit=limit)
