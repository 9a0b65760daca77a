"""Open311 GeoReport v2, read-only and public (/api/open311/v2/): the kinds of appeal as services
and the public cases as service requests, for outside tools. No sign-in.

What a case shows and when it is public is the selector's (`selectors.public`): accepted, not
merged or refused, not anonymous; its title without names or numbers; never the content, the
applicant, the enterprise or the reply. `jurisdiction_id` is a zone's code; without it every
zone's cases are listed. Errors use the platform's one error format.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router

from yingshang.appeals.api.common import operation_id
from yingshang.appeals.api.schemas.open311 import RequestQuery, ServiceOut, ServiceRequestOut
from yingshang.appeals.selectors import public
from yingshang.lib.schemas import error_responses

router = Router(tags=["Open311 (公开诉求)"])
STATUSES = frozenset({"open", "closed"})


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _filters(query: RequestQuery) -> public.RequestFilters:
    statuses = _split(query.status)
    if set(statuses) - STATUSES:
        raise ValidationError({"status": "状态只能是 open 或 closed"})
    ids = _split(query.service_request_id)
    if not all(part.isdigit() for part in ids):
        raise ValidationError({"service_request_id": "编号应为数字，逗号分隔"})
    return public.RequestFilters(
        service_codes=_split(query.service_code),
        statuses=statuses,
        start=query.start_date,
        end=query.end_date,
        ids=[int(part) for part in ids],
    )


@router.get(
    "/services.json",
    auth=None,
    response={200: list[ServiceOut], **error_responses(404)},
    summary="服务列表 (诉求类型)",
    description="GeoReport v2 services: 诉求类型及其受理、办理时限。无需登录。",
    operation_id=operation_id("open311_services"),
)
def services(request: HttpRequest, jurisdiction_id: str | None = None) -> list:
    return public.public_services(zone=public.jurisdiction(jurisdiction_id))


@router.get(
    "/requests.json",
    auth=None,
    response={200: list[ServiceRequestOut], **error_responses(404, 422)},
    summary="公开诉求列表",
    description=(
        "GeoReport v2 service requests: 已受理且未合并、非匿名的诉求，最新在前，最多 1000 条。"
        "可按诉求类型、状态 (open/closed) 与提出时间筛选。不含姓名、电话、证件号码与企业。"
    ),
    operation_id=operation_id("open311_requests"),
)
def requests(request: HttpRequest, query: Query[RequestQuery]) -> list[dict]:
    return public.public_requests(
        zone=public.jurisdiction(query.jurisdiction_id), filters=_filters(query)
    )


@router.get(
    "/requests/{service_request_id}.json",
    auth=None,
    response={200: list[ServiceRequestOut], **error_responses(404)},
    summary="一件公开诉求",
    description="GeoReport v2: 以一项的列表返回；不公开或不存在的诉求返回 404。",
    operation_id=operation_id("open311_request"),
)
def request_detail(
    request: HttpRequest, service_request_id: str, jurisdiction_id: str | None = None
) -> list[dict]:
    return public.public_request_by_id(
        zone=public.jurisdiction(jurisdiction_id), request_id=service_request_id
    )
