"""The batched evaluation: every run's overall scores without looping the engine.

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
"""

from collections.abc import Iterator

import numpy as np

from ..result import EvaluationResult
from .leaves import _LeafData, build_leaf_data
from .means import _aggregate_runs, _from_mass
from .plan import AGGREGATION_CHOICES, NORMALISATIONS, RunDraws
from .repair import _Repair
from .tree import _Tree
from .units import _RankedUnits
from .weights import local_weights, normalised_weights, relative_paths

BATCH_RUNS = 500


class _BatchEvaluator:
    """The runs' overall scores, batch by batch, from what does not change between runs: the
    tree, the ranked units, the leaf tables of each variant and the repairs of missing leaves."""

    def __init__(self, result: EvaluationResult) -> None:
        self.result = result
        self.tree = _Tree(result)
        self.units = _RankedUnits(result)
        self._leaf_data: dict[tuple[int, int], _LeafData] = {}
        self._repairs: dict[tuple[int, bytes, bytes], _Repair | None] = {}

    def leaf_data(self, normalisation: int, aggregation: int) -> _LeafData:
        key = (normalisation, aggregation)
        if key not in self._leaf_data:
            self._leaf_data[key] = build_leaf_data(
                self.result, self.tree, normalisation, aggregation
            )
        return self._leaf_data[key]

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
        methods = self.tree.methods[aggregation]
        local = local_weights(self.tree, draws)
        shares = normalised_weights(self.tree, local)
        with np.errstate(all="ignore"):
            if data.needs_all_rows:
                rows = np.arange(len(self.units.base))
                base = self._nested(data, methods, local, shares, rows, 0)
            else:
                base = self._by_subtrees(data, normalisation, aggregation, local, shares)
            return self.units.scores(base)

    def _by_subtrees(
        self,
        data: _LeafData,
        normalisation: int,
        aggregation: int,
        local: np.ndarray,
        shares: np.ndarray,
    ) -> np.ndarray:
        """Every subtree with one aggregation throughout as one weighted mean of its leaves,
        repaired for the units with a missing leaf there; the nodes above node by node."""
        tree = self.tree
        methods = tree.methods[aggregation]
        values = {
            top: self._subtree(data, (normalisation, aggregation), local, shares, top)
            for top in tree.roots[aggregation]
        }
        for node in tree.above_roots[aggregation]:
            kids = tree.children[node]
            children = [
                values[int(c)] if int(c) in values else data.values[:, tree.leaf_column[c]]
                for c in kids
            ]
            values[node] = _aggregate_runs(
                children, local[:, kids], methods[node], tree.missing[node]
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
        tree = self.tree
        methods = tree.methods[variant[1]]
        method = methods[top]
        paths = relative_paths(tree, shares, top)
        weights = paths[tree.subtree_leaves[top]].T
        columns = tree.leaf_columns[top]
        mass, zero = self._masses(data, method, weights, columns)
        if top in tree.leaf_parents:
            # One level: counting only the scored leaves' weights is exact for every unit.
            return _from_mass(method, mass, weights @ data.present[:, columns].T, zero)
        score = _from_mass(method, mass, weights.sum(axis=1)[:, None], zero)
        repair = self._repair(data, top)
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
        missing = data.present[data.incomplete][:, self.tree.leaf_columns[top]] == 0
        return data.incomplete[missing.any(axis=1)]

    def _repair(self, data: _LeafData, top: int) -> _Repair | None:
        # Variants share the pattern of missing leaves (re-normalising keeps NaN where it is).
        key = (top, data.incomplete.tobytes(), data.present.tobytes())
        if key not in self._repairs:
            self._repairs[key] = _Repair.build(self.tree, data.present > 0, top)
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
        tree = self.tree
        values: dict[int, np.ndarray] = {}
        for node in range(tree.subtree_end[top] - 1, top - 1, -1):
            kids = tree.children[node]
            if kids.size == 0:
                continue
            if node in tree.leaf_parents:
                values[node] = _leaf_parent_scores(
                    data, methods[node], shares[:, kids], rows, tree.leaf_column[kids]
                )
                continue
            children = [
                values[int(c)] if int(c) in values else data.values[rows, tree.leaf_column[c]]
                for c in kids
            ]
            values[node] = _aggregate_runs(
                children, local[:, kids], methods[node], tree.missing[node]
            )
        return values[top]


def _leaf_parent_scores(
    data: _LeafData, method: str, weights: np.ndarray, rows: np.ndarray, block: np.ndarray
) -> np.ndarray:
    """Runs x rows scores of a node whose children are all leaves (columns `block`)."""
    total = weights @ data.present[np.ix_(rows, block)].T
    mass = weights @ data.transformed(method)[np.ix_(rows, block)].T
    zero = None
    if method != "arithmetic":
        zero = weights @ data.zeros[np.ix_(rows, block)].T > 0
    return _from_mass(method, mass, total, zero)
