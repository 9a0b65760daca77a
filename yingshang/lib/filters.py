"""List filters as frozen dataclasses: one value per filter, its default meaning "any".

A list page (a form's cleaned data) and the API (a query schema) fill the same dataclass, and
the selector turns it into ORM lookups, so that both apply exactly the same filters.
"""

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

F = TypeVar("F")

_MISSING = dataclasses.MISSING


def _default(field: dataclasses.Field) -> Any:
    if field.default is not _MISSING:
        return field.default
    if field.default_factory is not _MISSING:
        return field.default_factory()
    return None


def _is_blank(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple | set) and not value)


def filters_from(
    cls: type[F], data: Mapping[str, Any], *, names: Mapping[str, str] | None = None
) -> F:
    """A `cls` from `data`, keeping only its fields; blank values (None, "", empty) and keys
    missing from `data` keep the field's default.

    `names` maps a key of `data` to the field it fills (a form's short parameter "type" to
    `entity_type`). A chosen record (a model instance, as a ModelChoiceField gives it) fills
    an `..._id` field with its primary key.
    """
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    renamed = {key: key for key in fields} | dict(names or {})
    values: dict[str, Any] = {}
    for key, name in renamed.items():
        if name not in fields or key not in data:
            continue
        value = data[key]
        if _is_blank(value):
            continue
        if name.endswith("_id") and hasattr(value, "pk"):
            value = value.pk
        values[name] = value
    return cls(**values)


def set_fields(filters: Any) -> dict[str, Any]:
    """The filters that are set: the fields whose value differs from their default."""
    return {
        f.name: getattr(filters, f.name)
        for f in dataclasses.fields(filters)
        if getattr(filters, f.name) != _default(f)
    }


def orm_lookups(filters: Any, lookups: Mapping[str, str]) -> dict[str, Any]:
    """`{lookup: value}` for `queryset.filter(**...)`: each set field named in `lookups`
    (field -> ORM lookup, e.g. "qualification" -> "qualifications__kind__code")."""
    given = set_fields(filters)
    return {lookup: given[name] for name, lookup in lookups.items() if name in given}
