"""The summaries of the runs' ranks: median rank, the 5-95% interval and first-order
sensitivity indices, from streaming sums so that no runs x units rank table is kept.

Percentiles are nearest-rank: the p-th percentile is the smallest rank r such that at least p%
of the runs rank the unit r or better. Runs in which a unit has no score do not count for it.

Sensitivity: a first-order index S_i = Var(E[rank | X_i]) / Var(rank) per unit, estimated by
binning the runs by the assumption's draw X_i: by value for normalisation, aggregation and the
dropped indicator; for the weights, by a per-unit scalar summary split into 10 quantile bins —
the change in the unit's lead over the average ranked unit that the weight draw alone causes,
sum_l (E_l - E0_l) (x_ul - mean_l x_l) with E the run's effective leaf weights (arithmetic,
before dropping), E0 the stated ones, x the stated leaf scores. Conditioning on a summary can
only lose information, so the weights' index is a lower bound. Per unit, with K non-empty bins
and N runs, the estimate is the correlation ratio corrected for the number of bins (epsilon²):
(SS_between - (K - 1) SS_within / (N - K)) / SS_total, clipped to [0, 1]; the index reported
per assumption is its mean over the units whose rank varies at all (0 when none does).
"""

import warnings
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from .plan import (
    AGGREGATION_CHOICES,
    DEFAULT_SETTINGS,
    NORMALISATIONS,
    RunDraws,
    UncertaintySettings,
)
from .tree import _Tree
from .units import _RankedUnits
from .weights import local_weights, normalised_weights, relative_paths

WEIGHT_BINS = 10
# Enough runs to place the weight bins' quantile edges; more would only cost time.
_EDGE_SAMPLE = 2000


@dataclass(frozen=True)
class Robustness:
    """Per ranked unit (in `result.units` order): the published rank and the distribution of
    its rank over the runs (0 where a unit never had a score)."""

    units: tuple[str, ...]
    runs: int
    nominal_rank: np.ndarray
    median_rank: np.ndarray
    rank_p05: np.ndarray
    rank_p95: np.ndarray
    sensitivity: dict[str, float]
    unit_sensitivity: dict[str, np.ndarray] = field(default_factory=dict)
    settings: UncertaintySettings = DEFAULT_SETTINGS

    SENSITIVITY_LABELS: ClassVar[dict[str, str]] = {
        "weights": "权重",
        "normalisation": "标准化方法",
        "aggregation": "加总方法",
        "dropped": "剔除一项指标",
    }

    def interval(self, unit: str) -> tuple[int, int, int, int]:
        """(nominal, median, 5th percentile, 95th percentile) rank of one unit."""
        i = self.units.index(unit)
        return (
            int(self.nominal_rank[i]),
            int(self.median_rank[i]),
            int(self.rank_p05[i]),
            int(self.rank_p95[i]),
        )


class _WeightProxy:
    """Bins each run, per unit, by how much the weight draw alone moves the unit's lead over the
    average ranked unit (WEIGHT_BINS quantile bins per unit)."""

    def __init__(self, tree: _Tree, units: _RankedUnits, draws: RunDraws) -> None:
        self.tree = tree
        result = units.result
        columns = [result.node_index(leaf) for leaf in result.leaves]
        leaves = result.scores[np.ix_(units.ranked_rows, columns)]
        with warnings.catch_warnings(action="ignore", category=RuntimeWarning):
            centre = np.nanmean(leaves, axis=0)
        centred = np.where(np.isnan(leaves), 0.0, leaves - np.nan_to_num(centre))
        self.centred_t = np.ascontiguousarray(centred.T)
        stated = RunDraws(
            np.ones((1, len(tree.nodes))), np.zeros(1, int), np.zeros(1, int), -np.ones(1, int)
        )
        self.stated = self._effective(stated)
        sample = draws.take(np.arange(min(len(draws), _EDGE_SAMPLE)))
        levels = np.linspace(0, 1, WEIGHT_BINS + 1)[1:-1]
        self.edges = np.quantile(self._lead_change(sample), levels, axis=0)

    def _effective(self, draws: RunDraws) -> np.ndarray:
        shares = normalised_weights(self.tree, local_weights(self.tree, draws, drop=False))
        return relative_paths(self.tree, shares)[self.tree.leaf_node].T

    def _lead_change(self, draws: RunDraws) -> np.ndarray:
        return (self._effective(draws) - self.stated) @ self.centred_t

    def codes(self, draws: RunDraws) -> np.ndarray:
        change = self._lead_change(draws)
        return (change[:, :, None] > self.edges.T[None, :, :]).sum(axis=2)


