"""A zone's rectification rules, created with the defaults the first time they are needed."""

from dataclasses import asdict, is_dataclass

from yingshang.core.rectification.clocks import EscalationPolicy
from yingshang.core.rectification.grades import (
    DEFAULT_GRADE_LIMITS,
    GradeLimit,
    parse_grade_limits,
)
from yingshang.kernel.models import Zone
from yingshang.rectification.models import RectificationSettings


def _plain(value: object) -> object:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def default_grade_limits() -> dict:
    return {
        grade: {"limit": limit.limit, "unit": str(limit.unit)}
        for grade, limit in DEFAULT_GRADE_LIMITS.items()
    }


def zone_settings(zone: Zone) -> RectificationSettings:
    """The zone's settings row, created with the defaults when missing."""
    from yingshang.core.rectification.performance import DEFAULT_SCORE_WEIGHTS

    row, _created = RectificationSettings.objects.get_or_create(
        zone=zone,
        defaults={
            "grade_limits": default_grade_limits(),
            "score_weights": _plain(DEFAULT_SCORE_WEIGHTS),
        },
    )
    return row


def grade_limits(zone: Zone) -> dict[str, GradeLimit]:
    row = zone_settings(zone)
    return parse_grade_limits(row.grade_limits or default_grade_limits())


def escalation_policy(zone: Zone) -> EscalationPolicy:
    row = zone_settings(zone)
    return EscalationPolicy(
        reminder_days_before=row.reminder_days_before,
        supervision_after_days=row.supervision_after_days,
        notice_after_days=row.notice_after_days,
    )
