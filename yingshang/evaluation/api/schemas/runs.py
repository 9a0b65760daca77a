"""Schemas of the published runs: a run, its summary (ranking, frontier, average) and its
long table of scores."""

from datetime import datetime
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

from yingshang.evaluation.api.schemas import person_label
from yingshang.evaluation.models import EvaluationRun


class RunIn(Schema):
    model_config = ConfigDict(extra="forbid")

    methodology_id: int = Field(description="评价方法")
    dataset_id: int = Field(description="指标数据")
    survey_id: int | None = Field(None, description="满意度调查数据 (方法含满意度时)")
    period: str | None = Field(None, max_length=40, description="评价期间；留空为数据中最新一期")
    focus_unit: str | None = Field(
        None, max_length=200, description="本区在数据中的名称；留空时按本区名称或编码自动识别"
    )
    title: str = Field("", max_length=200, description="标题；留空按方法名称和期间生成")


class RunPatchIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200, description="新标题")
    version: int = Field(ge=1, description="读取时得到的版本号；期间他人已修改则返回 409")
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
    version: int = Field(description="版本号，修改标题时须回传")

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
        return person_label(obj.created_by)


class RankingRowOut(Schema):
    unit: str = Field(description="参评单位")
    score: float | None = Field(description="总分")
    displayed_score: float | None = Field(description="总分 (按方法规定的小数位四舍五入)")
    rank: int | None = Field(description="总分排名；不参与排名为 null")


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
    ranking: list[RankingRowOut] = Field(description="总分排名，名次在前")
    nodes: list[NodeSummaryOut] = Field(description="各指标的前沿值与平均值，指标树先序")


class ScoreOut(Schema):
    unit: str = Field(description="参评单位")
    node: str = Field(description="指标编码")
    name: str = Field(description="指标名称")
    score: float | None = Field(description="得分 (0-100; 末级指标为标准化得分)")
    rank: int | None = Field(description="排名；不参与排名为 null")
    frontier: float | None = Field(description="前沿值")
    average: float | None = Field(description="平均值")


class ScoresQuery(Schema):
    unit: str = Field("", max_length=200, description="只看某个参评单位")
    node: str = Field("", max_length=100, description="只看某个指标")


class UnitQuery(Schema):
    unit: str = Field("", max_length=200, description="参评单位；留空为本区")