class _Tally:
    """Streaming sums over runs: rank counts per unit (for percentiles) and, per assumption and
    bin, the sum and count of each unit's ranks (for the variance decomposition)."""

    def __init__(self, units: int, leaves: int) -> None:
        self.units = units
        self.levels = {
            "weights": WEIGHT_BINS,
            "normalisation": len(NORMALISATIONS),
            "aggregation": len(AGGREGATION_CHOICES),
            "dropped": leaves + 1,
        }
        self.counts = np.zeros(units * (units + 1), dtype=np.int64)
        self.sums = {f: np.zeros((units, k)) for f, k in self.levels.items()}
        self.sizes = {f: np.zeros((units, k)) for f, k in self.levels.items()}
        self.total = np.zeros(units)
        self.squares = np.zeros(units)
        self.n = np.zeros(units)

    def add(self, ranks: np.ndarray, codes: dict[str, np.ndarray], weights: np.ndarray) -> None:
        """`codes`: per assumption, each run's bin (runs); `weights`: runs x units bins."""
        valid = ranks > 0
        every = bool(valid.all())
        offsets = np.arange(self.units) * (self.units + 1)
        cells = (ranks + offsets) if every else (ranks + offsets)[valid]
        self.counts += np.bincount(cells.ravel(), minlength=self.counts.size)
        value = ranks.astype(np.float64) if every else np.where(valid, ranks, 0.0)
        counted = np.full(ranks.shape[1], float(ranks.shape[0])) if every else valid.sum(axis=0)
        column_sums = value.sum(axis=0)
        self.total += column_sums
        self.squares += np.einsum("ru,ru->u", value, value)
        self.n += counted
        for factor, code in codes.items():
            if (code == code[0]).all():
                # Batches share normalisation and aggregation: one bin for the whole batch.
                self.sums[factor][:, code[0]] += column_sums
                self.sizes[factor][:, code[0]] += counted
                continue
            one_hot = np.zeros((ranks.shape[0], self.levels[factor]))
            one_hot[np.arange(ranks.shape[0]), code] = 1.0
            self.sums[factor] += value.T @ one_hot
            if every:
                self.sizes[factor] += one_hot.sum(axis=0)[None, :]
            else:
                self.sizes[factor] += valid.T.astype(np.float64) @ one_hot
        index = (weights + np.arange(self.units) * WEIGHT_BINS).ravel()
        size = self.units * WEIGHT_BINS
        sums = np.bincount(index, weights=value.ravel(), minlength=size)
        sizes = np.bincount(index, weights=None if every else valid.ravel(), minlength=size)
        self.sums["weights"] += sums.reshape(self.units, WEIGHT_BINS)
        self.sizes["weights"] += sizes.reshape(self.units, WEIGHT_BINS)

    def variance(self) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.where(self.n > 0, self.squares - self.total**2 / self.n, 0.0)

    def sensitivity(self) -> dict[str, np.ndarray]:
        total_ss = self.variance()
        out = {}
        for factor in self.levels:
            sums, sizes = self.sums[factor], self.sizes[factor]
            with np.errstate(all="ignore"):
                between = np.where(sizes > 0, sums**2 / sizes, 0.0).sum(axis=1)
                between -= np.where(self.n > 0, self.total**2 / self.n, 0.0)
                bins = (sizes > 0).sum(axis=1)
                within = np.maximum(total_ss - between, 0.0)
                correction = np.where(self.n > bins, (bins - 1) * within / (self.n - bins), 0.0)
                index = np.where(total_ss > 0, (between - correction) / total_ss, 0.0)
            out[factor] = np.clip(index, 0.0, 1.0)
        return out

    def percentiles(self, levels: tuple[int, ...]) -> list[np.ndarray]:
        counts = self.counts.reshape(self.units, self.units + 1)
        cumulative = np.cumsum(counts, axis=1)
        out = []
        for level in levels:
            needed = np.maximum(1, np.ceil(level / 100 * self.n - 1e-9))
            reached = cumulative >= needed[:, None]
            rank = reached.argmax(axis=1)
            out.append(np.where(self.n > 0, rank, 0).astype(np.int64))
        return out
