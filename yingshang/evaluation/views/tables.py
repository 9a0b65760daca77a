"""The tables the evaluation pages show, shaped from a result: plain rows for the templates.

Scores are rounded half up to the methodology's decimals here, so a page shows exactly the
figures of the printed report and the gap sentences (which subtract displayed scores).
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from yingshang.core.evaluation import OBJECTIVE, ROOT, SATISFACTION, EvaluationResult
from yingshang.core.evaluation.diagnosis import Standing, gap_phrase
from yingshang.evaluation.views.common import shown

MODE_LABELS = {
    "fixed": "固定目标值",
    "sample": "取自样本（最优/最差）",
    "percentile": "取自样本百分位",
    "identity": "原值（0-100 分）",
}
BETTER_LABELS = {"higher": "越高越好", "lower": "越低越好"}


def raw_text(value: float | None, decimals: int = 4) -> str:
    """A raw value as people write it: thousands separated, no trailing zeros (2.8, 10,159.63)."""
    if value is None or math.isnan(value):
        return ""
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _finite(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else value


@dataclass(frozen=True)
class Column:
    node: str
    name: str


@dataclass(frozen=True)
class Cell:
    score: float | None
    rank: int | None


@dataclass(frozen=True)
class RankingRow:
    unit: str
    focus: bool
    eligible: bool
    overall: Cell
    parts: tuple[Cell, ...]
    indicators: tuple[Cell, ...]


@dataclass(frozen=True)
class RankingTable:
    parts: tuple[Column, ...]
    indicators: tuple[Column, ...]
    rows: tuple[RankingRow, ...]
    ranked_count: int


def _cell(result: EvaluationResult, i: int, node: str) -> Cell:
    j = result.node_index(node)
    rank = int(result.ranks[i, j])
    return Cell(shown(result, result.scores[i, j]), rank or None)


def _columns(result: EvaluationResult, nodes: Iterable[str]) -> tuple[Column, ...]:
    return tuple(Column(n, result.methodology.name_of(n)) for n in nodes)


def ranking_table(result: EvaluationResult, focus: str) -> RankingTable:
    """Every unit by overall rank (unranked ones last): overall, parts and first-level scores."""
    methodology = result.methodology
    parts = (OBJECTIVE, SATISFACTION) if methodology.combination else ()
    top = methodology.top_level
    overall = result.ranks[:, result.node_index(ROOT)]
    order = sorted(
        range(len(result.units)),
        key=lambda i: (overall[i] == 0, int(overall[i]), result.units[i]),
    )
    rows = tuple(
        RankingRow(
            unit=result.units[i],
            focus=result.units[i] == focus,
            eligible=bool(result.eligible[i]),
            overall=_cell(result, i, ROOT),
            parts=tuple(_cell(result, i, p) for p in parts),
            indicators=tuple(_cell(result, i, n) for n in top),
        )
        for i in order
    )
    return RankingTable(_columns(result, parts), _columns(result, top), rows, result.ranked_count)


@dataclass(frozen=True)
class FocusSummary:
    unit: str
    score: float | None
    rank: int | None
    ranked_count: int


def focus_summary(result: EvaluationResult, unit: str) -> FocusSummary:
    i = result.unit_index(unit)
    cell = _cell(result, i, ROOT)
    return FocusSummary(unit, cell.score, cell.rank, result.ranked_count)


@dataclass(frozen=True)
class GoalpostRow:
    leaf: str
    name: str
    unit_label: str
    mode: str
    better: str
    best: str
    worst: str


def goalpost_rows(result: EvaluationResult) -> list[GoalpostRow]:
    """Per leaf the goalposts this result used: the frontier a provincial evaluation takes."""
    rows = []
    for leaf, used in result.goalposts_used().items():
        node = result.methodology.nodes[leaf]
        rows.append(
            GoalpostRow(
                leaf=leaf,
                name=node.name,
                unit_label=node.unit,
                mode=MODE_LABELS.get(str(used["mode"]), str(used["mode"])),
                better=BETTER_LABELS.get(str(used["better"]), ""),
                best=raw_text(used["best"]),
                worst=raw_text(used["worst"]),
            )
        )
    return rows


@dataclass(frozen=True)
class StandingRow:
    standing: Standing
    phrase: str
    indent: str  # CSS padding by depth in the tree, so the table reads as the tree
    raw: str  # leaves: the raw value as written
    frontier: float | None  # displayed; None where no unit has a score
    average: float | None


def _indent(depth: int) -> str:
    return f"{0.7 + 1.2 * max(depth, 0):.1f}rem"


def _phrase(s: Standing) -> str:
    return gap_phrase(s) if s.score is not None else ""


def _row(s: Standing, depth: int) -> StandingRow:
    return StandingRow(
        standing=s,
        phrase=_phrase(s),
        indent=_indent(depth),
        raw=raw_text(s.raw),
        frontier=_finite(s.displayed_frontier),
        average=_finite(s.displayed_average),
    )


def standing_rows(standings: Sequence[Standing]) -> list[StandingRow]:
    return [_row(s, s.depth) for s in standings]


def phrased(standings: Sequence[Standing]) -> list[StandingRow]:
    """Weaknesses and strengths: flat lists, each with its gap sentence."""
    return [_row(s, 0) for s in standings]


@dataclass(frozen=True)
class LeafValue:
    index: int
    leaf: str
    name: str
    unit_label: str
    value: float | None  # raw value as given; None where the data has none
    better: str

    @property
    def text(self) -> str:
        return raw_text(self.value)


def leaf_values(result: EvaluationResult, unit: str) -> list[LeafValue]:
    """The unit's raw value of every leaf, in tree order: what a what-if may change."""
    i = result.unit_index(unit)
    values = []
    for j, leaf in enumerate(result.leaves):
        node = result.methodology.nodes[leaf]
        raw = float(result.raw[i, j])
        better = node.goalposts.better if node.goalposts else "higher"
        values.append(
            LeafValue(
                index=j,
                leaf=leaf,
                name=node.name,
                unit_label=node.unit,
                value=None if math.isnan(raw) else raw,
                better=BETTER_LABELS.get(better, ""),
            )
        )
    return values


