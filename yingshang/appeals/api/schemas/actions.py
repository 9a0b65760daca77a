"""Request bodies of the workflow actions. Each carries the `version` the caller read: a case
saved by someone else in between is refused with 409, never overwritten."""

import datetime as dt

from ninja import Field, Schema
from pydantic import ConfigDict

from yingshang.appeals.api.schemas.common import (
    LEVEL_DESCRIPTION,
    VERSION_DESCRIPTION,
    LevelValue,
)

TEXT = 5_000


class _Versioned(Schema):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description=VERSION_DESCRIPTION)


class ReasonIn(_Versioned):
    reason: str = Field(min_length=1, max_length=TEXT, description="理由")


class RejectionDecisionIn(_Versioned):
    approve: bool = Field(description="true 批准不予受理; false 不批准 (回到待受理)")
    note: str = Field("", max_length=TEXT, description="审批意见")


class DispatchIn(_Versioned):
    department_id: int = Field(description="承办部门 (本功能区的部门)")
    category: str | None = Field(None, max_length=100, description="诉求分类；留空不改")


class ReplyIn(_Versioned):
    text: str = Field(min_length=1, max_length=TEXT, description="答复意见")


class VisitIn(_Versioned):
    note: str = Field(min_length=1, max_length=TEXT, description="回访记录")


class RatingIn(_Versioned):
    level: LevelValue = Field(description=LEVEL_DESCRIPTION)
    reason: str = Field("", max_length=TEXT, description="评价原因 (差评必填)")
    subjective: bool = Field(
        False, description="差评出于主观原因 (办理本身的问题，而非法律政策限制)：系统随即重办"
    )


class MergeIn(_Versioned):
    into_id: int = Field(description="重复的诉求合并到的那件诉求")


class ExtensionIn(_Versioned):
    requested_until: dt.date = Field(description="申请延至 (须晚于现办理时限)")
    reason: str = Field(min_length=1, max_length=TEXT, description="延期理由")


class DecisionIn(_Versioned):
    approve: bool = Field(description="true 批准; false 不予批准 (须写明理由)")
    note: str = Field("", max_length=TEXT, description="审批意见")


class DisputeDecisionIn(_Versioned):
    upheld: bool = Field(description="true 维持差评; false 撤销差评 (整改时限随之撤销)")
    note: str = Field(min_length=1, max_length=TEXT, description="复核意见")


class NoteIn(_Versioned):
    note: str = Field(min_length=1, max_length=TEXT, description="整改情况")
