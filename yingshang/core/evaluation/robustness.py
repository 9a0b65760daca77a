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

A run is evaluated exactly as the engine's `aggregate` would evaluate that variant node by node
(missing children skipped and weights renormalised; a zero child score makes a geometric or
harmonic mean 0), but without looping the engine: the leaf matrices of every normalisation are
built once, runs are grouped by (normalisation, aggregation) and evaluated in batches of up to
BATCH_RUNS. A subtree that uses one aggregation throughout is a single weighted mean of its
leaves with effective weights (the product of the renormalised sibling weights down the path;
a dropped leaf's weight is 0 and its siblings share it), so for the whole batch its score is one
matrix product (units x leaves) @ (leaves x runs) — of the scores for arithmetic means, of their
logarithms for geometric ones, of their reciprocals for harmonic ones. Under the stated aggregation
zero scores are not clipped: a second product with the zero-score mask finds the units whose
geometric or harmonic mean is 0, as `aggregate` defines it, so that a run with the stated
assumptions reproduces the published result exactly. Units with a missing leaf score are then
repaired exactly and sparsely: only the nodes above a missing leaf renormalise (see `_Repair`).
Nodes above such subtrees (where the aggregation changes) are combined node by node. When a
node would fill a child subtree's missing score from the other units (missing: mean, median,
group or worst), every unit goes node by node instead.

The engine's group filling needs the units' groups, which a result does not carry: it falls
back to the overall mean here, as in `weighting.reweighted_scores`.

Ranks are competition ranks (ties share the better rank) of the ranked units, on scores rounded
to 9 decimals (the displayed decimals when the methodology ranks displayed scores), so that
floating-point noise between the matrix and the nested computation cannot split a tie.
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
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from .ranking import display_round
from .result import EvaluationResult

NORMALISATIONS = ("stated", "minmax", "zscore")
AGGREGATION_CHOICES = ("stated", "geometric")
FACTORS = ("weights", "normalisation", "aggregation", "dropped")
WEIGHT_BINS = 10
BATCH_RUNS = 500
TIE_DECIMALS = 9
Z_CENTRE, Z_POINTS_PER_SD = 50.0, 10.0
GEOMETRIC_FLOOR = 1.0
_EDGE_SAMPLE = 2000
_POOLING_POLICIES = ("mean", "median", "group")
_FILLING_POLICIES = ("worst", *_POOLING_POLICIES)


@dataclass(frozen=True)
class UncertaintySettings:
    runs: int = 1000
    seed: int = 0
    weight_noise: float = 0.25
    vary_normalisation: bool = True
    vary_aggregation: bool = True
    drop_indicator: bool = True


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
    settings: UncertaintySettings = UncertaintySettings()

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


@dataclass(frozen=True)
class RunDraws:
    """The assumptions of each run: weight multipliers (runs x nodes, in `result.nodes` order),
    and indices into NORMALISATIONS and AGGREGATION_CHOICES, and the dropped leaf's index in
    `result.leaves` (-1: none)."""

    multipliers: np.ndarray
    normalisation: np.ndarray
    aggregation: np.ndarray
    dropped: np.ndarray

    def __len__(self) -> int:
        return len(self.normalisation)

    def take(self, runs: np.ndarray) -> "RunDraws":
        return RunDraws(
            self.multipliers[runs],
            self.normalisation[runs],
            self.aggregation[runs],
            self.dropped[runs],
        )


def draw_runs(result: EvaluationResult, settings: UncertaintySettings) -> RunDraws:
    """Reproducible draws for a seed. Every assumption is drawn even when switched off (and then
    held at its stated value), so switching one on or off leaves the others' draws unchanged."""
    noise = float(settings.weight_noise)
    if not 0.0 <= noise < 1.0:
        raise ValueError("权重扰动幅度必须在 0 到 1 之间（不含 1）")
    if settings.runs < 1:
        raise ValueError("模拟次数必须至少为 1")
    rng = np.random.default_rng(settings.seed)
    runs = settings.runs
    multipliers = rng.uniform(1.0 - noise, 1.0 + noise, size=(runs, len(result.nodes)))
    normalisation = rng.integers(0, len(NORMALISATIONS), runs)
    aggregation = rng.integers(0, len(AGGREGATION_CHOICES), runs)
    dropped = rng.integers(-1, len(result.leaves), runs)
    multipliers[:, 0] = 1.0
    if noise == 0.0:
        multipliers[:] = 1.0
    if not settings.vary_normalisation:
        normalisation[:] = 0
    if not settings.vary_aggregation:
        aggregation[:] = 0
    if not settings.drop_indicator:
        dropped[:] = -1
    return RunDraws(multipliers, normalisation, aggregation, dropped)


