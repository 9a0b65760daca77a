"""Schemas of appeals (诉求): the list row, the detail with its history, and intake.

The applicant's phone and ID number are shown whole only to the people who handle the case and
to the applicant's own enterprise (`selectors.appeals.display_row` decides); everyone else
reads them masked, and an anonymous applicant's name as “匿名”.
"""

import datetime as dt
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

from yingshang.appeals.api.schemas.common import (
    CHANNEL_DESCRIPTION,
    STATE_DESCRIPTION,
    ChannelValue,
    NamedRef,
    StateValue,
)
from yingshang.appeals.api.schemas.feedback import RatingOut, VisitOut
from yingshang.appeals.api.schemas.history import (
    AppealExtensionOut,
    AppealRecordOut,
    SuspensionOut,
)
from yingshang.appeals.models import Appeal
from yingshang.appeals.selectors.appeals import display_row, sees_numbers
from yingshang.core.appeals.kinds import CHANNEL_LABELS, Channel
from yingshang.core.appeals.workflow import allowed_actions
from yingshang.lib.paging import MAX_PAGE_SIZE, PAGE_SIZE


class ApplicantOut(Schema):
    name: str = Field(description="诉求人 (匿名诉求对非经办人显示为“匿名”)")
    phone: str = Field(description="联系电话 (非经办人看到脱敏号码，如 138****5678)")
    id_number: str = Field(description="证件号码 (非经办人看到脱敏号码)")
    anonymous: bool = Field(description="匿名诉求")
    masked: bool = Field(description="号码已脱敏 (调用者不是经办人)")


def _applicant(obj: Appeal, context: Any) -> dict[str, Any]:
    user = context["request"].auth
    row = display_row(obj, user=user)
    return {
        "name": row.applicant,
        "phone": row.phone,
        "id_number": row.id_number,
        "anonymous": obj.anonymous,
        "masked": not sees_numbers(user, obj),
    }


class AppealOut(Schema):
    id: int
    zone_id: int = Field(description="所属功能区")
    number: str = Field(description="诉求编号 (SQ-年份-序号)")
    channel: str = Field(description=CHANNEL_DESCRIPTION)
    channel_label: str = Field(description="来源渠道名称")
    kind: str = Field(description="诉求类型代码")
    kind_label: str = Field(description="诉求类型名称")
    title: str = Field(description="标题")
    category: str = Field(description="诉求分类")
    enterprise: NamedRef | None = Field(description="诉求企业")
    applicant: ApplicantOut = Field(description="诉求人")
    lead_department: NamedRef | None = Field(description="承办部门")
    state: str = Field(description=STATE_DESCRIPTION)
    state_label: str = Field(description="状态名称")
    allowed_actions: list[str] = Field(description="当前状态下流程允许的操作 (不含角色限制)")
    deemed_accepted: bool = Field(description="视为受理")
    received_on: dt.date = Field(description="收件日期")
    acceptance_deadline: dt.date = Field(description="受理审查时限")
    accepted_on: dt.date | None = Field(description="受理日期")
    handling_deadline: dt.date | None = Field(description="办理时限")
    dispatched_on: dt.date | None = Field(description="转办日期")
    replied_on: dt.date | None = Field(description="答复日期")
    visit_deadline: dt.date | None = Field(description="回访时限")
    closed_on: dt.date | None = Field(description="办结归档日期")
    reopen_count: int = Field(description="重办次数")
    due_soon: bool = Field(description="即将到期")
    overdue: bool = Field(description="已超期")
    merged_into_id: int | None = Field(description="合并至 (重复诉求)")
    version: int = Field(description="版本号，办理时须回传")

    @staticmethod
    def resolve_channel_label(obj: Appeal) -> str:
        return CHANNEL_LABELS[Channel(obj.channel)]

    @staticmethod
    def resolve_kind(obj: Appeal) -> str:
        return obj.kind.code

    @staticmethod
    def resolve_kind_label(obj: Appeal) -> str:
        return obj.kind.name

    @staticmethod
    def resolve_applicant(obj: Appeal, context: Any) -> dict[str, Any]:
        return _applicant(obj, context)

    @staticmethod
    def resolve_allowed_actions(obj: Appeal) -> list[str]:
        return [action.value for action in allowed_actions(obj.state)]


class AppealPageOut(Schema):
    items: list[AppealOut]
    next_cursor: int | None = Field(description="下一页的 cursor；null 为最后一页")


class AppealDetailOut(AppealOut):
    content: str = Field(description="诉求内容")
    rejection_reason: str = Field(description="不予受理理由 (告知诉求人)")
    records: list[AppealRecordOut] = Field(description="办理记录，先后排列")
    extensions: list[AppealExtensionOut] = Field(description="延期申请，最新在前")
    suspensions: list[SuspensionOut] = Field(description="中止记录")
    visits: list[VisitOut] = Field(description="回访记录")
    ratings: list[RatingOut] = Field(description="评价 (含差评整改与申诉复核)")

    @staticmethod
    def resolve_records(obj: Appeal) -> list:
        return list(obj.records.all())

    @staticmethod
    def resolve_extensions(obj: Appeal) -> list:
        return list(obj.extensions.all())

    @staticmethod
    def resolve_suspensions(obj: Appeal) -> list:
        return list(obj.suspensions.all())

    @staticmethod
    def resolve_visits(obj: Appeal) -> list:
        return list(obj.visits.all())

    @staticmethod
    def resolve_ratings(obj: Appeal) -> list:
        return list(obj.ratings.all())


class AppealQuery(Schema):
    state: StateValue | None = Field(None, description=STATE_DESCRIPTION)
    channel: ChannelValue | None = Field(None, description=CHANNEL_DESCRIPTION)
    kind: str | None = Field(None, max_length=30, description="诉求类型代码")
    department: int | None = Field(None, description="承办部门 id")
    overdue: bool | None = Field(None, description="只看已超期 (true) 或未超期 (false)")
    q: str = Field("", max_length=100, description="关键词: 诉求编号开头或标题中的文字")
    cursor: int | None = Field(None, ge=1, description="上一页的 next_cursor")
    limit: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="每页条数 (1-500)")


class AppealIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: str = Field(min_length=1, max_length=30, description="诉求类型代码，如 complaint")
    title: str = Field(min_length=1, max_length=200, description="标题")
    content: str = Field(min_length=1, max_length=10_000, description="诉求内容")
    channel: ChannelValue = Field(
        "online", description=CHANNEL_DESCRIPTION + "。企业用户一律记为 online"
    )
    enterprise_id: int | None = Field(
        None, description="诉求企业；企业用户只能为本企业 (留空即本企业)"
    )
    applicant_name: str = Field("", max_length=60, description="诉求人姓名 (实名诉求必填)")
    applicant_phone: str = Field("", max_length=30, description="联系电话")
    applicant_id_number: str = Field("", max_length=30, description="证件号码")
    anonymous: bool = Field(False, description="匿名诉求")
    category: str = Field("", max_length=100, description="诉求分类")
    received_on: dt.date | None = Field(None, description="收件日期；留空为今天")
    zone_id: int | None = Field(None, description="所属功能区；留空为本人所在功能区")
