"""The list links to import and export only when those pages are mounted."""

import pytest
from django.core.cache import cache
from django.urls import include, path, reverse

from yingshang.config import urls as project_urls
from yingshang.kernel.models import Role

LIST = "registry:enterprise_list"


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def _without_import() -> list:
    return [p for p in project_urls.urlpatterns if getattr(p, "namespace", "") != "registry_import"]


class WithImport:
    urlpatterns = [
        path("registry/import/", include("yingshang.enterprises.urls_import")),
        *_without_import(),
    ]


class WithoutImport:
    urlpatterns = _without_import()


def _html(client, user, **params) -> str:
    client.force_login(user)
    return client.get(reverse(LIST), params).content.decode()


def test_links_when_mounted(client, users, enterprise, settings):
    settings.ROOT_URLCONF = WithImport
    office = _html(client, users[Role.OFFICE], status="active", after=999999)
    assert f'href="{reverse("registry_import:upload")}">批量导入' in office
    assert f"{reverse('registry_import:export')}?status=active" in office
    assert "after=999999" not in office.split(reverse("registry_import:export"))[1][:80]
    leader = _html(client, users[Role.LEADER])
    assert "批量导入" not in leader
    assert reverse("registry_import:export") in leader


def test_no_dead_links_when_not_mounted(client, users, enterprise, settings):
    settings.ROOT_URLCONF = WithoutImport
    html = _html(client, users[Role.OFFICE])
    assert "批量导入" not in html and "导出当前结果" not in html
