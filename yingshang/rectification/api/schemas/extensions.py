"""Schemas of extension requests (延期申请)."""

from datetime import date, datetime

from ninja import Field, Schema
from pydantic import ConfigDict

from yingshang.rectification.api.schemas.common import _label
from yingshang.rectification.models import Extension


class ExtensionOut(Schema):
    id: int
    task_id: int = Field(description="任务")
    requested_by: str = Field(description="申请人")
    requested_on: date = Field(description="申请日期")
    reason: str = Field(description="延期理由")
    old_deadline: date = Field(description="原时限")
    new_deadline: date = Field(description="申请延至")
    status: str = Field(description="状态: pending 待审批; approved 已批准; rejected 未批准")
    status_label: str = Field(description="状态名称")
    decided_by: str | None = Field(description="审批人")
    decided_at: datetime | None = Field(description="审批时间")
    decision_note: str = Field(description="审批意见")

    @staticmethod
    def resolve_requested_by(obj: Extension) -> str:
        return _label(obj.requested_by)

    @staticmethod
    def resolve_decided_by(obj: Extension) -> str | None:
        return None if obj.decided_by is None else _label(obj.decided_by)

    @staticmethod
    def resolve_status_label(obj: Extension) -> str:
        return obj.get_status_display()


class ExtensionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    new_deadline: date = Field(description="申请延至")
    reason: str = Field(min_length=1, max_length=2000, description="延期理由")


class DecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    approve: bool = Field(description="true 批准; false 不批准")
    note: str = Field("", max_length=2000, description="审批意见")
