"""What the rectification pages share: role checks, the zone, error messages from services."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from yingshang.core.rectification.workflow import TransitionRefused
from yingshang.kernel.access import has_role
from yingshang.kernel.models import Department, Role, Zone
from yingshang.kernel.versioning import StaleVersionError
from yingshang.rectification import access

STALE_MESSAGE = "该记录已被他人更新，页面显示的不是最新内容。请查看最新情况后重新操作。"


def require_reader(request: HttpRequest) -> None:
    access.require_reader(request.user)


def is_writer(user: Any) -> bool:
    return has_role(user, *access.WRITERS)


def is_decider(user: Any) -> bool:
    return has_role(user, *access.DECIDERS)


def user_zone(request: HttpRequest) -> Zone:
    """The zone the page works on: the user's, or for an administrator ?zone= (else the first)."""
    user = request.user
    if user.role != Role.ADMIN:
        return user.zone
    code = request.GET.get("zone", "")
    zone = Zone.objects.filter(code=code).first() if code else Zone.objects.order_by("pk").first()
    if zone is None:
        raise Http404("还没有功能区")
    return zone


def zone_departments(request: HttpRequest, zone: Zone | None = None):
    if zone is None:
        if request.user.role == Role.ADMIN:
            return Department.objects.order_by("zone_id", "code")
        zone = request.user.zone
    return Department.objects.filter(zone=zone).order_by("code")


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


SERVICE_ERRORS = (TransitionRefused, ValidationError)


def back_to(request: HttpRequest, fallback: str) -> str:
    """The page the form came from (a local `next`), else `fallback`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
