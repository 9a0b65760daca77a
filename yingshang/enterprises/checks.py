"""Warnings about a registry record that do not stop it being saved or imported."""

from yingshang.core.uscc_types import type_mismatch
from yingshang.kernel.models import EntityType

_TYPE_LABELS = dict(EntityType.choices)


def uscc_type_warning(code: str, entity_type: str) -> str:
    """The warning when the code's first two characters belong to another entity type (GB
    32100-2015: "91" 企业，"92" 个体工商户，"93" 农民专业合作社), else ""."""
    mismatch = type_mismatch(code, entity_type)
    if mismatch is None:
        return ""
    return mismatch.message(str(_TYPE_LABELS.get(entity_type, entity_type)))
