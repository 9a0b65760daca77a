"""Diagnosis of one unit: standings per node, gaps, strengths and weaknesses, trends, and the
Chinese sentences of an evaluation report (the shape of the 2020 Xinxiang report's 一、评价情况).

Every gap a reader sees is the difference of two displayed scores (rounded half up to the
methodology's `ranking.decimals`), never the rounded difference of unrounded scores: a printed
"较全省前沿值低4.00分" must equal the printed frontier minus the printed score.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from .methodology import OBJECTIVE, ROOT, SATISFACTION
from .ranking import display_round
from .result import EvaluationResult

STRUCTURAL_NODES = frozenset({ROOT, OBJECTIVE, SATISFACTION})
GRADE_LABELS = ("优秀", "良好", "有待提升")
GRADE_THRESHOLDS = (1 / 3, 2 / 3)


@dataclass(frozen=True)
class Standing:
    """One unit at one node. Gaps are differences of displayed scores; `weighted_gap` is in
    overall points and unrounded."""

    node: str
    name: str
    depth: int
    is_leaf: bool
    score: float | None
    rank: int | None
    ranked_count: int
    frontier: float
    average: float
    displayed_score: float | None
    displayed_frontier: float
    displayed_average: float
    gap_to_frontier: float | None  # displayed_frontier - displayed_score (>= 0)
    gap_to_average: float | None  # displayed_score - displayed_average (signed)
    weighted_gap: float | None  # path weight x (frontier - score): overall points lost here
    raw: float | None
    unit_label: str
    previous_score: float | None
    previous_rank: int | None
    score_change: float | None
    rank_change: int | None  # > 0: the rank improved
    decimals: int = 2

    @property
    def on_frontier(self) -> bool:
        """The unit's displayed score equals the displayed frontier (e.g. it ranks first)."""
        return self.gap_to_frontier is not None and self.gap_to_frontier <= 0


def _number(value: float) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def _displayed_difference(a: float, b: float, decimals: int) -> float:
    # a and b are already displayed values; rounding again only removes binary noise
    # (91.29 - 87.29 = 4.000000000000007) and never moves the difference by a step.
    return float(display_round(a - b, decimals))


def standing(
    result: EvaluationResult, unit: str, node: str, *, previous: EvaluationResult | None = None
) -> Standing:
    """The unit's score, rank and gaps at one node, with its previous period's if given.

    `weighted_gap` = the node's share of the overall score (`Methodology.path_weight`) x
    (frontier - score): the overall points the unit loses at this node. It is exact when every
    level above the node is a weighted arithmetic mean with no missing children; for geometric
    or harmonic aggregation, or reweighted missing values, it is a first-order approximation.
    """
    methodology = result.methodology
    decimals = methodology.ranking.decimals
    i, j = result.unit_index(unit), result.node_index(node)
    score = _number(result.scores[i, j])
    rank = int(result.ranks[i, j]) or None
    frontier, average = float(result.frontier[j]), float(result.average[j])
    displayed_frontier = float(display_round(frontier, decimals))
    displayed_average = float(display_round(average, decimals))
    displayed_score = None if score is None else float(display_round(score, decimals))
    gap_to_frontier = gap_to_average = weighted_gap = None
    if displayed_score is not None:
        gap_to_frontier = _displayed_difference(displayed_frontier, displayed_score, decimals)
        gap_to_average = _displayed_difference(displayed_score, displayed_average, decimals)
        weighted_gap = methodology.path_weight(node) * (frontier - score)
    is_leaf = methodology.nodes[node].is_leaf
    raw = _number(result.raw[i, result.leaf_index(node)]) if is_leaf else None
    previous_score, previous_rank = _previous(previous, unit, node)
    return Standing(
        node=node,
        name=methodology.name_of(node),
        depth=methodology.depth(node),
        is_leaf=is_leaf,
        score=score,
        rank=rank,
        ranked_count=int((result.ranks[:, j] > 0).sum()),
        frontier=frontier,
        average=average,
        displayed_score=displayed_score,
        displayed_frontier=displayed_frontier,
        displayed_average=displayed_average,
        gap_to_frontier=gap_to_frontier,
        gap_to_average=gap_to_average,
        weighted_gap=weighted_gap,
        raw=raw,
        unit_label=methodology.nodes[node].unit,
        previous_score=previous_score,
        previous_rank=previous_rank,
        score_change=None if score is None or previous_score is None else score - previous_score,
        rank_change=None if rank is None or previous_rank is None else previous_rank - rank,
        decimals=decimals,
    )


