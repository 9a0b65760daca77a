"""After the reply: the return visit (回访), the rating (好差评), the 差评 rectification clock,
the dispute of a 差评 (申诉复核) and the reopening a subjective 差评 leads to (重办)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from yingshang.appeals import events
from yingshang.appeals.models import Appeal, Rating, RatingRectification, ReturnVisit
from yingshang.appeals.services.handling import reopen_change
from yingshang.appeals.services.settings import zone_settings
from yingshang.appeals.services.workflow import act, lock_appeal, move
from yingshang.calendars.selectors import load_calendar
from yingshang.core.appeals.clocks import rating_rectification_deadline
from yingshang.core.appeals.ratings import (
    DisputeState,
    Level,
    RatingError,
    may_dispute,
    outcome,
    parse_level,
)
from yingshang.core.appeals.workflow import Action
from yingshang.kernel.access import APPEAL_DECIDERS, require_zone_role
from yingshang.kernel.models import Role, User


def visit(
    *,
    actor: User,
    appeal_id: int,
    expected_version: int,
    note: str,
    today: dt.date | None = None,
) -> Appeal:
    """回访 by the office: recorded with whether it was on time (the next working day)."""
    day = today or timezone.localdate()

    def change(appeal: Appeal) -> None:
        ReturnVisit.objects.create(
            appeal=appeal,
            visited_on=day,
            visitor=actor,
            note=note.strip(),
            on_time=appeal.visit_deadline is None or day <= appeal.visit_deadline,
        )

    return act(
        actor=actor,
        appeal_id=appeal_id,
        action=Action.VISIT,
        expected_version=expected_version,
        note=note,
        today=day,
        change=change,
    )


@transaction.atomic
def rate(
    *,
    actor: User,
    appeal_id: int,
    expected_version: int,
    level: str,
    reason: str = "",
    subjective: bool = False,
    today: dt.date | None = None,
) -> Rating:
    """The applicant's rating (or the office's, on its behalf). A 差评 starts its rectification
    clock; a subjective 差评 reopens the case at once."""
    day = today or timezone.localdate()
    try:
        chosen = parse_level(level)
        result = outcome(chosen, subjective=subjective, reason=reason)
    except RatingError as exc:
        raise ValidationError({"level": str(exc)}) from None
    created: list[Rating] = []

    def change(appeal: Appeal) -> None:
        rating = Rating.objects.create(
            appeal=appeal,
            level=chosen.value,
            reason=reason.strip(),
            subjective=subjective and result.bad,
            rated_on=day,
            rated_by=actor,
            on_behalf=actor.role != Role.ENTERPRISE,
        )
        if result.rectify:
            workdays = zone_settings(appeal.zone).rating_rectification_workdays
            RatingRectification.objects.create(
                rating=rating,
                started_on=day,
                deadline=rating_rectification_deadline(day, load_calendar(), workdays),
            )
        created.append(rating)

    appeal = act(
        actor=actor,
        appeal_id=appeal_id,
        action=Action.RATE,
        expected_version=expected_version,
        today=day,
        change=change,
        data={"rating_level": chosen.value, "rating_subjective": subjective},
    )
    if result.reopen:
        move(
            actor=None,
            appeal=appeal,
            action=Action.REOPEN,
            today=day,
            reason=f"因主观原因评价为不满意，重新办理：{reason.strip()}",
            change=reopen_change(day),
        )
    return created[0]


def _rating_of(actor: User, rating_id: int) -> tuple[Rating, Appeal]:
    rating = Rating.objects.select_for_update().filter(pk=rating_id).first()
    if rating is None:
        raise Http404("未找到该评价")
    return rating, lock_appeal(actor, rating.appeal_id)


@transaction.atomic
def dispute_rating(*, actor: User, rating_id: int, reason: str) -> Rating:
    """申诉复核 of a 差评 by the department that handled the case (or the office)."""
    rating, appeal = _rating_of(actor, rating_id)
    handles = actor.role == Role.DEPARTMENT and actor.department_id == appeal.lead_department_id
    if not handles and actor.role not in (Role.OFFICE, Role.ADMIN):
        raise PermissionDenied("只有承办部门或营商办可以申诉复核")
    if not may_dispute(rating.level, rating.dispute_state):
        raise ValidationError("只有差评可以申诉复核，且只能申诉一次")
    if not reason.strip():
        raise ValidationError({"reason": "请填写申诉理由"})
    rating.dispute_state = DisputeState.PENDING.value
    rating.dispute_reason = reason.strip()
    rating.save()
    events.rating_disputed(actor=actor, appeal=appeal, reason=reason.strip())
    return rating


@transaction.atomic
def decide_dispute(*, actor: User, rating_id: int, upheld: bool, note: str) -> Rating:
    """The office or a leader decides: upheld, the 差评 stands; overturned, it no longer counts
    and its rectification clock is cancelled."""
    rating, appeal = _rating_of(actor, rating_id)
    require_zone_role(actor, appeal.zone_id, APPEAL_DECIDERS, message="无权复核差评")
    if rating.dispute_state != DisputeState.PENDING:
        raise ValidationError("该评价没有待复核的申诉")
    if not note.strip():
        raise ValidationError({"note": "请填写复核意见"})
    rating.dispute_state = (DisputeState.UPHELD if upheld else DisputeState.OVERTURNED).value
    rating.dispute_note = note.strip()
    rating.save()
    if not upheld:
        RatingRectification.objects.filter(rating=rating).update(
            status=RatingRectification.Status.CANCELLED
        )
    events.rating_reviewed(actor=actor, appeal=appeal, upheld=upheld, note=note.strip())
    return rating


@transaction.atomic
def complete_rectification(
    *, actor: User, rating_id: int, note: str, today: dt.date | None = None
) -> RatingRectification:
    """The 差评 rectified, by the handling department or the office."""
    rating, appeal = _rating_of(actor, rating_id)
    handles = actor.role == Role.DEPARTMENT and actor.department_id == appeal.lead_department_id
    if not handles and actor.role not in (Role.OFFICE, Role.ADMIN):
        raise PermissionDenied("只有承办部门或营商办可以报送差评整改")
    item = RatingRectification.objects.filter(rating=rating).first()
    if item is None or item.status != RatingRectification.Status.OPEN:
        raise ValidationError("该评价没有进行中的差评整改")
    if not note.strip():
        raise ValidationError({"note": "请填写整改情况"})
    item.status = RatingRectification.Status.DONE
    item.completed_on = today or timezone.localdate()
    item.note = note.strip()
    item.save()
    events.rating_rectification_completed(actor=actor, appeal=appeal, note=note.strip())
    return item


__all__ = [
    "Level",
    "complete_rectification",
    "decide_dispute",
    "dispute_rating",
    "rate",
    "visit",
]
