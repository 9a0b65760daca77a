"""No page shows Django's "---------" as the empty choice of a select: every page of the route
table, as every demo role, read (GET) and posted an empty form (a page that re-renders its form
with the errors shows its selects again)."""

import pytest
from django.db import transaction
from django.test import Client

from tests.shell.demo_objects import build_demo_objects, values_for
from tests.shell.routes import page_routes, request

pytestmark = pytest.mark.django_db

DASHES = "---------"
ROLES = ("admin", "office", "department", "leader", "enterprise", "supervisor")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_demo_objects()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def client():
    return Client(raise_request_exception=False)


def _html_pages(client, demo, role: str, method: str) -> dict[str, str]:
    """The HTML of every page the role gets with status 200, by route key."""
    client.cookies.clear()
    client.force_login(demo["users"][role])
    pages = {}
    for route in page_routes():
        url = route.url(values_for(demo["objects"], ""))
        with transaction.atomic():
            response = request(client, route, method, url, demo["objects"])
            transaction.set_rollback(True)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            pages[route.key] = response.content.decode()
    return pages


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("role", ROLES)
def test_no_page_shows_dashes_as_the_empty_choice(client, demo, role, method):
    pages = _html_pages(client, demo, role, method)
    assert pages, f"{role} got no page at all"
    assert [key for key, html in pages.items() if DASHES in html] == []


def test_the_walk_sees_forms_with_selects(client, demo):
    """The walk reaches the entry forms whose selects used to show the dashes."""
    pages = _html_pages(client, demo, "admin", "GET")
    for key in (
        "registry:enterprise_create",
        "evaluation:dataset_upload",
        "rectification:task_create",
        "rectification:problem_list",
    ):
        assert "<select" in pages[key], key
