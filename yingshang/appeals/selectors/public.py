"""Public cases for the Open311 GeoReport v2 endpoint: what anyone may read without signing in.

A case is public once it has been accepted (受理, or 视为受理) and while it is neither merged into
another nor refused: the office has then taken it on as a case of the zone. Cases still under
acceptance review, refused ones (不予受理), duplicates (已合并) and anonymous ones are never
public: an anonymous applicant asked not to be known, and even a title can tell who wrote it.

What a public case shows: its kind, state, the department handling it, its dates and its title,
from which the enterprise's name, the applicant's name, anything like a phone, ID or credit
code number are removed. Never the content, the reply, names, numbers or the enterprise.
"""

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, QuerySet
from django.http import Http404
from django.utils import timezone

from yingshang.appeals.models import Appeal, AppealKind
from yingshang.appeals.services.settings import handling_limit, kinds_for
from yingshang.core.appeals.workflow import STATE_LABELS, State
from yingshang.kernel.models import Zone

PUBLIC_STATES = frozenset(
    {
        State.ACCEPTED,
        State.DISPATCHED,
        State.SENT_BACK,
        State.HANDLING,
        State.SUSPENDED,
        State.REPLIED,
        State.VISITED,
        State.RATED,
        State.CLOSED,
    }
)
CLOSED_STATES = frozenset({State.CLOSED})
MAX_REQUESTS = 1000
GROUP = "营商环境诉求"

# Seven digits or more (phone, ID and account numbers; an ID may end in X), and credit codes.
NUMBER_LIKE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}|[0-9](?:[\-\s]?[0-9]){6,}[Xx]?")
REDACTED_NAME = "某企业"
REDACTED_PERSON = "某某"
REDACTED_NUMBER = "***"


def public_title(title: str, *, names: Iterable[str] = (), people: Iterable[str] = ()) -> str:
    """The title with the names given and anything like a number taken out."""
    text = title
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        text = text.replace(name, REDACTED_NAME)
    for person in sorted({p for p in people if len(p) >= 2}, key=len, reverse=True):
        text = text.replace(person, REDACTED_PERSON)
    return NUMBER_LIKE.sub(REDACTED_NUMBER, text)


def jurisdiction(code: str | None) -> Zone | None:
    """The zone of an Open311 jurisdiction_id (its code); None: every zone. 404 if unknown."""
    if not code:
        return None
    zone = Zone.objects.filter(code=code.strip()).first()
    if zone is None:
        raise Http404("未知的 jurisdiction_id")
    return zone


@dataclass(frozen=True)
class PublicService:
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: str
    keywords: str
    group: str


def _service(kind: AppealKind) -> PublicService:
    limit = handling_limit(kind).label
    accept = "当日" if kind.acceptance_workdays == 0 else f"{kind.acceptance_workdays}个工作日"
    return PublicService(
        service_code=kind.code,
        service_name=kind.name,
        description=f"{kind.name}：受理审查时限{accept}，办理时限{limit}（自受理之次日起算）",
        metadata=False,
        type="batch",
        keywords=",".join((kind.name, kind.code, limit)),
        group=GROUP,
    )


def public_services(*, zone: Zone | None) -> list[PublicService]:
    """The kinds of appeal as Open311 services: the zone's (its own rows over the defaults)."""
    kinds = sorted(kinds_for(zone).values(), key=lambda k: (k.order, k.pk))
    return [_service(kind) for kind in kinds]


def _public_appeals(zone: Zone | None) -> QuerySet[Appeal]:
    appeals = Appeal.objects.filter(
        state__in=[s.value for s in PUBLIC_STATES], anonymous=False, merged_into=None
    )
    if zone is not None:
        appeals = appeals.filter(zone=zone)
    return appeals.select_related("kind", "lead_department", "enterprise").annotate(
        last_change=Max("records__created_at")
    )


@dataclass(frozen=True)
class RequestFilters:
    service_codes: Sequence[str] = ()
    statuses: Sequence[str] = ()  # open, closed
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    ids: Sequence[int] = ()


def _local_date(moment: dt.datetime) -> dt.date:
    if timezone.is_naive(moment):
        return moment.date()
    return timezone.localtime(moment).date()


def _filtered(appeals: QuerySet[Appeal], filters: RequestFilters) -> QuerySet[Appeal]:
    if filters.ids:
        appeals = appeals.filter(pk__in=filters.ids)
    if filters.service_codes:
        appeals = appeals.filter(kind__code__in=filters.service_codes)
    statuses = set(filters.statuses)
    closed = [s.value for s in CLOSED_STATES]
    if statuses == {"open"}:
        appeals = appeals.exclude(state__in=closed)
    elif statuses == {"closed"}:
        appeals = appeals.filter(state__in=closed)
    if filters.start is not None:
        appeals = appeals.filter(received_on__gte=_local_date(filters.start))
    if filters.end is not None:
        appeals = appeals.filter(received_on__lte=_local_date(filters.end))
    return appeals


def _at(day: dt.date | None, time: dt.time) -> dt.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, time))


def _requested(appeal: Appeal) -> dt.datetime:
    """When the request was made: the registration time, or the day received when the case was
    registered later (an imported 12345 work order)."""
    if _local_date(appeal.created_at) == appeal.received_on:
        return timezone.localtime(appeal.created_at)
    return _at(appeal.received_on, dt.time.min)  # type: ignore[return-value]


def public_request(appeal: Appeal) -> dict[str, Any]:
    """One case as GeoReport v2 names its fields; what the platform does not know is null."""
    state = State(appeal.state)
    people = () if appeal.anonymous else (appeal.applicant_name,)
    names = (appeal.enterprise.name,) if appeal.enterprise else ()
    updated = appeal.last_change or appeal.created_at  # type: ignore[attr-defined]
    return {
        "service_request_id": str(appeal.pk),
        "status": "closed" if state in CLOSED_STATES else "open",
        "status_notes": STATE_LABELS[state],
        "service_name": appeal.kind.name,
        "service_code": appeal.kind.code,
        "description": public_title(appeal.title, names=names, people=people),
        "agency_responsible": appeal.lead_department.name if appeal.lead_department else None,
        "service_notice": f"办理时限：{handling_limit(appeal.kind).label}",
        "requested_datetime": _requested(appeal),
        "updated_datetime": timezone.localtime(updated),
        "expected_datetime": _at(appeal.handling_deadline, dt.time(23, 59, 59)),
        "address": None,
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
    }


def public_requests(*, zone: Zone | None, filters: RequestFilters) -> list[dict[str, Any]]:
    """At most 1000 public cases, newest first."""
    appeals = _filtered(_public_appeals(zone), filters).order_by("-received_on", "-pk")
    return [public_request(appeal) for appeal in appeals[:MAX_REQUESTS]]


def public_request_by_id(*, zone: Zone | None, request_id: str) -> list[dict[str, Any]]:
    """The case as a one-row list (as GeoReport v2 answers); 404 unless it is public."""
    if not request_id.isdigit():
        raise Http404("未找到该诉求")
    appeal = _public_appeals(zone).filter(pk=int(request_id)).first()
    if appeal is None:
        raise Http404("未找到该诉求")
    return [public_request(appeal)]
