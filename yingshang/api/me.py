"""GET /api/me: who the caller is."""

from django.http import HttpRequest
from ninja import Router

from yingshang.api.schemas import ErrorOut, MeOut
from yingshang.registry.models import User

router = Router(tags=["当前用户"])


@router.get(
    "/me",
    response={200: MeOut, 401: ErrorOut},
    summary="当前用户",
    description="返回调用者的账号、角色及所属功能区、部门、企业。",
)
def me(request: HttpRequest) -> User:
    user = request.auth
    return User.objects.select_related("zone", "department", "enterprise").get(pk=user.pk)
