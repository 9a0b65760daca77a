"""The result of one evaluation, with every intermediate table."""

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .methodology import Methodology
from .ranking import display_round

LONG_COLUMNS = ("unit", "node", "score", "rank", "frontier", "average")

TABLE_LABELS = {
    "raw": "原始值",
    "imputed": "缺失值处理后",
    "treated": "截断与变换后",
    "normalised": "标准化得分",
    "scores": "各级得分",
    "ranks": "各级排名",
    "goalposts": "目标值",
    "frontier_average": "前沿值与平均值",
}


def table_label(key: str) -> str:
    """The Chinese name of one of `EvaluationResult.tables()` (level_2 -> 第2级得分)."""
    if key.startswith("level_"):
        return f"第{key.removeprefix('level_')}级得分"
    return TABLE_LABELS.get(key, key)


@dataclass(frozen=True)
class EvaluationResult:
    """Tables are indexed [unit, leaf] or [unit, node] in the order of `units`, `leaves`, `nodes`.

    raw       the values as given (NaN where missing); composites: members' weighted mean
    observed  True where a raw value was given (False: imputed or missing)
    imputed   raw after the missing-data policy
    treated   imputed after clipping to the goalposts and the transform (log)
    goalposts best and worst per leaf in raw units, as used (sample goalposts resolved)
    scores    0-100 per unit and node; the leaves' columns are the normalised values
    ranks     1 = best; ties share the better rank; 0 = not ranked (missing, composite member)
    frontier  the best score among ranked units per node (前沿值)
    average   the mean score among ranked units per node (平均值)
    """

    methodology: Methodology
    period: str
    units: tuple[str, ...]
    eligible: np.ndarray
    leaves: tuple[str, ...]
    nodes: tuple[str, ...]
    raw: np.ndarray
    observed: np.ndarray
    imputed: np.ndarray
    treated: np.ndarray
    goalposts: np.ndarray
    scores: np.ndarray
    ranks: np.ndarray
    frontier: np.ndarray
    average: np.ndarray

    def unit_index(self, unit: str) -> int:
        try:
            return self.units.index(unit)
        except ValueError:
            raise KeyError(f"没有参评单位 {unit}") from None

    def node_index(self, node: str) -> int:
        try:
            return self.nodes.index(node)
        except ValueError:
            raise KeyError(f"没有指标 {node}") from None

    def leaf_index(self, leaf: str) -> int:
        try:
            return self.leaves.index(leaf)
        except ValueError:
            raise KeyError(f"没有末级指标 {leaf}") from None

    @property
    def ranked_count(self) -> int:
        """How many units take part in the ranking (e.g. 18 zones)."""
        return int(self.eligible.sum())

    def score(self, unit: str, node: str = "overall") -> float:
        return float(self.scores[self.unit_index(unit), self.node_index(node)])

    def rank(self, unit: str, node: str = "overall") -> int:
        return int(self.ranks[self.unit_index(unit), self.node_index(node)])

    def frontier_of(self, node: str = "overall") -> float:
        return float(self.frontier[self.node_index(node)])

    def average_of(self, node: str = "overall") -> float:
        return float(self.average[self.node_index(node)])

    def displayed(self, value: float) -> float:
        return float(display_round(value, self.methodology.ranking.decimals))

    def long_rows(self) -> Iterator[tuple[str, str, float | None, int | None, float, float]]:
        """unit, node, score, rank, frontier, average — the contract's long table."""
        for i, unit in enumerate(self.units):
            for j, node in enumerate(self.nodes):
                score = self.scores[i, j]
                rank = int(self.ranks[i, j])
                yield (
                    unit,
                    node,
                    None if math.isnan(score) else float(score),
                    rank or None,
                    float(self.frontier[j]),
                    float(self.average[j]),
                )

    def goalposts_used(self) -> dict[str, dict[str, float | str | None]]:
        """Per leaf: the goalposts as resolved for this result, for storing with it."""
        used = {}
        for j, leaf in enumerate(self.leaves):
            node = self.methodology.nodes[leaf]
            best, worst = self.goalposts[j]
            used[leaf] = {
                "mode": node.goalposts.mode if node.goalposts else "identity",
                "better": node.goalposts.better if node.goalposts else "higher",
                "best": None if math.isnan(best) else float(best),
                "worst": None if math.isnan(worst) else float(worst),
            }
        return used

    def tables(self) -> dict[str, tuple[list[str], list[list]]]:
        """Every intermediate table as (header, rows), ready for CSV or a workbook sheet."""

        def matrix(values: np.ndarray, columns: tuple[str, ...]) -> tuple[list[str], list[list]]:
            header = ["unit", *columns]
            rows = [
                [unit, *(None if math.isnan(v) else float(v) for v in values[i])]
                for i, unit in enumerate(self.units)
            ]
            return header, rows

        levels = {}
        for node in self.nodes[1:]:
            levels.setdefault(self.methodology.depth(node), []).append(node)
        by_level = {
            f"level_{depth}": matrix(
                self.scores[:, [self.node_index(x) for x in nodes]], tuple(nodes)
            )
            for depth, nodes in sorted(levels.items())
        }
        tables = {
            "raw": matrix(self.raw, self.leaves),
            "imputed": matrix(self.imputed, self.leaves),
            "treated": matrix(self.treated, self.leaves),
            "normalised": matrix(
                self.scores[:, [self.node_index(x) for x in self.leaves]], self.leaves
            ),
            **by_level,
            "scores": matrix(self.scores, self.nodes),
            "ranks": (
                ["unit", *self.nodes],
                [[u, *(int(r) or None for r in self.ranks[i])] for i, u in enumerate(self.units)],
            ),
            "goalposts": (
                ["leaf", "mode", "better", "best", "worst"],
                [[leaf, *g.values()] for leaf, g in self.goalposts_used().items()],
            ),
            "frontier_average": (
                ["node", "frontier", "average"],
                [
                    [n, float(self.frontier[j]), float(self.average[j])]
                    for j, n in enumerate(self.nodes)
                ],
            ),
        }
        return tables
