"""After the reply, over HTTP: 回访, 评价 (好差评), the dispute of a 差评 (申诉复核) and its
review, and the report that a 差评 was rectified.

The rating's dispute and rectification services take no version: these endpoints check the
appeal's `version` the caller read before calling them (409 when the case changed since)."""

from django.http import HttpRequest
from ninja import Router

from yingshang.appeals.api.common import ACTION_ERRORS, operation_id
from yingshang.appeals.api.schemas.actions import (
    DisputeDecisionIn,
    NoteIn,
    RatingIn,
    ReasonIn,
    VisitIn,
)
from yingshang.appeals.api.schemas.appeals import AppealDetailOut
from yingshang.appeals.api.schemas.feedback import RatingOut
from yingshang.appeals.models import Appeal, Rating
from yingshang.appeals.selectors import lookups
from yingshang.appeals.selectors.appeals import appeal_detail
from yingshang.appeals.services import feedback as services

router = Router()


@router.post(
    "/{appeal_id}/visit",
    response={200: AppealDetailOut, **ACTION_ERRORS},
    summary="回访",
    description="营商办在答复后回访诉求人，须填写回访记录 (按时与否随之记下)。",
    operation_id=operation_id("visit"),
)
def visit(request: HttpRequest, appeal_id: int, payload: VisitIn) -> Appeal:
    services.visit(
        actor=request.auth,
        appeal_id=appeal_id,
        expected_version=payload.version,
        note=payload.note,
    )
    return appeal_detail(user=request.auth, appeal_id=appeal_id)


@router.post(
    "/{appeal_id}/rating",
    response={200: AppealDetailOut, **ACTION_ERRORS},
    summary="评价",
    description=(
        "诉求企业本身评价，或营商办代为评价 (五级)。差评 (不满意、非常不满意) 须填写原因并开始"
        "差评整改时限；因主观原因的差评系统随即重办。"
    ),
    operation_id=operation_id("rate"),
)
def rate(request: HttpRequest, appeal_id: int, payload: RatingIn) -> Appeal:
    services.rate(
        actor=request.auth,
        appeal_id=appeal_id,
        expected_version=payload.version,
        level=payload.level,
        reason=payload.reason,
        subjective=payload.subjective,
    )
    return appeal_detail(user=request.auth, appeal_id=appeal_id)


@router.post(
    "/{appeal_id}/ratings/{rating_id}/dispute",
    response={200: RatingOut, **ACTION_ERRORS},
    summary="差评申诉复核",
    description="承办部门或营商办对差评提出申诉，须写明理由；每条差评只能申诉一次。",
    operation_id=operation_id("dispute_rating"),
)
def dispute(request: HttpRequest, appeal_id: int, rating_id: int, payload: ReasonIn) -> Rating:
    user = request.auth
    rating = lookups.rating_of(
        user=user, appeal_id=appeal_id, rating_id=rating_id, version=payload.version
    )
    return services.dispute_rating(actor=user, rating_id=rating.pk, reason=payload.reason)


@router.post(
    "/{appeal_id}/ratings/{rating_id}/dispute-decision",
    response={200: RatingOut, **ACTION_ERRORS},
    summary="复核差评申诉",
    description=(
        "营商办、领导或系统管理员复核：维持差评，或撤销差评 (不再计入，整改时限撤销)；"
        "须填写复核意见。"
    ),
    operation_id=operation_id("decide_dispute"),
)
def decide_dispute(
    request: HttpRequest, appeal_id: int, rating_id: int, payload: DisputeDecisionIn
) -> Rating:
    user = request.auth
    rating = lookups.rating_of(
        user=user, appeal_id=appeal_id, rating_id=rating_id, version=payload.version
    )
    return services.decide_dispute(
        actor=user, rating_id=rating.pk, upheld=payload.upheld, note=payload.note
    )


@router.post(
    "/{appeal_id}/ratings/{rating_id}/rectification",
    response={200: RatingOut, **ACTION_ERRORS},
    summary="报送差评整改",
    description="承办部门或营商办报送差评已整改，须填写整改情况。",
    operation_id=operation_id("complete_rectification"),
)
def complete_rectification(
    request: HttpRequest, appeal_id: int, rating_id: int, payload: NoteIn
) -> Rating:
    user = request.auth
    rating = lookups.rating_of(
        user=user, appeal_id=appeal_id, rating_id=rating_id, version=payload.version
    )
    services.complete_rectification(actor=user, rating_id=rating.pk, note=payload.note)
    return lookups.rating_of(
        user=user, appeal_id=appeal_id, rating_id=rating_id, version=payload.version
    )
