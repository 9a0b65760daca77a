"""Schemas shared by every router: the error body and the caller."""

from typing import Any

from ninja import Field, Schema

from yingshang.registry.models import User


class ErrorOut(Schema):
    detail: str = Field(description="错误说明 (中文)")
    errors: dict[str, list[str]] | None = Field(
        None, description="按字段列出的错误原因; 非字段错误的键为 __all__"
    )


def error_responses(*statuses: int) -> dict[int, type[ErrorOut]]:
    """For an operation's `response=`: the error statuses it may answer with."""
    return dict.fromkeys(statuses, ErrorOut)


class ZoneRef(Schema):
    id: int
    code: str = Field(description="功能区编码")
    name: str = Field(description="功能区名称")


class DepartmentRef(Schema):
    id: int
    code: str = Field(description="部门编码")
    name: str = Field(description="部门名称")


class EnterpriseRef(Schema):
    id: int
    uscc: str = Field(description="统一社会信用代码")
    name: str = Field(description="市场主体名称")


class MeOut(Schema):
    id: int
    username: str = Field(description="登录名")
    full_name: str = Field(description="姓名")
    role: str = Field(description="角色编码: admin/office/department/leader/enterprise/supervisor")
    role_label: str = Field(description="角色名称, 如“营商办”")
    zone: ZoneRef | None = Field(None, description="所属功能区 (系统管理员可为空)")
    department: DepartmentRef | None = Field(None, description="所属部门")
    enterprise: EnterpriseRef | None = Field(None, description="所属企业 (企业用户)")

    @staticmethod
    def resolve_role_label(obj: User) -> Any:
        return obj.get_role_display()
