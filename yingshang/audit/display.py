"""Audit events as people read them: the verb's Chinese name, and each changed field under its
Chinese label with its values in words: names for ids, 是/否, dates, choice labels, lists
joined with "、".

A field's label is the `verbose_name` of the model whose fields the event records (its subject,
`fields.subject`, else the event's object); a key no model has is named by the label registry
(`fields.label`); a key nobody named stays as written. `describe` reads a whole page of events
and resolves every id in them with one query per referenced model, however many rows refer to it.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import ForeignObjectRel
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from yingshang.audit import fields, verbs
from yingshang.audit.models import AuditEvent

EMPTY = "—"
HIDDEN = "（已隐藏）"
LIST_SEPARATOR = "、"
DELETED = "（已删除）"
DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M"

ACTION_LABELS: dict[str, str] = {
    "created": "新增",
    "updated": "修改",
    "deleted": "删除",
    "imported": "导入",
    "exported": "导出",
    "issued": "签发",
    "revoked": "吊销",
    "submitted": "提交",
    "approved": "批准",
    "rejected": "退回",
    "closed": "办结",
}

# Technical fields that change on every save or only repeat the object, and say nothing to a
# reader.
SKIPPED_FIELDS = frozenset({"id", "updated_at", "created_at", "version", "last_login"})
SECRET_FIELDS = frozenset({"password"})

Names = dict[type[models.Model], dict[str, str]]


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str
    # The key is new in `after` (the files a step attached): there is no "before" to show.
    added: bool = False


@dataclass(frozen=True)
class ShownEvent:
    event: AuditEvent
    label: str
    changes: list[Change]
    initial: bool


@dataclass(frozen=True)
class _Key:
    """One key of one event: its label and the model field it is, if any."""

    name: str
    label: str
    field: models.Field | None


@dataclass(frozen=True)
class _Pending:
    key: _Key
    old: Any
    new: Any
    added: bool


@lru_cache(maxsize=256)
def model_for(object_type: str) -> type[models.Model] | None:
    if not object_type:
        return None
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def verb_label(verb: str, object_type: str = "") -> str:
    """The Chinese name of a verb: as its module registered it, else built from its parts, else
    the verb itself."""
    registered = verbs.label(verb)
    if registered is not None:
        return registered
    _subject, _dot, action = verb.rpartition(".")
    model = model_for(object_type)
    if action in ACTION_LABELS and model is not None:
        return f"{ACTION_LABELS[action]}{model._meta.verbose_name}"
    return verb


def _model_field(model: type[models.Model] | None, name: str) -> models.Field | None:
    """A field the model itself holds (not a reverse relation), found by name or column name."""
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return None if isinstance(field, ForeignObjectRel) else field


def _models_of(verb: str, object_type: str) -> tuple[type[models.Model], ...]:
    subject = fields.subject(verb)
    found = (model_for(subject) if subject else None, model_for(object_type))
    return tuple(model for model in found if model is not None)


def _key(name: str, candidates: Iterable[type[models.Model]]) -> _Key:
    for model in candidates:
        field = _model_field(model, name)
        if field is not None:
            return _Key(name, str(field.verbose_name), field)
    return _Key(name, fields.label(name) or name, None)


def field_label(name: str, *, verb: str, object_type: str) -> str | None:
    """The Chinese label of one key an event records; None when nobody named it."""
    key = _key(name, _models_of(verb, object_type))
    return None if key.label == name and key.field is None else key.label


def _related(field: models.Field | None) -> type[models.Model] | None:
    if field is None or not field.is_relation:
        return None
    related = field.related_model
    return related if isinstance(related, type) else None


def _pending(event: AuditEvent) -> list[_Pending]:
    before = event.before or {}
    after = event.after or {}
    candidates = _models_of(event.verb, event.object_type)
    rows = []
    for name in dict.fromkeys([*after, *before]):
        if name in SKIPPED_FIELDS:
            continue
        old, new = before.get(name), after.get(name)
        if old == new or (not before and new in (None, "", [])):
            continue
        added = bool(before) and name not in before
        rows.append(_Pending(_key(name, candidates), old, new, added))
    return rows


def _ids(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list) else [value]


def _resolve(wanted: dict[type[models.Model], set[Any]]) -> Names:
    """The names of the referenced rows: one query per model."""
    names: Names = {}
    for model, raw in wanted.items():
        pk = model._meta.pk
        keys = set()
        for value in raw:
            try:
                keys.add(pk.to_python(value))
            except (ValidationError, TypeError, ValueError):
                continue
        rows = model._base_manager.filter(pk__in=keys) if keys else model._base_manager.none()
        names[model] = {str(row.pk): str(row) for row in rows}
    return names


def _date_text(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    elif isinstance(value, str) and "T" in value:
        moment = parse_datetime(value)
        if moment is None:
            return None
    elif isinstance(value, str):
        day = parse_date(value)
        return day.strftime(DATE_FORMAT) if day is not None else None
    else:
        return None
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime(DATETIME_FORMAT)


def _looks_like_moment(value: str) -> bool:
    return len(value) >= 16 and value[4] == "-" and value[7] == "-" and value[10] == "T"


def display_value(value: Any, field: models.Field | None, names: Names) -> str:
    """One stored value in words."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, list):
        return LIST_SEPARATOR.join(display_value(item, field, names) for item in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        return "；".join(
            f"{fields.label(k) or k}：{display_value(v, None, names)}" for k, v in value.items()
        )
    related = _related(field)
    if related is not None:
        return names.get(related, {}).get(str(value), f"{value}{DELETED}")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    # A key no model names may still hold a moment (a service's own "taken_at"): local time too.
    moment = field is None and isinstance(value, str) and _looks_like_moment(value)
    if isinstance(field, models.DateField) or moment:
        return _date_text(value) or str(value)
    return str(value)


def _change(row: _Pending, names: Names) -> Change:
    if row.key.name in SECRET_FIELDS:
        return Change(row.key.label, HIDDEN, HIDDEN, row.added)
    field = row.key.field
    return Change(
        row.key.label,
        display_value(row.old, field, names),
        display_value(row.new, field, names),
        row.added,
    )


def describe(events: Sequence[AuditEvent]) -> list[ShownEvent]:
    """Each event with its label and changes; the ids in them resolved to names, one query per
    referenced model for the whole sequence."""
    pending = [_pending(event) for event in events]
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for rows in pending:
        for row in rows:
            related = _related(row.key.field)
            if related is not None and row.key.name not in SECRET_FIELDS:
                wanted[related].update(_ids(row.old), _ids(row.new))
    names = _resolve(wanted)
    return [
        ShownEvent(
            event=event,
            label=verb_label(event.verb, event.object_type),
            changes=[_change(row, names) for row in rows],
            initial=not event.before and bool(event.after),
        )
        for event, rows in zip(events, pending, strict=True)
    ]
