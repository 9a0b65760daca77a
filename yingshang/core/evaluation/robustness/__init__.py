"""Monte Carlo robustness of the ranking, with variance-based sensitivity per assumption.

Each run evaluates a variant of the methodology, drawn at random:

- weights: every sibling weight is multiplied by a uniform factor in [1 - noise, 1 + noise]
  (the aggregation renormalises each sibling group);
- normalisation: the stated one (the leaves' scores of the result), or a re-normalisation of
  every leaf from `result.treated` over the sample: min-max (best 100, worst 0), or z-scores
  mapped to 0-100 as `clip(50 + 10 z, 0, 100)` (mean 50, one standard deviation 10 points:
  the T-score convention; only units beyond five deviations below the mean are clipped);
  the direction of each leaf is the one its goalposts state;
- aggregation: the stated one per node, or geometric at every node, on leaf scores floored at
  GEOMETRIC_FLOOR (1 point of 100; the leaves' own missing-data filling comes first). A zero
  makes a geometric mean 0, so without a floor every unit that is worst on any one indicator
  (score 0 under sample goalposts or min-max) would drop to 0 overall and the alternative
  would measure that artefact; the floor follows the practice of putting scores on [1, 100]
  before a geometric mean. It is 1 point rather than a tiny epsilon because the penalty grows
  with log(1 / epsilon): a tiny epsilon would make the result hinge on an arbitrary number.
  With the stated aggregation nothing is floored, so that the stated run reproduces the
  published result;
- dropped indicator: none, or one leaf (all equally likely, and "none" as likely as any leaf),
  whose weight is set to 0 so that its siblings share its weight.

Where each part lives: `plan` (the settings and each run's draws), `weights`, `leaves` (the
samplers), `batches` with `tree`, `units`, `means` and `repair` (the batched evaluation),
`summaries` (median rank, interval, sensitivity indices) and `simulation` (`monte_carlo`).
"""

from .batches import BATCH_RUNS as BATCH_RUNS
from .leaves import GEOMETRIC_FLOOR, alternative_leaf_scores
from .leaves import Z_CENTRE as Z_CENTRE
from .leaves import Z_POINTS_PER_SD as Z_POINTS_PER_SD
from .plan import (
    AGGREGATION_CHOICES,
    FACTORS,
    NORMALISATIONS,
    RunDraws,
    UncertaintySettings,
    draw_runs,
)
from .repair import _Repair as _Repair
from .simulation import monte_carlo, run_scores
from .summaries import WEIGHT_BINS as WEIGHT_BINS
from .summaries import Robustness
from .units import TIE_DECIMALS as TIE_DECIMALS

__all__ = [
    "AGGREGATION_CHOICES",
    "FACTORS",
    "GEOMETRIC_FLOOR",
    "NORMALISATIONS",
    "Robustness",
    "RunDraws",
    "UncertaintySettings",
    "alternative_leaf_scores",
    "draw_runs",
    "monte_carlo",
    "run_scores",
]
