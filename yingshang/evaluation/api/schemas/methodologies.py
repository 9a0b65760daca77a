"""Schemas of the methodologies: the presets, a stored methodology and its indicator tree."""

from datetime import datetime

from ninja import Field, Schema
from pydantic import ConfigDict, model_validator

from yingshang.evaluation.api.schemas import person_label
from yingshang.evaluation.models import MethodologyVersion


class PresetOut(Schema):
    name: str = Field(description="预置方法名，创建评价方法时作为 preset 传入")
    title: str = Field(description="方法名称")
    version: str = Field(description="方法版本")


class MethodologyOut(Schema):
    id: int
    zone_id: int | None = Field(description="所属功能区；为 null 表示各功能区共用的预置方法")
    code: str = Field(description="方法编码 (YAML 中的 id)")
    name: str = Field(description="方法名称")
    version: str = Field(description="方法版本")
    digest: str = Field(description="方法文本的 SHA-256 摘要；文本相同则摘要相同")
    is_preset: bool = Field(description="是否预置方法")
    preset: str = Field(description="预置方法名 (非预置为空)")
    created_by: str = Field(description="保存人")
    created_at: datetime = Field(description="保存时间")

    @staticmethod
    def resolve_created_by(obj: MethodologyVersion) -> str:
        return person_label(obj.created_by)


class NodeOut(Schema):
    id: str = Field(description="指标编码")
    name: str = Field(description="指标名称")
    parent: str | None = Field(description="上级指标编码；根 (总分) 为 null")
    depth: int = Field(description="层级: 0 为总分")
    weight: float = Field(description="在同级指标中的权重")
    path_weight: float = Field(description="占总分的比重 (各级均为加权算术平均时)")
    is_leaf: bool = Field(description="是否末级指标 (数据文件中填写的指标)")
    unit: str = Field(description="计量单位")


class MethodologyDetailOut(Schema):
    methodology: MethodologyOut = Field(description="评价方法")
    source_text: str = Field(description="方法文本 (YAML，原样保存)")
    description: str = Field(description="方法说明")
    nodes: list[NodeOut] = Field(description="指标树，先序排列，总分在前")


class MethodologyIn(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="评价方法 YAML 文本 (yingshang-methodology/1)")
    preset: str | None = Field(None, max_length=60, description="或: 预置方法名，如 henan-zone")
    zone_id: int | None = Field(
        None, description="所属功能区；留空为本人所在功能区 (系统管理员必填)"
    )

    @model_validator(mode="after")
    def _one_source(self) -> "MethodologyIn":
        if bool(self.text and self.text.strip()) == bool(self.preset):
            raise ValueError("请提供评价方法文本 text 或预置方法 preset (二者选一)")
        return self
