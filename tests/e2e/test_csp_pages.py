"""Browser check of the Content-Security-Policy: each role's main pages, with their charts,
calendars, bars and htmx parts, load and work without a single violation of the policy.

The policy allows styles only from /static/ (no 'unsafe-inline'): a <style> element, a style
attribute in the HTML or a <style> injected by a library would be refused, and Chromium says so
in the console and fires a `securitypolicyviolation` event; both are collected, as are script
errors (a chart that failed to draw). Styles set from JavaScript (element.style, as ECharts and
htmx do) are not governed by style-src and must not show up here.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest

from tests.e2e.test_login_roles import CHROMIUM, CHROMIUM_ARGS, _async_unsafe_allowed, page  # noqa: F401
from yingshang.demo import reference as ref
from yingshang.demo.build import build_demo
from yingshang.evaluation.models import EvaluationRun
from yingshang.kernel.models import Role, User, Zone
from yingshang.rectification.models import Plan, Task

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO_SIZE = 40
ACCOUNTS = {
    Role.ADMIN: "admin",
    Role.OFFICE: "office",
    Role.DEPARTMENT: "dept_scjg",
    Role.LEADER: "leader",
    Role.ENTERPRISE: "enterprise",
    Role.SUPERVISOR: "supervisor",
}
# Runs in the page before any of its own scripts; the policy does not apply to it.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`securitypolicyviolation: ${event.violatedDirective} blocked `
    + `${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
});
"""
CSP_WORDS = ("Content Security Policy", "securitypolicyviolation")


@dataclass
class Watch:
    """What went wrong on the pages visited, each with the page it happened on."""

    url: str = ""
    problems: list[str] = field(default_factory=list)

    def console(self, message) -> None:
        if any(word in message.text for word in CSP_WORDS):
            self.problems.append(f"{self.url}: {message.text}")

    def page_error(self, error) -> None:
        self.problems.append(f"{self.url}: script error {error}")


@pytest.fixture
def browser(_async_unsafe_allowed):  # noqa: F811
    """A browser per test, started after the test database is set up.

    Playwright runs its event loop in a greenlet, whose context has other database connection
    objects than the test runner's; a browser kept for the module would be running when the
    next test's serialized rollback restores the migrations' rows, and the restore would not
    find the serialized data on its connection.
    """
    if not CHROMIUM.exists():
        pytest.skip("浏览器测试需要 Debian 的 chromium: apt-get install -y chromium fonts-noto-cjk")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def watched(page):  # noqa: F811
    watch = Watch()
    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", watch.console)
    page.on("pageerror", watch.page_error)
    return page, watch


@pytest.fixture
def demo(transactional_db):
    """The demo zone and the ids the pages need."""
    build_demo(size=DEMO_SIZE)
    zone = Zone.objects.get(code=ref.HOSTED_ZONE["code"])
    department = User.objects.get(username=ACCOUNTS[Role.DEPARTMENT]).department
    run = EvaluationRun.objects.filter(zone=zone).order_by("-id").first()
    return {
        "zone": zone,
        "run": run.pk,
        "unit": quote(zone.name),
        "plan": Plan.objects.filter(zone=zone).order_by("id").first().pk,
        "task": Task.objects.filter(zone=zone, lead_department=department).order_by("id")[0].pk,
    }


