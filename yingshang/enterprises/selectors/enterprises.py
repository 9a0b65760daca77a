"""Reads of the enterprise registry, scoped by the caller and paged by key (no COUNT(*))."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet

from yingshang.audit.models import AuditEvent
from yingshang.audit.selectors import events_for_object
from yingshang.core import uscc
from yingshang.kernel.access import enterprises_visible_to
from yingshang.kernel.models import Enterprise, Qualification, User
from yingshang.lib.filters import orm_lookups
from yingshang.lib.paging import MAX_PAGE_SIZE, PAGE_SIZE, Page, keyset_page

__all__ = [
    "EXPIRING_DAYS",
    "MAX_PAGE_SIZE",
    "PAGE_SIZE",
    "EnterpriseFilters",
    "EnterprisePage",
    "QualificationRow",
    "enterprise_history",
    "enterprise_page",
    "filtered_enterprises",
    "get_enterprise",
    "qualification_rows",
]

# A qualification ending within this many days is shown as expiring.
EXPIRING_DAYS = 90


@dataclass(frozen=True)
class EnterpriseFilters:
    """The list's filters, filled by the list page's form and by the API's query alike."""

    q: str = ""
    zone_id: int | None = None
    status: str = ""
    entity_type: str = ""
    industry_section: str = ""
    size_class: str = ""
    credit_risk_class: str = ""
    qualification: str = ""


# The filters matched as they are (q is a search, see `_search`).
LOOKUPS = {
    "zone_id": "zone_id",
    "status": "status",
    "entity_type": "entity_type",
    "industry_section": "industry_section",
    "size_class": "size_class",
    "credit_risk_class": "credit_risk_class",
    "qualification": "qualifications__kind__code",
}

EnterprisePage = Page[Enterprise]

# A code-like query this long is matched on the code alone: name search would scan the zone.
CODE_ONLY_LENGTH = 10


def _looks_like_code(text: str) -> bool:
    return len(text) >= 4 and all(ch in uscc.VALUES for ch in text)


def _search(qs: QuerySet[Enterprise], raw: str) -> QuerySet[Enterprise]:
    text = raw.strip()
    code = uscc.normalize(text)
    if not _looks_like_code(code):
        return qs.filter(name__contains=text)
    if uscc.is_valid(code):
        return qs.filter(uscc=code)
    if len(code) >= CODE_ONLY_LENGTH:
        # As a subquery, the code index is used even where the planner has no statistics and
        # would otherwise walk the zone's rows newest first.
        return qs.filter(pk__in=Enterprise.objects.filter(uscc__startswith=code).values("pk"))
    return qs.filter(Q(uscc__startswith=code) | Q(name__contains=text))


def filtered_enterprises(*, user: User, filters: EnterpriseFilters) -> QuerySet[Enterprise]:
    qs = enterprises_visible_to(user=user)
    if filters.q.strip():
        qs = _search(qs, filters.q)
    return qs.filter(**orm_lookups(filters, LOOKUPS))


def enterprise_page(
    *,
    user: User,
    filters: EnterpriseFilters,
    after_id: int | None = None,
    before_id: int | None = None,
    limit: int = PAGE_SIZE,
) -> EnterprisePage:
    """One page, newest first, continuing below `after_id` or just above `before_id`."""
    qs = filtered_enterprises(user=user, filters=filters).select_related("zone")
    return keyset_page(qs, after=after_id, before=before_id, limit=limit)


def get_enterprise(*, user: User, pk: int) -> Enterprise:
    """The enterprise if the user may see it; Enterprise.DoesNotExist otherwise (no leak)."""
    return enterprises_visible_to(user=user).select_related("zone").get(pk=pk)


def enterprise_history(*, user: User, pk: int, limit: int) -> QuerySet[AuditEvent]:
    """The newest audit events of an enterprise the user may see (DoesNotExist otherwise)."""
    return events_for_object(obj=get_enterprise(user=user, pk=pk), limit=limit)


@dataclass(frozen=True)
class QualificationRow:
    qualification: Qualification
    expired: bool
    expiring: bool


def qualification_rows(enterprise: Enterprise, today: date) -> list[QualificationRow]:
    """The enterprise's qualifications, each marked expired or expiring soon as of `today`."""
    soon = today + timedelta(days=EXPIRING_DAYS)
    rows = []
    for q in enterprise.qualifications.select_related("kind"):
        until = q.valid_until
        expired = until is not None and until < today
        expiring = not expired and until is not None and until <= soon
        rows.append(QualificationRow(q, expired, expiring))
    return rows
