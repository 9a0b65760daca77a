"""Monte Carlo robustness of the ranking, with variance-based sensitivity per assumption.

Each run evaluates a variant of the methodology, drawn at random:

- weights: every sibling weight is multiplied by a uniform factor in [1 - noise, 1 + noise]
  (the aggregation renormalises each sibling group);
- normalisation: the stated one (the leaves' scores of the result), or a re-normalisation of
  every leaf from `result.treated` over the sample: min-max (best 100, worst 0), or z-scores
  mapped to 0-100 as `clip(50 + 10 z, 0, 100)` (mean 50, one standard deviation 10 points:
  the T-score convention; only units beyond five deviations below the mean are clipped);
  the direction of each leaf is the one its goalposts state;
- aggregation: the stated one per node, or geometric at every node;
- dropped indicator: none, or one leaf (all equally likely, and "none" as likely as any leaf),
  whose weight is set to 0 so that its siblings share its weight.

A run is evaluated exactly as the engine's `aggregate` would evaluate that variant node by node
(missing children skipped and weights renormalised; a zero child score makes a geometric or
harmonic mean 0), but without looping the engine: the leaf matrices of every normalisation are
built once, runs are grouped by (normalisation, aggregation) and evaluated in batches. A subtree
that uses one aggregation throughout is a single weighted mean of its leaves with effective
weights (the product of the renormalised sibling weights down the path), so for units with every
leaf scored a batch is one matrix product of the leaf matrix with the runs' effective weights —
in log space for geometric means (log of the positive scores, with zero scores detected by a
second product, which is how `aggregate` treats them, rather than clipped at an arbitrary
epsilon), in reciprocals for harmonic ones. Units with a missing leaf score go through the
node-by-node path for the whole batch, with each leaf-parent still one matrix product.

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
        self.roots = {a: self._uniform_roots(methods) for a, methods in self.methods.items()}
        self._leaf_data: dict[int, _LeafData] = {}
        self._repairs: dict[int, _Repair | None] = {}

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

    def leaf_data(self, normalisation: int) -> _LeafData:
        if normalisation not in self._leaf_data:
            self._leaf_data[normalisation] = self._build_leaf_data(normalisation)
        return self._leaf_data[normalisation]

    def _build_leaf_data(self, normalisation: int) -> _LeafData:
        values = alternative_leaf_scores(self.result, NORMALISATIONS[normalisation])
        for j, node in enumerate(self.leaf_node):
            policy = self.missing[self.parent[node]]
            values[:, j] = _fill_leaf(values[:, j], policy)
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

    def path_products(self, shares: np.ndarray) -> np.ndarray:
        """Runs x nodes: the product of the shares from the root down to each node (for a leaf:
        its effective weight when every aggregation is the same)."""
        columns = np.ascontiguousarray(shares.T)
        products = np.empty_like(columns)
        products[0] = 1.0
        for node in range(1, len(self.nodes)):
            products[node] = products[self.parent[node]] * columns[node]
        return products.T

    def effective_weights(self, shares: np.ndarray, top: int) -> np.ndarray:
        """Runs x leaves-under-`top`: the product of the shares from `top` down to each leaf."""
        if top in self.leaf_parents:
            return shares[:, self.children[top]]
        product = {top: np.ones(shares.shape[0])}
        stack = [top]
        while stack:
            node = stack.pop()
            for child in self.children[node]:
                product[int(child)] = product[node] * shares[:, child]
                stack.append(int(child))
        return np.column_stack([product[int(n)] for n in self.subtree_leaves[top]])

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
        data = self.leaf_data(normalisation)
        methods = self.methods[aggregation]
        local = self.local_weights(draws)
        shares = self.normalised_weights(local)
        all_rows = np.arange(len(self.base))
        with np.errstate(all="ignore"):
            if data.needs_all_rows:
                base = self._nested(data, methods, local, shares, all_rows, self.leaf_parents)
            elif self.roots[aggregation] == {0}:
                base = self._uniform_tree(data, methods, local, shares, normalisation)
            else:
                roots = self.roots[aggregation]
                base = self._nested(data, methods, local, shares, all_rows, roots, complete=True)
                rows = data.incomplete
                if rows.size:
                    base[:, rows] = self._nested(
                        data, methods, local, shares, rows, self.leaf_parents
                    )
            return self._ranked_scores(base)

    def _uniform_tree(
        self,
        data: _LeafData,
        methods: list[str],
        local: np.ndarray,
        shares: np.ndarray,
        normalisation: int,
    ) -> np.ndarray:
        """One aggregation throughout: a matrix product for every unit, then the exact scores of
        the units with a missing leaf."""
        method = methods[0]
        paths = self.path_products(shares)
        weights = paths[:, self.leaf_node]
        total = weights.sum(axis=1)[:, None]
        zero = None
        if method != "arithmetic" and data.zeros.any():
            zero = weights @ data.zeros.T > 0
        base = _from_mass(method, weights @ data.transformed(method).T, total, zero)
        rows = data.incomplete
        if rows.size:
            repair = self._repair(normalisation, data)
            if repair is None:
                base[:, rows] = self._nested(data, methods, local, shares, rows, self.leaf_parents)
            else:
                base[:, rows] = repair.scores(method, data, weights, paths)
        return base

    def _repair(self, normalisation: int, data: _LeafData) -> "_Repair | None":
        if normalisation not in self._repairs:
            self._repairs[normalisation] = _Repair.build(self, data)
        return self._repairs[normalisation]

    def _nested(
        self,
        data: _LeafData,
        methods: list[str],
        local: np.ndarray,
        shares: np.ndarray,
        rows: np.ndarray,
        roots: set[int],
        *,
        complete: bool = False,
    ) -> np.ndarray:
        """Runs x rows scores at the root: `roots` by matrix products over their leaves, the
        nodes above them node by node as `aggregate` does."""
        needed = set()
        for node in roots:
            while node >= 0 and node not in needed:
                needed.add(node)
                node = self.parent[node]
        values: dict[int, np.ndarray] = {}
        for node in sorted(needed, reverse=True):
            if node in roots:
                values[node] = self._collapsed(data, methods[node], shares, rows, node, complete)
                continue
            kids = self.children[node]
            children = [
                values[int(c)] if int(c) in values else data.values[rows, self.leaf_column[c]]
                for c in kids
            ]
            values[node] = _aggregate_runs(
                children, local[:, kids], methods[node], self.missing[node]
            )
        return values[0]

    def _collapsed(
        self,
        data: _LeafData,
        method: str,
        shares: np.ndarray,
        rows: np.ndarray,
        node: int,
        complete: bool,
    ) -> np.ndarray:
        """A subtree with one aggregation throughout, as one weighted mean of its leaves: exact
        for every row when the subtree is one level deep, and for complete rows otherwise."""
        weights = self.effective_weights(shares, node)
        columns = self.leaf_column[self.subtree_leaves[node]]
        whole = rows.size == len(self.base)

        def product(matrix: np.ndarray) -> np.ndarray:
            block = matrix[:, columns] if whole else matrix[np.ix_(rows, columns)]
            return weights @ block.T

        total = weights.sum(axis=1)[:, None] if complete else product(data.present)
        zero = product(data.zeros) > 0 if method != "arithmetic" else None
        return _from_mass(method, product(data.transformed(method)), total, zero)

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
    """Exact scores of the units with a missing leaf when one aggregation is used throughout.

    For such a unit only the nodes above a missing leaf ("dirty" nodes) renormalise their
    children's weights; every other subtree's weighted sum is unchanged. Working in absolute
    terms (sums weighted by the runs' root-to-leaf effective weights E), a dirty node's mass is
    the mass of its clean children's leaves (one matrix product over all (unit, dirty node)
    pairs) plus, for each scored dirty child c, E_c x mass_c / weight_c; its weight is the sum
    of E over the clean children plus E_c over the scored dirty ones. The root's mass / weight
    is the unit's score in the method's space.
    """

    MAX_CELLS = 4_000_000  # pairs x leaves; beyond it the node-by-node path is cheaper

    def __init__(
        self,
        rows: np.ndarray,
        unit: np.ndarray,
        node: np.ndarray,
        mask: np.ndarray,
        levels: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
        roots: np.ndarray,
    ) -> None:
        self.rows, self.unit, self.node, self.mask = rows, unit, node, mask
        self.levels, self.roots = levels, roots
        self._cache: dict[str, np.ndarray] = {}

    @classmethod
    def build(cls, plan: "_Plan", data: _LeafData) -> "_Repair | None":
        rows = data.incomplete
        present = data.present[rows] > 0
        pairs: list[tuple[int, int]] = []
        for k in range(rows.size):
            dirty: set[int] = set()
            for column in np.flatnonzero(~present[k]):
                node = int(plan.parent[plan.leaf_node[column]])
                while node >= 0 and node not in dirty:
                    dirty.add(node)
                    node = int(plan.parent[node])
            pairs.extend((k, node) for node in dirty)
        if len(pairs) * present.shape[1] > cls.MAX_CELLS:
            return None
        pairs.sort(key=lambda pair: (-plan.depth[pair[1]], pair[0], pair[1]))
        unit = np.array([u for u, _ in pairs], dtype=np.int64)
        node = np.array([n for _, n in pairs], dtype=np.int64)
        index = {pair: i for i, pair in enumerate(pairs)}
        mask = np.zeros((len(pairs), present.shape[1]))
        for i, (k, p) in enumerate(pairs):
            for child in plan.children[p]:
                if plan.is_leaf[child]:
                    mask[i, plan.leaf_column[child]] = present[k, plan.leaf_column[child]]
                elif (k, int(child)) not in index:
                    mask[i, plan.leaf_column[plan.subtree_leaves[child]]] = 1.0
        parent_pair = np.array([index.get((k, int(plan.parent[p])), -1) for k, p in pairs])
        depth = plan.depth[node]
        levels = []
        for level in range(int(depth.max(initial=0)), 0, -1):
            children = np.flatnonzero(depth == level)
            levels.append((children, parent_pair[children], node[children]))
        roots = np.array([index[(k, 0)] for k in range(rows.size)], dtype=np.int64)
        return cls(rows, unit, node, mask, levels, roots)

    def _pair_values(self, data: _LeafData, key: str) -> np.ndarray:
        if key not in self._cache:
            source = data.zeros if key == "zeros" else data.transformed(key)
            self._cache[key] = self.mask * source[self.rows][self.unit]
        return self._cache[key]

    def scores(
        self, method: str, data: _LeafData, weights: np.ndarray, paths: np.ndarray
    ) -> np.ndarray:
        """Runs x repaired rows."""
        mass = self._pair_values(data, method) @ weights.T
        total = self.mask @ weights.T
        zero = None
        if method != "arithmetic":
            zero = self._pair_values(data, "zeros") @ weights.T > 0
        for children, parents, nodes in self.levels:
            share = paths[:, nodes].T
            scored = total[children] > 0
            ratio = np.where(scored, share / np.where(scored, total[children], 1.0), 0.0)
            np.add.at(mass, parents, ratio * mass[children])
            np.add.at(total, parents, np.where(scored, share, 0.0))
            if zero is not None:
                np.logical_or.at(zero, parents, zero[children] & scored & (share > 0))
        top = self.roots
        return _from_mass(method, mass[top].T, total[top].T, None if zero is None else zero[top].T)


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
    weights runs x children."""
    runs = weights.shape[0]
    units = max(c.shape[-1] for c in children)
    stack = np.stack([np.broadcast_to(c, (runs, units)) for c in children]).copy()
    if missing in _FILLING_POLICIES and np.isnan(stack).any():
        _fill_children(stack, missing)
    present = ~np.isnan(stack)
    w = np.where(present, weights.T[:, :, None], 0.0)
    total = w.sum(axis=0)
    safe = np.where(present, stack, 0.0)
    if method == "arithmetic":
        result = (safe * w).sum(axis=0) / total
    else:
        has_zero = ((safe <= 0) & (w > 0)).any(axis=0)
        positive = np.where(safe > 0, safe, 1.0)
        if method == "geometric":
            result = np.exp((np.log(positive) * w).sum(axis=0) / total)
        else:
            result = total / (np.where(safe > 0, 1.0 / positive, 0.0) * w).sum(axis=0)
        result = np.where(has_zero, 0.0, result)
    return np.where(total > 0, result, np.nan)


def _fill_children(stack: np.ndarray, missing: str) -> None:
    """Fill missing child scores per run over the units, as `aggregate` does per call."""
    for child in stack:
        gap = np.isnan(child)
        fillable = gap & ~gap.all(axis=1, keepdims=True)
        if not fillable.any():
            continue
        if missing == "worst":
            child[fillable] = 0.0
            continue
        reducer = np.nanmedian if missing == "median" else np.nanmean
        with warnings.catch_warnings(action="ignore", category=RuntimeWarning):
            fills = reducer(child, axis=1)
        child[fillable] = np.broadcast_to(fills[:, None], child.shape)[fillable]


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
        return self.plan.path_products(shares)[:, self.plan.leaf_node]

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
    "NORMALISATIONS",
    "Robustness",
    "RunDraws",
    "UncertaintySettings",
    "alternative_leaf_scores",
    "draw_runs",
    "monte_carlo",
    "run_scores",
]