def _previous(
    previous: EvaluationResult | None, unit: str, node: str
) -> tuple[float | None, int | None]:
    if previous is None or unit not in previous.units or node not in previous.nodes:
        return None, None
    i, j = previous.unit_index(unit), previous.node_index(node)
    return _number(previous.scores[i, j]), int(previous.ranks[i, j]) or None


def standings(
    result: EvaluationResult, unit: str, *, previous: EvaluationResult | None = None
) -> list[Standing]:
    """Every node, in tree order (the root first)."""
    return [standing(result, unit, node, previous=previous) for node in result.nodes]


def _indicators(result: EvaluationResult, unit: str, leaves_only: bool) -> list[Standing]:
    rows = [s for s in standings(result, unit) if s.node not in STRUCTURAL_NODES]
    return [s for s in rows if s.score is not None and (s.is_leaf or not leaves_only)]


def _rank_or_last(s: Standing) -> int:
    return s.rank if s.rank is not None else s.ranked_count + 1


def weaknesses(
    result: EvaluationResult,
    unit: str,
    *,
    by: Literal["weighted_gap", "rank"] = "weighted_gap",
    leaves_only: bool = False,
    limit: int | None = 5,
) -> list[Standing]:
    """短板弱项: the indicators where the unit loses most, nodes on the frontier left out.

    by="weighted_gap": the overall points lost there, largest first (ties: worse rank first);
    by="rank": the worst rank first (ties: the larger weighted gap first). The root and the
    objective/satisfaction halves are not indicators and never listed.
    """
    rows = [s for s in _indicators(result, unit, leaves_only) if not s.on_frontier]
    if by == "weighted_gap":
        rows.sort(key=lambda s: (-(s.weighted_gap or 0.0), -_rank_or_last(s)))
    elif by == "rank":
        rows.sort(key=lambda s: (-_rank_or_last(s), -(s.weighted_gap or 0.0)))
    else:
        raise ValueError(f"unknown ordering {by}")
    return rows[:limit] if limit is not None else rows


def strengths(
    result: EvaluationResult,
    unit: str,
    *,
    by: Literal["rank", "gap_to_average"] = "rank",
    leaves_only: bool = False,
    limit: int | None = 5,
) -> list[Standing]:
    """优势指标: the indicators where the unit's displayed score is above the displayed average,
    the best rank first (ties: the larger lead over the average), or the largest lead first."""
    rows = [s for s in _indicators(result, unit, leaves_only) if (s.gap_to_average or 0) > 0]
    if by == "rank":
        rows.sort(key=lambda s: (_rank_or_last(s), -(s.gap_to_average or 0.0)))
    elif by == "gap_to_average":
        rows.sort(key=lambda s: (-(s.gap_to_average or 0.0), _rank_or_last(s)))
    else:
        raise ValueError(f"unknown ordering {by}")
    return rows[:limit] if limit is not None else rows


# --- sentences -------------------------------------------------------------------------------


def _points(value: float, decimals: int) -> str:
    return f"{abs(value):.{decimals}f}分"


def _compared(label: str, gap: float, decimals: int) -> str:
    """Compared with a reference: 较全省平均值高1.06分 / 较全省平均值低0.50分 / 与全省平均值持平."""
    if gap == 0:
        return f"与{label}持平"
    return f"较{label}{'高' if gap > 0 else '低'}{_points(gap, decimals)}"


