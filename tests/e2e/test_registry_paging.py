"""Browser test: the registry list pages forwards and back in place (htmx), with its total, and
names the industry section in Chinese."""

import pytest

from tests.conftest import make_uscc
from tests.e2e.test_login_roles import (  # noqa: F401 (fixtures)
    _async_unsafe_allowed,
    browser,
    csp_violations,
    log_in,
    page,
)
from yingshang.kernel.models import Enterprise, Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROWS = 120  # with the fixtures' own enterprise: pages of 50, 50 and 21


@pytest.fixture
def many(zone, users):
    for n in range(ROWS):
        Enterprise.objects.create(
            uscc=make_uscc(), name=f"郑州翻页{n:03d}有限公司", zone=zone, industry_section="C"
        )
    return users


def _names(tab) -> list[str]:
    return tab.locator("#enterprise-results tbody tr td:first-child").all_inner_texts()


def test_next_previous_and_first_page(page, live_server, many, csp_violations):  # noqa: F811
    from playwright.sync_api import expect

    log_in(page, live_server.url, many[Role.OFFICE].username)
    page.goto(f"{live_server.url}/registry/enterprises/")
    total = page.locator("#enterprise-total")
    expect(total).to_contain_text(f"共{ROWS + 1}条")
    first = _names(page)
    assert len(first) == 50 and page.locator("#enterprise-results a[rel=prev]").count() == 0
    assert "C 制造业" in page.inner_text("#enterprise-results tbody")

    page.click("#enterprise-results a[rel=next]")
    expect(page.locator("#enterprise-results a[rel=prev]")).to_have_count(1)
    second = _names(page)
    assert "after=" in page.url and set(first).isdisjoint(second)
    page.click("#enterprise-results a[rel=next]")
    expect(page.locator("#enterprise-results tbody tr")).to_have_count(21)

    page.click("#enterprise-results a[rel=prev]")
    expect(page.locator("#enterprise-results tbody td:first-child").first).to_have_text(second[0])
    assert _names(page) == second and "before=" in page.url
    page.click("#enterprise-results >> text=首页")
    expect(page.locator("#enterprise-results a[rel=prev]")).to_have_count(0)
    assert _names(page) == first
    expect(total).to_contain_text(f"共{ROWS + 1}条")
    assert csp_violations == []
