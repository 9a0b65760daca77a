"""Audit events for signing in and out: successful and failed logins, logouts and lockouts.

Connected in `KernelConfig.ready` to Django's auth signals and to django-axes' `user_locked_out`.
Each event is filed under the user's zone so that the zone's office sees it on the audit page.
The password never reaches the trail: only the attempted username is kept.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest

from yingshang.audit.services import record_event

USER_LABEL = "registry.user"


def _user_named(username: str) -> Any | None:
    """The user an attempt named, if there is one (a typo or a probe names nobody)."""
    if not username:
        return None
    return get_user_model().objects.filter(username=username).select_related("zone").first()


def _record_attempt(verb: str, username: str) -> None:
    """An event about an attempt on an account: the account when it exists, else the name tried."""
    user = _user_named(username)
    if user is not None:
        record_event(actor=None, verb=verb, obj=user, zone=user.zone)
        return
    name = (username or "(空)")[:64]
    record_event(actor=None, verb=verb, object_type=USER_LABEL, object_id=name, object_repr=name)


def on_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record_event(actor=user, verb="user.logged_in", obj=user, zone=user.zone)


def on_logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    # Logging out without a session (an expired one) names no user: nothing to record.
    if user is not None and user.is_authenticated:
        record_event(actor=user, verb="user.logged_out", obj=user, zone=user.zone)


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    _record_attempt("user.login_failed", str(credentials.get("username") or ""))


def on_locked_out(
    sender: Any, request: HttpRequest | None, username: str | None, **kwargs: Any
) -> None:
    _record_attempt("user.locked_out", str(username or ""))
