"""Schemas of tasks (整改任务), their records and files."""

from datetime import date, datetime

from ninja import Field, Schema
from pydantic import ConfigDict, model_validator

from yingshang.rectification.api.schemas.common import (
    ACTION_DESCRIPTION,
    STATE_DESCRIPTION,
    DepartmentRefOut,
    ListKindValue,
    StateValue,
    _label,
)
from yingshang.rectification.api.schemas.extensions import ExtensionOut
from yingshang.rectification.models import Attachment, Task, TaskRecord


class TaskOut(Schema):
    id: int
    zone_id: int = Field(description="所属功能区")
    code: str = Field(description="任务编号")
    title: str = Field(description="任务")
    list_kind: str = Field(description="清单: task 任务清单; problem 问题清单; innovation 创新清单")
    plan_id: int | None = Field(description="所属方案")
    plan_item_id: int | None = Field(description="所属方案指标")
    measure: str = Field(description="整改措施")
    standard: str = Field(description="完成标准")
    lead_department: DepartmentRefOut = Field(description="牵头部门")
    supporting_departments: list[DepartmentRefOut] = Field(description="配合部门")
    responsible_person_id: int | None = Field(description="责任人")
    responsible_leader: str = Field(description="责任领导")
    problem_ids: list[int] = Field(description="对应问题")
    state: str = Field(description=STATE_DESCRIPTION)
    state_label: str = Field(description="状态名称")
    allowed_actions: list[str] = Field(description="当前状态下流程允许的操作 (不含角色限制)")
    limit_workdays: int | None = Field(description="办理时限 (交办后工作日)")
    deadline: date | None = Field(description="完成时限")
    deadline_provisional: bool = Field(description="时限为暂定")
    assigned_on: date | None = Field(description="交办日期")
    submitted_on: date | None = Field(description="提请验收日期")
    accepted_on: date | None = Field(description="验收日期")
    closed_on: date | None = Field(description="销号日期")
    due_soon: bool = Field(description="即将到期")
    overdue: bool = Field(description="已超期")
    version: int = Field(description="版本号，办理时须回传")

    @staticmethod
    def resolve_supporting_departments(obj: Task) -> list:
        return list(obj.supporting_departments.all())

    @staticmethod
    def resolve_problem_ids(obj: Task) -> list[int]:
        return [p.pk for p in obj.problems.all()]

    @staticmethod
    def resolve_allowed_actions(obj: Task) -> list[str]:
        from yingshang.core.rectification.workflow import allowed_actions

        return [a.value for a in allowed_actions(obj.state)]


class AttachmentOut(Schema):
    id: int
    name: str = Field(description="文件名")
    size: int = Field(description="大小 (字节)")
    url: str = Field(description="下载地址")

    @staticmethod
    def resolve_url(obj: Attachment) -> str:
        return obj.file.url if obj.file else ""


class RecordOut(Schema):
    id: int
    action: str = Field(description=ACTION_DESCRIPTION)
    action_label: str = Field(description="操作名称")
    from_state: str = Field(description="原状态")
    to_state: str = Field(description="新状态")
    text: str = Field(description="说明、理由或整改情况")
    actor: str = Field(description="操作人")
    created_at: datetime = Field(description="时间")
    attachments: list[AttachmentOut] = Field(description="附件 (佐证材料)")

    @staticmethod
    def resolve_action_label(obj: TaskRecord) -> str:
        return obj.get_action_display()

    @staticmethod
    def resolve_actor(obj: TaskRecord) -> str:
        return _label(obj.actor)

    @staticmethod
    def resolve_attachments(obj: TaskRecord) -> list:
        return list(obj.attachments.all())


class TaskDetailOut(TaskOut):
    records: list[RecordOut] = Field(description="办理记录，先后排列")
    extensions: list[ExtensionOut] = Field(description="延期申请，最新在前")

    @staticmethod
    def resolve_records(obj: Task) -> list:
        return list(obj.records.all())

    @staticmethod
    def resolve_extensions(obj: Task) -> list:
        return list(obj.extensions.all())


# The task list's filters, the same as the task pages' (selectors.tasks.TaskFilters).
class TaskQuery(Schema):
    state: StateValue | None = Field(None, description=STATE_DESCRIPTION)
    department: int | None = Field(None, description="部门 id (牵头或配合)")
    overdue: bool | None = Field(None, description="只看已超期 (true) 或未超期 (false)")
    due_soon: bool | None = Field(None, description="只看即将到期 (true) 或否 (false)")
    lead_department: int | None = Field(None, description="牵头部门 id")
    list_kind: ListKindValue | None = Field(
        None, description="清单: task 任务清单; problem 问题清单; innovation 创新清单"
    )


class TaskIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200, description="任务")
    lead_department_id: int = Field(description="牵头部门")
    deadline: date | None = Field(None, description="完成时限 (与 limit_workdays 二选一或都不填)")
    limit_workdays: int | None = Field(None, ge=1, le=365, description="办理时限: 交办后若干工作日")
    plan_id: int | None = Field(None, description="所属方案")
    plan_item_id: int | None = Field(None, description="所属方案指标")
    list_kind: ListKindValue = Field("task", description="清单: task; problem; innovation")
    measure: str = Field("", description="整改措施")
    standard: str = Field("", description="完成标准")
    supporting_department_ids: list[int] = Field([], description="配合部门")
    responsible_person_id: int | None = Field(None, description="责任人 (用户 id)")
    responsible_leader: str = Field("", max_length=100, description="责任领导")
    problem_ids: list[int] = Field([], description="对应问题")
    zone_id: int | None = Field(None, description="所属功能区；留空为本人所在功能区")

    @model_validator(mode="after")
    def _one_limit(self) -> "TaskIn":
        if self.deadline is not None and self.limit_workdays is not None:
            raise ValueError("完成时限与办理时限只能填写一项")
        return self


class AssignIn(Schema):
    model_config = ConfigDict(extra="forbid")

    task_ids: list[int] = Field(min_length=1, max_length=500, description="要交办的任务")
    deadline: date | None = Field(None, description="统一的完成时限 (可选)")
    limit_workdays: int | None = Field(
        None, ge=1, le=365, description="或: 统一的办理时限 (交办后工作日，可选)"
    )

    @model_validator(mode="after")
    def _one_limit(self) -> "AssignIn":
        if self.deadline is not None and self.limit_workdays is not None:
            raise ValueError("完成时限与办理时限只能填写一项")
        return self