def alternative_leaf_scores(result: EvaluationResult, normalisation: str) -> np.ndarray:
    """The leaves' 0-100 scores (rows: the units that are not composites) under one of
    NORMALISATIONS, re-normalised from `result.treated` over those units."""
    base = _base_rows(result)
    if normalisation == "stated":
        columns = [result.node_index(leaf) for leaf in result.leaves]
        return result.scores[np.ix_(base, columns)].copy()
    if normalisation not in NORMALISATIONS:
        raise ValueError(f"未知的标准化方法 {normalisation}")
    treated = result.treated[base]
    out = np.full(treated.shape, np.nan)
    for j, leaf in enumerate(result.leaves):
        goalposts = result.methodology.nodes[leaf].goalposts
        sign = -1.0 if goalposts is not None and goalposts.better == "lower" else 1.0
        out[:, j] = _renormalise(sign * treated[:, j], normalisation)
    return out


def run_scores(result: EvaluationResult, draws: RunDraws) -> np.ndarray:
    """Overall score of every ranked unit (columns, `result.units` order) in every run (rows),
    by the batched path."""
    plan = _Plan(result)
    scores = np.empty((len(draws), len(plan.ranked_units)))
    for runs, block in plan.batches(draws):
        scores[runs] = block
    return scores


def monte_carlo(
    result: EvaluationResult, settings: UncertaintySettings = UncertaintySettings()
) -> Robustness:
    """Rank distribution of every ranked unit over `settings.runs` variants of the methodology,
    and the share of rank variance each assumption explains on its own."""
    plan = _Plan(result)
    draws = draw_runs(result, settings)
    proxy = _WeightProxy(plan, draws)
    tally = _Tally(len(plan.ranked_units), len(result.leaves))
    for runs, scores in plan.batches(draws):
        ranks = plan.ranks(scores)
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
        units=plan.ranked_units,
        runs=settings.runs,
        nominal_rank=plan.nominal_ranks(),
        median_rank=median,
        rank_p05=p05,
        rank_p95=p95,
        sensitivity=summary,
        unit_sensitivity=per_unit,
        settings=settings,
    )


# --- leaf matrices ---------------------------------------------------------------------------


def _renormalise(values: np.ndarray, normalisation: str) -> np.ndarray:
    present = values[~np.isnan(values)]
    if present.size == 0:
        return np.full(values.shape, np.nan)
    if normalisation == "minmax":
        low, high = float(present.min()), float(present.max())
        if high - low <= 1e-12 * max(1.0, abs(high)):
            return np.where(np.isnan(values), np.nan, 100.0)
        return 100.0 * (values - low) / (high - low)
    mean, spread = float(present.mean()), float(present.std())
    if spread <= 1e-12 * max(1.0, abs(mean)):
        return np.where(np.isnan(values), np.nan, Z_CENTRE)
    return np.clip(Z_CENTRE + Z_POINTS_PER_SD * (values - mean) / spread, 0.0, 100.0)


@dataclass(frozen=True)
class _LeafData:
    """One normalisation's leaf scores as their parents see them (after the parents' missing
    policy), in the forms the matrix products need."""

    values: np.ndarray  # base units x leaves, NaN where still missing
    filled: np.ndarray  # NaN -> 0
    present: np.ndarray  # 1.0 where scored
    logs: np.ndarray  # log of positive scores, else 0
    zeros: np.ndarray  # 1.0 where scored and <= 0
    inverses: np.ndarray  # 1 / positive scores, else 0
    incomplete: np.ndarray  # row indices with a missing leaf
    needs_all_rows: bool  # a node pools other units to fill a missing child subtree

    def transformed(self, method: str) -> np.ndarray:
        """The scores in the space where `method` is a weighted sum."""
        if method == "arithmetic":
            return self.filled
        return self.logs if method == "geometric" else self.inverses


# --- the batched evaluation ------------------------------------------------------------------


