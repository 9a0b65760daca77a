"""The zones and departments an enterprise is registered under."""

from ninja import Field, Schema


class ZoneOut(Schema):
    id: int
    code: str = Field(description="功能区编码")
    name: str = Field(description="功能区名称")
    kind: str = Field(description="类型，如 高新区、经开区、新区")
    city: str = Field(description="所在市")
    province: str = Field(description="所在省")
    hosted: bool = Field(description="是否在本平台办公 (否则仅作为评价对标对象)")


class DepartmentOut(Schema):
    id: int
    zone_id: int = Field(description="所属功能区")
    code: str = Field(description="部门编码")
    name: str = Field(description="部门名称")
    short_name: str = Field(description="简称")
    is_office: bool = Field(description="是否营商办所在部门")
    is_active: bool = Field(description="是否启用")
