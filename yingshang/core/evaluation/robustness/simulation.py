"""The runs end to end: draw them, score them batch by batch, and summarise their ranks."""

import numpy as np

from ..result import EvaluationResult
from .batches import _BatchEvaluator
from .plan import DEFAULT_SETTINGS, FACTORS, RunDraws, UncertaintySettings, draw_runs
from .summaries import Robustness, _Tally, _WeightProxy


def run_scores(result: EvaluationResult, draws: RunDraws) -> np.ndarray:
    """Overall score of every ranked unit (columns, `result.units` order) in every run (rows),
    by the batched path."""
    evaluator = _BatchEvaluator(result)
    scores = np.empty((len(draws), len(evaluator.units.ranked_units)))
    for runs, block in evaluator.batches(draws):
        scores[runs] = block
    return scores


def monte_carlo(
    result: EvaluationResult, settings: UncertaintySettings = DEFAULT_SETTINGS
) -> Robustness:
    """Rank distribution of every ranked unit over `settings.runs` variants of the methodology,
    and the share of rank variance each assumption explains on its own."""
    evaluator = _BatchEvaluator(result)
    units = evaluator.units
    draws = draw_runs(result, settings)
    proxy = _WeightProxy(evaluator.tree, units, draws)
    tally = _Tally(len(units.ranked_units), len(result.leaves))
    for runs, scores in evaluator.batches(draws):
        ranks = units.ranks(scores)
        batch = draws.take(runs)
        codes = {
            "normalisation": batch.normalisation,
            "aggregation": batch.aggregation,
            "dropped": batch.dropped + 1,
        }
        tally.add(ranks, codes, proxy.codes(batch))
    p05, median, p95 = tally.percentiles((5, 50, 95))
    per_unit = tally.sensitivity()
    varying = tally.variance() > 0
    summary = {
        factor: float(per_unit[factor][varying].mean()) if varying.any() else 0.0
        for factor in FACTORS
    }
    return Robustness(
        units=units.ranked_units,
        runs=settings.runs,
        nominal_rank=units.nominal_ranks(),
        median_rank=median,
        rank_p05=p05,
        rank_p95=p95,
        sensitivity=summary,
        unit_sensitivity=per_unit,
        settings=settings,
    )
