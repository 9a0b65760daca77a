"""The navigation bar: only the modules that exist and that the user's role may open."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from yingshang.kernel.access import (
    APPEAL_READERS,
    EVALUATION_READERS,
    NOTIFICATION_READERS,
    RECTIFICATION_READERS,
    REGISTRY_READERS,
    has_role,
)
from yingshang.kernel.models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str]


NAV_ITEMS = (
    NavItem("首页", "web:home", frozenset(Role.values)),
    NavItem("市场主体库", "registry:enterprise_list", REGISTRY_READERS),
    NavItem("我的企业", "registry:my_enterprise", frozenset({Role.ENTERPRISE})),
    NavItem("评价", "evaluation:run_list", EVALUATION_READERS),
    NavItem("整改", "rectification:task_list", RECTIFICATION_READERS),
    NavItem("诉求", "appeals:appeal_index", APPEAL_READERS),
    NavItem("通知", "web:notifications", NOTIFICATION_READERS),
    NavItem("工作日历", "calendars:calendar", frozenset(Role.values)),
    NavItem("审计日志", "web:audit_log", frozenset({Role.ADMIN, Role.OFFICE})),
    NavItem("管理后台", "admin:index", frozenset({Role.ADMIN})),
)


def _url_or_none(url_name: str) -> str | None:
    """The item's URL, or None while its module is not installed (no dead links)."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def _is_active(request_path: str, url: str) -> bool:
    if url == "/":
        return request_path == "/"
    return request_path.startswith(url)


def nav_items_for(user, request_path: str = "") -> list[dict]:
    """The items the user may open, each as {label, url, active}."""
    items = []
    for item in NAV_ITEMS:
        if not has_role(user, *item.roles):
            continue
        if item.url_name == "admin:index" and not user.is_staff:
            continue
        url = _url_or_none(item.url_name)
        if url is not None:
            items.append({"label": item.label, "url": url, "active": _is_active(request_path, url)})
    return items


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": nav_items_for(user, request.path)}
