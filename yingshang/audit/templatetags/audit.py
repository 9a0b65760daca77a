"""Showing audit events: `{% load audit %}{% audit_timeline obj %}` and Chinese verb labels."""

from dataclasses import dataclass
from typing import Any

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse

from yingshang.audit import verbs
from yingshang.audit.models import AuditEvent
from yingshang.audit.selectors import events_for_object

register = template.Library()

TIMELINE_LIMIT = 50
EMPTY = "—"
HIDDEN = "(已隐藏)"

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

# Technical fields that change on every save and say nothing to a reader.
SKIPPED_FIELDS = frozenset({"updated_at", "created_at", "version", "last_login"})
SECRET_FIELDS = frozenset({"password"})

# Pages that show one object, by the object's type (app_label.model_name).
OBJECT_URLS: dict[str, str] = {"registry.enterprise": "registry:enterprise_detail"}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class TimelineEntry:
    event: AuditEvent
    label: str
    changes: list[Change]
    initial: bool


def _model_for(object_type: str) -> type[models.Model] | None:
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
    model = _model_for(object_type) if object_type else None
    if action in ACTION_LABELS and model is not None:
        return f"{ACTION_LABELS[action]}{model._meta.verbose_name}"
    return verb


def verb_choices() -> list[tuple[str, str]]:
    return sorted(verbs.labels().items(), key=lambda item: item[0])


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _display(field: models.Field | None, value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.is_relation:
        return f"#{value}"
    return str(value)


def _label(field: models.Field | None, name: str) -> str:
    return str(field.verbose_name) if field is not None else name


def changes_of(event: AuditEvent) -> list[Change]:
    """The fields an event changed, with Chinese labels and display values."""
    before = event.before or {}
    after = event.after or {}
    model = _model_for(event.object_type)
    rows = []
    for name in list(dict.fromkeys([*after, *before])):
        if name in SKIPPED_FIELDS:
            continue
        old, new = before.get(name), after.get(name)
        if old == new or (not before and new in (None, "")):
            continue
        field = _field(model, name)
        if name in SECRET_FIELDS:
            rows.append(Change(_label(field, name), HIDDEN, HIDDEN))
            continue
        rows.append(Change(_label(field, name), _display(field, old), _display(field, new)))
    return rows


def timeline_entry(event: AuditEvent) -> TimelineEntry:
    return TimelineEntry(
        event=event,
        label=verb_label(event.verb, event.object_type),
        changes=changes_of(event),
        initial=not event.before and bool(event.after),
    )


@register.inclusion_tag("audit/_timeline.html")
def audit_timeline(obj: models.Model, limit: int = TIMELINE_LIMIT) -> dict:
    events = list(events_for_object(obj=obj, limit=limit))
    return {
        "entries": [timeline_entry(event) for event in events],
        "truncated": len(events) >= limit,
    }


@register.simple_tag
def audit_verb(event: AuditEvent) -> str:
    return verb_label(event.verb, event.object_type)


@register.simple_tag
def audit_object_url(event: AuditEvent) -> str:
    """The page of the event's object, or "" when there is none."""
    name = OBJECT_URLS.get(event.object_type)
    if name is None:
        return ""
    try:
        return reverse(name, args=[event.object_id])
    except NoReverseMatch:
        return ""


@register.simple_tag
def audit_changes(event: AuditEvent) -> list[Change]:
    return changes_of(event)
