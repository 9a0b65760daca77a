"""Taking an appeal in (登记): from the office (phone, window, visit, supervisor, letter ...) or
from an enterprise user online (its own enterprise only). The acceptance clock starts at
receipt."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from yingshang.appeals import events
from yingshang.appeals.models import Appeal, AppealRecord
from yingshang.appeals.services.deadlines import kind_by_code
from yingshang.appeals.services.notifications import notify, office_users
from yingshang.audit.services import snapshot
from yingshang.calendars.selectors import load_calendar
from yingshang.core.appeals.clocks import acceptance_deadline
from yingshang.core.appeals.kinds import Channel
from yingshang.core.appeals.masking import mask_id, mask_phone
from yingshang.core.appeals.workflow import Action
from yingshang.kernel.access import APPEAL_INTAKE, require_zone_role
from yingshang.kernel.models import Enterprise, Role, User, Zone

NUMBER_DIGITS = 6


def _audited(appeal: Appeal) -> dict:
    """The new appeal as the trail keeps it: personal numbers masked (the record keeps them)."""
    data = snapshot(appeal)
    data["applicant_phone"] = mask_phone(appeal.applicant_phone)
    data["applicant_id_number"] = mask_id(appeal.applicant_id_number)
    return data


def next_number(zone: Zone, year: int) -> str:
    """SQ-2026-000123: the zone's next number of the year."""
    prefix = f"SQ-{year}-"
    numbers = Appeal.objects.filter(zone=zone, number__startswith=prefix).values_list(
        "number", flat=True
    )
    last = max((int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()), default=0)
    return f"{prefix}{last + 1:0{NUMBER_DIGITS}d}"


def _channel(actor: User, channel: str) -> str:
    if actor.role == Role.ENTERPRISE:
        return Channel.ONLINE.value
    try:
        return Channel(channel).value
    except ValueError:
        raise ValidationError({"channel": "未知的来源渠道"}) from None


def _enterprise(actor: User, zone: Zone, enterprise: Enterprise | None) -> Enterprise | None:
    if actor.role == Role.ENTERPRISE:
        if actor.enterprise_id is None or (enterprise and enterprise.pk != actor.enterprise_id):
            raise PermissionDenied("企业用户只能为本企业提出诉求")
        return actor.enterprise
    if enterprise is not None and enterprise.zone_id != zone.pk:
        raise ValidationError({"enterprise": "诉求企业须为本功能区的市场主体"})
    return enterprise


@transaction.atomic
def receive_appeal(
    *,
    actor: User,
    zone: Zone,
    kind: str,
    title: str,
    content: str,
    channel: str = Channel.ONLINE.value,
    enterprise: Enterprise | None = None,
    applicant_name: str = "",
    applicant_phone: str = "",
    applicant_id_number: str = "",
    anonymous: bool = False,
    category: str = "",
    received_on: dt.date | None = None,
) -> Appeal:
    """Register an appeal; its acceptance deadline is set from the kind and the calendar."""
    require_zone_role(actor, zone, APPEAL_INTAKE, message="无权登记诉求")
    if not title.strip():
        raise ValidationError({"title": "请填写诉求标题"})
    if not content.strip():
        raise ValidationError({"content": "请填写诉求内容"})
    if not anonymous and not applicant_name.strip():
        raise ValidationError({"applicant_name": "实名诉求请填写诉求人姓名"})
    try:
        rule = kind_by_code(kind, zone)
    except ValueError as exc:
        raise ValidationError({"kind": str(exc)}) from None
    received = received_on or timezone.localdate()
    appeal = Appeal(
        zone=zone,
        number=next_number(zone, received.year),
        channel=_channel(actor, channel),
        kind=rule,
        title=title.strip(),
        content=content.strip(),
        enterprise=_enterprise(actor, zone, enterprise),
        applicant_name=applicant_name.strip(),
        applicant_phone=applicant_phone.strip(),
        applicant_id_number=applicant_id_number.strip(),
        anonymous=anonymous,
        category=category.strip(),
        received_on=received,
        acceptance_deadline=acceptance_deadline(
            received, load_calendar(), rule.acceptance_workdays
        ).date,
        created_by=actor,
    )
    appeal.full_clean()
    appeal.save()
    AppealRecord.objects.create(
        appeal=appeal,
        action=Action.RECEIVE.value,
        from_state="",
        to_state=appeal.state,
        actor=actor,
    )
    events.appeal_received(actor=actor, appeal=appeal, after=_audited(appeal))
    notify(
        users=office_users(zone),
        appeal=appeal,
        verb="appeals.received",
        text=f"新诉求「{appeal.number} {appeal.title}」待受理，受理审查时限 "
        f"{appeal.acceptance_deadline.isoformat()}",
        actor=actor,
    )
    return appeal
