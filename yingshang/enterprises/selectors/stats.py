"""Small cached aggregates for the home pages and the list's total.

Each aggregate is grouped over one of the (zone, <column>, -id) indexes, so the database reads an
index, never the table. Results are cached under a key that includes the zone's newest enterprise
id and newest audit event id: both are single index probes, so a new or edited enterprise shows
at once while repeated page views cost two lookups. The timeout bounds staleness from writes that
leave no audit event (bulk imports add rows, which changes the newest id).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from yingshang.audit.models import AuditEvent
from yingshang.core.industry import section_name
from yingshang.enterprises.selectors.enterprises import (
    EnterpriseFilters,
    EnterprisePage,
    filtered_enterprises,
)
from yingshang.kernel.models import (
    Enterprise,
    EnterpriseStatus,
    QualificationKind,
    Role,
    SizeClass,
    User,
)
from yingshang.lib.filters import set_fields
from yingshang.lib.paging import COUNT_LIMIT, bounded_count

CACHE_SECONDS = 600


@dataclass(frozen=True)
class Bucket:
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class RegistrySummary:
    total: int
    by_status: list[Bucket]
    by_size: list[Bucket]
    computed_at: datetime
    status_counts: dict[str, int] = field(default_factory=dict)
    size_counts: dict[str, int] = field(default_factory=dict)

    @property
    def active(self) -> int:
        return self.status_counts.get(EnterpriseStatus.ACTIVE, 0)


def _generation(zone_id: int) -> str:
    newest_enterprise = (
        Enterprise.objects.filter(zone_id=zone_id).order_by("-id").values_list("id", flat=True)[:1]
    )
    newest_event = (
        AuditEvent.objects.filter(zone_id=zone_id).order_by("-id").values_list("id", flat=True)[:1]
    )
    return f"{next(iter(newest_enterprise), 0)}-{next(iter(newest_event), 0)}"


def _cached(name: str, zone_id: int, compute):
    key = f"web:{name}:{zone_id}:{_generation(zone_id)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def _counts_by(zone_id: int, column: str) -> dict[str, int]:
    rows = (
        Enterprise.objects.filter(zone_id=zone_id)
        .values_list(column)
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {code or "": n for code, n in rows}


def _buckets(counts: dict[str, int], choices) -> list[Bucket]:
    buckets = [Bucket(code, label, counts.get(code, 0)) for code, label in choices]
    if counts.get(""):
        buckets.append(Bucket("", "未填写", counts[""]))
    return buckets


def _compute_summary(zone_id: int) -> RegistrySummary:
    by_status = _counts_by(zone_id, "status")
    by_size = _counts_by(zone_id, "size_class")
    return RegistrySummary(
        total=sum(by_status.values()),
        by_status=_buckets(by_status, EnterpriseStatus.choices),
        by_size=_buckets(by_size, SizeClass.choices),
        computed_at=timezone.now(),
        status_counts=by_status,
        size_counts=by_size,
    )


def registry_summary(zone_id: int) -> RegistrySummary:
    """Enterprises of a zone by status and by size class."""
    return _cached("registry-summary", zone_id, lambda: _compute_summary(zone_id))


def _compute_sections(zone_id: int) -> list[Bucket]:
    counts = _counts_by(zone_id, "industry_section")
    buckets = [Bucket(code, section_name(code) or "未分类", n) for code, n in counts.items() if n]
    return sorted(buckets, key=lambda b: (-b.count, b.code))


def industry_sections(zone_id: int) -> list[Bucket]:
    """Enterprises of a zone by industry section (门类), largest first."""
    return _cached("industry-sections", zone_id, lambda: _compute_sections(zone_id))


def _compute_qualifications(zone_id: int, today: date) -> list[Bucket]:
    valid = Q(holders__valid_until__isnull=True) | Q(holders__valid_until__gte=today)
    rows = QualificationKind.objects.annotate(
        n=Count("holders", filter=valid & Q(holders__enterprise__zone_id=zone_id))
    ).order_by("sort_order", "name")
    return [Bucket(kind.code, kind.name, kind.n) for kind in rows]


def qualification_counts(zone_id: int) -> list[Bucket]:
    """Valid qualifications of the zone's enterprises, per kind."""
    today = timezone.localdate()
    return _cached(
        f"qualifications-{today:%Y%m%d}", zone_id, lambda: _compute_qualifications(zone_id, today)
    )


# Filter combinations an aggregate above answers: the zone's total, or one status, one size
# class or one industry section.
_SUMMARY_FILTERS = frozenset({"status", "size_class"})
_SECTION_FILTERS = frozenset({"industry_section"})


# Counting reads at most this many rows: in a registry whose ids stay below it any filter is
# counted (up to COUNT_LIMIT matches); in a larger one only what the page itself or the cached
# aggregates answer. A name search that matches a few hundred of a million rows reads the whole
# zone to count them: 300-450 ms on SQLite, for a page that takes 5-100 ms to show.
COUNTED_REGISTRY_ROWS = 100_000


@dataclass(frozen=True)
class ListTotal:
    """How many enterprises the list matches, as far as it is cheap to know."""

    exact: int | None = None
    above: int | None = None
    """Counting stopped: more than this many match."""


def list_total(
    *,
    user: User,
    filters: EnterpriseFilters,
    page: EnterprisePage,
    first_page: bool | None = None,
) -> ListTotal:
    """From the page itself when it is the only one, from the cached aggregates when they
    answer the filters, else counted up to COUNT_LIMIT matches (lib.paging.bounded_count) in a
    registry of at most COUNTED_REGISTRY_ROWS rows; nothing known otherwise."""
    if (page.is_first if first_page is None else first_page) and page.next_cursor is None:
        return ListTotal(exact=len(page.items))
    cached = _cached_total(user=user, filters=filters)
    if cached is not None:
        return ListTotal(exact=cached)
    if _largest_id() > COUNTED_REGISTRY_ROWS:
        return ListTotal()
    counted = bounded_count(filtered_enterprises(user=user, filters=filters), limit=COUNT_LIMIT)
    return ListTotal(exact=counted) if counted is not None else ListTotal(above=COUNT_LIMIT)


def _largest_id() -> int:
    """At least the number of rows of the registry, read from the key's index."""
    return Enterprise.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _cached_total(*, user: User, filters: EnterpriseFilters) -> int | None:
    zone_id = user.zone_id if user.role != Role.ADMIN else filters.zone_id
    if zone_id is None or filters.zone_id not in (None, zone_id):
        return None
    given = set(set_fields(filters)) - {"zone_id"}
    if given <= _SUMMARY_FILTERS and given != _SUMMARY_FILTERS:
        summary = registry_summary(zone_id)
        if filters.status:
            return summary.status_counts.get(filters.status, 0)
        if filters.size_class:
            return summary.size_counts.get(filters.size_class, 0)
        return summary.total
    if given <= _SECTION_FILTERS:
        counts = {b.code: b.count for b in industry_sections(zone_id)}
        return counts.get(filters.industry_section, 0)
    return None
