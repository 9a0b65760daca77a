"""The two ways into the API: the page session (with CSRF on unsafe methods) and bearer tokens."""

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from yingshang.api.services import user_for_token

CSRF_FAILED = "CSRF 校验失败: 使用会话认证时，修改类请求须携带 X-CSRFToken 请求头"


class TokenAuth(HttpBearer):
    """Authorization: Bearer ys_..."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = user_for_token(token.strip())
        if user is not None:
            request.user = user
        return user


class CsrfSessionAuth(SessionAuth):
    """The page's session cookie; unsafe methods must carry the CSRF token.

    A request without a signed-in session is simply not authenticated (401), so CSRF is only
    checked for a session that would otherwise be accepted (403 when it fails).
    """

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, CSRF_FAILED)
        return user
