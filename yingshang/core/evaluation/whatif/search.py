"""The best-moves search: candidate single moves toward the frontier, and a beam search over
their combinations scored under frozen goalposts, the focus unit's row re-aggregated for every
candidate at once."""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..engine import aggregate, normalise_leaf
from ..methodology import ROOT, Node
from ..ranking import display_round
from ..result import EvaluationResult
from .outcome import _TOLERANCE

_Candidate = tuple[tuple[int, ...], float, int, float]  # singles, score gain, rank after, effort


@dataclass(frozen=True)
class _Single:
    leaf: int  # position in result.leaves
    fraction: float
    raw_from: float
    raw_to: float
    score_to: float  # the leaf's normalised score after the move (frozen goalposts)
    effort: float


class _RowModel:
    """The focus unit's row of the tree, re-aggregated for many candidate leaf rows at once.

    Exact under frozen goalposts: a node whose missing policy imputes a child from the other
    units (mean, median, group) is aggregated with the other units' rows stacked above the
    candidates, so the fill is the one the engine would compute.
    """

    def __init__(self, result: EvaluationResult, unit_row: int, groups: np.ndarray | None) -> None:
        methodology = result.methodology
        self.methodology = methodology
        self.nodes = result.nodes
        self.column = {node: j for j, node in enumerate(result.nodes)}
        self.leaf_columns = np.array([self.column[leaf] for leaf in result.leaves])
        self.base_row = result.scores[unit_row].copy()
        base_count = _base_unit_count(result)
        others = np.array([i != unit_row for i in range(base_count)])
        self.others = result.scores[:base_count][others]
        self.groups = groups
        self.focus_group = None if groups is None else groups[unit_row]
        self.other_groups = None if groups is None else groups[:base_count][others]

    def overall(self, leaf_scores: np.ndarray) -> np.ndarray:
        """leaf_scores: candidates x leaves (normalised) -> the overall score per candidate."""
        count = leaf_scores.shape[0]
        rows = np.repeat(self.base_row[None, :], count, axis=0)
        rows[:, self.leaf_columns] = leaf_scores
        for node_id in reversed(self.nodes):
            node = self.methodology.nodes[node_id]
            if node.children:
                rows[:, self.column[node_id]] = self._aggregate(node, rows)
        return rows[:, self.column[ROOT]]

    def _aggregate(self, node: Node, rows: np.ndarray) -> np.ndarray:
        columns = [self.column[c] for c in node.children]
        weights = np.array([self.methodology.nodes[c].weight for c in node.children])
        children = rows[:, columns]
        needs_peers = (
            node.missing in ("mean", "median", "group") and np.isnan(self.base_row[columns]).any()
        )
        if not needs_peers:
            return aggregate(children, weights, node.aggregation, node.missing)
        stacked = np.vstack([self.others[:, columns], children])
        groups = None
        if self.groups is not None:
            groups = np.concatenate([self.other_groups, np.full(len(children), self.focus_group)])
        combined = aggregate(stacked, weights, node.aggregation, node.missing, groups)
        return combined[len(self.others) :]


def _base_unit_count(result: EvaluationResult) -> int:
    """Composite units are appended after the base units by the engine."""
    composites = set(result.methodology.composites)
    return sum(1 for u in result.units if u not in composites)


def _direction(node: Node) -> str:
    return node.goalposts.better if node.goalposts else "higher"


def _frontier_raw(result: EvaluationResult, leaf: int, node: Node) -> float:
    """Where the unit's raw value is moved toward: the fixed best goalpost, or else the best raw
    value among the ranked units."""
    if node.goalposts is not None and node.goalposts.mode == "fixed":
        return float(node.goalposts.best)
    column = result.raw[result.eligible, leaf]
    column = column[~np.isnan(column)]
    if column.size == 0:
        return math.nan
    return float(column.max() if _direction(node) == "higher" else column.min())


def _singles(
    result: EvaluationResult,
    unit_row: int,
    fractions: Sequence[float],
    efforts: Mapping[str, float],
) -> list[_Single]:
    methodology = result.methodology
    singles = []
    fractions_array = np.array(sorted({float(f) for f in fractions if 0 < f <= 1}))
    for j, leaf in enumerate(result.leaves):
        node = methodology.nodes[leaf]
        current = float(result.raw[unit_row, j])
        target = _frontier_raw(result, j, node)
        if math.isnan(current) or math.isnan(target):
            continue
        better = (target > current) if _direction(node) == "higher" else (target < current)
        if not better:
            continue
        values = current + fractions_array * (target - current)
        _, scores = normalise_leaf(node, values, result.goalposts[j])
        before = float(result.scores[unit_row, result.node_index(leaf)])
        for fraction, value, score in zip(fractions_array, values, scores, strict=True):
            gain = float(score) - before
            if not gain > _TOLERANCE:
                continue  # clipped at the goalpost: no closer to the frontier in score
            per_unit = efforts.get(leaf)
            effort = gain if per_unit is None else float(per_unit) * abs(float(value) - current)
            if not math.isfinite(effort):
                continue
            singles.append(_Single(j, float(fraction), current, float(value), float(score), effort))
    return singles


