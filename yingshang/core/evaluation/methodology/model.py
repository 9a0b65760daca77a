"""The methodology as data: the node tree, its rules and the vocabulary a YAML file may use."""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

FORMAT = "yingshang-methodology/1"
ROOT = "overall"
OBJECTIVE = "objective"
SATISFACTION = "satisfaction"
RESERVED_IDS = frozenset({ROOT, OBJECTIVE, SATISFACTION})

TRANSFORMS = ("linear", "power", "log", "identity")
AGGREGATIONS = ("arithmetic", "geometric", "harmonic")
MISSING_POLICIES = ("reweight", "mean", "median", "group", "carry_forward", "worst")
GOALPOST_MODES = ("fixed", "sample", "percentile")
DIRECTIONS = ("higher", "lower")
RANK_BASES = ("unrounded", "displayed")

TRANSFORM_LABELS = {
    "linear": "前沿距离（线性）",
    "power": "前沿距离（幂函数）",
    "log": "前沿距离（对数）",
    "identity": "原值（已为 0-100 分）",
}
AGGREGATION_LABELS = {
    "arithmetic": "加权算术平均",
    "geometric": "加权几何平均",
    "harmonic": "加权调和平均",
}
MISSING_LABELS = {
    "reweight": "跳过并重新分配权重",
    "mean": "均值插补",
    "median": "中位数插补",
    "group": "同组均值插补",
    "carry_forward": "沿用上期数据",
    "worst": "按最差计分",
}


@dataclass(frozen=True)
class Goalposts:
    """Where a leaf's score is 100 (best) and 0 (worst); the only place its direction is set.

    mode "fixed": `best` and `worst` are raw values, and the direction follows from them.
    mode "sample": best and worst are the best and worst values among the units of the period.
    mode "percentile": best and worst are the `percentile`-th and (100 - `percentile`)-th
    percentiles of performance among the units of the period.
    """

    mode: str
    better: str
    best: float | None = None
    worst: float | None = None
    percentile: float | None = None

    def describe(self) -> str:
        arrow = "越高越好" if self.better == "higher" else "越低越好"
        if self.mode == "fixed":
            return f"固定目标值：最优 {self.best:g}，最差 {self.worst:g}（{arrow}）"
        if self.mode == "sample":
            return f"取自样本：参评单位中的最优值与最差值（{arrow}）"
        return f"取自样本第 {self.percentile:g} 百分位（{arrow}）"


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    parent: str | None
    weight: float
    part: str  # "overall", "objective" or "satisfaction": which tree the node belongs to
    children: tuple[str, ...] = ()
    description: str = ""
    unit: str = ""
    transform: str = "linear"
    exponent: float = 1.0
    goalposts: Goalposts | None = None
    clip: bool = True
    floor: float = 0.0  # the score at the worst goalpost (60: scores run from 60 to 100)
    aggregation: str = "arithmetic"
    missing: str = "reweight"  # effective policy, inherited from the nearest ancestor that sets it

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass(frozen=True)
class Combination:
    objective: float
    satisfaction: float


@dataclass(frozen=True)
class RankingRule:
    """Ties share the better rank; `basis` says whether ranks use unrounded or displayed scores."""

    basis: str = "unrounded"
    decimals: int = 2


@dataclass(frozen=True)
class Methodology:
    id: str
    name: str
    version: str
    description: str
    nodes: Mapping[str, Node]  # in tree order (pre-order), the root first
    combination: Combination | None
    ranking: RankingRule
    composites: Mapping[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    source_text: str = ""

    @property
    def leaves(self) -> tuple[str, ...]:
        return tuple(nid for nid, node in self.nodes.items() if node.is_leaf)

    @property
    def node_ids(self) -> tuple[str, ...]:
        return tuple(self.nodes)

    @property
    def top_level(self) -> tuple[str, ...]:
        """The first-level indicators (一级指标) of the objective tree."""
        parent = OBJECTIVE if self.combination else ROOT
        return self.nodes[parent].children

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.source_text.encode("utf-8")).hexdigest()

    def depth(self, node_id: str) -> int:
        depth, node = 0, self.nodes[node_id]
        while node.parent is not None:
            depth, node = depth + 1, self.nodes[node.parent]
        return depth

    def name_of(self, node_id: str) -> str:
        return self.nodes[node_id].name

    def path_weight(self, node_id: str) -> float:
        """The node's share of the overall score when every level is an arithmetic mean."""
        share, node = 1.0, self.nodes[node_id]
        while node.parent is not None:
            parent = self.nodes[node.parent]
            total = sum(self.nodes[c].weight for c in parent.children)
            share *= node.weight / total if total else 0.0
            node = parent
        return share
