"""Browser tests: every role logs in through the form and lands on its home page.

Drives Debian's chromium (/usr/bin/chromium) with Playwright against pytest-django's live server.
Screenshots of each home go to /tmp/e2e-<role>.png for a look at the layout.
"""

import os
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.conftest import make_uscc
from yingshang.kernel.models import Enterprise, Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
PASSWORD = "Yingshang-2026"
HEADINGS = {
    Role.ADMIN: "系统管理",
    Role.OFFICE: "营商办工作台",
    Role.DEPARTMENT: "部门工作台",
    Role.LEADER: "领导工作台",
    Role.ENTERPRISE: "企业服务中心",
    Role.SUPERVISOR: "监督员工作台",
}


@pytest.fixture(scope="module")
def _async_unsafe_allowed():
    """Playwright's sync API keeps an event loop running, which Django's ORM guards against.

    Allowed only while the browser runs: set at import time, the variable would leak into
    subprocesses of other tests (`check --deploy` rejects it).
    """
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    yield
    if previous is None:
        os.environ.pop(ASYNC_UNSAFE, None)
    else:
        os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="module")
def browser(_async_unsafe_allowed):
    if not CHROMIUM.exists():
        pytest.skip("浏览器测试需要 Debian 的 chromium: apt-get install -y chromium fonts-noto-cjk")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 860}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def csp_violations(page):
    """Console messages of the page that report a blocked script, style or frame."""
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


@pytest.fixture
def registry(zone, users):
    """A few enterprises over several industry sections, so lists and charts have content."""
    rows = [
        ("郑州宇通客车股份有限公司", "C", "large"),
        ("郑州数字软件有限公司", "I", "small"),
        ("高新区物流服务有限公司", "G", "medium"),
        ("郑州智能装备制造有限公司", "C", "medium"),
        ("郑州云计算科技有限公司", "I", "micro"),
    ]
    for name, section, size in rows:
        Enterprise.objects.create(
            uscc=make_uscc(), name=name, zone=zone, industry_section=section, size_class=size
        )
    return users


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("h1")


@pytest.mark.parametrize("role", list(HEADINGS))
def test_role_logs_in_and_sees_its_home(page, live_server, registry, role, csp_violations):
    user = registry[role]
    log_in(page, live_server.url, user.username)
    assert page.inner_text("h1") == HEADINGS[role]
    assert user.get_role_display() in page.inner_text(".topbar")
    if role == Role.LEADER:
        page.wait_for_selector("#industry-chart canvas")
    page.screenshot(path=f"/tmp/e2e-{role}.png", full_page=True)
    # Logging out is a POST form in the top bar.
    page.click(".topbar button:has-text('退出')")
    page.wait_for_selector("#id_username")
    assert csp_violations == []


def test_wrong_password_stays_on_login(page, live_server, users):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", users[Role.OFFICE].username)
    page.fill("#id_password", "wrong-password")
    page.click("button[type=submit]")
    assert "请输入一个正确的" in page.inner_text(".alert")


def test_office_searches_and_opens_a_detail(page, live_server, registry, csp_violations):
    log_in(page, live_server.url, registry[Role.OFFICE].username)
    page.click("nav >> text=市场主体库")
    page.wait_for_selector("h1:has-text('市场主体库')")
    page.fill("#id_q", "宇通")
    # htmx replaces the table without reloading the page.
    from playwright.sync_api import expect

    # A locator, not wait_for_function: that evaluates a string, which the policy forbids.
    expect(page.locator("#enterprise-results tbody tr")).to_have_count(1)
    assert "宇通" in unquote(page.url)
    page.screenshot(path="/tmp/e2e-office-list.png", full_page=True)
    page.click("#enterprise-results >> text=郑州宇通客车股份有限公司")
    page.wait_for_selector("h1:has-text('郑州宇通客车股份有限公司')")
    assert "变更记录" in page.inner_text("main")
    page.screenshot(path="/tmp/e2e-office-detail.png", full_page=True)
    page.click("text=修改信息")
    page.wait_for_selector("h1:has-text('修改市场主体信息')")
    page.fill("#id_contact_phone", "0371-66668888")
    page.fill("#id_reason", "企业来电更正")
    page.screenshot(path="/tmp/e2e-office-edit.png", full_page=True)
    page.click("button:has-text('保存修改')")
    page.wait_for_selector("text=修改已保存")
    timeline = page.inner_text(".timeline")
    assert "0371-66668888" in timeline and "企业来电更正" in timeline
    assert csp_violations == []


def test_filter_change_refreshes_the_table(page, live_server, registry):
    log_in(page, live_server.url, registry[Role.LEADER].username)
    page.goto(f"{live_server.url}/registry/enterprises/")
    page.select_option("#id_section", "I")
    from playwright.sync_api import expect

    # A locator, not wait_for_function: that evaluates a string, which the policy forbids.
    expect(page.locator("#enterprise-results tbody tr")).to_have_count(2)
    assert "section=I" in page.url


def test_narrow_screen_collapses_the_navigation(browser, live_server, registry):
    context = browser.new_context(viewport={"width": 768, "height": 1024}, locale="zh-CN")
    page = context.new_page()
    log_in(page, live_server.url, registry[Role.DEPARTMENT].username)
    assert not page.is_visible("#sidenav")
    page.click("#nav-button")
    assert page.is_visible("#sidenav")
    page.screenshot(path="/tmp/e2e-department-tablet.png", full_page=True)
    context.close()


def test_api_docs_render_under_the_policy(page, live_server, users, csp_violations):
    page.goto(f"{live_server.url}/api/docs")
    # The operations appear once the UI has fetched and rendered /api/openapi.json.
    page.wait_for_selector(".swagger-ui .opblock")
    assert "营商环境工作平台 API" in page.inner_text(".swagger-ui .info")
    assert csp_violations == []
