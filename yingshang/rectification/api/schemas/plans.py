"""Schemas of plans (整改提升工作方案) and campaigns (专项攻坚)."""

from datetime import date, datetime

from ninja import Field, Schema
from pydantic import ConfigDict

from yingshang.rectification.api.schemas.common import DepartmentRefOut, _label
from yingshang.rectification.models import Plan, PlanItem


class PlanOut(Schema):
    id: int
    zone_id: int = Field(description="所属功能区")
    kind: str = Field(description="类型: evaluation 整改提升工作方案; campaign 专项攻坚")
    title: str = Field(description="标题")
    evaluation_run_id: int | None = Field(description="依据的评价")
    period: str = Field(description="期间")
    due_on: date | None = Field(description="整改完成时限")
    status: str = Field(
        description="状态: draft 起草中; pending 待审批; approved 已审批; published 已印发"
    )
    status_label: str = Field(description="状态名称")
    approved_at: datetime | None = Field(description="审批时间")
    published_at: datetime | None = Field(description="印发时间")
    created_by: str = Field(description="起草人")
    created_at: datetime = Field(description="起草时间")
    version: int = Field(description="版本号，审批和印发时须回传")

    @staticmethod
    def resolve_status_label(obj: Plan) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_created_by(obj: Plan) -> str:
        return _label(obj.created_by)


class PlanItemOut(Schema):
    id: int
    order: int = Field(description="序号")
    indicator: str = Field(description="指标编码")
    indicator_name: str = Field(description="指标名称")
    score: float | None = Field(description="得分")
    rank: int | None = Field(description="排名")
    ranked_count: int | None = Field(description="参评单位数")
    frontier: float | None = Field(description="前沿值")
    average: float | None = Field(description="平均值")
    standing_sentence: str = Field(description="评价情况 (本次评价…)")
    responsible_leader: str = Field(description="责任领导")
    lead_department: DepartmentRefOut | None = Field(description="牵头部门")
    supporting_departments: list[DepartmentRefOut] = Field(description="配合部门")
    problem_ids: list[int] = Field(description="现存问题")
    task_ids: list[int] = Field(description="整改措施 (任务)")

    @staticmethod
    def resolve_supporting_departments(obj: PlanItem) -> list:
        return list(obj.supporting_departments.all())

    @staticmethod
    def resolve_problem_ids(obj: PlanItem) -> list[int]:
        return [p.pk for p in obj.problems.all()]

    @staticmethod
    def resolve_task_ids(obj: PlanItem) -> list[int]:
        return [t.pk for t in obj.tasks.all()]


class PlanDetailOut(PlanOut):
    preamble: str = Field(description="开头语")
    requirements: str = Field(description="具体要求")
    items: list[PlanItemOut] = Field(description="各指标的评价情况与任务分工")

    @staticmethod
    def resolve_items(obj: Plan) -> list:
        return list(obj.items.all())


class PlanDraftIn(Schema):
    model_config = ConfigDict(extra="forbid")

    run_id: int = Field(description="依据的评价")
    weak_limit: int | None = Field(
        None, ge=1, le=50, description="每项指标列出的短板问题数；留空按默认"
    )


class VersionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="读取时得到的版本号；期间他人已修改则返回 409")
