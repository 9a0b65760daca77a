"""Browser checks of the demo's homes: the administrator's 领导督导 page works on the zone whose
tasks it sees, the enterprise's home says what to do and whom to call (and never shows its
credit risk class), the supervisor's home says how to report a problem.

Screenshots go to /tmp/e2e-home-*.png for a look at the layout.
"""

import datetime as dt

import pytest
from django.utils import timezone

from tests.e2e.test_login_roles import (  # noqa: F401
    _async_unsafe_allowed,
    browser,
    csp_violations,
    page,
)
from yingshang.demo import reference as ref
from yingshang.demo.build import build_demo
from yingshang.kernel.models import Qualification, QualificationKind, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EXPIRING_IN_DAYS = 30


@pytest.fixture
def demo():
    """The demo zone, its enterprise account holding a certificate that ends in 30 days
    whatever the dates of the demo's own certificates."""
    build_demo(size=40, seed=3)
    enterprise = User.objects.get(username="enterprise").enterprise
    Qualification.objects.update_or_create(
        enterprise=enterprise,
        kind=QualificationKind.objects.get(code="sme_tech"),
        defaults={
            "certificate_no": "KJXZX-2024-0001",
            "valid_until": timezone.localdate() + dt.timedelta(days=EXPIRING_IN_DAYS),
        },
    )
    return {u.username: u for u in User.objects.select_related("zone", "enterprise")}


def sign_in(browser_page, base_url: str, username: str) -> None:
    browser_page.goto(f"{base_url}/login/")
    browser_page.fill("#id_username", username)
    browser_page.fill("#id_password", ref.demo_password(username))
    browser_page.click("button[type=submit]")
    browser_page.wait_for_selector("h1")


def test_admin_leader_page_shows_its_own_zone(page, live_server, demo, csp_violations):  # noqa: F811
    admin = demo["admin"]
    sign_in(page, live_server.url, "admin")
    page.click("nav >> text=整改")
    page.wait_for_selector("h1:has-text('整改任务')")
    page.click(".rect-links >> text=领导督导")
    page.wait_for_selector("h1:has-text('领导督导')")
    assert page.inner_text(".page-head .subtitle").startswith(admin.zone.name)
    assert admin.zone.name == "郑州高新技术产业开发区"
    # Not an empty page: the demo's overdue tasks and the departments' ranking are there.
    assert page.locator("#overdue-table tbody tr").count() > 0
    assert "部门效能排名" in page.inner_text("main")
    page.screenshot(path="/tmp/e2e-home-admin-leader.png", full_page=True)
    assert csp_violations == []


def test_enterprise_home_says_what_to_do_and_whom_to_call(
    page,  # noqa: F811
    live_server,
    demo,
    csp_violations,  # noqa: F811
):
    enterprise = demo["enterprise"].enterprise
    office = demo["office"]
    sign_in(page, live_server.url, "enterprise")
    assert page.inner_text("h1") == "企业服务中心"
    main = page.inner_text("main")
    assert enterprise.name in main and enterprise.uscc in main
    actions = page.inner_text("#qualification-actions")
    assert "科技型中小企业" in actions
    assert f"将于 {EXPIRING_IN_DAYS} 天后到期" in actions and "向发证机关申请延续" in actions
    contacts = page.inner_text("#office-contacts")
    assert "有诉求需要反映，请致电下列营商办工作人员" in contacts
    assert office.full_name in contacts and office.phone in contacts
    # The demo's office has no e-mail address: no empty mail link.
    assert page.locator("#office-contacts a[href^='mailto:']").count() == 0
    assert "信用风险分类" not in main
    page.screenshot(path="/tmp/e2e-home-enterprise.png", full_page=True)
    page.click("nav >> text=我的企业")
    page.wait_for_selector("h1:has-text('我的企业')")
    assert enterprise.name in page.inner_text("main")
    assert "信用风险分类" not in page.inner_text("main")
    assert csp_violations == []


def test_supervisor_home_guides_a_report(page, live_server, demo, csp_violations):  # noqa: F811
    office = demo["office"]
    sign_in(page, live_server.url, "supervisor")
    assert page.inner_text("h1") == "监督员工作台"
    guide = page.inner_text("#report-guide")
    for part in ("时间", "地点", "涉及部门", "事实经过", "证据"):
        assert part in guide
    after = page.inner_text("#after-report")
    assert "受理" in after and "转办" in after and "回复" in after
    contacts = page.inner_text("#office-contacts")
    assert office.full_name in contacts and office.phone in contacts
    assert office.department.name in contacts
    page.screenshot(path="/tmp/e2e-home-supervisor.png", full_page=True)
    assert csp_violations == []
