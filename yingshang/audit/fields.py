"""The Chinese names of what audit events record, for the keys that no model names.

Most of an event's before and after are a model's fields, and the audit trail names them by the
model's `verbose_name`: the fields of the event's object, or of the model a module declares as
the event's subject (`plan_item.updated` is recorded on the plan, since it shows in the plan's
history, but holds the item's fields). What is left, counts and file lists that a service writes
itself, each module names in its `events.py`:

    FIELD_LABELS = {"attachments": "附件", ...}                 key -> label
    FIELD_SUBJECTS = {"plan_item.updated": PlanItem}            verb -> model

The audit app collects both from every installed app's `events` module when the apps are ready
(`discover`), so the trail names every key without importing the modules. A key keeps one label
across the platform; registering it twice with different labels is refused, as for verbs.
"""

from collections.abc import Mapping
from importlib import import_module
from typing import Any

from yingshang.audit import verbs

# Keys of the kernel's and the shell's own events, which have no events module of their own.
_LABELS: dict[str, str] = {
    # calendaryear.seeded: a year's holidays imported from the published schedule
    "year_created": "新建年份",
    "days_created": "新增日期数",
    "days_updated": "修改日期数",
    "days_deleted": "删除日期数",
    # demo.built
    "seed": "随机种子",
    "size": "市场主体数",
    "qualifications": "企业资质数",
}
_SUBJECTS: dict[str, str] = {}

EVENTS_MODULE = "events"


class FieldLabelError(ValueError):
    """A key registered twice with different labels."""


def _model_label(model: Any) -> str:
    """A model class or its `app_label.model_name`, as the label."""
    return model if isinstance(model, str) else model._meta.label_lower


def register(
    labels: Mapping[str, str] | None = None, *, subjects: Mapping[str, Any] | None = None
) -> None:
    """`labels`: key -> Chinese label; `subjects`: verb -> the model (a class or its
    `app_label.model_name`) whose fields the verb's events record."""
    for key, text in (labels or {}).items():
        if _LABELS.get(key, text) != text:
            raise FieldLabelError(f"audit field {key!r} registered with two labels")
        _LABELS[key] = text
    for verb, subject_model in (subjects or {}).items():
        model = _model_label(subject_model)
        if _SUBJECTS.get(verb, model) != model:
            raise FieldLabelError(f"audit verb {verb!r} registered with two subjects")
        _SUBJECTS[verb] = model


def label(key: str) -> str | None:
    return _LABELS.get(key)


def subject(verb: str) -> str | None:
    """The model (`app_label.model_name`) whose fields the verb's events record, when it is not
    the event's object."""
    return _SUBJECTS.get(verbs.current(verb)) or _SUBJECTS.get(verb)


def labels() -> dict[str, str]:
    return dict(_LABELS)


def discover() -> None:
    """Register `FIELD_LABELS` and `FIELD_SUBJECTS` of every installed app's events module."""
    from django.apps import apps
    from django.utils.module_loading import module_has_submodule

    for config in apps.get_app_configs():
        if not module_has_submodule(config.module, EVENTS_MODULE):
            continue
        module = import_module(f"{config.name}.{EVENTS_MODULE}")
        register(
            getattr(module, "FIELD_LABELS", None),
            subjects=getattr(module, "FIELD_SUBJECTS", None),
        )
