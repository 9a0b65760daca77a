"""The evaluation records a user may see.

Office staff, leaders and department staff read their zone's evaluations (departments see the
whole zone's: an evaluation is not one department's work); administrators read every zone's;
enterprise users and supervisors may not read them at all (403). Another zone's record is "not
found" (404), never "forbidden".
"""

from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import Http404

from yingshang.evaluation.models import Dataset, EvaluationRun, MethodologyVersion, UnitScore
from yingshang.kernel.access import EVALUATION_READERS, require_role, scoped
from yingshang.kernel.models import User, Zone

T = TypeVar("T")
NOT_FOUND = "对象不存在或无权查看"


def _in_scope(queryset: QuerySet[T], user: Any) -> QuerySet[T]:
    """The rows of the user's zone (every zone for administrators); 403 for other roles."""
    require_role(user, *EVALUATION_READERS)
    return scoped(queryset, user=user, zone="zone_id", zone_wide=EVALUATION_READERS)


def runs_visible_to(user: User) -> QuerySet[EvaluationRun]:
    """The runs the user may read, newest first; PermissionDenied for roles without access."""
    return _in_scope(EvaluationRun.objects.all(), user).select_related(
        "zone", "methodology", "dataset", "survey", "created_by"
    )


def latest_run(zone: Zone) -> EvaluationRun | None:
    """The zone's run of the latest period (the newest of that period), for the demo and the
    default choice when a plan is drafted."""
    return EvaluationRun.objects.filter(zone=zone).order_by("-period", "-id").first()


def datasets_visible_to(user: User) -> QuerySet[Dataset]:
    return _in_scope(Dataset.objects.all(), user).select_related("zone", "uploaded_by")


def methodologies_visible_to(user: User) -> QuerySet[MethodologyVersion]:
    """The zone's own methodologies and the shared presets (stored with no zone)."""
    own = _in_scope(MethodologyVersion.objects.all(), user)
    shared = MethodologyVersion.objects.filter(zone__isnull=True)
    return (own | shared).select_related("zone", "created_by")


def _get_or_404(queryset: QuerySet[T], pk: int) -> T:
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise Http404(NOT_FOUND) from None


def get_run(*, user: User, run_id: int) -> EvaluationRun:
    """The run if the user may see it; Http404 for another zone's run or none at all."""
    return _get_or_404(runs_visible_to(user), run_id)


def get_dataset(*, user: User, dataset_id: int) -> Dataset:
    return _get_or_404(datasets_visible_to(user), dataset_id)


def get_methodology(*, user: User, methodology_id: int) -> MethodologyVersion:
    return _get_or_404(methodologies_visible_to(user), methodology_id)


def run_scores(run: EvaluationRun, *, unit: str = "", node: str = "") -> QuerySet[UnitScore]:
    """The published score rows of a run, optionally of one unit or one node."""
    scores = UnitScore.objects.filter(run=run)
    if unit:
        scores = scores.filter(unit=unit)
    if node:
        scores = scores.filter(node=node)
    return scores.order_by("id")