def gap_phrase(
    standing: Standing,
    *,
    frontier_label: str = "全省前沿值",
    average_label: str = "全省平均值",
) -> str:
    """The gaps as printed: 较全省前沿值低4.00分，较全省平均值高1.06分.

    The frontier part is left out when the unit is on the frontier. Empty when the unit has no
    score at this node."""
    if standing.gap_to_frontier is None or standing.gap_to_average is None:
        return ""
    parts = []
    if not standing.on_frontier:
        parts.append(_compared(frontier_label, -standing.gap_to_frontier, standing.decimals))
    parts.append(_compared(average_label, standing.gap_to_average, standing.decimals))
    return "，".join(parts)


def _score_text(value: float | None, decimals: int) -> str:
    return "—" if value is None else f"{value:.{decimals}f}分"


def _rank_text(s: Standing) -> str:
    return f"排名第{s.rank}位" if s.rank is not None else "不参与排名"


def standing_sentence(
    result: EvaluationResult,
    unit: str,
    node: str,
    *,
    scope: str = "功能区",
    frontier_label: str = "全省前沿值",
    average_label: str = "全省平均值",
) -> str:
    """One indicator's sentence, e.g.
    本次评价，开办企业指标得分为87.29分，在纳入评价的18个功能区中排名第10位，
    较全省前沿值低4.00分，较全省平均值高1.06分。
    """
    s = standing(result, unit, node)
    subject = "总体" if node == ROOT else f"{s.name}指标"
    if s.displayed_score is None:
        return f"本次评价，{subject}暂无得分。"
    position = (
        f"在纳入评价的{s.ranked_count}个{scope}中排名第{s.rank}位"
        if s.rank is not None
        else "不参与排名"
    )
    gaps = gap_phrase(s, frontier_label=frontier_label, average_label=average_label)
    score = _score_text(s.displayed_score, s.decimals)
    return f"本次评价，{subject}得分为{score}，{position}，{gaps}。"


def performance_grade(
    rank: int | None,
    ranked_count: int,
    *,
    thresholds: Sequence[float] = GRADE_THRESHOLDS,
    labels: Sequence[str] = GRADE_LABELS,
) -> str | None:
    """The grade of a rank: with the default thirds, rank/count <= 1/3 is 优秀，<= 2/3 良好,
    otherwise 有待提升 (ranks 1-6 / 7-12 / 13-18 of 18, as the 2020 report grades them).

    `thresholds` are increasing shares of the ranked units, one fewer than `labels`.
    """
    if rank is None or ranked_count <= 0:
        return None
    if len(labels) != len(thresholds) + 1:
        raise ValueError("labels must be one more than thresholds")
    share = rank / ranked_count
    for threshold, label in zip(thresholds, labels, strict=False):
        # A tiny tolerance: 6/18 must count as exactly one third.
        if share <= threshold + 1e-12:
            return label
    return labels[-1]


def _grade_sentence(
    rows: list[Standing], thresholds: Sequence[float], labels: Sequence[str]
) -> str:
    """The grades of the first-level indicators, in tree order within each grade:
    5个一级指标中，办理建筑许可、政务服务、市场监管等3个指标表现优秀，
    开办企业、产业创新环境等2个指标表现良好。
    """
    graded: dict[str, list[str]] = {label: [] for label in labels}
    for s in rows:
        grade = performance_grade(s.rank, s.ranked_count, thresholds=thresholds, labels=labels)
        if grade is not None:
            graded[grade].append(s.name)
    clauses = []
    for label, names in graded.items():
        if len(names) == 1:
            clauses.append(f"{names[0]}指标表现{label}")
        elif names:
            clauses.append(f"{'、'.join(names)}等{len(names)}个指标表现{label}")
    if not clauses:
        return ""
    return f"{len(rows)}个一级指标中，{'，'.join(clauses)}。"


