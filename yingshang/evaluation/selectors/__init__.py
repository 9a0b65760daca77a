"""Reads of the evaluation module: the records a user may see (`records`, scoped through
`yingshang.kernel.access`) and the results published runs stand for (`results`)."""

from yingshang.evaluation.selectors.records import (
    datasets_visible_to,
    get_dataset,
    get_methodology,
    get_run,
    latest_run,
    methodologies_visible_to,
    run_scores,
    runs_visible_to,
)
from yingshang.evaluation.selectors.results import (
    clear_caches,
    combined_observations,
    dataset_observations,
    finite_or_none,
    methodology_of,
    previous_result,
    result_for_period,
    run_methodology,
    run_observations,
    run_periods,
    run_result,
    stored_goalposts,
    survey_for_periods,
    trend_results,
)

__all__ = [
    "clear_caches",
    "combined_observations",
    "dataset_observations",
    "datasets_visible_to",
    "finite_or_none",
    "get_dataset",
    "get_methodology",
    "get_run",
    "latest_run",
    "methodologies_visible_to",
    "methodology_of",
    "previous_result",
    "result_for_period",
    "run_methodology",
    "run_observations",
    "run_periods",
    "run_result",
    "run_scores",
    "runs_visible_to",
    "stored_goalposts",
    "survey_for_periods",
    "trend_results",
]
