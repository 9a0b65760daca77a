"""Best moves: the improvements that lift a unit's rank most for the least effort, found by the
frozen search, then checked with a real `what_if` and described in words."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..engine import evaluate, group_index
from ..methodology import Methodology
from ..observations import Observations
from ..ranking import display_round
from ..result import EvaluationResult
from .outcome import _TOLERANCE, what_if
from .search import _Candidate, _direction, _order_key, _Search, _Single, _singles


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
