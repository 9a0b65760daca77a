"""API schemas of the rectification module (整改落实). Descriptions are shown in /api/docs."""

import re
from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, field_validator, model_validator

from yingshang.core.rectification.workflow import ACTION_LABELS, STATE_LABELS, Action, State
from yingshang.rectification.models import (
    Attachment,
    Extension,
    Grade,
    ListKind,
    Plan,
    PlanItem,
    Problem,
    ProblemSource,
    ProblemStatus,
    Task,
    TaskRecord,
)

GradeValue = Literal[tuple(Grade.values)]
SourceValue = Literal[tuple(ProblemSource.values)]
ProblemStatusValue = Literal[tuple(ProblemStatus.values)]
ListKindValue = Literal[tuple(ListKind.values)]
StateValue = Literal[tuple(s.value for s in State)]
ActionValue = Literal[tuple(a.value for a in Action)]
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _choices(pairs: Any) -> str:
    return "; ".join(f"{value} {label}" for value, label in pairs)


GRADE_DESCRIPTION = "分级: " + _choices(Grade.choices)
SOURCE_DESCRIPTION = "来源: " + _choices(ProblemSource.choices)
STATUS_DESCRIPTION = "状态: " + _choices(ProblemStatus.choices)
STATE_DESCRIPTION = "任务状态: " + _choices((s.value, STATE_LABELS[s]) for s in State)
ACTION_DESCRIPTION = "操作: " + _choices((a.value, ACTION_LABELS[a]) for a in Action)


def _label(user: Any) -> str:
    return str(user) if user is not None else "系统"


class DepartmentRefOut(Schema):
    id: int
    name: str = Field(description="部门名称")


# --- problems --------------------------------------------------------------------------------


class DuplicateHintOut(Schema):
    id: int
    code: str = Field(description="问题编号")
    title: str = Field(description="问题")
    similarity: float = Field(description="相似度 0-1")


class ProblemOut(Schema):
    id: int
    zone_id: int = Field(description="所属功能区")
    code: str = Field(description="问题编号, 如 WT2026-0001")
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
    version: int = Field(description="版本号, 修改时须回传")

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
    zone_id: int | None = Field(None, description="所属功能区; 留空为本人所在功能区")


class ProblemPatchIn(Schema):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="读取时得到的版本号; 期间他人已修改则返回 409")
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
    department_id: int | None = Field(None, description="责任部门; 传 null 清除")
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


# --- plans -----------------------------------------------------------------------------------


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
    version: int = Field(description="版本号, 审批和印发时须回传")

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
        None, ge=1, le=50, description="每项指标列出的短板问题数; 留空按默认"
    )


class VersionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="读取时得到的版本号; 期间他人已修改则返回 409")


# --- tasks -----------------------------------------------------------------------------------


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
    version: int = Field(description="版本号, 办理时须回传")

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


class TaskDetailOut(TaskOut):
    records: list[RecordOut] = Field(description="办理记录, 先后排列")
    extensions: list[ExtensionOut] = Field(description="延期申请, 最新在前")

    @staticmethod
    def resolve_records(obj: Task) -> list:
        return list(obj.records.all())

    @staticmethod
    def resolve_extensions(obj: Task) -> list:
        return list(obj.extensions.all())


class TaskQuery(Schema):
    state: StateValue | None = Field(None, description=STATE_DESCRIPTION)
    department: int | None = Field(None, description="部门 id (牵头或配合)")
    overdue: bool | None = Field(None, description="只看已超期 (true) 或未超期 (false)")
    due_soon: bool | None = Field(None, description="只看即将到期 (true) 或否 (false)")


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
    zone_id: int | None = Field(None, description="所属功能区; 留空为本人所在功能区")

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
        None, ge=1, le=365, description="或: 统一的办理时限 (交办后工作日, 可选)"
    )

    @model_validator(mode="after")
    def _one_limit(self) -> "AssignIn":
        if self.deadline is not None and self.limit_workdays is not None:
            raise ValueError("完成时限与办理时限只能填写一项")
        return self


class ExtensionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    new_deadline: date = Field(description="申请延至")
    reason: str = Field(min_length=1, max_length=2000, description="延期理由")


class DecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    approve: bool = Field(description="true 批准; false 不批准")
    note: str = Field("", max_length=2000, description="审批意见")


# --- performance and notifications ----------------------------------------------------------


class PerformanceQuery(Schema):
    month_from: str = Field(description="起始月份 YYYY-MM")
    month_to: str = Field(description="截止月份 YYYY-MM (含)")
    zone_id: int | None = Field(None, description="功能区; 留空为本人所在功能区")

    @field_validator("month_from", "month_to")
    @classmethod
    def _month(cls, value: str) -> str:
        if not MONTH.match(value):
            raise ValueError("月份格式应为 YYYY-MM")
        return value

    @model_validator(mode="after")
    def _ordered(self) -> "PerformanceQuery":
        if self.month_from > self.month_to:
            raise ValueError("起始月份不能晚于截止月份")
        return self


class PerformanceRowOut(Schema):
    rank: int = Field(description="名次 (得分相同名次相同)")
    department: str = Field(description="部门")
    department_id: int | None = Field(description="部门 id")
    score: float = Field(description="效能得分 (0-100)")
    assigned: int = Field(description="交办任务数")
    done_on_time: int = Field(description="按期完成数")
    overdue: int = Field(description="超期数")
    closed: int = Field(description="销号数")
    returned: int = Field(description="被退回次数")
    mean_workdays_to_close: float | None = Field(description="平均办结工作日")


class NotificationOut(Schema):
    id: int
    verb: str = Field(description="类型")
    text: str = Field(description="内容")
    link: str = Field(description="链接")
    created_at: datetime = Field(description="时间")
    read_at: datetime | None = Field(description="已读时间; 未读为 null")


class NotificationQuery(Schema):
    unread: bool = Field(False, description="只看未读")


class ProblemExportQuery(ProblemQuery):
    pass