def _halves_sentence(
    objective: Standing,
    satisfaction: Standing,
    subject: str,
    thresholds: Sequence[float],
    labels: Sequence[str],
) -> str:
    """The grades of the two halves: 总体来看，我区客观指标表现优秀，企业满意度表现有待提升。"""
    grades = [
        performance_grade(s.rank, s.ranked_count, thresholds=thresholds, labels=labels)
        for s in (objective, satisfaction)
    ]
    if None in grades:
        return ""
    return (
        f"总体来看，{subject}{objective.name}表现{grades[0]}，{satisfaction.name}表现{grades[1]}。"
    )


def _score_and_rank(s: Standing, *, joiner: str = "得分为") -> str:
    return f"{s.name}{joiner}{_score_text(s.displayed_score, s.decimals)}，{_rank_text(s)}"


def overview_sentences(
    result: EvaluationResult,
    unit: str,
    *,
    scope: str = "功能区",
    subject: str = "我区",
    region: str = "全省",
    thresholds: Sequence[float] = GRADE_THRESHOLDS,
    labels: Sequence[str] = GRADE_LABELS,
) -> list[str]:
    """The paragraphs of an evaluation report's 一、评价情况, as in the 2020 Xinxiang report:

    1. "本次营商环境评价，我区总体得分为80.97分，在全省18个功能区排名第5位。"
    2. "总体来看，我区客观指标表现优秀，企业满意度表现有待提升。5个一级指标中，办理建筑许可、
       政务服务、市场监管等3个指标表现优秀，开办企业、产业创新环境等2个指标表现良好。" (the
       first sentence only with a combination; grades by `performance_grade`)
    3. with a combination: "我区营商环境评价整体表现：客观指标表现得分为82.45分，排名第3位；
       企业满意度表现得分为77.53分，排名第16位；总体表现80.97分，排名第5位。"
    4. "我区营商环境评价各指标表现：开办企业得分为87.29分，排名第10位；…。"
    """
    methodology = result.methodology
    overall = standing(result, unit, ROOT)
    score = _score_text(overall.displayed_score, overall.decimals)
    position = (
        f"在{region}{overall.ranked_count}个{scope}排名第{overall.rank}位"
        if overall.rank is not None
        else "不参与排名"
    )
    paragraphs = [f"本次营商环境评价，{subject}总体得分为{score}，{position}。"]
    top = [standing(result, unit, node) for node in methodology.top_level]
    summary = ""
    if methodology.combination:
        objective = standing(result, unit, OBJECTIVE)
        satisfaction = standing(result, unit, SATISFACTION)
        summary = _halves_sentence(objective, satisfaction, subject, thresholds, labels)
    summary += _grade_sentence(top, thresholds, labels)
    if summary:
        paragraphs.append(summary)
    if methodology.combination:
        halves = "；".join(
            [
                _score_and_rank(objective, joiner="表现得分为"),
                _score_and_rank(satisfaction, joiner="表现得分为"),
                _score_and_rank(overall, joiner=""),
            ]
        )
        paragraphs.append(f"{subject}营商环境评价整体表现：{halves}。")
    indicators = "；".join(_score_and_rank(s) for s in top)
    paragraphs.append(f"{subject}营商环境评价各指标表现：{indicators}。")
    return paragraphs


# --- trends ----------------------------------------------------------------------------------


def trend(
    results: Iterable[EvaluationResult], unit: str, node: str = ROOT
) -> list[tuple[str, float | None, int | None]]:
    """(period, score, rank) per result, oldest period first; None where the unit or the node
    is absent from that period's result or unscored."""
    rows = []
    for result in sorted(results, key=lambda r: r.period):
        score, rank = _previous(result, unit, node)
        rows.append((result.period, score, rank))
    return rows


__all__ = [
    "GRADE_LABELS",
    "GRADE_THRESHOLDS",
    "Standing",
    "gap_phrase",
    "overview_sentences",
    "performance_grade",
    "standing",
    "standing_sentence",
    "standings",
    "strengths",
    "trend",
    "weaknesses",
]
