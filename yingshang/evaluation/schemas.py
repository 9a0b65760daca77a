"""API schemas of the evaluation module (营商环境评价). Descriptions are shown in /api/docs."""

import math
from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, field_validator, model_validator

from yingshang.evaluation.models import Dataset, DatasetKind, EvaluationRun, MethodologyVersion

MAX_ROBUSTNESS_RUNS = 2000
DEFAULT_ROBUSTNESS_RUNS = 500
DatasetKindValue = Literal[tuple(DatasetKind.values)]
KIND_DESCRIPTION = "数据类型: " + "; ".join(f"{v} {label}" for v, label in DatasetKind.choices)


def finite(value: Any) -> float | None:
    """JSON has no NaN: a missing number is null."""
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) or math.isinf(number) else number


def _label(user: Any) -> str:
    return str(user) if user is not None else "系统"


# --- methodologies ---------------------------------------------------------------------------


class PresetOut(Schema):
    name: str = Field(description="预置方法名, 创建评价方法时作为 preset 传入")
    title: str = Field(description="方法名称")
    version: str = Field(description="方法版本")


class MethodologyOut(Schema):
    id: int
    zone_id: int | None = Field(description="所属功能区; 为 null 表示各功能区共用的预置方法")
    code: str = Field(description="方法编码 (YAML 中的 id)")
    name: str = Field(description="方法名称")
    version: str = Field(description="方法版本")
    digest: str = Field(description="方法文本的 SHA-256 摘要; 文本相同则摘要相同")
    is_preset: bool = Field(description="是否预置方法")
    preset: str = Field(description="预置方法名 (非预置为空)")
    created_by: str = Field(description="保存人")
    created_at: datetime = Field(description="保存时间")

    @staticmethod
    def resolve_created_by(obj: MethodologyVersion) -> str:
        return _label(obj.created_by)


class NodeOut(Schema):
    id: str = Field(description="指标编码")
    name: str = Field(description="指标名称")
    parent: str | None = Field(description="上级指标编码; 根 (总分) 为 null")
    depth: int = Field(description="层级: 0 为总分")
    weight: float = Field(description="在同级指标中的权重")
    path_weight: float = Field(description="占总分的比重 (各级均为加权算术平均时)")
    is_leaf: bool = Field(description="是否末级指标 (数据文件中填写的指标)")
    unit: str = Field(description="计量单位")


class MethodologyDetailOut(Schema):
    methodology: MethodologyOut = Field(description="评价方法")
    source_text: str = Field(description="方法文本 (YAML, 原样保存)")
    description: str = Field(description="方法说明")
    nodes: list[NodeOut] = Field(description="指标树, 先序排列, 总分在前")


class MethodologyIn(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="评价方法 YAML 文本 (yingshang-methodology/1)")
    preset: str | None = Field(None, max_length=60, description="或: 预置方法名, 如 henan-zone")
    zone_id: int | None = Field(
        None, description="所属功能区; 留空为本人所在功能区 (系统管理员必填)"
    )

    @model_validator(mode="after")
    def _one_source(self) -> "MethodologyIn":
        if bool(self.text and self.text.strip()) == bool(self.preset):
            raise ValueError("请提供评价方法文本 text 或预置方法 preset (二者选一)")
        return self


# --- datasets --------------------------------------------------------------------------------


class DatasetOut(Schema):
    id: int
    zone_id: int = Field(description="所属功能区")
    name: str = Field(description="数据名称")
    kind: str = Field(description=KIND_DESCRIPTION)
    kind_label: str = Field(description="数据类型名称")
    filename: str = Field(description="上传的文件名")
    periods: list[str] = Field(description="数据包含的期间, 由早到晚")
    unit_count: int = Field(description="单位数")
    row_count: int = Field(description="数据行数")
    uploaded_by: str = Field(description="上传人")
    uploaded_at: datetime = Field(description="上传时间")

    @staticmethod
    def resolve_kind_label(obj: Dataset) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_uploaded_by(obj: Dataset) -> str:
        return _label(obj.uploaded_by)


# --- runs ------------------------------------------------------------------------------------


class RunIn(Schema):
    model_config = ConfigDict(extra="forbid")

    methodology_id: int = Field(description="评价方法")
    dataset_id: int = Field(description="指标数据")
    survey_id: int | None = Field(None, description="满意度调查数据 (方法含满意度时)")
    period: str | None = Field(None, max_length=40, description="评价期间; 留空为数据中最新一期")
    focus_unit: str | None = Field(
        None, max_length=200, description="本区在数据中的名称; 留空时按本区名称或编码自动识别"
    )
    title: str = Field("", max_length=200, description="标题; 留空按方法名称和期间生成")


class RunPatchIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200, description="新标题")
    version: int = Field(ge=1, description="读取时得到的版本号; 期间他人已修改则返回 409")
    reason: str = Field("", max_length=500, description="修改原因 (记入审计日志)")


class RunOut(Schema):
    id: int
    title: str = Field(description="标题")
    zone_id: int = Field(description="所属功能区")
    zone_name: str = Field(description="所属功能区名称")
    methodology_id: int = Field(description="评价方法")
    methodology_name: str = Field(description="评价方法名称")
    methodology_version: str = Field(description="评价方法版本")
    dataset_id: int = Field(description="指标数据")
    dataset_name: str = Field(description="指标数据名称")
    survey_id: int | None = Field(description="满意度调查数据")
    period: str = Field(description="评价期间")
    focus_unit: str = Field(description="本区在数据中的名称 (未识别为空)")
    unit_count: int = Field(description="参评单位数")
    ranked_count: int = Field(description="参与排名的单位数")
    created_by: str = Field(description="评价人")
    created_at: datetime = Field(description="评价时间")
    version: int = Field(description="版本号, 修改标题时须回传")

    @staticmethod
    def resolve_zone_name(obj: EvaluationRun) -> str:
        return obj.zone.name

    @staticmethod
    def resolve_methodology_name(obj: EvaluationRun) -> str:
        return obj.methodology.name

    @staticmethod
    def resolve_methodology_version(obj: EvaluationRun) -> str:
        return obj.methodology.version

    @staticmethod
    def resolve_dataset_name(obj: EvaluationRun) -> str:
        return obj.dataset.name

    @staticmethod
    def resolve_created_by(obj: EvaluationRun) -> str:
        return _label(obj.created_by)


class RankingRowOut(Schema):
    unit: str = Field(description="参评单位")
    score: float | None = Field(description="总分")
    displayed_score: float | None = Field(description="总分 (按方法规定的小数位四舍五入)")
    rank: int | None = Field(description="总分排名; 不参与排名为 null")


class NodeSummaryOut(Schema):
    node: str = Field(description="指标编码")
    name: str = Field(description="指标名称")
    depth: int = Field(description="层级: 0 为总分")
    frontier: float | None = Field(description="前沿值 (参与排名单位中的最高分)")
    average: float | None = Field(description="平均值 (参与排名单位的平均分)")


class RunSummaryOut(Schema):
    run: RunOut = Field(description="评价")
    goalposts: dict[str, dict[str, Any]] = Field(
        description="各末级指标使用的目标值: mode, better, best, worst (原始单位)"
    )
    ranking: list[RankingRowOut] = Field(description="总分排名, 名次在前")
    nodes: list[NodeSummaryOut] = Field(description="各指标的前沿值与平均值, 指标树先序")


class ScoreOut(Schema):
    unit: str = Field(description="参评单位")
    node: str = Field(description="指标编码")
    name: str = Field(description="指标名称")
    score: float | None = Field(description="得分 (0-100; 末级指标为标准化得分)")
    rank: int | None = Field(description="排名; 不参与排名为 null")
    frontier: float | None = Field(description="前沿值")
    average: float | None = Field(description="平均值")


class ScoresQuery(Schema):
    unit: str = Field("", max_length=200, description="只看某个参评单位")
    node: str = Field("", max_length=100, description="只看某个指标")


class UnitQuery(Schema):
    unit: str = Field("", max_length=200, description="参评单位; 留空为本区")


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
    previous_period: str | None = Field(description="对比的上期; 无上期为 null")
    items: list[StandingOut] = Field(description="各指标的得分、排名与差距")


class WeaknessQuery(UnitQuery):
    by: Literal["weighted_gap", "rank"] = Field(
        "weighted_gap", description="weighted_gap 按失分多少; rank 按排名靠后"
    )
    leaves_only: bool = Field(False, description="只列末级指标")
    limit: int = Field(5, ge=1, le=50, description="最多列出几项 (1-50)")


class WhatIfIn(Schema):
    model_config = ConfigDict(extra="forbid")

    unit: str = Field("", max_length=200, description="参评单位; 留空为本区")
    changes: dict[str, float] = Field(
        description='末级指标编码 → 假设的新原始值, 如 {"starting_business_time": 2}'
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
    effort: float = Field(description="改进难度 (各项改进幅度之和, 越小越容易)")
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
