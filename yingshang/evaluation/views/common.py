"""What every evaluation page shares: who may read or write, the run, the unit."""

import math

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from yingshang.core.evaluation import ROOT, EvaluationResult
from yingshang.evaluation import selectors
from yingshang.kernel.access import EVALUATION_READERS, EVALUATION_WRITERS, has_role, require_role


def require_reader(request: HttpRequest) -> None:
    """Enterprise and supervisor accounts get 403: evaluations are the zone's internal work."""
    require_role(request.user, *EVALUATION_READERS)


def require_writer(request: HttpRequest) -> None:
    """The pages that only lead to a write (upload, new run, the data template); the service
    behind them checks the zone again."""
    require_role(request.user, *EVALUATION_WRITERS)


def can_write(request: HttpRequest) -> bool:
    return has_role(request.user, *EVALUATION_WRITERS)


def readable_run(request: HttpRequest, run_id: int):
    """The run, if the user may read it (403 for roles that read no evaluation); another zone's
    run is "not found" (404)."""
    return selectors.get_run(user=request.user, run_id=run_id)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-Boosted")


def vary_on_htmx(response: HttpResponse) -> HttpResponse:
    patch_vary_headers(response, ["HX-Request"])
    return response


def default_unit(run, result: EvaluationResult) -> str:
    """The run's focus unit (the hosted zone's label in the data), else the first-ranked unit."""
    if run.focus_unit and run.focus_unit in result.units:
        return run.focus_unit
    overall = result.ranks[:, result.node_index(ROOT)]
    ranked = sorted(
        (int(rank), unit) for unit, rank in zip(result.units, overall, strict=True) if rank
    )
    return ranked[0][1] if ranked else result.units[0]


def unit_or_404(result: EvaluationResult, unit: str) -> str:
    if unit not in result.units:
        raise Http404(f"本次评价中没有参评单位「{unit}」")
    return unit


def shown(result: EvaluationResult, value: float | None) -> float | None:
    """A score as the report prints it (rounded half up), None where there is none."""
    if value is None or math.isnan(value):
        return None
    return result.displayed(float(value))
