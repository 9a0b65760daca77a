"""Schemas of the return visit (回访), the rating (好差评), its 差评 rectification and dispute."""

import datetime as dt

from ninja import Field, Schema

from yingshang.appeals.api.schemas.common import LEVEL_DESCRIPTION, person
from yingshang.appeals.models import Rating, RatingRectification, ReturnVisit


class VisitOut(Schema):
    id: int
    visited_on: dt.date = Field(description="回访日期")
    visitor: str = Field(description="回访人")
    note: str = Field(description="回访记录")
    on_time: bool = Field(description="按时回访 (答复后的下一个工作日内)")

    @staticmethod
    def resolve_visitor(obj: ReturnVisit) -> str:
        return person(obj.visitor)


class RatingRectificationOut(Schema):
    started_on: dt.date = Field(description="开始日期")
    deadline: dt.date = Field(description="整改时限")
    status: str = Field(description="状态: open 整改中; done 已整改; cancelled 已撤销")
    status_label: str = Field(description="状态名称")
    completed_on: dt.date | None = Field(description="整改完成日期")
    note: str = Field(description="整改情况")

    @staticmethod
    def resolve_status_label(obj: RatingRectification) -> str:
        return obj.get_status_display()


class RatingOut(Schema):
    id: int
    level: str = Field(description=LEVEL_DESCRIPTION)
    level_label: str = Field(description="评价等级名称")
    reason: str = Field(description="评价原因")
    subjective: bool = Field(description="因主观原因给出的差评 (系统随即重办)")
    rated_on: dt.date = Field(description="评价日期")
    rated_by: str = Field(description="评价录入人")
    on_behalf: bool = Field(description="营商办代为评价")
    dispute_state: str = Field(
        description=(
            "申诉复核: none 未申诉; pending 申诉复核中; upheld 维持差评; overturned 撤销差评"
        )
    )
    dispute_state_label: str = Field(description="申诉复核状态名称")
    dispute_reason: str = Field(description="申诉理由")
    dispute_note: str = Field(description="复核意见")
    rectification: RatingRectificationOut | None = Field(description="差评整改 (差评才有)")

    @staticmethod
    def resolve_level_label(obj: Rating) -> str:
        return obj.get_level_display()

    @staticmethod
    def resolve_rated_by(obj: Rating) -> str:
        return person(obj.rated_by)

    @staticmethod
    def resolve_dispute_state_label(obj: Rating) -> str:
        return obj.get_dispute_state_display()

    @staticmethod
    def resolve_rectification(obj: Rating) -> RatingRectification | None:
        try:
            return obj.rectification
        except RatingRectification.DoesNotExist:
            return None
