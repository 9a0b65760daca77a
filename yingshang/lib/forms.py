"""Form bases whose selects name the empty choice in Chinese instead of Django's "---------".

Entry forms say "请选择", filter forms "全部". The dashes come from three places: a
ModelChoiceField's default `empty_label`, the blank choice a ModelForm adds to a model field
with `choices` and `blank=True`, and a ChoiceField given `BLANK_CHOICE_DASH`. A field that names
its empty choice itself (an explicit `empty_label` or blank choice) keeps its own words.
"""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH

DJANGO_BLANK = str(BLANK_CHOICE_DASH[0][1])
CHOOSE = "请选择"
ALL = "全部"


def name_empty_choices(fields: Mapping[str, forms.Field], label: str) -> None:
    """Replace Django's dashes by `label` in the empty choice of every select among `fields`."""
    for field in fields.values():
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label == DJANGO_BLANK:
                field.empty_label = label
        elif isinstance(field, forms.ChoiceField):
            choices = list(field.choices)
            if any(_is_dashes(choice) for choice in choices):
                field.choices = [
                    (value, label) if _is_dashes((value, text)) else (value, text)
                    for value, text in choices
                ]


def _is_dashes(choice: tuple[Any, Any]) -> bool:
    value, text = choice
    return value in ("", None) and str(text) == DJANGO_BLANK


class EmptyChoiceMixin:
    """Names the empty choice of the form's selects `empty_choice` once the fields exist.

    A form that sets a field's choices after `__init__` names their empty choice itself."""

    empty_choice = CHOOSE
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name_empty_choices(self.fields, self.empty_choice)


class EntryForm(EmptyChoiceMixin, forms.Form):
    """A form that enters data: an empty select says "请选择"."""


class EntryModelForm(EmptyChoiceMixin, forms.ModelForm):
    """A ModelForm that enters data: an empty select says "请选择"."""


class FilterForm(EmptyChoiceMixin, forms.Form):
    """A list's filters: an empty select means any value and says "全部"."""

    empty_choice = ALL
