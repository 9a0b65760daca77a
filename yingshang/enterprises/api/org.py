"""The zones and departments the caller may see: what enterprises are registered under."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router

from yingshang.enterprises.api.operations import operation_id
from yingshang.enterprises.api.schemas.org import DepartmentOut, ZoneOut
from yingshang.kernel.access import zones_visible_to
from yingshang.kernel.models import Department, Zone
from yingshang.kernel.selectors import departments_for
from yingshang.lib.schemas import error_responses

router = Router()


@router.get(
    "/zones",
    response={200: list[ZoneOut], **error_responses(401)},
    summary="功能区列表",
    description="系统管理员看到全部功能区，其他用户只看到本人所在功能区。",
    operation_id=operation_id("list_zones"),
)
def list_zones(request: HttpRequest) -> QuerySet[Zone]:
    return zones_visible_to(user=request.auth)


@router.get(
    "/departments",
    response={200: list[DepartmentOut], **error_responses(401)},
    summary="部门列表",
    description="本功能区的部门 (系统管理员为全部); 企业用户无此数据。",
    operation_id=operation_id("list_departments"),
)
def list_departments(
    request: HttpRequest,
    zone_id: int | None = Query(None, description="只看某个功能区的部门"),
) -> QuerySet[Department]:
    return departments_for(user=request.auth, zone_id=zone_id)
