"""The navigation shows only pages the role may open; every page asks anonymous users to log in."""

import pytest
from django.urls import reverse

from yingshang.kernel.models import Role
from yingshang.web.context import NAV_ITEMS, nav_items_for


@pytest.mark.parametrize("role", list(Role))
def test_every_nav_link_opens(client_for, users, role):
    client = client_for(role)
    response = client.get(reverse("web:home"))
    items = response.context["nav_items"]
    assert items, "every role has at least the home item"
    for item in items:
        assert client.get(item["url"]).status_code == 200, item
        assert f'href="{item["url"]}"' in response.content.decode()


def test_nav_items_per_role(users):
    labels = {role: [i["label"] for i in nav_items_for(users[role])] for role in Role}
    assert "市场主体库" in labels[Role.OFFICE]
    assert "审计日志" in labels[Role.OFFICE]
    assert "管理后台" in labels[Role.ADMIN]
    assert "我的企业" in labels[Role.ENTERPRISE]
    assert "市场主体库" not in labels[Role.ENTERPRISE]
    assert "市场主体库" not in labels[Role.SUPERVISOR]
    assert "审计日志" not in labels[Role.DEPARTMENT]


def test_missing_module_is_left_out(users, monkeypatch):
    from yingshang.web import context

    extra = context.NavItem("未上线模块", "nowhere:index", frozenset(Role.values))
    monkeypatch.setattr(context, "NAV_ITEMS", (*NAV_ITEMS, extra))
    labels = [i["label"] for i in nav_items_for(users[Role.OFFICE])]
    assert "未上线模块" not in labels


def test_active_item_is_marked(client_for):
    client = client_for(Role.OFFICE)
    response = client.get(reverse("registry:enterprise_list"))
    active = [i["label"] for i in response.context["nav_items"] if i["active"]]
    assert active == ["市场主体库"]


PAGES = [
    ("web:home", []),
    ("web:password_change", []),
    ("web:audit_log", []),
    ("registry:enterprise_list", []),
    ("registry:enterprise_create", []),
    ("registry:my_enterprise", []),
    ("registry:enterprise_detail", ["ENTERPRISE"]),
    ("registry:enterprise_edit", ["ENTERPRISE"]),
    ("calendars:calendar", []),
]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_anonymous_is_sent_to_login(client, enterprise, name, args):
    url = reverse(name, args=[enterprise.pk for _ in args])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login") + "?next=")


def test_denied_and_missing_pages_are_chinese(client_for, other_enterprise):
    client = client_for(Role.SUPERVISOR)
    denied = client.get(reverse("registry:enterprise_list"))
    assert denied.status_code == 403
    assert "无权访问" in denied.content.decode()
    missing = client_for(Role.OFFICE).get(
        reverse("registry:enterprise_detail", args=[other_enterprise.pk])
    )
    assert missing.status_code == 404
    assert "未找到" in missing.content.decode()
