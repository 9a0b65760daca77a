"""Showing audit events: `{% load audit %}{% audit_timeline obj %}` and Chinese verb labels.

How an event reads (labels, values, names for ids) is `audit.display`; these tags only render.
"""

from django import template
from django.db import models
from django.urls import NoReverseMatch, reverse

from yingshang.audit import display, verbs
from yingshang.audit.display import Change, verb_label
from yingshang.audit.models import AuditEvent
from yingshang.audit.selectors import events_for_object

register = template.Library()

TIMELINE_LIMIT = 50

# Pages that show one object, by the object's type (app_label.model_name).
OBJECT_URLS: dict[str, str] = {
    "registry.enterprise": "registry:enterprise_detail",
    "appeals.appeal": "appeals:appeal_detail",
}

__all__ = ["changes_of", "verb_choices", "verb_label"]


def verb_choices() -> list[tuple[str, str]]:
    return sorted(verbs.labels().items(), key=lambda item: item[0])


def changes_of(event: AuditEvent) -> list[Change]:
    """The fields one event changed, with Chinese labels and display values."""
    return display.describe([event])[0].changes


@register.inclusion_tag("audit/_timeline.html")
def audit_timeline(obj: models.Model, limit: int = TIMELINE_LIMIT) -> dict:
    events = list(events_for_object(obj=obj, limit=limit))
    return {"entries": display.describe(events), "truncated": len(events) >= limit}


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
