"""Schemas of the analyses of a run: standings and weaknesses, what-if, best moves, robustness
and the alternative weightings."""

import math
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, field_validator

from yingshang.evaluation.api.schemas import finite
from yingshang.evaluation.api.schemas.runs import UnitQuery

MAX_ROBUSTNESS_RUNS = 2000
DEFAULT_ROBUSTNESS_RUNS = 500


class StandingOut(Schema):
    node: str = Field(description="指标编码")
    name: str = Field(description="指标名称")
    depth: int = Field(description="层级: 0 为总分")
    is_leaf: bool = Field(description="是否末级指标")
    score: float | None = Field(description="得分")
    rank: int | None = Field(description="排名")
    ranked_count: int = Field(description="参与排名的单位数")
    frontier: float | None = Field(description="前沿值")
    average: float | None = Field(description="平均值")
    displayed_score: float | None = Field(description="显示得分 (四舍五入)")
    displayed_frontier: float | None = Field(description="显示前沿值")
    displayed_average: float | None = Field(description="显示平均值")
    gap_to_frontier: float | None = Field(description="较前沿值低多少分 (显示得分之差)")
    gap_to_average: float | None = Field(description="较平均值高多少分 (负数为低)")
    weighted_gap: float | None = Field(description="在此指标上失去的总分 (占总分比重 × 差距)")
    raw: float | None = Field(description="原始值 (末级指标)")
    unit_label: str = Field(description="原始值的计量单位")
    previous_score: float | None = Field(description="上期得分")
    previous_rank: int | None = Field(description="上期排名")
    score_change: float | None = Field(description="得分变化")
    rank_change: int | None = Field(description="名次变化: 正数为上升")

    @field_validator(
        "score",
        "frontier",
        "average",
        "displayed_score",
        "displayed_frontier",
        "displayed_average",
        "gap_to_frontier",
        "gap_to_average",
        "weighted_gap",
        "raw",
        "previous_score",
        "score_change",
        mode="before",
    )
    @classmethod
    def _finite(cls, value: Any) -> float | None:
        return finite(value)


class StandingsOut(Schema):
    unit: str = Field(description="参评单位")
    period: str = Field(description="评价期间")
    previous_period: str | None = Field(description="对比的上期；无上期为 null")
    items: list[StandingOut] = Field(description="各指标的得分、排名与差距")


class WeaknessQuery(UnitQuery):
    by: Literal["weighted_gap", "rank"] = Field(
        "weighted_gap", description="weighted_gap 按失分多少; rank 按排名靠后"
    )
    leaves_only: bool = Field(False, description="只列末级指标")
    limit: int = Field(5, ge=1, le=50, description="最多列出几项 (1-50)")


class WhatIfIn(Schema):
    model_config = ConfigDict(extra="forbid")

    unit: str = Field("", max_length=200, description="参评单位；留空为本区")
    changes: dict[str, float] = Field(
        description='末级指标编码 → 假设的新原始值，如 {"starting_business_time": 2}'
    )
    freeze_goalposts: bool = Field(False, description="是否固定目标值 (否则按新数据重新取样本)")

    @field_validator("changes")
    @classmethod
    def _some_changes(cls, value: dict[str, float]) -> dict[str, float]:
        if not value:
            raise ValueError("至少假设一项指标的新数值")
        if not all(math.isfinite(v) for v in value.values()):
            raise ValueError("数值必须是有限数")
        return value


class ShiftOut(Schema):
    unit: str = Field(description="参评单位")
    node: str = Field(description="指标编码")
    name: str = Field(description="指标名称")
    score_before: float | None = Field(description="假设前得分")
    score_after: float | None = Field(description="假设后得分")
    rank_before: int | None = Field(description="假设前排名")
    rank_after: int | None = Field(description="假设后排名")

    @field_validator("score_before", "score_after", mode="before")
    @classmethod
    def _finite(cls, value: Any) -> float | None:
        return finite(value)


class WhatIfOut(Schema):
    unit: str = Field(description="参评单位")
    changes: dict[str, float] = Field(description="假设的新原始值")
    overall_before: float | None = Field(description="假设前总分")
    overall_after: float | None = Field(description="假设后总分")
    rank_before: int | None = Field(description="假设前总分排名")
    rank_after: int | None = Field(description="假设后总分排名")
    shifts: list[ShiftOut] = Field(description="该单位得分或排名变化的指标")


class BestMovesQuery(UnitQuery):
    max_indicators: int = Field(3, ge=1, le=3, description="一次最多改进几项指标 (1-3)")
    limit: int = Field(10, ge=1, le=30, description="最多列出几条 (1-30)")


class MoveChangeOut(Schema):
    indicator: str = Field(description="末级指标编码")
    name: str = Field(description="指标名称")
    from_value: float = Field(description="现值 (原始单位)")
    to_value: float = Field(description="改进到 (原始单位)")


class MoveOut(Schema):
    changes: list[MoveChangeOut] = Field(description="要改进的指标")
    score_gain: float = Field(description="总分提高")
    rank_before: int = Field(description="现排名")
    rank_after: int = Field(description="改进后排名")
    rank_gain: int = Field(description="名次上升")
    effort: float = Field(description="改进难度 (各项改进幅度之和，越小越容易)")
    description: str = Field(description="说明")


class RobustnessQuery(Schema):
    runs: int = Field(
        DEFAULT_ROBUSTNESS_RUNS,
        ge=10,
        le=MAX_ROBUSTNESS_RUNS,
        description=f"模拟次数 (10-{MAX_ROBUSTNESS_RUNS})",
    )
    seed: int = Field(0, ge=0, description="随机数种子 (相同种子结果相同)")


class UnitRobustnessOut(Schema):
    unit: str = Field(description="参评单位")
    nominal_rank: int | None = Field(description="按方法设定计算的排名")
    median_rank: float | None = Field(description="模拟排名的中位数")
    rank_p05: float | None = Field(description="模拟排名的 5% 分位")
    rank_p95: float | None = Field(description="模拟排名的 95% 分位")


class SensitivityOut(Schema):
    assumption: str = Field(description="假设编码")
    label: str = Field(description="假设名称")
    index: float | None = Field(description="一阶敏感度指数 (占排名方差的比例)")


class RobustnessOut(Schema):
    runs: int = Field(description="模拟次数")
    units: list[UnitRobustnessOut] = Field(description="各单位的排名区间")
    sensitivity: list[SensitivityOut] = Field(description="各项假设对排名的影响")


class SchemeOut(Schema):
    scheme: str = Field(description="赋权方法编码")
    label: str = Field(description="赋权方法名称")


class UnitWeightingOut(Schema):
    unit: str = Field(description="参评单位")
    scores: dict[str, float | None] = Field(description="赋权方法 → 总分")
    ranks: dict[str, int | None] = Field(description="赋权方法 → 排名")


class WeightingsOut(Schema):
    schemes: list[SchemeOut] = Field(description="比较的赋权方法")
    units: list[UnitWeightingOut] = Field(description="各单位在各赋权方法下的总分与排名")
