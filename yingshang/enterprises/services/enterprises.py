"""Writes to the enterprise registry: check, then do, then record the audit event."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from yingshang.audit.services import changed_fields, record_event, snapshot
from yingshang.core import uscc
from yingshang.enterprises.fieldgroups import EDITABLE_FIELDS
from yingshang.kernel.access import require_enterprise_editor, require_role
from yingshang.kernel.models import Enterprise, Role, User, Zone
from yingshang.kernel.versioning import bump_version, check_version, lock_version


def _validated_uscc(raw: str) -> str:
    try:
        return uscc.validate(raw)
    except uscc.UsccError as exc:
        raise ValidationError({"uscc": str(exc)}) from exc


def _apply(enterprise: Enterprise, data: Mapping[str, Any]) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"未知字段: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(enterprise, name, value)
    if enterprise.industry_code and not enterprise.industry_section:
        from yingshang.core.industry import section_of

        enterprise.industry_section = section_of(enterprise.industry_code) or ""


@transaction.atomic
def create_enterprise(
    *, actor: User, zone: Zone, uscc_code: str, data: Mapping[str, Any]
) -> Enterprise:
    require_role(actor, Role.ADMIN, Role.OFFICE)
    if actor.role != Role.ADMIN and actor.zone_id != zone.pk:
        raise ValidationError({"zone": "只能在本功能区登记市场主体"})
    code = _validated_uscc(uscc_code)
    if Enterprise.objects.filter(uscc=code).exists():
        raise ValidationError({"uscc": f"统一社会信用代码 {code} 已存在"})
    enterprise = Enterprise(uscc=code, zone=zone)
    _apply(enterprise, data)
    enterprise.full_clean()
    enterprise.save()
    record_event(actor=actor, verb="enterprise.created", obj=enterprise, after=snapshot(enterprise))
    return enterprise


@transaction.atomic
def update_enterprise(
    *,
    actor: User,
    enterprise_id: int,
    expected_version: int,
    data: Mapping[str, Any],
    reason: str = "",
) -> Enterprise:
    """Update if nobody saved since `expected_version`; otherwise StaleVersionError."""
    enterprise = lock_version(Enterprise.objects, pk=enterprise_id, expected_version=None)
    require_enterprise_editor(user=actor, enterprise=enterprise)
    check_version(enterprise, expected_version)
    before = snapshot(enterprise)
    _apply(enterprise, data)
    enterprise.full_clean()
    old, new = changed_fields(before, snapshot(enterprise))
    if not new:
        return enterprise
    bump_version(enterprise)
    enterprise.save()
    record_event(
        actor=actor, verb="enterprise.updated", obj=enterprise, before=old, after=new, reason=reason
    )
    return enterprise
