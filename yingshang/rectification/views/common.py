"""What the rectification pages share: what a role is shown, error messages from services."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from yingshang.core.rectification.workflow import TransitionRefused
from yingshang.kernel.access import RECTIFICATION_DECIDERS, RECTIFICATION_WRITERS, has_role
from yingshang.kernel.versioning import StaleVersionError

STALE_MESSAGE = "该记录已被他人更新，页面显示的不是最新内容。请查看最新情况后重新操作。"


def is_writer(user: Any) -> bool:
    """Whether the page shows the office's forms and buttons (the services check the writes)."""
    return has_role(user, *RECTIFICATION_WRITERS)


def is_decider(user: Any) -> bool:
    return has_role(user, *RECTIFICATION_DECIDERS)


def error_text(exc: Exception) -> str:
    """A refused transition or service error as one Chinese sentence."""
    if isinstance(exc, StaleVersionError):
        return STALE_MESSAGE
    if isinstance(exc, TransitionRefused):
        return exc.message
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc)


def report_error(request: HttpRequest, exc: Exception) -> None:
    messages.error(request, error_text(exc))


def form_error(exc: Exception) -> str:
    """A service error as a form's non-field error."""
    return "；".join(getattr(exc, "messages", [str(exc)]))


SERVICE_ERRORS = (TransitionRefused, ValidationError)


def back_to(request: HttpRequest, fallback: str) -> str:
    """The page the form came from (a local `next`), else `fallback`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
