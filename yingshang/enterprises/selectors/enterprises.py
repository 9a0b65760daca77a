"""Reads of the enterprise registry, scoped by the caller and paged by key (no COUNT(*))."""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from yingshang.core import uscc
from yingshang.kernel.access import enterprises_visible_to
from yingshang.kernel.models import Enterprise, User

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


@dataclass(frozen=True)
class EnterpriseFilters:
    q: str = ""
    zone_id: int | None = None
    status: str = ""
    entity_type: str = ""
    industry_section: str = ""
    size_class: str = ""
    credit_risk_class: str = ""
    qualification: str = ""


@dataclass(frozen=True)
class EnterprisePage:
    items: list[Enterprise]
    next_cursor: int | None
    filters: EnterpriseFilters = field(default_factory=EnterpriseFilters)


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
    exact = {
        "zone_id": filters.zone_id,
        "status": filters.status,
        "entity_type": filters.entity_type,
        "industry_section": filters.industry_section,
        "size_class": filters.size_class,
        "credit_risk_class": filters.credit_risk_class,
    }
    qs = qs.filter(**{k: v for k, v in exact.items() if v})
    if filters.qualification:
        qs = qs.filter(qualifications__kind__code=filters.qualification)
    return qs


def enterprise_page(
    *, user: User, filters: EnterpriseFilters, after_id: int | None = None, limit: int = PAGE_SIZE
) -> EnterprisePage:
    """One page, newest first, continuing below `after_id`."""
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    qs = filtered_enterprises(user=user, filters=filters).select_related("zone")
    if after_id is not None:
        qs = qs.filter(pk__lt=after_id)
    rows = list(qs.order_by("-id")[: limit + 1])
    next_cursor = rows[limit - 1].pk if len(rows) > limit else None
    return EnterprisePage(items=rows[:limit], next_cursor=next_cursor, filters=filters)


def get_enterprise(*, user: User, pk: int) -> Enterprise:
    """The enterprise if the user may see it; Enterprise.DoesNotExist otherwise (no leak)."""
    return enterprises_visible_to(user=user).select_related("zone").get(pk=pk)
