"""The audit events of the enterprise registry, one function each. Services call them inside
the transaction of their change.

    enterprise.created   an enterprise was registered (after: every field)
    enterprise.updated   an enterprise was edited, on a page, by the API or by an import
                         (before/after: the changed fields only)
    enterprise.imported  a file was imported into a zone (after: the file and its counts)
"""

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from yingshang.audit.models import AuditEvent
from yingshang.audit.services import actor_fields, record_event, record_events, snapshot
from yingshang.kernel.models import Enterprise, User, Zone

CREATED = "enterprise.created"
UPDATED = "enterprise.updated"
IMPORTED = "enterprise.imported"

VERBS = {
    CREATED: "登记市场主体",
    UPDATED: "修改市场主体信息",
    IMPORTED: "导入市场主体",
    "enterprise.deleted": "删除市场主体",
}

# The counts an import records (enterprise.imported), for the audit trail (`audit.fields`).
FIELD_LABELS = {
    "file": "文件",
    "rows": "数据行数",
    "created": "新登记数",
    "updated": "更新数",
    "unchanged": "无变化数",
}

# Rows per INSERT of an import's events; SQLite caps the parameters of one statement.
IMPORT_BATCH_SIZE = 500


def enterprise_created(*, actor: User, enterprise: Enterprise) -> AuditEvent:
    return record_event(actor=actor, verb=CREATED, obj=enterprise, after=snapshot(enterprise))


def enterprise_updated(
    *,
    actor: User,
    enterprise: Enterprise,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    reason: str = "",
) -> AuditEvent:
    return record_event(
        actor=actor, verb=UPDATED, obj=enterprise, before=before, after=after, reason=reason
    )


class ImportedChange(Protocol):
    """What an import knows of one enterprise it changed, without loading the record."""

    enterprise_id: int
    name: str
    before: dict[str, Any]
    after: dict[str, Any]

    @property
    def zone_id(self) -> int: ...


def enterprises_updated(
    *, changes: Iterable[ImportedChange], actor: User | None, reason: str
) -> None:
    """One enterprise.updated event per changed enterprise, written in bulk.

    The events are built here rather than by `record_event`: an import may change a million
    enterprises, and their before/after are already JSON-safe, so neither the records nor a
    second serialisation are needed.
    """
    who = actor_fields(actor)
    object_type = Enterprise._meta.label_lower
    events = [
        AuditEvent(
            **who,
            zone_id=change.zone_id,
            object_type=object_type,
            object_id=str(change.enterprise_id),
            object_repr=change.name[:200],
            verb=UPDATED,
            before=change.before,
            after=change.after,
            reason=reason,
        )
        for change in changes
    ]
    record_events(events, batch_size=IMPORT_BATCH_SIZE)


def enterprise_imported(
    *, actor: User | None, zone: Zone, summary: Mapping[str, Any], reason: str
) -> AuditEvent:
    """The import of one file as a whole, recorded on the zone it was imported into."""
    return record_event(
        actor=actor, verb=IMPORTED, obj=zone, zone=zone, after=dict(summary), reason=reason
    )