class _Plan:
    """Everything about the tree and the units that does not change between runs."""

    def __init__(self, result: EvaluationResult) -> None:
        self.result = result
        methodology = result.methodology
        self.nodes = result.nodes
        index = {node_id: k for k, node_id in enumerate(self.nodes)}
        self.children = [
            np.array([index[c] for c in methodology.nodes[n].children], dtype=np.int64)
            for n in self.nodes
        ]
        self.parent = np.array(
            [index[methodology.nodes[n].parent] if k else -1 for k, n in enumerate(self.nodes)]
        )
        self.is_leaf = np.array([not methodology.nodes[n].children for n in self.nodes])
        leaf_index = {leaf: j for j, leaf in enumerate(result.leaves)}
        self.leaf_column = np.array([leaf_index.get(n, -1) for n in self.nodes])
        self.leaf_node = np.array([index[leaf] for leaf in result.leaves])
        self.stated_weight = np.array([methodology.nodes[n].weight for n in self.nodes])
        self.stated_weight[0] = 1.0
        self.missing = [methodology.nodes[n].missing for n in self.nodes]
        self.methods = {
            0: [methodology.nodes[n].aggregation for n in self.nodes],
            1: ["geometric"] * len(self.nodes),
        }
        self.subtree_leaves = self._subtree_leaves()
        self.leaf_parents = {k for k in range(len(self.nodes)) if self._is_leaf_parent(k)}
        self.base = _base_rows(result)
        self._composites(result)
        self.depth = np.array([methodology.depth(n) for n in self.nodes])
        self.subtree_end = self._subtree_ends()
        self.leaf_columns = [self._leaf_slice(node) for node in range(len(self.nodes))]
        self.roots = {a: self._uniform_roots(methods) for a, methods in self.methods.items()}
        self.above_roots = {a: self._above(roots) for a, roots in self.roots.items()}
        self._leaf_data: dict[tuple[int, int], _LeafData] = {}
        self._repairs: dict[tuple[int, bytes, bytes], _Repair | None] = {}

    # tree helpers

    def _is_leaf_parent(self, node: int) -> bool:
        kids = self.children[node]
        return kids.size > 0 and bool(self.is_leaf[kids].all())

    def _subtree_leaves(self) -> list[np.ndarray]:
        leaves: list[list[int]] = [[] for _ in self.nodes]
        for node in reversed(range(len(self.nodes))):
            if self.is_leaf[node]:
                leaves[node] = [node]
            if node:
                leaves[self.parent[node]] = leaves[node] + leaves[self.parent[node]]
        return [np.array(sorted(x), dtype=np.int64) for x in leaves]

    def _subtree_ends(self) -> list[int]:
        """One past the last node of each node's subtree (tree order is pre-order)."""
        ends = list(range(1, len(self.nodes) + 1))
        for node in reversed(range(1, len(self.nodes))):
            parent = self.parent[node]
            ends[parent] = max(ends[parent], ends[node])
        return ends

    def _leaf_slice(self, node: int) -> slice:
        """The columns of the leaves under a node: contiguous, since leaves are in tree order."""
        columns = self.leaf_column[self.subtree_leaves[node]]
        return slice(int(columns.min()), int(columns.max()) + 1)

    def _above(self, roots: set[int]) -> list[int]:
        """The ancestors of `roots` that are not roots, children before parents."""
        above = set()
        for node in roots:
            node = self.parent[node]
            while node >= 0 and node not in above:
                above.add(int(node))
                node = self.parent[node]
        return sorted(above - roots, reverse=True)

    def _uniform_roots(self, methods: list[str]) -> set[int]:
        """The topmost nodes whose aggregate descendants all use their own aggregation."""
        uniform = [False] * len(self.nodes)
        for node in reversed(range(len(self.nodes))):
            if self.is_leaf[node]:
                continue
            uniform[node] = all(
                self.is_leaf[c] or (uniform[c] and methods[c] == methods[node])
                for c in self.children[node]
            )
        return {
            n
            for n in range(len(self.nodes))
            if uniform[n] and (n == 0 or not uniform[self.parent[n]])
        }

    def _composites(self, result: EvaluationResult) -> None:
        base_position = {result.units[i]: p for p, i in enumerate(self.base)}
        names = [u for u in result.units if u in result.methodology.composites]
        self.member_weights = np.zeros((len(self.base), len(names)))
        for k, name in enumerate(names):
            for member, weight in result.methodology.composites[name]:
                if member in base_position:
                    self.member_weights[base_position[member], k] = weight
        composite_position = {name: len(self.base) + k for k, name in enumerate(names)}
        ranked = [i for i in range(len(result.units)) if result.eligible[i]]
        self.ranked_units = tuple(result.units[i] for i in ranked)
        self.ranked_rows = np.array(ranked, dtype=np.int64)
        self.ranked_columns = np.array(
            [
                base_position.get(result.units[i], composite_position.get(result.units[i], -1))
                for i in ranked
            ],
            dtype=np.int64,
        )

    # leaf matrices

    def leaf_data(self, normalisation: int, aggregation: int) -> _LeafData:
        key = (normalisation, aggregation)
        if key not in self._leaf_data:
            self._leaf_data[key] = self._build_leaf_data(normalisation, aggregation)
        return self._leaf_data[key]

    def _build_leaf_data(self, normalisation: int, aggregation: int) -> _LeafData:
        values = alternative_leaf_scores(self.result, NORMALISATIONS[normalisation])
        for j, node in enumerate(self.leaf_node):
            policy = self.missing[self.parent[node]]
            values[:, j] = _fill_leaf(values[:, j], policy)
        if AGGREGATION_CHOICES[aggregation] == "geometric":
            values = np.where(np.isnan(values), np.nan, np.maximum(values, GEOMETRIC_FLOOR))
        present = ~np.isnan(values)
        filled = np.where(present, values, 0.0)
        positive = present & (filled > 0)
        safe = np.where(positive, filled, 1.0)
        return _LeafData(
            values=values,
            filled=filled,
            present=present.astype(np.float64),
            logs=np.where(positive, np.log(safe), 0.0),
            zeros=(present & (filled <= 0)).astype(np.float64),
            inverses=np.where(positive, 1.0 / safe, 0.0),
            incomplete=np.flatnonzero(~present.all(axis=1)),
            needs_all_rows=self._pools_missing_subtrees(present),
        )

    def _pools_missing_subtrees(self, present: np.ndarray) -> bool:
        """Whether some node may have to fill a child subtree's missing score (mean, median,
        group, worst): then every unit must go through the node-by-node path together.

        A subtree has no score for a unit when none of its scored leaves carries weight; with
        one leaf dropped per run, that can happen wherever at most one does.
        """
        weighted = [np.zeros(0)] * len(self.nodes)
        for node in reversed(range(len(self.nodes))):
            if self.is_leaf[node]:
                weighted[node] = present[:, self.leaf_column[node]].astype(np.int64)
                continue
            kids = self.children[node]
            weighted[node] = sum(
                (weighted[c] for c in kids if self.stated_weight[c] > 0),
                np.zeros(present.shape[0], dtype=np.int64),
            )
            if self.missing[node] in _FILLING_POLICIES and any(
                not self.is_leaf[c] and (weighted[c] <= 1).any() for c in kids
            ):
                return True
        return False

    # weights

    def local_weights(self, draws: RunDraws, *, drop: bool = True) -> np.ndarray:
        weights = self.stated_weight[None, :] * draws.multipliers
        if drop:
            runs = np.flatnonzero(draws.dropped >= 0)
            weights[runs, self.leaf_node[draws.dropped[runs]]] = 0.0
        return weights

    def normalised_weights(self, local: np.ndarray) -> np.ndarray:
        """Each weight as a share of its live siblings' total; a subtree whose weights are all 0
        has no score (as `aggregate` returns NaN there) and its share is 0."""
        shares = np.zeros_like(local)
        dead = np.zeros(local.shape, dtype=bool)
        for node in reversed(range(len(self.nodes))):
            kids = self.children[node]
            if kids.size == 0:
                continue
            live = np.where(dead[:, kids], 0.0, local[:, kids])
            total = live.sum(axis=1)
            dead[:, node] = total <= 0
            shares[:, kids] = live / np.where(total > 0, total, 1.0)[:, None]
        return shares

    def relative_paths(self, shares: np.ndarray, top: int = 0) -> np.ndarray:
        """Nodes x runs: the product of the shares from `top` down to each node of its subtree
        (for a leaf: its effective weight in `top` when one aggregation is used throughout);
        0 outside the subtree. A subtree is a contiguous range of nodes in tree order."""
        by_node = np.ascontiguousarray(shares.T)
        paths = np.zeros_like(by_node)
        paths[top] = 1.0
        for node in range(top + 1, self.subtree_end[top]):
            paths[node] = paths[self.parent[node]] * by_node[node]
        return paths

    # batches

    def batches(self, draws: RunDraws) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(run indices, runs x ranked units overall scores), grouped by normalisation and
        aggregation, at most BATCH_RUNS runs at a time."""
        for normalisation in range(len(NORMALISATIONS)):
            for aggregation in range(len(AGGREGATION_CHOICES)):
                group = np.flatnonzero(
                    (draws.normalisation == normalisation) & (draws.aggregation == aggregation)
                )
                for start in range(0, group.size, BATCH_RUNS):
                    runs = group[start : start + BATCH_RUNS]
                    yield runs, self._batch(draws.take(runs), normalisation, aggregation)

    def _batch(self, draws: RunDraws, normalisation: int, aggregation: int) -> np.ndarray:
        data = self.leaf_data(normalisation, aggregation)
        methods = self.methods[aggregation]
        local = self.local_weights(draws)
        shares = self.normalised_weights(local)
        with np.errstate(all="ignore"):
            if data.needs_all_rows:
                rows = np.arange(len(self.base))
                base = self._nested(data, methods, local, shares, rows, 0)
            else:
                base = self._tree(data, normalisation, aggregation, local, shares)
            return self._ranked_scores(base)

    def _tree(
        self,
        data: _LeafData,
        normalisation: int,
        aggregation: int,
        local: np.ndarray,
        shares: np.ndarray,
    ) -> np.ndarray:
        """Every subtree with one aggregation throughout as one weighted mean of its leaves,
        repaired for the units with a missing leaf there; the nodes above node by node."""
        methods = self.methods[aggregation]
        roots = self.roots[aggregation]
        values = {
            top: self._subtree(data, (normalisation, aggregation), local, shares, top)
            for top in roots
        }
        for node in self.above_roots[aggregation]:
            kids = self.children[node]
            children = [
                values[int(c)] if int(c) in values else data.values[:, self.leaf_column[c]]
                for c in kids
            ]
            values[node] = _aggregate_runs(
                children, local[:, kids], methods[node], self.missing[node]
            )
        return values[0]

    def _subtree(
        self,
        data: _LeafData,
        variant: tuple[int, int],
        local: np.ndarray,
        shares: np.ndarray,
        top: int,
    ) -> np.ndarray:
        """Runs x units scores of a subtree with one aggregation throughout; `variant` is the
        (normalisation, aggregation) pair of the batch."""
        methods = self.methods[variant[1]]
        method = methods[top]
        paths = self.relative_paths(shares, top)
        weights = paths[self.subtree_leaves[top]].T
        columns = self.leaf_columns[top]
        mass, zero = self._masses(data, method, weights, columns)
        if top in self.leaf_parents:
            # One level: counting only the scored leaves' weights is exact for every unit.
            return _from_mass(method, mass, weights @ data.present[:, columns].T, zero)
        score = _from_mass(method, mass, weights.sum(axis=1)[:, None], zero)
        repair = self._repair(variant, data, top)
        if repair is None:
            rows = self._incomplete_under(data, top)
            if rows.size:
                score[:, rows] = self._nested(data, methods, local, shares, rows, top)
        elif repair.rows.size:
            score[:, repair.rows] = repair.scores(method, data, variant, weights, paths)
        return score

    @staticmethod
    def _masses(
        data: _LeafData, method: str, weights: np.ndarray, columns: slice
    ) -> tuple[np.ndarray, np.ndarray | None]:
        mass = weights @ data.transformed(method)[:, columns].T
        if method == "arithmetic" or not data.zeros[:, columns].any():
            return mass, None
        return mass, weights @ data.zeros[:, columns].T > 0

    def _incomplete_under(self, data: _LeafData, top: int) -> np.ndarray:
        missing = data.present[data.incomplete][:, self.leaf_columns[top]] == 0
        return data.incomplete[missing.any(axis=1)]

    def _repair(self, variant: tuple[int, int], data: _LeafData, top: int) -> "_Repair | None":
        # Variants share the pattern of missing leaves (re-normalising keeps NaN where it is).
        key = (top, data.incomplete.tobytes(), data.present.tobytes())
        if key not in self._repairs:
            self._repairs[key] = _Repair.build(self, data.present > 0, top)
        return self._repairs[key]

    def _nested(
        self,
        data: _LeafData,
        methods: list[str],
        local: np.ndarray,
        shares: np.ndarray,
        rows: np.ndarray,
        top: int,
    ) -> np.ndarray:
        """Runs x rows scores of `top`, node by node as `aggregate` computes them; each node
        whose children are all leaves is one matrix product."""
        values: dict[int, np.ndarray] = {}
        for node in range(self.subtree_end[top] - 1, top - 1, -1):
            kids = self.children[node]
            if kids.size == 0:
                continue
            if node in self.leaf_parents:
                weights = shares[:, kids]
                block = self.leaf_column[kids]
                total = weights @ data.present[np.ix_(rows, block)].T
                mass = weights @ data.transformed(methods[node])[np.ix_(rows, block)].T
                zero = None
                if methods[node] != "arithmetic":
                    zero = weights @ data.zeros[np.ix_(rows, block)].T > 0
                values[node] = _from_mass(methods[node], mass, total, zero)
                continue
            children = [
                values[int(c)] if int(c) in values else data.values[rows, self.leaf_column[c]]
                for c in kids
            ]
            values[node] = _aggregate_runs(
                children, local[:, kids], methods[node], self.missing[node]
            )
        return values[top]

    def _ranked_scores(self, base: np.ndarray) -> np.ndarray:
        if self.member_weights.shape[1] == 0:
            return base[:, self.ranked_columns]
        present = ~np.isnan(base)
        total = present.astype(np.float64) @ self.member_weights
        composite = np.where(present, base, 0.0) @ self.member_weights
        composite = np.where(total > 0, composite / np.where(total > 0, total, 1.0), np.nan)
        return np.hstack([base, composite])[:, self.ranked_columns]

    # ranks

    def ranks(self, scores: np.ndarray) -> np.ndarray:
        """Competition ranks per run (rows) of the ranked units (columns); 0 = no score."""
        rule = self.result.methodology.ranking
        if rule.basis == "displayed":
            scores = display_round(scores, rule.decimals)
        else:
            scores = np.round(scores, TIE_DECIMALS)
        missing = np.isnan(scores)
        key = np.where(missing, np.inf, -scores)
        order = np.argsort(key, axis=1)
        ordered = np.sort(key, axis=1)
        position = np.broadcast_to(np.arange(1, key.shape[1] + 1), key.shape)
        tied = ordered[:, 1:] == ordered[:, :-1]
        if tied.any():
            # A tie takes the position of its first member: ties share the better rank.
            starts = np.ones(key.shape, dtype=bool)
            starts[:, 1:] = ~tied
            position = np.maximum.accumulate(np.where(starts, position, 0), axis=1)
        ranks = np.empty(key.shape, dtype=np.int64)
        np.put_along_axis(ranks, order, position, axis=1)
        ranks[missing] = 0
        return ranks

    def nominal_ranks(self) -> np.ndarray:
        overall = self.result.node_index(self.nodes[0])
        return self.result.ranks[self.ranked_rows, overall].astype(np.int64)


def _from_mass(
    method: str, mass: np.ndarray, total: np.ndarray, zero: np.ndarray | None
) -> np.ndarray:
    """Scores from weighted sums in the method's space (`total`: the weights that count)."""
    if method == "arithmetic":
        score = mass / total
    elif method == "geometric":
        score = np.exp(mass / total)
    else:
        score = total / mass
    if zero is not None:
        score = np.where(zero, 0.0, score)
    return np.where(total > 0, score, np.nan)


