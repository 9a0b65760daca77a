"""Writing audit events. Services call `record_event` inside the transaction of their change."""

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from yingshang.audit.models import AuditEvent

# Secrets never enter the audit trail, not even hashed.
REDACTED_FIELDS = frozenset({"password"})


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The instance's concrete field values as JSON-safe data (foreign keys as ids)."""
    names = list(fields) if fields is not None else None
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in REDACTED_FIELDS or (names is not None and field.name not in names):
            continue
        data[field.name] = field.value_from_object(instance)
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict, dict]:
    """The parts of two snapshots that differ."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def actor_fields(actor: Any) -> dict[str, Any]:
    """The actor and its label as an event stores them; anyone not signed in is the system."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return {
        "actor": actor if is_user else None,
        "actor_label": (str(actor) if is_user else "系统")[:100],
    }


def build_event(
    *,
    actor: Any,
    verb: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    object_repr: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str = "",
    zone: Any = None,
) -> AuditEvent:
    """One event, not yet saved: `record_event` saves it, `record_events` saves many at once."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        object_repr = object_repr or str(obj)[:200]
        if zone is None:
            zone = getattr(obj, "zone", None) if hasattr(obj, "zone_id") else None
    if not object_type or object_id in ("", None):
        raise ValueError("audit events need an object type and id")
    return AuditEvent(
        **actor_fields(actor),
        zone=zone,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=object_repr,
        verb=verb,
        before=json.loads(json.dumps(before, cls=DjangoJSONEncoder)) if before else None,
        after=json.loads(json.dumps(after, cls=DjangoJSONEncoder)) if after else None,
        reason=reason,
    )


def record_event(**kwargs: Any) -> AuditEvent:
    """Append one event (arguments as `build_event`). `actor` is a user or None for the system."""
    event = build_event(**kwargs)
    event.save()
    return event


def record_events(events: Iterable[AuditEvent], *, batch_size: int = 2000) -> list[AuditEvent]:
    """Append many events built by `build_event` in bulk (a sweep, an import)."""
    return AuditEvent.objects.bulk_create(list(events), batch_size=batch_size)
