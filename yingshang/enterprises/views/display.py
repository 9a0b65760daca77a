"""An enterprise's fields as the pages show them: labelled, grouped, choices by their names."""

from collections.abc import Iterable
from dataclasses import dataclass

from django import forms

from yingshang.enterprises.fieldgroups import ENTERPRISE_FIELD_GROUPS
from yingshang.enterprises.labels import section_label
from yingshang.kernel.models import Enterprise


@dataclass(frozen=True)
class FieldRow:
    label: str
    value: object
    name: str


def display_value(enterprise: Enterprise, name: str) -> object:
    if name == "zone":
        return enterprise.zone.name
    if name == "industry_section" and enterprise.industry_section:
        return section_label(enterprise.industry_section)
    field = Enterprise._meta.get_field(name)
    if field.choices:
        return getattr(enterprise, f"get_{name}_display")()
    return getattr(enterprise, name)


def field_groups(enterprise: Enterprise) -> list[tuple[str, list[FieldRow]]]:
    groups = []
    for title, names in ENTERPRISE_FIELD_GROUPS:
        rows = [
            FieldRow(
                str(Enterprise._meta.get_field(n).verbose_name), display_value(enterprise, n), n
            )
            for n in names
        ]
        groups.append((title, rows))
    return groups


def conflicts(form: forms.Form, current: Enterprise, names: Iterable[str]) -> list[FieldRow]:
    """Fields whose saved value now differs from what the user submitted."""
    rows = []
    for name in names:
        mine = form.cleaned_data.get(name)
        theirs = getattr(current, name)
        if (mine or None) != (theirs or None):
            rows.append(FieldRow(str(form.fields[name].label), display_value(current, name), name))
    return rows
