"""Schemas shared by every module's API router: the error body and references to the kernel's
records."""

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str = Field(description="错误说明 (中文)")
    errors: dict[str, list[str]] | None = Field(
        None, description="按字段列出的错误原因；非字段错误的键为 __all__"
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
