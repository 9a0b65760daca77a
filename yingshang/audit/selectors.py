from typing import Any

from django.db import models
from django.db.models import QuerySet

from yingshang.audit import verbs
from yingshang.audit.models import AuditEvent
from yingshang.kernel.access import AUDIT_READERS, scoped

AUDIT_PAGE_SIZE = 50


def events_for_object(*, obj: models.Model, limit: int = 50) -> QuerySet[AuditEvent]:
    """The newest events of one object, for its timeline."""
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).order_by("-id")[:limit]


def audit_page(
    *,
    user: Any,
    verb: str = "",
    after_id: int | None = None,
    limit: int = AUDIT_PAGE_SIZE,
    changes_only: bool = False,
) -> tuple[list[AuditEvent], int | None]:
    """Newest events first, below `after_id`: all for an administrator, the zone's for others.
    `changes_only` leaves out signing in and out."""
    events = scoped(AuditEvent.objects.select_related("zone"), user=user, zone_wide=AUDIT_READERS)
    if verb:
        events = events.filter(verb__in=verbs.spellings(verb))
    if changes_only:
        events = events.exclude(verb__in=verbs.SESSION_VERBS)
    if after_id:
        events = events.filter(pk__lt=after_id)
    rows = list(events.order_by("-id")[: limit + 1])
    next_cursor = rows[limit - 1].pk if len(rows) > limit else None
    return rows[:limit], next_cursor