def pages_of(role: str, ids: dict) -> list[str]:
    """The pages of a role that show charts, calendars, bars, tables or htmx parts."""
    run = f"/evaluation/runs/{ids['run']}/"
    evaluation = [run, f"{run}units/{ids['unit']}/"]
    rectification = [
        "/rectification/tasks/",
        "/rectification/tasks/board/",
        "/rectification/problems/",
        "/rectification/plans/",
        f"/rectification/plans/{ids['plan']}/",
        f"/rectification/tasks/{ids['task']}/",
    ]
    common = ["/", "/calendar/", "/notifications/"]
    leader = "/rectification/leader/"
    admin_site = ["/admin/", "/admin/calendars/calendarday/"]
    office = ["/registry/enterprises/", "/evaluation/", f"{run}what-if/", f"{run}robustness/"]
    by_role = {
        Role.ADMIN: [*common, *evaluation, *rectification, leader, "/audit/", *admin_site],
        Role.OFFICE: [*common, *office, *evaluation, *rectification, leader, "/audit/"],
        Role.DEPARTMENT: [*common, *evaluation, *rectification],
        Role.LEADER: [*common, *evaluation, *rectification, leader],
        Role.ENTERPRISE: [*common, "/registry/my-enterprise/"],
        Role.SUPERVISOR: common,
    }
    return by_role[role]


def log_in(page, base_url: str, username: str) -> None:  # noqa: F811
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", ref.demo_password(username))
    page.click("button[type=submit]")
    page.wait_for_selector(".topbar .account")


def visit(page, watch: Watch, url: str) -> None:  # noqa: F811
    watch.url = url
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    page.wait_for_load_state("networkidle")


def look_at_charts(page) -> None:  # noqa: F811
    """Wait for every chart of the page to be drawn and hover it, so that its tooltip opens."""
    from playwright.sync_api import expect

    charts = page.locator(".chart")
    for i in range(charts.count()):
        chart = charts.nth(i)
        expect(chart.locator("canvas")).to_have_count(1)
        if chart.is_visible():
            chart.scroll_into_view_if_needed()
            box = chart.bounding_box()
            page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
            page.wait_for_timeout(150)


def use_htmx_parts(page, watch: Watch, base_url: str, role: str, ids: dict) -> None:  # noqa: F811
    """Send the htmx requests of the pages: the indicator classes and the swapped parts."""
    from playwright.sync_api import expect

    visit(page, watch, f"{base_url}/calendar/?year=2025")
    page.fill("#id_start", "2025-09-30")
    page.fill("#id_n", "1")
    page.click(".ys-deadline button[type=submit]")
    expect(page.locator("#deadline-result strong")).to_contain_text("2025-10-09")
    if role != Role.OFFICE:
        return
    visit(page, watch, f"{base_url}/registry/enterprises/")
    page.fill("#id_q", "有限")
    expect(page).to_have_url(re.compile(r"q="))
    run = f"{base_url}/evaluation/runs/{ids['run']}"
    visit(page, watch, f"{run}/what-if/")
    page.click("#what-if-form button[type=submit]")
    expect(page.locator("#what-if-result > *").first).to_be_visible()
    visit(page, watch, f"{run}/robustness/")
    page.fill("#id_runs", "100")
    page.click("#robustness-form button[type=submit]")
    expect(page.locator("#robustness-result > *").first).to_be_visible(timeout=60_000)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("role", list(ACCOUNTS))
def test_main_pages_keep_to_the_policy(watched, live_server, demo, role):
    page, watch = watched  # noqa: F811
    log_in(page, live_server.url, ACCOUNTS[role])
    for path in pages_of(role, demo):
        visit(page, watch, f"{live_server.url}{path}")
        look_at_charts(page)
    use_htmx_parts(page, watch, live_server.url, role, demo)
    # htmx was told not to add its indicator <style>; nothing else adds one either.
    assert page.locator("style").count() == 0
    assert watch.problems == []


def test_a_style_attribute_would_be_caught(watched, live_server, demo):
    """The watch sees what the policy refuses: a style attribute added as HTML is reported."""
    page, watch = watched  # noqa: F811
    log_in(page, live_server.url, ACCOUNTS[Role.OFFICE])
    visit(page, watch, f"{live_server.url}/calendar/")
    page.locator("main").evaluate(
        "main => main.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')"
    )
    page.wait_for_timeout(200)
    assert any("style-src" in problem for problem in watch.problems), watch.problems
