from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import QuerySet

from yingshang.audit import display, verbs
from yingshang.audit.models import AuditEvent
from yingshang.kernel.access import AUDIT_READERS, scoped
from yingshang.lib.paging import keyset_page

AUDIT_PAGE_SIZE = 50

# System housekeeping, not anyone's work: kept in the trail and on the audit page, left out of
# the home pages' "recent changes" with signing in and out.
HOUSEKEEPING_VERBS = frozenset({"demo.built"})


def events_for_object(*, obj: models.Model, limit: int = 50) -> QuerySet[AuditEvent]:
    """The newest events of one object, for its timeline."""
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).order_by("-id")[:limit]


def _visible_events(*, user: Any, verb: str, changes_only: bool) -> QuerySet[AuditEvent]:
    events = scoped(AuditEvent.objects.select_related("zone"), user=user, zone_wide=AUDIT_READERS)
    if verb:
        events = events.filter(verb__in=verbs.spellings(verb))
    if changes_only:
        events = events.exclude(verb__in=verbs.SESSION_VERBS | HOUSEKEEPING_VERBS)
    return events


def audit_page(
    *,
    user: Any,
    verb: str = "",
    after_id: int | None = None,
    limit: int = AUDIT_PAGE_SIZE,
    changes_only: bool = False,
) -> tuple[list[AuditEvent], int | None]:
    """Newest events first, below `after_id`: all for an administrator, the zone's for others.
    `changes_only` leaves out signing in and out and system housekeeping (building the demo)."""
    events = _visible_events(user=user, verb=verb, changes_only=changes_only)
    page = keyset_page(events, after=after_id or None, limit=limit)
    return page.items, page.next_cursor


@dataclass(frozen=True)
class AuditLogPage:
    entries: list[display.ShownEvent]
    next_cursor: int | None
    prev_cursor: int | None

    @property
    def is_first(self) -> bool:
        return self.prev_cursor is None


def audit_log_page(
    *,
    user: Any,
    verb: str = "",
    after_id: int | None = None,
    before_id: int | None = None,
    limit: int = AUDIT_PAGE_SIZE,
) -> AuditLogPage:
    """The audit page: the events `audit_page` shows, below `after_id` or just above
    `before_id`, each with its changes in words and the ids in them resolved to names (one
    query per referenced model for the page)."""
    events = _visible_events(user=user, verb=verb, changes_only=False)
    page = keyset_page(events, after=after_id, before=before_id, limit=limit)
    return AuditLogPage(
        entries=display.describe(page.items),
        next_cursor=page.next_cursor,
        prev_cursor=page.prev_cursor,
    )