def _ratio(gain: float, effort: float) -> float:
    return gain / max(effort, 1e-12)


def _order_key(rank_gain: float, score_gain: float, effort: float) -> tuple[float, float, float]:
    """Larger first: rank gain per effort, then score gain per effort, then rank gain."""
    return (_ratio(rank_gain, effort), _ratio(score_gain, effort), rank_gain)


class _Search:
    """Beam search over combinations of single moves, scored under frozen goalposts."""

    def __init__(self, result: EvaluationResult, unit: str, groups: np.ndarray | None) -> None:
        self.result = result
        self.row = result.unit_index(unit)
        self.model = _RowModel(result, self.row, groups)
        self.base_leaf_scores = result.scores[self.row, self.model.leaf_columns]
        self.base_score = float(result.scores[self.row, result.node_index(ROOT)])
        self.decimals = result.methodology.ranking.decimals
        self.displayed_basis = result.methodology.ranking.basis == "displayed"
        overall = result.scores[:, result.node_index(ROOT)]
        pool = result.eligible & ~np.isnan(overall)
        pool[self.row] = False
        self.others = np.sort(self._basis(overall[pool]))
        self.rank_before = self.rank_of(np.array([self.base_score]))[0]

    def _basis(self, scores: np.ndarray) -> np.ndarray:
        return display_round(scores, self.decimals) if self.displayed_basis else scores

    def rank_of(self, scores: np.ndarray) -> np.ndarray:
        """1 + the number of other ranked units with a strictly higher overall score."""
        basis = self._basis(scores)
        return 1 + len(self.others) - np.searchsorted(self.others, basis, side="right")

    def run(
        self, singles: list[_Single], max_indicators: int, beam_width: int
    ) -> dict[frozenset[int], _Candidate]:
        """Every evaluated combination as (single indices, score gain, rank after, effort)."""
        if not singles:
            return {}
        leaf_of = np.array([s.leaf for s in singles])
        score_of = np.array([s.score_to for s in singles])
        effort_of = np.array([s.effort for s in singles])
        evaluated: dict[frozenset[int], _Candidate] = {}
        states: list[tuple[int, ...]] = [(k,) for k in range(len(singles))]
        beam: list[tuple[int, ...]] = []
        for size in range(1, max(1, max_indicators) + 1):
            if size > 1:
                states = self._extend(beam, leaf_of, len(singles), evaluated)
            if not states:
                break
            found = self._evaluate(states, leaf_of, score_of, effort_of)
            for entry in found:
                evaluated[frozenset(entry[0])] = entry
            useful = [e for e in found if e[1] > _TOLERANCE]
            useful.sort(key=lambda e: _order_key(self.rank_before - e[2], e[1], e[3]), reverse=True)
            beam = [e[0] for e in useful[:beam_width]]
        return evaluated

    @staticmethod
    def _extend(
        beam: list[tuple[int, ...]],
        leaf_of: np.ndarray,
        count: int,
        evaluated: Mapping[frozenset[int], object],
    ) -> list[tuple[int, ...]]:
        states, seen = [], set()
        for state in beam:
            used = {int(leaf_of[k]) for k in state}
            for k in range(count):
                if int(leaf_of[k]) in used:
                    continue
                key = frozenset((*state, k))
                if key in seen or key in evaluated:
                    continue
                seen.add(key)
                states.append((*state, k))
        return states

    def _evaluate(
        self,
        states: list[tuple[int, ...]],
        leaf_of: np.ndarray,
        score_of: np.ndarray,
        effort_of: np.ndarray,
    ) -> list[_Candidate]:
        size = len(states[0])
        members = np.array(states, dtype=np.int64).reshape(len(states), size)
        rows = np.repeat(self.base_leaf_scores[None, :], len(states), axis=0)
        for position in range(size):
            picks = members[:, position]
            rows[np.arange(len(states)), leaf_of[picks]] = score_of[picks]
        overall = self.model.overall(rows)
        ranks = self.rank_of(overall)
        efforts = effort_of[members].sum(axis=1)
        gains = overall - self.base_score
        return [
            (states[k], float(gains[k]), int(ranks[k]), float(efforts[k]))
            for k in range(len(states))
        ]
