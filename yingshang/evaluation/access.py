"""Who may read and write evaluations, on top of the registry's role rules.

Office staff and administrators upload data and publish runs (office staff in their own zone);
leaders and department staff read their zone's evaluations; enterprise users and supervisors
have no access. Records of another zone are "not found", never "forbidden".
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from yingshang.evaluation.models import Dataset, EvaluationRun, MethodologyVersion
from yingshang.kernel.access import has_role, require_role
from yingshang.kernel.models import Role, Zone

EVALUATION_READERS = frozenset({Role.ADMIN, Role.OFFICE, Role.LEADER, Role.DEPARTMENT})
EVALUATION_WRITERS = frozenset({Role.ADMIN, Role.OFFICE})


def can_read_evaluations(user: Any) -> bool:
    return has_role(user, *EVALUATION_READERS)


def can_write_evaluations(user: Any) -> bool:
    return has_role(user, *EVALUATION_WRITERS)


def require_evaluation_reader(user: Any) -> None:
    require_role(user, *EVALUATION_READERS)


def require_evaluation_writer(user: Any, zone: Zone | None = None) -> None:
    """Office staff or an administrator; office staff only for their own zone."""
    require_role(user, *EVALUATION_WRITERS)
    if zone is not None and not has_role(user, Role.ADMIN) and user.zone_id != zone.pk:
        raise PermissionDenied("无权访问: 只能评价本功能区")


def _zone_filter(user: Any) -> Q | None:
    """None: every zone (administrators)."""
    require_evaluation_reader(user)
    if has_role(user, Role.ADMIN):
        return None
    return Q(zone_id=user.zone_id) if user.zone_id is not None else Q(pk__in=[])


def runs_in_scope(user: Any) -> QuerySet[EvaluationRun]:
    scope = _zone_filter(user)
    runs = EvaluationRun.objects.all()
    return runs if scope is None else runs.filter(scope)


def datasets_in_scope(user: Any) -> QuerySet[Dataset]:
    scope = _zone_filter(user)
    datasets = Dataset.objects.all()
    return datasets if scope is None else datasets.filter(scope)


def methodologies_in_scope(user: Any) -> QuerySet[MethodologyVersion]:
    """The zone's own methodologies and the shared presets."""
    scope = _zone_filter(user)
    methodologies = MethodologyVersion.objects.all()
    return methodologies if scope is None else methodologies.filter(scope | Q(zone__isnull=True))
