"""Writes to the enterprise registry: check, then do, then record the audit event."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from yingshang.audit.services import changed_fields, snapshot
from yingshang.core import uscc
from yingshang.enterprises import events
from yingshang.enterprises.fieldgroups import EDITABLE_FIELDS
from yingshang.kernel.access import (
    REGISTRY_WRITERS,
    enterprises_visible_to,
    require_enterprise_editor,
    require_role,
    zones_visible_to,
)
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


def _named_zone(actor: User, zone_id: int | None) -> Zone:
    """The zone a new enterprise goes to when the caller names it by id (None: the actor's)."""
    if zone_id is None:
        if actor.zone is None:
            raise ValidationError({"zone_id": "请指定登记到哪个功能区"})
        return actor.zone
    zone = zones_visible_to(user=actor).filter(pk=zone_id).first()
    if zone is None:
        raise ValidationError({"zone_id": "功能区不存在或不在您的管辖范围内"})
    return zone


@transaction.atomic
def create_enterprise(
    *,
    actor: User,
    uscc_code: str,
    data: Mapping[str, Any],
    zone: Zone | None = None,
    zone_id: int | None = None,
) -> Enterprise:
    """Register an enterprise in `zone`, or in the zone `zone_id` names (the actor's own when
    neither is given). Office staff register in their own zone only."""
    require_role(actor, *REGISTRY_WRITERS)
    if zone is None:
        zone = _named_zone(actor, zone_id)
    if actor.role != Role.ADMIN and actor.zone_id != zone.pk:
        raise ValidationError({"zone": "只能在本功能区登记市场主体"})
    code = _validated_uscc(uscc_code)
    if Enterprise.objects.filter(uscc=code).exists():
        raise ValidationError({"uscc": f"统一社会信用代码 {code} 已存在"})
    enterprise = Enterprise(uscc=code, zone=zone)
    _apply(enterprise, data)
    enterprise.full_clean()
    enterprise.save()
    events.enterprise_created(actor=actor, enterprise=enterprise)
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
    """Update if nobody saved since `expected_version`; otherwise StaleVersionError.

    An enterprise the actor may not see does not exist for it (Enterprise.DoesNotExist); one
    it sees but may not edit is PermissionDenied.
    """
    enterprise = lock_version(
        enterprises_visible_to(user=actor), pk=enterprise_id, expected_version=None
    )
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
    events.enterprise_updated(
        actor=actor, enterprise=enterprise, before=old, after=new, reason=reason
    )
    return enterprise
