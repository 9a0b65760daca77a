"""Department performance (效能考核) over HTTP."""

from django.http import HttpRequest
from ninja import Query, Router

from yingshang.lib.schemas import error_responses
from yingshang.rectification.api.common import operation_id
from yingshang.rectification.api.schemas.performance import PerformanceQuery, PerformanceRowOut
from yingshang.rectification.selectors.performance import department_ranking

router = Router()


@router.get(
    "/performance",
    response={200: list[PerformanceRowOut], **error_responses(401, 403, 422)},
    summary="部门整改效能考核",
    description=(
        "month_from 至 month_to (YYYY-MM，含) 各部门的交办、按期完成、超期、销号、退回情况与"
        "效能得分，按得分排名 (得分相同名次相同)。仅限营商办、领导与系统管理员。"
    ),
    operation_id=operation_id("performance"),
)
def performance(request: HttpRequest, query: Query[PerformanceQuery]) -> list[dict]:
    return department_ranking(
        user=request.auth,
        zone_id=query.zone_id,
        month_from=query.month_from,
        month_to=query.month_to,
    )
