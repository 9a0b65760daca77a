"""Filters of the registry's templates: `{% load registry_labels %}`."""

from django import template

from yingshang.enterprises.labels import section_label

register = template.Library()


@register.filter
def industry_section(letter: str | None) -> str:
    """The section with its name ("C 制造业"), "" when none is recorded."""
    return section_label(letter) if letter else ""