class _Repair:
    """Exact scores of a subtree with one aggregation throughout, for the units with a missing
    leaf in it.

    For such a unit only the nodes above a missing leaf ("dirty" nodes) renormalise their
    children's weights; every other subtree's weighted sum is unchanged. Working in absolute
    terms (sums weighted by the runs' effective weights E from the subtree's top), a dirty
    node's mass is the mass of its clean children's leaves (one matrix product per dirty node
    over its (unit, node) pairs) plus, for each scored dirty child c, E_c x mass_c / weight_c;
    its weight is the sum of E over the clean children plus E_c over the scored dirty ones. The
    top's mass / weight is the unit's score in the method's space.

    The structure depends only on which leaves are missing, so it is shared by every
    normalisation and aggregation; the masked leaf values are kept per variant.
    """

    MAX_CELLS = 4_000_000  # masked cells in all; beyond it the node-by-node path is cheaper

    def __init__(
        self,
        rows: np.ndarray,
        unit: np.ndarray,
        blocks: list[tuple[np.ndarray, slice, np.ndarray]],
        columns: slice,
        levels: list[tuple[np.ndarray, np.ndarray, list[tuple[np.ndarray, np.ndarray]]]],
        tops: np.ndarray,
    ) -> None:
        self.rows, self.unit, self.blocks, self.columns = rows, unit, blocks, columns
        self.levels, self.tops = levels, tops
        self._cache: dict[tuple, list[np.ndarray]] = {}

    @classmethod
    def build(cls, plan: "_Plan", scored: np.ndarray, top: int) -> "_Repair | None":
        """`scored`: base units x leaves, True where a leaf score is present."""
        columns = plan.leaf_columns[top]
        present = scored[:, columns]
        rows = np.flatnonzero(~present.all(axis=1))
        present = present[rows]
        pairs: list[tuple[int, int]] = []
        for k in range(rows.size):
            dirty: set[int] = set()
            for column in np.flatnonzero(~present[k]) + columns.start:
                node = int(plan.parent[plan.leaf_node[column]])
                while node >= top and node not in dirty:
                    dirty.add(node)
                    node = int(plan.parent[node])
            pairs.extend((k, node) for node in dirty)
        cells = sum(plan.leaf_columns[p].stop - plan.leaf_columns[p].start for _, p in pairs)
        if cells > cls.MAX_CELLS:
            return None
        pairs.sort(key=lambda pair: (-plan.depth[pair[1]], pair[0], pair[1]))
        index = {pair: i for i, pair in enumerate(pairs)}
        unit = np.array([k for k, _ in pairs], dtype=np.int64)
        node = np.array([p for _, p in pairs], dtype=np.int64)
        blocks = [cls._block(plan, present, pairs, index, node, p, columns) for p in set(node)]
        parent = np.array([index.get((k, int(plan.parent[p])), -1) for k, p in pairs])
        depth = plan.depth[node] if pairs else np.zeros(0, dtype=np.int64)
        levels = []
        for level in range(int(depth.max(initial=plan.depth[top])), int(plan.depth[top]), -1):
            children = np.flatnonzero(depth == level)
            if children.size:
                levels.append((children, node[children], cls._slots(parent[children])))
        tops = np.array([index[(k, top)] for k in range(rows.size)], dtype=np.int64)
        return cls(rows, unit, blocks, columns, levels, tops)

    @staticmethod
    def _slots(into: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """Children (positions in their level) grouped so that no parent repeats within a group:
        each group is added to its parents with one plain indexed addition."""
        order = np.argsort(into, kind="stable")
        first = np.r_[True, into[order][1:] != into[order][:-1]]
        start = np.maximum.accumulate(np.where(first, np.arange(order.size), 0))
        slot = np.empty(order.size, dtype=np.int64)
        slot[order] = np.arange(order.size) - start
        return [(np.flatnonzero(slot == k), into[slot == k]) for k in range(int(slot.max()) + 1)]

    @staticmethod
    def _block(plan, present, pairs, index, node, p, columns) -> tuple:
        """The pairs at node p and the mask of their clean leaves, on p's columns only."""
        members = np.flatnonzero(node == p)
        block = plan.leaf_columns[p]
        local = slice(block.start - columns.start, block.stop - columns.start)
        mask = np.zeros((members.size, block.stop - block.start))
        for row, i in enumerate(members):
            k = pairs[i][0]
            for child in plan.children[p]:
                if plan.is_leaf[child] or (k, int(child)) not in index:
                    part = plan.leaf_columns[child]
                    start, stop = part.start - block.start, part.stop - block.start
                    mask[row, start:stop] = present[
                        k, part.start - columns.start : part.stop - columns.start
                    ]
        return members, local, mask

    def _block_values(self, data: _LeafData, variant: tuple, key: str) -> list[np.ndarray]:
        if key == "mask":
            return [mask for _, _, mask in self.blocks]
        if (variant, key) not in self._cache:
            source = data.zeros if key == "zeros" else data.transformed(key)
            values = source[self.rows, self.columns]
            self._cache[(variant, key)] = [
                mask * values[self.unit[members], local] for members, local, mask in self.blocks
            ]
        return self._cache[(variant, key)]

    def _products(
        self, data: _LeafData, variant: tuple, key: str, weights: np.ndarray
    ) -> np.ndarray:
        out = np.empty((self.unit.size, weights.shape[0]))
        values = self._block_values(data, variant, key)
        for (members, local, _), block in zip(self.blocks, values, strict=True):
            out[members] = block @ weights[:, local].T
        return out

    def scores(
        self,
        method: str,
        data: _LeafData,
        variant: tuple,
        weights: np.ndarray,
        paths: np.ndarray,
    ) -> np.ndarray:
        """Runs x repaired rows; `weights` (runs x leaves) are the leaves' effective weights
        from the top, `paths` (nodes x runs) every node's."""
        mass = self._products(data, variant, method, weights)
        total = self._products(data, variant, "mask", weights)
        zero = None
        if method != "arithmetic" and data.zeros[self.rows, self.columns].any():
            zero = self._products(data, variant, "zeros", weights) > 0
        for children, nodes, slots in self.levels:
            weight = total[children]
            scored = weight > 0
            share = paths[nodes]
            share *= scored
            weight[~scored] = 1.0
            contribution = mass[children]
            contribution *= share
            contribution /= weight
            lost = None if zero is None else zero[children] & (share > 0)
            for members, parents in slots:
                mass[parents] += contribution[members]
                total[parents] += share[members]
                if lost is not None:
                    zero[parents] |= lost[members]
        tops = self.tops
        zero_top = None if zero is None else zero[tops].T
        return _from_mass(method, mass[tops].T, total[tops].T, zero_top)


def _fill_leaf(column: np.ndarray, policy: str) -> np.ndarray:
    """A leaf's missing scores as its parent's `aggregate` fills them (never an all-missing
    column). Group filling uses the overall mean: the result does not carry the units' groups."""
    gap = np.isnan(column)
    if not gap.any() or gap.all() or policy not in _FILLING_POLICIES:
        return column
    if policy == "worst":
        fill = 0.0
    elif policy == "median":
        fill = float(np.median(column[~gap]))
    else:
        fill = float(np.mean(column[~gap]))
    return np.where(gap, fill, column)


def _aggregate_runs(
    children: list[np.ndarray], weights: np.ndarray, method: str, missing: str
) -> np.ndarray:
    """`engine.aggregate` for a batch: children are runs x units (or one value per unit),
    weights runs x children. One child at a time, to keep no runs x units x children array."""
    runs = weights.shape[0]
    units = max(c.shape[-1] for c in children)
    shape = (runs, units)
    mass = np.zeros(shape)
    total = np.zeros(shape)
    zero = np.zeros(shape, dtype=bool)
    for k, child in enumerate(children):
        values = np.broadcast_to(child, shape)
        gaps = np.isnan(values)
        if missing in _FILLING_POLICIES and gaps.any():
            values = _fill_child(values.copy(), gaps, missing)
            gaps = np.isnan(values)
        weight = weights[:, k : k + 1]
        if gaps.any():
            weight = np.where(gaps, 0.0, weight)
            values = np.where(gaps, 0.0, values)
        total += weight
        if method == "arithmetic":
            mass += values * weight
            continue
        nonpositive = values <= 0
        if nonpositive.any():
            zero |= nonpositive & ~gaps & (weight > 0)
            values = np.where(nonpositive, 1.0, values)
        mass += (np.log(values) if method == "geometric" else 1.0 / values) * weight
    if method == "arithmetic":
        result = mass / total
    elif method == "geometric":
        result = np.where(zero, 0.0, np.exp(mass / total))
    else:
        result = np.where(zero, 0.0, total / mass)
    return np.where(total > 0, result, np.nan)


def _fill_child(values: np.ndarray, gaps: np.ndarray, missing: str) -> np.ndarray:
    """Fill a child's missing scores per run over the units, as `aggregate` does per call (a
    run in which no unit has a score stays missing)."""
    fillable = gaps & ~gaps.all(axis=1, keepdims=True)
    if not fillable.any():
        return values
    if missing == "worst":
        values[fillable] = 0.0
        return values
    reducer = np.nanmedian if missing == "median" else np.nanmean
    with warnings.catch_warnings(action="ignore", category=RuntimeWarning):
        fills = reducer(values, axis=1)
    values[fillable] = np.broadcast_to(fills[:, None], values.shape)[fillable]
    return values


def _base_rows(result: EvaluationResult) -> np.ndarray:
    composites = set(result.methodology.composites)
    return np.array([i for i, u in enumerate(result.units) if u not in composites], dtype=np.int64)


# --- the weights' summary and the tallies ----------------------------------------------------


class _WeightProxy:
    """Bins each run, per unit, by how much the weight draw alone moves the unit's lead over the
    average ranked unit (WEIGHT_BINS quantile bins per unit)."""

    def __init__(self, plan: _Plan, draws: RunDraws) -> None:
        self.plan = plan
        result = plan.result
        columns = [result.node_index(leaf) for leaf in result.leaves]
        leaves = result.scores[np.ix_(plan.ranked_rows, columns)]
        with warnings.catch_warnings(action="ignore", category=RuntimeWarning):
            centre = np.nanmean(leaves, axis=0)
        centred = np.where(np.isnan(leaves), 0.0, leaves - np.nan_to_num(centre))
        self.centred_t = np.ascontiguousarray(centred.T)
        stated = RunDraws(
            np.ones((1, len(plan.nodes))), np.zeros(1, int), np.zeros(1, int), -np.ones(1, int)
        )
        self.stated = self._effective(stated)
        sample = draws.take(np.arange(min(len(draws), _EDGE_SAMPLE)))
        levels = np.linspace(0, 1, WEIGHT_BINS + 1)[1:-1]
        self.edges = np.quantile(self._lead_change(sample), levels, axis=0)

    def _effective(self, draws: RunDraws) -> np.ndarray:
        shares = self.plan.normalised_weights(self.plan.local_weights(draws, drop=False))
        return self.plan.relative_paths(shares)[self.plan.leaf_node].T

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
