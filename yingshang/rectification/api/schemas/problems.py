"""Schemas of the problem ledger (问题台账)."""

from datetime import date, datetime

from ninja import Field, Schema
from pydantic import ConfigDict, model_validator

from yingshang.rectification.api.schemas.common import (
    GRADE_DESCRIPTION,
    SOURCE_DESCRIPTION,
    STATUS_DESCRIPTION,
    DepartmentRefOut,
    GradeValue,
    ProblemStatusValue,
    SourceValue,
    _label,
)
from yingshang.rectification.models import Problem


class DuplicateHintOut(Schema):
    id: int
    code: str = Field(description="问题编号")
    title: str = Field(description="问题")
    similarity: float = Field(description="相似度 0-1")


class ProblemOut(Schema):
    id: int
    zone_id: int = Field(description="所属功能区")
    code: str = Field(description="问题编号，如 WT2026-0001")
    title: str = Field(description="问题")
    description: str = Field(description="问题描述")
    evidence: str = Field(description="问题依据")
    source: str = Field(description=SOURCE_DESCRIPTION)
    source_label: str = Field(description="来源名称")
    source_ref: str = Field(description="来源链接或编号")
    indicator: str = Field(description="评价指标编码")
    indicator_name: str = Field(description="评价指标名称")
    evaluation_run_id: int | None = Field(description="来源评价")
    grade: str = Field(description=GRADE_DESCRIPTION)
    status: str = Field(description=STATUS_DESCRIPTION)
    status_label: str = Field(description="状态名称")
    department: DepartmentRefOut | None = Field(description="责任部门")
    reported_on: date = Field(description="发现日期")
    due_on: date | None = Field(description="整改时限 (按分级时限推算)")
    due_provisional: bool = Field(description="时限为暂定 (节假日表未覆盖)")
    created_by: str = Field(description="登记人")
    created_at: datetime = Field(description="登记时间")
    version: int = Field(description="版本号，修改时须回传")

    @staticmethod
    def resolve_source_label(obj: Problem) -> str:
        return obj.get_source_display()

    @staticmethod
    def resolve_status_label(obj: Problem) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_created_by(obj: Problem) -> str:
        return _label(obj.created_by)


class ProblemQuery(Schema):
    status: ProblemStatusValue | None = Field(None, description=STATUS_DESCRIPTION)
    grade: GradeValue | None = Field(None, description=GRADE_DESCRIPTION)
    source: SourceValue | None = Field(None, description=SOURCE_DESCRIPTION)
    department: int | None = Field(None, description="责任部门 id")


class ProblemIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200, description="问题")
    source: SourceValue = Field(description=SOURCE_DESCRIPTION)
    grade: GradeValue = Field("C", description=GRADE_DESCRIPTION)
    reported_on: date = Field(description="发现日期")
    description: str = Field("", description="问题描述")
    evidence: str = Field("", description="问题依据")
    source_ref: str = Field("", max_length=300, description="来源链接或编号")
    indicator: str = Field("", max_length=100, description="评价指标编码")
    indicator_name: str = Field("", max_length=200, description="评价指标名称")
    department_id: int | None = Field(None, description="责任部门")
    zone_id: int | None = Field(None, description="所属功能区；留空为本人所在功能区")


class ProblemPatchIn(Schema):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="读取时得到的版本号；期间他人已修改则返回 409")
    title: str | None = Field(None, min_length=1, max_length=200, description="问题")
    description: str | None = Field(None, description="问题描述")
    evidence: str | None = Field(None, description="问题依据")
    source: SourceValue | None = Field(None, description=SOURCE_DESCRIPTION)
    source_ref: str | None = Field(None, max_length=300, description="来源链接或编号")
    indicator: str | None = Field(None, max_length=100, description="评价指标编码")
    indicator_name: str | None = Field(None, max_length=200, description="评价指标名称")
    grade: GradeValue | None = Field(
        None, description=GRADE_DESCRIPTION + " (改分级时整改时限重新推算)"
    )
    status: ProblemStatusValue | None = Field(None, description=STATUS_DESCRIPTION)
    department_id: int | None = Field(None, description="责任部门；传 null 清除")
    reported_on: date | None = Field(None, description="发现日期")
    due_on: date | None = Field(None, description="整改时限 (留空按分级推算)")
    reason: str = Field("", max_length=500, description="修改原因 (记入审计日志)")

    @model_validator(mode="after")
    def _no_null_values(self) -> "ProblemPatchIn":
        nullable = {"department_id", "due_on"}
        for name in self.model_fields_set - nullable:
            if getattr(self, name) is None:
                raise ValueError(f"{name} 不能为 null")
        return self
