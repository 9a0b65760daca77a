"""Schemas of an appeal's history: its records (one per transition), extensions, suspensions."""

import datetime as dt
from typing import Any

from ninja import Field, Schema

from yingshang.appeals.api.schemas.common import ACTION_DESCRIPTION, person
from yingshang.appeals.models import AppealRecord, Extension
from yingshang.core.appeals.workflow import STATE_LABELS, State


def _state_label(value: str) -> str:
    return STATE_LABELS[State(value)] if value else ""


class AppealRecordOut(Schema):
    id: int
    action: str = Field(description=ACTION_DESCRIPTION)
    action_label: str = Field(description="操作名称")
    from_state: str = Field(description="原状态 (登记时为空)")
    from_state_label: str = Field(description="原状态名称")
    to_state: str = Field(description="新状态")
    to_state_label: str = Field(description="新状态名称")
    note: str = Field(description="说明、理由或答复意见")
    data: dict[str, Any] = Field(description="操作的参数 (承办部门、合并目标、评价等级等)")
    actor: str = Field(description="操作人 (系统巡检为“系统”)")
    created_at: dt.datetime = Field(description="时间")

    @staticmethod
    def resolve_action_label(obj: AppealRecord) -> str:
        return obj.get_action_display()

    @staticmethod
    def resolve_from_state_label(obj: AppealRecord) -> str:
        return _state_label(obj.from_state)

    @staticmethod
    def resolve_to_state_label(obj: AppealRecord) -> str:
        return _state_label(obj.to_state)

    @staticmethod
    def resolve_actor(obj: AppealRecord) -> str:
        return person(obj.actor)


class AppealExtensionOut(Schema):
    id: int
    requested_by: str = Field(description="申请人")
    requested_on: dt.date = Field(description="申请日期")
    old_deadline: dt.date = Field(description="原办理时限")
    requested_until: dt.date = Field(description="申请延至")
    reason: str = Field(description="延期理由")
    status: str = Field(description="审批状态: pending 待审批; approved 已批准; rejected 不予批准")
    status_label: str = Field(description="审批状态名称")
    decided_by: str | None = Field(description="审批人")
    decided_at: dt.datetime | None = Field(description="审批时间")
    decision_note: str = Field(description="审批意见")

    @staticmethod
    def resolve_requested_by(obj: Extension) -> str:
        return person(obj.requested_by)

    @staticmethod
    def resolve_status_label(obj: Extension) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_decided_by(obj: Extension) -> str | None:
        return str(obj.decided_by) if obj.decided_by else None


class SuspensionOut(Schema):
    id: int
    suspended_on: dt.date = Field(description="中止日期")
    resumed_on: dt.date | None = Field(description="恢复日期 (仍中止时为 null)")
    reason: str = Field(description="中止理由")
    deadline_before: dt.date | None = Field(description="中止前办理时限")
    deadline_after: dt.date | None = Field(description="恢复后办理时限")
