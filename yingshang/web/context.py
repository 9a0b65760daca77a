"""The navigation bar: only the modules that exist and that the user's role may open."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from yingshang.registry.access import REGISTRY_READERS, has_role
from yingshang.registry.models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str]


NAV_ITEMS = (
    NavItem("首页", "web:home", frozenset(Role.values)),
    NavItem("市场主体库", "registry:enterprise_list", REGISTRY_READERS),
    NavItem("我的企业", "registry:my_enterprise", frozenset({Role.ENTERPRISE})),
    NavItem("工作日历", "calendars:calendar", frozenset(Role.values)),
    NavItem("审计日志", "web:audit_log", frozenset({Role.ADMIN, Role.OFFICE})),
)


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for item in NAV_ITEMS:
        if has_role(user, *item.roles):
            url = reverse(item.url_name)
            items.append({"label": item.label, "url": url, "active": request.path == url})
    return {"nav_items": items}
