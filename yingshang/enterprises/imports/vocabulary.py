"""The closed lists of an import (choices, zones, qualification kinds), read from the models."""

import re

from django.db import models

from yingshang.enterprises.imports.rows import Vocabulary
from yingshang.kernel.models import (
    CreditRiskClass,
    EnterpriseStatus,
    EntityType,
    QualificationKind,
    SizeClass,
    Zone,
)
from yingshang.lib.tabular.values import ChoiceTable

CHOICE_FIELDS: dict[str, tuple[str, type[models.TextChoices]]] = {
    "entity_type": ("主体类型", EntityType),
    "status": ("登记状态", EnterpriseStatus),
    "size_class": ("企业规模", SizeClass),
    "credit_risk_class": ("信用风险分类", CreditRiskClass),
}


def _short_label(label: str) -> str:
    """ "A类 (信用风险低)" -> "A类": the part before a parenthesis."""
    return re.split(r"\s*[(（]", label, maxsplit=1)[0]


def choice_table(noun: str, choices: type[models.TextChoices]) -> ChoiceTable:
    return ChoiceTable.build(
        noun=noun,
        entries=(
            (value, str(label), (value, _short_label(str(label))))
            for value, label in choices.choices
        ),
    )


def build_vocabulary(*, allowed_zone_ids: frozenset[int] | None = None) -> Vocabulary:
    zones = Zone.objects.order_by("-hosted", "name").values_list("pk", "code", "name")
    kinds = QualificationKind.objects.values_list("pk", "code", "name")
    return Vocabulary(
        choices={
            field: choice_table(noun, choices) for field, (noun, choices) in CHOICE_FIELDS.items()
        },
        zones=ChoiceTable.build(
            noun="功能区", entries=((pk, name, (code,)) for pk, code, name in zones)
        ),
        kinds=ChoiceTable.build(
            noun="资质", entries=((pk, name, (code,)) for pk, code, name in kinds)
        ),
        allowed_zone_ids=allowed_zone_ids,
    )
