"""The results published runs stand for, and the stored inputs as the core's objects.

A run's result is re-derived from what is stored with it (the methodology's text, the uploaded
rows and the goalposts it used), so it equals the published UnitScore rows. Pages ask for the
same result many times per request, so results are kept in a small in-process cache keyed by
the run's id and creation time (ids alone can be reused after a rollback).
"""

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import numpy as np

from yingshang.core.evaluation import EvaluationResult, Methodology, Observations, evaluate
from yingshang.core.evaluation.loading import methodology_from_text
from yingshang.evaluation.models import Dataset, EvaluationRun, MethodologyVersion, Observation

CACHE_SIZE = 64
T = TypeVar("T")


class _LruCache:
    """A thread-safe least-recently-used cache; values are computed outside the lock."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_methodologies = _LruCache(CACHE_SIZE)
_observations = _LruCache(CACHE_SIZE)
_results = _LruCache(CACHE_SIZE)


def clear_caches() -> None:
    for cache in (_methodologies, _observations, _results):
        cache.clear()


# --- the stored inputs, as the core's objects ------------------------------------------------


def methodology_of(version: MethodologyVersion) -> Methodology:
    """The methodology rebuilt from its stored text (the text's digest identifies it)."""
    return _methodologies.get_or_compute(
        version.digest, lambda: methodology_from_text(version.source_text, source=version.name)
    )


def run_methodology(run: EvaluationRun) -> Methodology:
    return methodology_of(run.methodology)


def dataset_observations(dataset: Dataset) -> Observations:
    key = ("dataset", dataset.pk, dataset.uploaded_at)
    return _observations.get_or_compute(key, lambda: _load_observations(dataset))


def _load_observations(dataset: Dataset) -> Observations:
    rows = list(
        Observation.objects.filter(dataset=dataset)
        .order_by("id")
        .values_list("unit", "indicator", "period", "value", "row")
    )
    columns = list(zip(*rows, strict=True)) if rows else [(), (), (), (), ()]
    return Observations(
        unit=np.array(columns[0], dtype=object),
        indicator=np.array(columns[1], dtype=object),
        period=np.array(columns[2], dtype=object),
        value=np.array(columns[3], dtype=np.float64),
        row=np.array(columns[4], dtype=np.int64),
        groups=dict(dataset.groups or {}),
    )


def survey_for_periods(survey: Observations, periods: list[str] | tuple[str, ...]) -> Observations:
    """A survey without periods counts for every period of the indicator data."""
    if len(survey) == 0 or set(survey.period.tolist()) != {""} or list(periods) in ([], [""]):
        return survey
    parts = [
        Observations(
            survey.unit,
            survey.indicator,
            np.full(len(survey), period, dtype=object),
            survey.value,
            survey.row,
            survey.groups,
        )
        for period in periods
    ]
    combined = parts[0]
    for part in parts[1:]:
        combined = combined.concat(part)
    return combined


def combined_observations(dataset: Dataset, survey: Dataset | None) -> Observations:
    """The indicator data with the survey's answers added, as one table for the engine."""
    observations = dataset_observations(dataset)
    if survey is None:
        return observations
    periods = dataset.periods or list(observations.periods)
    return observations.concat(survey_for_periods(dataset_observations(survey), periods))


def run_observations(run: EvaluationRun) -> Observations:
    return combined_observations(run.dataset, run.survey)


# --- results ---------------------------------------------------------------------------------


def stored_goalposts(run: EvaluationRun, methodology: Methodology) -> np.ndarray:
    """The run's goalposts as the engine takes them: leaves x (best, worst), in leaf order."""
    posts = np.full((len(methodology.leaves), 2), np.nan)
    for j, leaf in enumerate(methodology.leaves):
        used = (run.goalposts or {}).get(leaf) or {}
        for k, key in enumerate(("best", "worst")):
            value = used.get(key)
            if value is not None:
                posts[j, k] = float(value)
    return posts


def _run_key(run: EvaluationRun) -> tuple:
    return ("run", run.pk, run.created_at)


def run_result(run: EvaluationRun) -> EvaluationResult:
    """The published result, re-evaluated with the goalposts stored with the run."""

    def compute() -> EvaluationResult:
        methodology = run_methodology(run)
        return evaluate(
            methodology,
            run_observations(run),
            period=run.period,
            goalposts=stored_goalposts(run, methodology),
        )

    return _results.get_or_compute(_run_key(run), compute)


def _published_run_of(run: EvaluationRun, period: str) -> EvaluationRun | None:
    """A run published on the same data and methodology for another period, if any."""
    return (
        EvaluationRun.objects.filter(
            dataset_id=run.dataset_id,
            survey_id=run.survey_id,
            methodology_id=run.methodology_id,
            period=period,
        )
        .select_related("methodology", "dataset", "survey")
        .order_by("-id")
        .first()
    )


def result_for_period(run: EvaluationRun, period: str) -> EvaluationResult:
    """The run's data and methodology in another period: the published run of that period if
    there is one, else evaluated with that period's own sample goalposts."""
    if period == run.period:
        return run_result(run)
    published = _published_run_of(run, period)
    if published is not None:
        return run_result(published)

    def compute() -> EvaluationResult:
        return evaluate(run_methodology(run), run_observations(run), period=period)

    return _results.get_or_compute((*_run_key(run), period), compute)


def run_periods(run: EvaluationRun) -> list[str]:
    """Every period of the run's indicator data, oldest first."""
    return sorted(run.dataset.periods or [run.period])


def previous_result(run: EvaluationRun) -> EvaluationResult | None:
    """The same data's period before the run's, or None when the run's period is the first."""
    periods = run_periods(run)
    earlier = [p for p in periods if p < run.period]
    return result_for_period(run, earlier[-1]) if earlier else None


def trend_results(run: EvaluationRun) -> list[EvaluationResult]:
    """One result per period of the run's data, oldest first (the run's own included)."""
    return [result_for_period(run, period) for period in run_periods(run)]


def finite_or_none(value: float) -> float | None:
    return None if value is None or math.isnan(value) else float(value)
