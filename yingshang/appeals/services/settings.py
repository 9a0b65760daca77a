"""The zone's appeal rules as data: kinds (time limits) and the escalation settings."""

from yingshang.appeals.models import AppealKind, AppealSettings
from yingshang.core.appeals.clocks import EscalationPolicy, HandlingLimit
from yingshang.kernel.models import Zone


def zone_settings(zone: Zone) -> AppealSettings:
    settings, _created = AppealSettings.objects.get_or_create(zone=zone)
    return settings


def escalation_policy(zone: Zone) -> EscalationPolicy:
    settings = zone_settings(zone)
    return EscalationPolicy(
        due_soon_days=settings.due_soon_days,
        urge_after_days=settings.urge_after_days,
        supervision_after_days=settings.supervision_after_days,
        notice_after_days=settings.notice_after_days,
    )


def kinds_for(zone: Zone | int | None) -> dict[str, AppealKind]:
    """The kinds a zone uses by code: the platform's defaults, overridden by the zone's own."""
    zone_id = zone.pk if isinstance(zone, Zone) else zone
    kinds = {kind.code: kind for kind in AppealKind.objects.filter(zone=None)}
    if zone_id is not None:
        kinds.update({kind.code: kind for kind in AppealKind.objects.filter(zone_id=zone_id)})
    return kinds


def handling_limit(kind: AppealKind) -> HandlingLimit:
    return HandlingLimit(kind.limit_amount, kind.limit_unit)
