"""Browser journey of an appeal through every role: the enterprise raises it online; the office
accepts it and dispatches it to a department; the department signs for it and replies; the
office records the return visit; the enterprise rates it 满意; the office closes the case.

Screenshots of each page go to /tmp/e2e-appeals-*.png for a look at the layout.
"""

from importlib import import_module

import pytest

from tests.e2e.test_login_roles import (  # noqa: F401
    _async_unsafe_allowed,
    browser,
    csp_violations,
    log_in,
    page,
)
from tests.e2e.test_rectification_journey import log_out
from yingshang.appeals.models import Appeal, Rating
from yingshang.kernel.models import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def appeal_kinds(transactional_db):
    """The default kinds the migration writes, back after an earlier test's flush."""
    from django.apps import apps

    if not apps.get_model("appeals", "AppealKind").objects.filter(zone=None).exists():
        import_module("yingshang.appeals.migrations.0002_default_kinds").seed(apps, None)


def act(browser_page, action: str, fill=None) -> None:
    """Open the action's form on the appeal page, let `fill` fill it in, and submit it."""
    box = browser_page.locator(f"#action-{action}")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    if fill is not None:
        fill(box)
    box.locator("button[type=submit]").click()
    browser_page.wait_for_selector(".messages")


def state(browser_page) -> str:
    return browser_page.inner_text("#appeal-state")


def test_enterprise_to_department_and_back_to_a_rating(
    page,  # noqa: F811
    live_server,
    users,
    departments,
    appeal_kinds,
    csp_violations,  # noqa: F811
):
    # The enterprise raises the appeal online.
    log_in(page, live_server.url, users[Role.ENTERPRISE].username)
    page.click("nav >> text=诉求")
    page.wait_for_selector("h1:has-text('我的诉求')")
    page.click(".page-head >> text=提出诉求")
    page.select_option("#id_kind", "complaint")
    page.fill("#id_title", "施工许可材料被要求重复提交")
    page.fill("#id_content", "同一份材料在两个窗口被要求各提交一次。")
    page.fill("#id_applicant_phone", "13812345678")
    page.screenshot(path="/tmp/e2e-appeals-new.png", full_page=True)
    page.click("#appeal-form button[type=submit]")
    page.wait_for_selector("#appeal-state")
    assert state(page) == "待受理"
    appeal = Appeal.objects.get()
    assert appeal.channel == "online"
    log_out(page)

    # The office finds it on the board, accepts it and dispatches it.
    log_in(page, live_server.url, users[Role.OFFICE].username)
    page.click("nav >> text=诉求")
    page.wait_for_selector("h1:has-text('诉求工作台')")
    assert appeal.number in page.inner_text("#appeal-table")
    assert "剩余" in page.inner_text("#appeal-table")
    page.screenshot(path="/tmp/e2e-appeals-board.png", full_page=True)
    page.click(f"#appeal-table >> text={appeal.number}")
    page.wait_for_selector("#appeal-actions")
    assert "13812345678" in page.inner_text("#fact-phone")
    act(page, "accept")
    assert state(page) == "已受理"
    act(
        page,
        "dispatch",
        lambda box: box.locator("select").select_option(str(departments["scjg"].pk)),
    )
    assert state(page) == "已转办"
    log_out(page)

    # The department signs for it under 我的诉求 and replies.
    log_in(page, live_server.url, users[Role.DEPARTMENT].username)
    page.click("nav >> text=诉求")
    page.wait_for_selector("h1:has-text('我的诉求')")
    page.click(f"#appeal-table >> text={appeal.number}")
    page.wait_for_selector("#appeal-actions")
    act(page, "start")
    assert state(page) == "办理中"
    act(page, "reply", lambda box: box.locator("textarea").fill("已协调两个窗口共享材料。"))
    assert state(page) == "已答复"
    page.screenshot(path="/tmp/e2e-appeals-replied.png", full_page=True)
    log_out(page)

    # The office records the return visit.
    log_in(page, live_server.url, users[Role.OFFICE].username)
    page.goto(f"{live_server.url}/appeals/?group=visit")
    page.click(f"#appeal-table >> text={appeal.number}")
    page.wait_for_selector("#appeal-actions")
    act(page, "visit", lambda box: box.locator("textarea").fill("电话回访，企业确认已解决。"))
    assert state(page) == "已回访"
    log_out(page)

    # The enterprise rates it 满意.
    log_in(page, live_server.url, users[Role.ENTERPRISE].username)
    page.goto(f"{live_server.url}/appeals/{appeal.pk}/")
    page.wait_for_selector("#action-rate")
    act(page, "rate", lambda box: box.locator("input[value=satisfied]").check())
    assert state(page) == "已评价"
    assert "评价：满意" in page.inner_text("#appeal-feedback")
    log_out(page)

    # The office closes the case.
    log_in(page, live_server.url, users[Role.OFFICE].username)
    page.goto(f"{live_server.url}/appeals/{appeal.pk}/")
    act(page, "close")
    assert state(page) == "已办结"
    page.screenshot(path="/tmp/e2e-appeals-closed.png", full_page=True)
    appeal = Appeal.objects.get()
    assert appeal.state == "closed"
    assert Rating.objects.get().level == "satisfied"
    page.goto(f"{live_server.url}/appeals/?group=finished")
    assert appeal.number in page.inner_text("#appeal-table")
    assert csp_violations == []
