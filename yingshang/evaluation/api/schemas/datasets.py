"""Schemas of the uploaded data (指标数据，满意度调查)."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from yingshang.evaluation.api.schemas import person_label
from yingshang.evaluation.models import Dataset, DatasetKind

DatasetKindValue = Literal[tuple(DatasetKind.values)]
KIND_DESCRIPTION = "数据类型: " + "; ".join(f"{v} {label}" for v, label in DatasetKind.choices)


class DatasetOut(Schema):
    id: int
    zone_id: int = Field(description="所属功能区")
    name: str = Field(description="数据名称")
    kind: str = Field(description=KIND_DESCRIPTION)
    kind_label: str = Field(description="数据类型名称")
    filename: str = Field(description="上传的文件名")
    periods: list[str] = Field(description="数据包含的期间，由早到晚")
    unit_count: int = Field(description="单位数")
    row_count: int = Field(description="数据行数")
    uploaded_by: str = Field(description="上传人")
    uploaded_at: datetime = Field(description="上传时间")

    @staticmethod
    def resolve_kind_label(obj: Dataset) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_uploaded_by(obj: Dataset) -> str:
        return person_label(obj.uploaded_by)
