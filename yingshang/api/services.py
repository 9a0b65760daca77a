"""Issuing and revoking API tokens, each with its audit event."""

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from yingshang.api.models import ApiToken
from yingshang.audit.services import record_event

TOKEN_SCHEME = "ys_"
TOKEN_ISSUED = "apitoken.issued"
TOKEN_REVOKED = "apitoken.revoked"
VERBS = {TOKEN_ISSUED: "签发接口令牌", TOKEN_REVOKED: "吊销接口令牌"}
PREFIX_LENGTH = 11
# last_used_at is refreshed at most this often, so that reads do not turn into writes.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_token(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def user_for_token(plaintext: str) -> Any | None:
    """The active user owning a usable token, or None; notes when the token was last used."""
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


def _new_plaintext() -> str:
    return TOKEN_SCHEME + secrets.token_urlsafe(32)


def _event_data(token: ApiToken) -> dict[str, Any]:
    return {
        "user": token.user_id,
        "name": token.name,
        "prefix": token.prefix,
        "expires_at": token.expires_at,
    }


@transaction.atomic
def issue_token(
    *, user: Any, name: str, expires_at: datetime | None = None, actor: Any = None
) -> tuple[ApiToken, str]:
    """Create a token for `user`; the plaintext is returned here once and stored nowhere."""
    if not user.is_active:
        raise ValidationError({"user": "该用户已停用，不能签发令牌"})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": "过期时间必须晚于当前时间"})
    plaintext = _new_plaintext()
    token = ApiToken(
        user=user,
        name=name.strip() or "未命名令牌",
        prefix=plaintext[:PREFIX_LENGTH],
        token_hash=hash_token(plaintext),
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    record_event(
        actor=actor,
        verb=TOKEN_ISSUED,
        obj=token,
        after=_event_data(token),
        zone=user.zone,
    )
    return token, plaintext


@transaction.atomic
def revoke_token(*, token: ApiToken, actor: Any = None, reason: str = "") -> ApiToken:
    """Revoke the token from now on; revoking a revoked token changes nothing."""
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event(
        actor=actor,
        verb=TOKEN_REVOKED,
        obj=token,
        before={"revoked_at": None},
        after={"revoked_at": token.revoked_at},
        reason=reason,
        zone=token.user.zone,
    )
    return token
