"""Reading appeals: who sees which, the list with its filters, one appeal with its history,
and display rows with the applicant's numbers masked for everyone who does not handle the case.

Scope (`kernel.access.scoped`): office staff and leaders see their zone's appeals, a department
only the appeals dispatched to it (its lead department), an enterprise only its own; everyone
else sees none. An appeal outside the scope is "not found".
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from yingshang.appeals.models import Appeal
from yingshang.core.appeals.kinds import CHANNEL_LABELS, Channel
from yingshang.core.appeals.masking import mask_id, mask_phone
from yingshang.core.appeals.workflow import STATE_LABELS, State
from yingshang.kernel.access import APPEAL_HANDLERS, APPEAL_READERS, has_role, scoped

APPEAL_DEPARTMENTS = ("lead_department_id",)


def require_reader(user: Any) -> None:
    if not has_role(user, *APPEAL_READERS):
        raise PermissionDenied("无权查看诉求")


def appeals_visible_to(user: Any) -> QuerySet[Appeal]:
    return scoped(
        Appeal.objects.all(), user=user, departments=APPEAL_DEPARTMENTS, enterprise="enterprise_id"
    )


@dataclass(frozen=True)
class AppealFilters:
    state: str | None = None
    channel: str | None = None
    kind: str | None = None
    lead_department: int | None = None
    overdue: bool | None = None


def appeal_list(*, user: Any, filters: AppealFilters = AppealFilters()) -> QuerySet[Appeal]:
    require_reader(user)
    appeals = appeals_visible_to(user)
    if filters.state:
        appeals = appeals.filter(state=filters.state)
    if filters.channel:
        appeals = appeals.filter(channel=filters.channel)
    if filters.kind:
        appeals = appeals.filter(kind__code=filters.kind)
    if filters.lead_department is not None:
        appeals = appeals.filter(lead_department_id=filters.lead_department)
    if filters.overdue is not None:
        appeals = appeals.filter(overdue=filters.overdue)
    return appeals.select_related("kind", "lead_department", "enterprise")


def appeal_detail(*, user: Any, appeal_id: int) -> Appeal:
    require_reader(user)
    appeal = (
        appeals_visible_to(user)
        .select_related("kind", "lead_department", "enterprise", "zone")
        .prefetch_related("records", "extensions", "suspensions", "visits", "ratings")
        .filter(pk=appeal_id)
        .first()
    )
    if appeal is None:
        raise Http404("未找到该诉求")
    return appeal


def sees_numbers(user: Any, appeal: Appeal) -> bool:
    """The office and the handling department see the numbers whole; so does the applicant's
    own enterprise. Everyone else (leaders, other readers) sees them masked."""
    if has_role(user, *APPEAL_HANDLERS):
        return True
    return has_role(user, "enterprise") and user.enterprise_id == appeal.enterprise_id


@dataclass(frozen=True)
class AppealRow:
    """What a list or an export shows of an appeal."""

    id: int
    number: str
    title: str
    channel: str
    kind: str
    state: str
    applicant: str
    phone: str
    id_number: str
    lead_department: str
    received_on: dt.date
    handling_deadline: dt.date | None
    overdue: bool


def display_row(appeal: Appeal, *, user: Any) -> AppealRow:
    whole = sees_numbers(user, appeal)
    applicant = "匿名" if appeal.anonymous and not whole else appeal.applicant_name
    return AppealRow(
        id=appeal.pk,
        number=appeal.number,
        title=appeal.title,
        channel=CHANNEL_LABELS[Channel(appeal.channel)],
        kind=appeal.kind.name,
        state=STATE_LABELS[State(appeal.state)],
        applicant=applicant,
        phone=appeal.applicant_phone if whole else mask_phone(appeal.applicant_phone),
        id_number=appeal.applicant_id_number if whole else mask_id(appeal.applicant_id_number),
        lead_department=appeal.lead_department.name if appeal.lead_department else "",
        received_on=appeal.received_on,
        handling_deadline=appeal.handling_deadline,
        overdue=appeal.overdue,
    )


def display_rows(*, user: Any, filters: AppealFilters = AppealFilters()) -> list[AppealRow]:
    return [display_row(appeal, user=user) for appeal in appeal_list(user=user, filters=filters)]
