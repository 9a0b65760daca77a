"""Browser journey of the evaluation module: an office uploads data, runs the henan-zone
methodology, reads the ranking and its diagnosis, tries a what-if, checks the robustness of the
ranking, and downloads the report.

Screenshots of each page go to /tmp/e2e-evaluation-*.png for a look at the layout.
"""

import io

import pytest
from docx import Document

from tests.e2e.test_login_roles import _async_unsafe_allowed, browser, log_in, page  # noqa: F401
from tests.evaluation.helpers import HENAN_UNITS as UNITS
from tests.evaluation.helpers import indicator_csv
from yingshang.evaluation import selectors
from yingshang.evaluation.models import EvaluationRun, UnitScore
from yingshang.kernel.models import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def frontier_values(run) -> dict[int, float]:
    """Leaf index -> the best raw value among the units: the hosted zone catching up fully."""
    result = selectors.run_result(run)
    values = {}
    for j, leaf in enumerate(result.leaves):
        node = result.methodology.nodes[leaf]
        column = [v for v in result.raw[:, j] if v == v]
        if node.goalposts is None or not column:
            continue
        values[j] = min(column) if node.goalposts.better == "lower" else max(column)
    return values


def test_office_evaluates_and_reports(page, live_server, users, zone, tmp_path):  # noqa: F811
    data = tmp_path / "指标数据.csv"
    data.write_bytes(indicator_csv())
    log_in(page, live_server.url, users[Role.OFFICE].username)

    page.click("nav >> text=评价")
    page.wait_for_selector("h1:has-text('营商环境评价')")
    page.click("text=上传数据")
    page.fill("#id_name", "2023-2024 年度指标数据")
    page.select_option("#id_kind", "indicators")
    page.set_input_files("#id_file", str(data))
    page.screenshot(path="/tmp/e2e-evaluation-upload.png", full_page=True)
    page.click("button:has-text('上传')")

    page.wait_for_selector("h1:has-text('新建评价')")
    assert "已上传数据" in page.inner_text(".messages")
    page.select_option("#id_methodology", "preset:henan-zone")
    page.screenshot(path="/tmp/e2e-evaluation-new.png", full_page=True)
    page.click("button:has-text('计算并发布')")

    page.wait_for_selector("#ranking-table")
    run = EvaluationRun.objects.get()
    assert page.locator("#ranking-table tbody tr").count() == len(UNITS)
    focus_row = page.locator("#ranking-table tbody tr.focus")
    assert zone.name in focus_row.inner_text()
    page.wait_for_selector("#comparison-chart canvas")
    page.wait_for_selector("#rank-chart canvas")
    page.screenshot(path="/tmp/e2e-evaluation-run.png", full_page=True)

    page.click(".run-links >> text=功能区诊断")
    page.wait_for_selector("#standings")
    assert "较全省" in page.inner_text("#standings")
    assert "本次营商环境评价，我区总体得分为" in page.inner_text("#overview")
    page.screenshot(path="/tmp/e2e-evaluation-unit.png", full_page=True)

    page.click(".run-links >> text=模拟测算")
    page.wait_for_selector("#what-if-form")
    before = UnitScore.objects.get(run=run, unit=zone.name, node="overall").rank
    for index, value in frontier_values(run).items():
        page.fill(f"#id_leaf_{index}", str(value))
    page.check("#id_freeze_goalposts")
    page.click("#what-if-form button:has-text('计算')")
    page.wait_for_selector("#what-if-unit")
    overall = page.locator("#what-if-unit tbody tr").first
    assert int(overall.locator("td.rank-after").inner_text()) < before
    assert "<html" not in page.inner_html("#what-if-result")
    page.screenshot(path="/tmp/e2e-evaluation-what-if.png", full_page=True)

    page.click(".run-links >> text=稳健性分析")
    page.wait_for_selector("#weightings")
    page.fill("#id_runs", "200")
    page.click("#robustness-form button:has-text('开始分析')")
    # The partial arrives by htmx and its chart is drawn when it settles.
    page.wait_for_selector("#interval-chart canvas")
    assert page.locator("#intervals tbody tr").count() == len(UNITS)
    page.screenshot(path="/tmp/e2e-evaluation-robustness.png", full_page=True)

    with page.expect_download() as download_info:
        page.click("text=下载评价报告（Word）")
    path = tmp_path / "report.docx"
    download_info.value.save_as(path)
    document = Document(io.BytesIO(path.read_bytes()))
    assert any(paragraph.text.strip() for paragraph in document.paragraphs)

    # On a phone the wide ranking table scrolls inside its frame; the page itself does not.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/evaluation/runs/{run.pk}/")
    page.wait_for_selector("#comparison-chart canvas")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path="/tmp/e2e-evaluation-phone.png", full_page=True)
