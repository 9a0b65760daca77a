"""Handling actions after dispatch: 中止 and 恢复 (the clock pauses), 答复 (the return-visit clock
starts), 办结归档, 重办 (counted; the handling clock restarts) and 合并 of a duplicate. Each goes
through `workflow.act` (lock, role, version, the core table, history row, audit event, notice).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from yingshang.appeals.models import Appeal, Suspension
from yingshang.appeals.selectors.appeals import appeals_visible_to
from yingshang.appeals.services.deadlines import handling_deadline_from
from yingshang.appeals.services.workflow import Change, act
from yingshang.calendars.selectors import load_calendar
from yingshang.core.appeals.clocks import resumed_deadline, return_visit_deadline
from yingshang.core.appeals.workflow import Action
from yingshang.kernel.models import User


def suspend(
    *,
    actor: User,
    appeal_id: int,
    expected_version: int,
    reason: str,
    today: dt.date | None = None,
):
    """中止: the handling clock stops until the appeal is resumed."""
    day = today or timezone.localdate()

    def change(appeal: Appeal) -> None:
        Suspension.objects.create(
            appeal=appeal,
            suspended_on=day,
            reason=reason.strip(),
            deadline_before=appeal.handling_deadline,
        )
        appeal.due_soon = False

    return act(
        actor=actor,
        appeal_id=appeal_id,
        action=Action.SUSPEND,
        expected_version=expected_version,
        reason=reason,
        today=day,
        change=change,
    )


def resume(*, actor: User, appeal_id: int, expected_version: int, today: dt.date | None = None):
    """恢复办理: the deadline moves by the working days the clock was stopped."""
    day = today or timezone.localdate()

    def change(appeal: Appeal) -> None:
        pause = appeal.suspensions.filter(resumed_on=None).order_by("-id").first()
        if pause is None:
            raise ValidationError("未找到中止记录")
        pause.resumed_on = day
        if appeal.handling_deadline is not None:
            appeal.handling_deadline = resumed_deadline(
                appeal.handling_deadline,
                suspended_on=pause.suspended_on,
                resumed_on=day,
                calendar=load_calendar(),
            )
            appeal.overdue = False
        pause.deadline_after = appeal.handling_deadline
        pause.save()

    return act(
        actor=actor,
        appeal_id=appeal_id,
        action=Action.RESUME,
        expected_version=expected_version,
        today=day,
        change=change,
    )


def reply(
    *,
    actor: User,
    appeal_id: int,
    expected_version: int,
    text: str,
    today: dt.date | None = None,
):
    """答复 by the lead department; the return visit falls due the next working day."""
    day = today or timezone.localdate()

    def change(appeal: Appeal) -> None:
        appeal.replied_on = day
        appeal.visit_deadline = return_visit_deadline(day, load_calendar())
        appeal.due_soon = False

    return act(
        actor=actor,
        appeal_id=appeal_id,
        action=Action.REPLY,
        expected_version=expected_version,
        note=text,
        today=day,
        change=change,
    )


def close(*, actor: User, appeal_id: int, expected_version: int, today: dt.date | None = None):
    """办结归档 after the rating."""
    day = today or timezone.localdate()

    def change(appeal: Appeal) -> None:
        appeal.closed_on = day

    return act(
        actor=actor,
        appeal_id=appeal_id,
        action=Action.CLOSE,
        expected_version=expected_version,
        today=day,
        change=change,
    )


def reopen_change(day: dt.date) -> Change:
    """重办: counted, and the handling clock restarts from the day of the reopening."""

    def change(appeal: Appeal) -> None:
        appeal.reopen_count += 1
        appeal.handling_deadline = handling_deadline_from(appeal.kind, day)
        appeal.replied_on = None
        appeal.visit_deadline = None
        appeal.closed_on = None
        appeal.due_soon = False
        appeal.overdue = False

    return change


def reopen(
    *,
    actor: User,
    appeal_id: int,
    expected_version: int,
    reason: str,
    today: dt.date | None = None,
):
    day = today or timezone.localdate()
    return act(
        actor=actor,
        appeal_id=appeal_id,
        action=Action.REOPEN,
        expected_version=expected_version,
        reason=reason,
        today=day,
        change=reopen_change(day),
    )


def merge(*, actor: User, appeal_id: int, expected_version: int, into_id: int | None):
    """合并 a duplicate into the appeal it repeats (same zone, still open); both histories stay."""
    target = appeals_visible_to(actor).filter(pk=into_id).first() if into_id else None

    def change(appeal: Appeal) -> None:
        if target is None or target.pk == appeal.pk or target.zone_id != appeal.zone_id:
            raise ValidationError({"into": "请选择本功能区内另一件诉求"})
        if target.state in ("merged", "rejected"):
            raise ValidationError({"into": "不能合并到已合并或不予受理的诉求"})
        appeal.merged_into = target

    return act(
        actor=actor,
        appeal_id=appeal_id,
        action=Action.MERGE,
        expected_version=expected_version,
        change=change,
        data={"into": into_id},
        has_target=into_id is not None,
    )
