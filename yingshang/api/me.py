"""GET /api/me: who the caller is."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from yingshang.kernel.models import User
from yingshang.kernel.selectors import user_profile
from yingshang.lib.schemas import DepartmentRef, EnterpriseRef, ErrorOut, ZoneRef

router = Router(tags=["当前用户"])


class MeOut(Schema):
    id: int
    username: str = Field(description="登录名")
    full_name: str = Field(description="姓名")
    role: str = Field(description="角色编码: admin/office/department/leader/enterprise/supervisor")
    role_label: str = Field(description="角色名称，如“营商办”")
    zone: ZoneRef | None = Field(None, description="所属功能区 (系统管理员可为空)")
    department: DepartmentRef | None = Field(None, description="所属部门")
    enterprise: EnterpriseRef | None = Field(None, description="所属企业 (企业用户)")

    @staticmethod
    def resolve_role_label(obj: User) -> Any:
        return obj.get_role_display()


@router.get(
    "/me",
    response={200: MeOut, 401: ErrorOut},
    summary="当前用户",
    description="返回调用者的账号、角色及所属功能区、部门、企业。",
)
def me(request: HttpRequest) -> User:
    return user_profile(user=request.auth)