@dataclass(frozen=True)
class IntervalRow:
    unit: str
    focus: bool
    nominal: int
    median: float
    p05: float
    p95: float


def interval_rows(robustness, focus: str) -> list[IntervalRow]:
    """Units by nominal rank, each with its median rank and 5-95 % interval over the runs."""
    rows = [
        IntervalRow(
            unit=unit,
            focus=unit == focus,
            nominal=int(robustness.nominal_rank[i]),
            median=float(robustness.median_rank[i]),
            p05=float(robustness.rank_p05[i]),
            p95=float(robustness.rank_p95[i]),
        )
        for i, unit in enumerate(robustness.units)
    ]
    return sorted(rows, key=lambda r: (r.nominal == 0, r.nominal, r.unit))


@dataclass(frozen=True)
class SensitivityRow:
    key: str
    label: str
    value: float


def sensitivity_rows(sensitivity: Mapping[str, float], labels: Mapping[str, str]):
    rows = [SensitivityRow(k, labels.get(k, k), float(v)) for k, v in sensitivity.items()]
    return sorted(rows, key=lambda r: -r.value)


@dataclass(frozen=True)
class WeightingRow:
    unit: str
    focus: bool
    cells: tuple[Cell, ...]


def weighting_rows(comparison, result: EvaluationResult, focus: str) -> list[WeightingRow]:
    """Per unit its overall score and rank under each weighting scheme, by the stated rank."""
    overall = np.asarray(comparison.overall, dtype=float)
    ranks = np.asarray(comparison.ranks)
    rows = [
        WeightingRow(
            unit=unit,
            focus=unit == focus,
            cells=tuple(
                Cell(shown(result, overall[i, k]), int(ranks[i, k]) or None)
                for k in range(len(comparison.schemes))
            ),
        )
        for i, unit in enumerate(comparison.units)
    ]
    return sorted(rows, key=lambda r: (r.cells[0].rank is None, r.cells[0].rank or 0, r.unit))
