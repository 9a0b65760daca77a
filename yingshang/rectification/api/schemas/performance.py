"""Schemas of department performance (效能考核)."""

from ninja import Field, Schema
from pydantic import field_validator, model_validator

from yingshang.rectification.api.schemas.common import MONTH


class PerformanceQuery(Schema):
    month_from: str = Field(description="起始月份 YYYY-MM")
    month_to: str = Field(description="截止月份 YYYY-MM (含)")
    zone_id: int | None = Field(None, description="功能区；留空为本人所在功能区")

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
