"""Browser journey of the rectification module: the office creates a task and assigns it from
the list; the department logs in, finds it under 我的任务, reports progress with a file and
submits it with evidence; the office accepts and closes it.

Screenshots of each page go to /tmp/e2e-rectification-*.png for a look at the layout.
"""

import datetime as dt

import pytest

from tests.e2e.test_login_roles import _async_unsafe_allowed, browser, log_in, page  # noqa: F401
from yingshang.core.rectification.workflow import State
from yingshang.kernel.models import Role
from yingshang.rectification.models import Attachment, Task

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_out(browser_page) -> None:
    browser_page.click(".topbar button:has-text('退出')")
    browser_page.wait_for_selector("#id_username")


def act(browser_page, action: str, text: str = "", files=()) -> None:
    """Open the action's small form on the task page, fill it in and submit it."""
    box = browser_page.locator(f"#action-{action}")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    if text:
        box.locator("textarea").fill(text)
    if files:
        box.locator("input[type=file]").set_input_files([str(f) for f in files])
    box.locator("button[type=submit]").click()
    browser_page.wait_for_selector(".messages")


def test_office_assigns_department_submits_office_closes(
    page,  # noqa: F811
    live_server,
    settings,
    users,
    departments,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    photo = tmp_path / "整改前后对比.pdf"
    photo.write_bytes(b"%PDF-1.4 before and after")
    proof = tmp_path / "验收材料.pdf"
    proof.write_bytes(b"%PDF-1.4 acceptance")
    deadline = (dt.date.today() + dt.timedelta(days=30)).isoformat()

    # The office creates a draft task and assigns it from the list.
    log_in(page, live_server.url, users[Role.OFFICE].username)
    page.click("nav >> text=整改")
    page.wait_for_selector("h1:has-text('整改任务')")
    page.click("text=新建任务")
    page.fill("#id_title", "压缩企业开办时间至1个工作日")
    page.select_option("#id_lead_department", str(departments["scjg"].pk))
    page.fill("#id_deadline", deadline)
    page.fill("#id_measure", "推行企业开办一网通办、当日办结")
    page.screenshot(path="/tmp/e2e-rectification-new.png", full_page=True)
    page.click("#task-form button[type=submit]")
    page.wait_for_selector("#task-state")
    assert page.inner_text("#task-state") == "草稿"
    task = Task.objects.get()

    page.click(".rect-links >> text=任务列表")
    page.check(f"input[name=task_ids][value='{task.pk}']")
    page.screenshot(path="/tmp/e2e-rectification-list.png", full_page=True)
    page.click("button:has-text('交办所选任务')")
    page.wait_for_selector(".messages")
    assert "已交办 1 项任务" in page.inner_text(".messages")
    assert Task.objects.get().state == State.ASSIGNED
    log_out(page)

    # The department finds it under 我的任务, reports progress with a file, then submits.
    log_in(page, live_server.url, users[Role.DEPARTMENT].username)
    page.click("nav >> text=整改")
    page.wait_for_selector("h1:has-text('我的任务')")
    page.click("#task-table >> text=压缩企业开办时间至1个工作日")
    page.wait_for_selector("#task-actions")
    act(page, "report", "已梳理开办流程，合并为一个环节", [photo])
    assert "整改前后对比.pdf" in page.inner_text("#task-records")
    assert page.inner_text("#task-state") == "整改中"
    act(page, "submit", "已实现企业开办当日办结", [proof])
    assert page.inner_text("#task-state") == "待验收"
    assert Attachment.objects.count() == 2
    page.screenshot(path="/tmp/e2e-rectification-submitted.png", full_page=True)
    log_out(page)

    # The office accepts the work and closes the task.
    log_in(page, live_server.url, users[Role.OFFICE].username)
    page.goto(f"{live_server.url}/rectification/tasks/{task.pk}/")
    page.wait_for_selector("#task-actions")
    assert "验收材料.pdf" in page.inner_text("#task-records")
    act(page, "accept")
    assert page.inner_text("#task-state") == "已验收"
    act(page, "close")
    assert page.inner_text("#task-state") == "已销号"
    page.screenshot(path="/tmp/e2e-rectification-closed.png", full_page=True)
    assert Task.objects.get().state == State.CLOSED

    page.click(".rect-links >> text=任务看板")
    page.wait_for_selector("#column-closed")
    assert "压缩企业开办时间至1个工作日" in page.inner_text("#column-closed")

    page.click(".rect-links >> text=领导督导")
    page.wait_for_selector("#closure-chart canvas")
    assert page.locator("#no-overdue-chart").count() == 1
    assert "市场监督管理局高新区分局" in page.inner_text("#ranking-table")
    page.screenshot(path="/tmp/e2e-rectification-leader.png", full_page=True)
