"""Appeals (诉求) over HTTP: the list (keyset pages), one appeal with its history, and intake."""

from django.http import HttpRequest
from ninja import Query, Router, Status

from yingshang.appeals.api.common import operation_id
from yingshang.appeals.api.schemas.appeals import (
    AppealDetailOut,
    AppealIn,
    AppealPageOut,
    AppealQuery,
)
from yingshang.appeals.models import Appeal
from yingshang.appeals.selectors import lookups
from yingshang.appeals.selectors.appeals import AppealFilters, appeal_detail
from yingshang.appeals.services.intake import receive_appeal
from yingshang.lib.paging import Page
from yingshang.lib.schemas import error_responses

router = Router()


@router.get(
    "",
    response={200: AppealPageOut, **error_responses(401, 403, 422)},
    summary="诉求列表",
    description=(
        "营商办与领导看本功能区的诉求，部门只看转办给本部门的，企业只看本企业的；监督员无权访问。"
        "可按状态、渠道、类型、承办部门、是否超期与关键词筛选。按登记先后倒序分页，不返回总数："
        "把上一页的 next_cursor 作为 cursor 传入取下一页。非经办人看到脱敏的电话与证件号码。"
    ),
    operation_id=operation_id("list_appeals"),
)
def list_appeals(request: HttpRequest, query: Query[AppealQuery]) -> Page[Appeal]:
    filters = AppealFilters(
        state=query.state,
        channel=query.channel,
        kind=query.kind,
        lead_department=query.department,
        overdue=query.overdue,
    )
    return lookups.appeal_page(
        user=request.auth, filters=filters, q=query.q, after=query.cursor, limit=query.limit
    )


@router.get(
    "/{appeal_id}",
    response={200: AppealDetailOut, **error_responses(401, 403, 404)},
    summary="诉求详情",
    description="含办理记录、延期申请、中止、回访与评价。无权查看的诉求与不存在的一样返回 404。",
    operation_id=operation_id("appeal_detail"),
)
def detail(request: HttpRequest, appeal_id: int) -> Appeal:
    return appeal_detail(user=request.auth, appeal_id=appeal_id)


@router.post(
    "",
    response={201: AppealDetailOut, **error_responses(401, 403, 422)},
    summary="登记诉求",
    description=(
        "营商办 (任何渠道) 与系统管理员登记诉求；企业用户只能为本企业在网上提出 (渠道记为"
        "网上投诉平台)。受理审查时限按诉求类型与工作日历推算。实名诉求须填写诉求人姓名。"
    ),
    operation_id=operation_id("create_appeal"),
)
def create(request: HttpRequest, payload: AppealIn) -> Status[Appeal]:
    user = request.auth
    zone = lookups.intake_zone(user, payload.zone_id)
    appeal = receive_appeal(
        actor=user,
        zone=zone,
        kind=payload.kind,
        title=payload.title,
        content=payload.content,
        channel=payload.channel,
        enterprise=lookups.intake_enterprise(zone=zone, enterprise_id=payload.enterprise_id),
        applicant_name=payload.applicant_name,
        applicant_phone=payload.applicant_phone,
        applicant_id_number=payload.applicant_id_number,
        anonymous=payload.anonymous,
        category=payload.category,
        received_on=payload.received_on,
    )
    return Status(201, appeal_detail(user=user, appeal_id=appeal.pk))
