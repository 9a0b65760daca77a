"""For one chunk of valid records: which enterprises are new, which change and how, which are
unchanged, and which rows touch an enterprise the importer may not modify. Reads only."""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from yingshang.audit.services import changed_fields
from yingshang.enterprises.checks import uscc_type_warning
from yingshang.enterprises.imports.lookups import (
    WRITABLE_FIELDS,
    existing_enterprises,
    held_qualifications,
)
from yingshang.enterprises.imports.rows import EnterpriseRecord, Qualifications
from yingshang.kernel.models import Enterprise
from yingshang.lib.tabular.errors import RowError

_record_values = itemgetter(*(EnterpriseRecord._fields.index(f) for f in WRITABLE_FIELDS))
DEFAULTS: tuple[Any, ...] = tuple(
    Enterprise._meta.get_field(f).get_default() for f in WRITABLE_FIELDS
)
_ZONE = WRITABLE_FIELDS.index("zone_id")
_TYPE = WRITABLE_FIELDS.index("entity_type")
_AUDIT_NAMES = tuple("zone" if f == "zone_id" else f for f in WRITABLE_FIELDS)


@dataclass(frozen=True, slots=True)
class QualificationChanges:
    insert: list[tuple[int, Any]] = field(default_factory=list)
    update: list[tuple[int, Any]] = field(default_factory=list)
    before: str = ""
    after: str = ""

    def __bool__(self) -> bool:
        return bool(self.insert or self.update)


@dataclass(frozen=True, slots=True)
class Change:
    row: int
    enterprise_id: int
    name: str
    values: tuple[Any, ...]
    fields_changed: bool
    qualifications: QualificationChanges
    before: dict[str, Any]
    after: dict[str, Any]

    @property
    def zone_id(self) -> int:
        return self.values[_ZONE]


@dataclass
class ChunkPlan:
    new: list[EnterpriseRecord] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    """What does not stop the import: a code whose prefix another entity type carries."""


@dataclass(frozen=True)
class PlanContext:
    default_zone_id: int
    allowed_zone_ids: frozenset[int] | None
    uscc_column: str
    kind_names: Mapping[int, str]
    lock: bool = False


def _json_safe(names: tuple[str, ...], values: tuple[Any, ...]) -> dict[str, Any]:
    return json.loads(json.dumps(dict(zip(names, values, strict=True)), cls=DjangoJSONEncoder))


def qualifications_text(held: Mapping[int, Any], kind_names: Mapping[int, str]) -> str:
    parts = []
    for kind, until in sorted(held.items()):
        name = kind_names.get(kind, str(kind))
        parts.append(f"{name}:{until.isoformat()}" if until else name)
    return ";".join(parts)


def _qualification_changes(
    wanted: Qualifications | None, held: dict[int, Any], kind_names: Mapping[int, str]
) -> QualificationChanges:
    if not wanted:
        return QualificationChanges()
    insert = [(kind, until) for kind, until in wanted if kind not in held]
    update = [
        (kind, until)
        for kind, until in wanted
        if kind in held and until is not None and held[kind] != until
    ]
    if not insert and not update:
        return QualificationChanges()
    merged = {**held, **dict(insert), **dict(update)}
    return QualificationChanges(
        insert=insert,
        update=update,
        before=qualifications_text(held, kind_names),
        after=qualifications_text(merged, kind_names),
    )


def new_values(record: EnterpriseRecord, default_zone_id: int) -> tuple[Any, ...]:
    """The WRITABLE_FIELDS of a new enterprise: the record's, else the model's defaults."""
    values = [d if v is None else v for v, d in zip(_record_values(record), DEFAULTS, strict=True)]
    if values[_ZONE] is None:
        values[_ZONE] = default_zone_id
    return tuple(values)


def _change(
    record: EnterpriseRecord,
    current: tuple[Any, ...],
    held: dict[int, Any],
    context: PlanContext,
) -> Change | None:
    enterprise_id, old = current[0], current[1:]
    new = tuple(o if v is None else v for v, o in zip(_record_values(record), old, strict=True))
    quals = _qualification_changes(record.qualifications, held, context.kind_names)
    if new == old and not quals:
        return None
    before, after = changed_fields(_json_safe(_AUDIT_NAMES, old), _json_safe(_AUDIT_NAMES, new))
    if quals:
        before["qualifications"], after["qualifications"] = quals.before, quals.after
    return Change(
        row=record.row,
        enterprise_id=enterprise_id,
        name=new[0],
        values=new,
        fields_changed=new != old,
        qualifications=quals,
        before=before,
        after=after,
    )


def _check_type(
    plan: ChunkPlan, record: EnterpriseRecord, entity_type: str, context: PlanContext
) -> None:
    """Warn when the code's prefix belongs to another type than the one the row leaves the
    enterprise with (the row's, else the saved one, else the default)."""
    warning = uscc_type_warning(record.uscc, entity_type)
    if warning:
        plan.warnings.append(RowError(record.row, context.uscc_column, warning))


def plan_chunk(*, records: list[EnterpriseRecord], context: PlanContext) -> ChunkPlan:
    plan = ChunkPlan()
    existing = existing_enterprises([r.uscc for r in records], lock=context.lock)
    held = held_qualifications(
        [existing[r.uscc][0] for r in records if r.qualifications and r.uscc in existing]
    )
    allowed = context.allowed_zone_ids
    for record in records:
        current = existing.get(record.uscc)
        if current is None:
            plan.new.append(record)
            _check_type(plan, record, record.entity_type or DEFAULTS[_TYPE], context)
            continue
        if allowed is not None and current[1 + _ZONE] not in allowed:
            reason = "该市场主体已登记在其他功能区，无权修改"
            plan.errors.append(RowError(record.row, context.uscc_column, reason))
            continue
        _check_type(plan, record, record.entity_type or current[1 + _TYPE], context)
        change = _change(record, current, held.get(current[0], {}), context)
        if change is None:
            plan.unchanged += 1
        else:
            plan.changes.append(change)
    return plan
