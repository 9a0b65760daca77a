"""The two ways into the API: the page session (with CSRF on unsafe methods) and bearer tokens."""

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from yingshang.api.models import ApiToken
from yingshang.api.services import TOKEN_SCHEME, hash_token

# last_used_at is refreshed at most this often, so that reads do not turn into writes.
LAST_USED_RESOLUTION = timedelta(minutes=1)
CSRF_FAILED = "CSRF 校验失败: 使用会话认证时, 修改类请求须携带 X-CSRFToken 请求头"


def user_for_token(plaintext: str) -> Any | None:
    """The active user owning a usable token, or None."""
    if not plaintext.startswith(TOKEN_SCHEME):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(plaintext), user__is_active=True)
        .first()
    )
    now = timezone.now()
    if token is None or not token.is_usable(now):
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


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
