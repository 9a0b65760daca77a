"""What-if: change one unit's raw values and see what moves; search for the improvements that
lift its rank most for the least effort.

`what_if` is a real re-evaluation (by default the sample goalposts follow the changed data, as
they would in next year's evaluation). `best_moves` searches thousands of candidate changes
without calling the engine per candidate: with the goalposts frozen only the focus unit's row
changes, so each candidate re-normalises that unit's leaves and re-aggregates its row up the
tree, vectorised over the candidates; the returned moves are then checked with a real `what_if`
and carry the checked gains.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .engine import aggregate, evaluate, group_index, normalise_leaf
from .methodology import ROOT, Methodology, Node
from .observations import Observations
from .ranking import display_round
from .result import EvaluationResult

# Moves smaller than this (in overall points or normalised points) are rounding noise.
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Shift:
    unit: str
    node: str
    name: str
    score_before: float | None
    score_after: float | None
    rank_before: int | None
    rank_after: int | None

    @property
    def score_change(self) -> float | None:
        if self.score_before is None or self.score_after is None:
            return None
        return self.score_after - self.score_before

    @property
    def rank_change(self) -> int | None:
        """> 0: the rank improved."""
        if self.rank_before is None or self.rank_after is None:
            return None
        return self.rank_before - self.rank_after


def _value(scores: np.ndarray, i: int, j: int) -> float | None:
    value = float(scores[i, j])
    return None if math.isnan(value) else value


def _moved(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return (a is None) != (b is None)
    return abs(a - b) > _TOLERANCE * max(1.0, abs(a))


@dataclass(frozen=True)
class WhatIfOutcome:
    base: EvaluationResult
    changed: EvaluationResult
    unit: str
    changes: Mapping[str, float]

    def shifts(self, *, unit: str | None = None, only_moved: bool = True) -> list[Shift]:
        """Every (unit, node) whose score or rank moved, the changed unit first, then the other
        units in order, nodes in tree order; `unit` restricts to one unit, and with
        `only_moved=False` every node of the listed units is included."""
        units = [unit] if unit is not None else self._units_focus_first()
        rows = []
        for name in units:
            i, k = self.base.unit_index(name), self.changed.unit_index(name)
            for j, node in enumerate(self.base.nodes):
                shift = Shift(
                    unit=name,
                    node=node,
                    name=self.base.methodology.name_of(node),
                    score_before=_value(self.base.scores, i, j),
                    score_after=_value(self.changed.scores, k, j),
                    rank_before=int(self.base.ranks[i, j]) or None,
                    rank_after=int(self.changed.ranks[k, j]) or None,
                )
                moved = (
                    _moved(shift.score_before, shift.score_after)
                    or shift.rank_before != shift.rank_after
                )
                if moved or not only_moved:
                    rows.append(shift)
        return rows

    def _units_focus_first(self) -> list[str]:
        others = [u for u in self.base.units if u != self.unit and u in self.changed.units]
        return [self.unit, *others]


def what_if(
    methodology: Methodology,
    observations: Observations,
    *,
    unit: str,
    changes: Mapping[str, float],
    period: str | None = None,
    freeze_goalposts: bool = False,
    base: EvaluationResult | None = None,
) -> WhatIfOutcome:
    """Re-evaluate with `changes` {leaf: raw value} applied to `unit`.

    By default sample goalposts are re-derived from the changed data (a real re-evaluation:
    if the unit becomes the best, it becomes the frontier); `freeze_goalposts=True` keeps the
    base result's goalposts. `base` may pass an already computed base result of the same
    methodology, data and period.
    """
    if base is None:
        base = evaluate(methodology, observations, period=period)
    if unit not in base.units:
        raise KeyError(f"没有参评单位 {unit}")
    overrides = {(unit, leaf): float(value) for leaf, value in changes.items()}
    changed = evaluate(
        methodology,
        observations,
        period=base.period,
        overrides=overrides,
        goalposts=base.goalposts if freeze_goalposts else None,
    )
    return WhatIfOutcome(base=base, changed=changed, unit=unit, changes=dict(changes))


# --- best moves ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    changes: dict[str, tuple[float, float]]  # leaf -> (from raw, to raw)
    score_gain: float
    rank_before: int
    rank_after: int
    effort: float
    description: str
    fractions: dict[str, float] = field(default_factory=dict)  # leaf -> share of the way moved

    @property
    def rank_gain(self) -> int:
        return self.rank_before - self.rank_after


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

    def __init__(self, result: EvaluationResult, unit_row: int, groups: np.ndarray | None):
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


def _format_number(value: float, decimals: int) -> str:
    return f"{float(display_round(value, decimals)):.{decimals}f}"


def describe_changes(
    methodology: Methodology, changes: Mapping[str, tuple[float, float]], decimals: int = 2
) -> str:
    """The changes in words, the verb following the leaf's direction, e.g.
    把开办企业时间从5.00天压缩到2.00天，把实际使用外资额从9422.00万美元提高到12000.00万美元
    (raw values with the methodology's decimals and the leaf's measurement unit)."""
    parts = []
    for leaf, (before, after) in changes.items():
        node = methodology.nodes[leaf]
        verb = "压缩到" if _direction(node) == "lower" else "提高到"
        unit = node.unit
        parts.append(
            f"把{node.name}从{_format_number(before, decimals)}{unit}"
            f"{verb}{_format_number(after, decimals)}{unit}"
        )
    return "，".join(parts)


def describe_outcome(score_gain: float, rank_gain: int, decimals: int = 2) -> str:
    """The outcome in words: 总分 +1.23，排名上升 2 位 (or 排名不变 / 排名下降 1 位); the score
    gain is the printed one (displayed after minus displayed before)."""
    if rank_gain > 0:
        rank = f"排名上升 {rank_gain} 位"
    elif rank_gain < 0:
        rank = f"排名下降 {-rank_gain} 位"
    else:
        rank = "排名不变"
    return f"总分 {score_gain:+.{decimals}f}，{rank}"


def _ratio(gain: float, effort: float) -> float:
    return gain / max(effort, 1e-12)


def _order_key(rank_gain: float, score_gain: float, effort: float) -> tuple[float, float, float]:
    """Larger first: rank gain per effort, then score gain per effort, then rank gain."""
    return (_ratio(rank_gain, effort), _ratio(score_gain, effort), rank_gain)


class _Search:
    """Beam search over combinations of single moves, scored under frozen goalposts."""

    def __init__(self, result: EvaluationResult, unit: str, groups: np.ndarray | None):
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
    ) -> dict[frozenset[int], tuple[tuple[int, ...], float, int, float]]:
        """Every evaluated combination as (single indices, score gain, rank after, effort)."""
        if not singles:
            return {}
        leaf_of = np.array([s.leaf for s in singles])
        score_of = np.array([s.score_to for s in singles])
        effort_of = np.array([s.effort for s in singles])
        evaluated: dict[frozenset[int], tuple[tuple[int, ...], float, int, float]] = {}
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
    ) -> list[tuple[tuple[int, ...], float, int, float]]:
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


def best_moves(
    methodology: Methodology,
    observations: Observations,
    *,
    unit: str,
    period: str | None = None,
    efforts: Mapping[str, float] | None = None,
    fractions: Sequence[float] = (0.25, 0.5, 1.0),
    max_indicators: int = 3,
    limit: int = 10,
    beam_width: int = 10,
) -> list[Move]:
    """The improvements that lift `unit`'s overall rank most for the least effort.

    Candidate single moves: for every leaf where the unit's raw value is worse than the frontier
    value (the fixed best goalpost, or the best raw value among the ranked units for sample and
    percentile goalposts), move it `fractions` of the way there, never beyond. A leaf whose
    value is missing is skipped.

    Effort: `efforts[leaf]` is the effort per raw unit of improvement; a leaf absent from
    `efforts` costs one per point of its normalised score gained, so with no `efforts` the
    search maximises rank and score gain per point of indicator improvement. An infinite effort
    rules a leaf out.

    Search: beam search. Level 1 scores every single move; each next level extends the
    `beam_width` best combinations so far by one move on another leaf, up to
    `max_indicators` leaves. Candidates are scored with the goalposts frozen: only the focus
    unit's row changes, re-aggregated up the tree for all candidates at once, and the rank is
    1 + the number of other ranked units with a strictly higher overall score. Order: rank gain
    per effort, then score gain per effort, then rank gain, each larger first.

    A combination is kept only if each of its changes buys rank (leaving any one out, when that
    was scored, ranks worse), and of the combinations changing the same leaves for the same
    rank only the first in order is kept.

    The best `limit` candidates are then re-evaluated with a real `what_if` (sample goalposts
    follow the data, as next period's evaluation would), and the returned moves carry these
    verified gains, re-ordered by them; moves that turn out to gain nothing are dropped. The
    check also catches what the frozen search leaves out: moved sample goalposts, and, under
    mean or median imputation of raw values, the other units' imputed values that the unit's
    new value moves.
    """
    base = evaluate(methodology, observations, period=period)
    row = base.unit_index(unit)
    if not base.eligible[row]:
        raise ValueError(f"{unit} 不参与排名（合成单位的成员），无法计算名次提升")
    if unit in methodology.composites:
        raise ValueError(f"{unit} 是合成单位，其数值由成员加权得出，不能直接调整")
    efforts = _checked_efforts(methodology, efforts or {})
    base_units = [u for u in base.units if u not in methodology.composites]
    search = _Search(base, unit, group_index(observations, tuple(base_units)))
    singles = _singles(base, row, fractions, efforts)
    evaluated = search.run(singles, max_indicators, beam_width)
    candidates = _worthwhile(evaluated, singles)
    candidates.sort(key=lambda c: _order_key(search.rank_before - c[2], c[1], c[3]), reverse=True)
    candidates = _one_per_leaf_set(candidates, singles)
    moves = [
        _verified_move(methodology, observations, base, unit, [singles[k] for k in state], effort)
        for state, _, _, effort in candidates[:limit]
    ]
    moves = [m for m in moves if m.score_gain > _TOLERANCE or m.rank_gain > 0]
    moves.sort(key=lambda m: _order_key(m.rank_gain, m.score_gain, m.effort), reverse=True)
    return moves


def _checked_efforts(methodology: Methodology, efforts: Mapping[str, float]) -> dict[str, float]:
    leaves = set(methodology.leaves)
    checked = {}
    for leaf, effort in efforts.items():
        if leaf not in leaves:
            raise KeyError(f"没有末级指标 {leaf}")
        if not float(effort) >= 0:
            raise ValueError(f"指标 {leaf} 的工作量必须是非负数")
        checked[leaf] = float(effort)
    return checked


_Candidate = tuple[tuple[int, ...], float, int, float]  # singles, score gain, rank after, effort


def _worthwhile(
    evaluated: Mapping[frozenset[int], _Candidate], singles: list[_Single]
) -> list[_Candidate]:
    """Candidates that gain score, and where every change buys rank: a combination is dropped
    when leaving one of its changes out (a combination already scored) ranks as well."""
    kept = []
    for key, candidate in evaluated.items():
        if candidate[1] <= _TOLERANCE:
            continue
        subsets = (key - {k} for k in key) if len(key) > 1 else ()
        if any(s in evaluated and evaluated[s][2] <= candidate[2] for s in subsets):
            continue
        kept.append(candidate)
    return kept


def _one_per_leaf_set(candidates: list[_Candidate], singles: list[_Single]) -> list[_Candidate]:
    """Of the candidates changing the same leaves for the same rank, keep the first (in order):
    the others only move further for nothing more in rank."""
    seen, kept = set(), []
    for candidate in candidates:
        key = (frozenset(singles[k].leaf for k in candidate[0]), candidate[2])
        if key not in seen:
            seen.add(key)
            kept.append(candidate)
    return kept


def _verified_move(
    methodology: Methodology,
    observations: Observations,
    base: EvaluationResult,
    unit: str,
    picks: list[_Single],
    effort: float,
) -> Move:
    picks = sorted(picks, key=lambda s: s.leaf)
    changes = {base.leaves[s.leaf]: (s.raw_from, s.raw_to) for s in picks}
    outcome = what_if(
        methodology,
        observations,
        unit=unit,
        changes={leaf: after for leaf, (_, after) in changes.items()},
        base=base,
    )
    before, after = base.score(unit), outcome.changed.score(unit)
    rank_before, rank_after = base.rank(unit), outcome.changed.rank(unit)
    decimals = methodology.ranking.decimals
    printed = float(display_round(after, decimals)) - float(display_round(before, decimals))
    printed_gain = float(display_round(printed, decimals)) + 0.0  # no "-0.00"
    description = (
        f"{describe_changes(methodology, changes, decimals)}："
        f"{describe_outcome(printed_gain, rank_before - rank_after, decimals)}"
    )
    return Move(
        changes=changes,
        score_gain=after - before,
        rank_before=rank_before,
        rank_after=rank_after,
        effort=effort,
        description=description,
        fractions={base.leaves[s.leaf]: s.fraction for s in picks},
    )


__all__ = [
    "Move",
    "Shift",
    "WhatIfOutcome",
    "best_moves",
    "describe_changes",
    "describe_outcome",
    "what_if",
]
