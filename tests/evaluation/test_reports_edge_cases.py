"""The Word and Excel reports in less usual cases: no earlier period, a single period, an
unknown unit, a methodology without combination, no Chinese font; and the chart images.

No database: the reports take an `EvaluationResult` and return bytes.
"""

import io
import logging

import numpy as np
import openpyxl
import pytest
from docx import Document

from tests.evaluation.report_helpers import TITLE, UNITS, ZONE, evaluated_periods
from yingshang.core.evaluation import Observations, evaluate, methodology_from_text
from yingshang.evaluation.reports import build_docx, build_xlsx, charts

# No combination, and a mean imputation so a missing value is filled in and marked.
PLAIN_METHODOLOGY = """
format: yingshang-methodology/1
id: plain
name: 简单评价方法
missing: mean
indicators:
  - id: speed
    name: 办事速度
    children:
      - {id: days, name: 办理天数, unit: 天, goalposts: {best: 1, worst: 30}}
      - {id: steps, name: 办理环节, unit: 个, goalposts: {best: 1, worst: 10}}
  - {id: online, name: 网上可办率, unit: "%", goalposts: {best: 100, worst: 0}}
"""


@pytest.fixture(scope="module")
def evaluated():
    return evaluated_periods()


def _texts(document) -> list[str]:
    """Every paragraph and every table cell of the document."""
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return texts


# --- less usual inputs ------------------------------------------------------------------------


def test_without_previous_or_trend_the_change_section_says_so(evaluated):
    data = build_docx(
        result=evaluated["result"], unit=evaluated["unit"], zone_name=ZONE, title=TITLE
    )
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert "三、变化情况" in texts
    assert any("暂无变化情况" in t for t in texts)
    assert len(document.inline_shapes) == 2


def test_a_single_period_trend_is_not_a_trend(evaluated):
    arguments = {
        "result": evaluated["result"],
        "unit": evaluated["unit"],
        "trend": [evaluated["result"]],
        "zone_name": ZONE,
        "title": "",
    }
    document = Document(io.BytesIO(build_docx(**arguments)))
    assert document.paragraphs[0].text == f"{ZONE}营商环境评价报告"
    assert any("暂无变化情况" in p.text for p in document.paragraphs)
    assert len(document.inline_shapes) == 2
    workbook = openpyxl.load_workbook(io.BytesIO(build_xlsx(**arguments)))
    assert "历年走势" not in workbook.sheetnames


def test_unknown_unit_is_refused(evaluated):
    with pytest.raises(KeyError):
        build_docx(result=evaluated["result"], unit="不存在的区", zone_name=ZONE, title=TITLE)
    with pytest.raises(KeyError):
        build_xlsx(result=evaluated["result"], unit="不存在的区", zone_name=ZONE, title=TITLE)


def test_methodology_without_combination_and_with_a_filled_in_value():
    methodology = methodology_from_text(PLAIN_METHODOLOGY)
    rng = np.random.default_rng(7)
    records = [
        (unit, leaf, float(rng.uniform(1, 10) if leaf != "online" else rng.uniform(0, 100)))
        for unit in UNITS[:6]
        for leaf in methodology.leaves
        if not (unit == UNITS[0] and leaf == "days")
    ]
    result = evaluate(methodology, Observations.from_records(records))
    data = build_docx(result=result, unit=UNITS[0], zone_name=ZONE, title=TITLE)
    document = Document(io.BytesIO(data))
    texts = _texts(document)
    assert not any("客观指标表现得分" in t for t in texts)
    assert "缺失*" in texts
    assert any(t.startswith("注：标*者本期数据缺失") for t in texts)
    workbook = openpyxl.load_workbook(
        io.BytesIO(build_xlsx(result=result, unit=UNITS[0], zone_name=ZONE, title=TITLE))
    )
    assert workbook["总体排名"].max_row == 7


# --- fonts ------------------------------------------------------------------------------------


def test_pick_cjk_font_prefers_simplified_chinese_and_finds_none_among_latin_fonts():
    installed = ["DejaVu Sans", "Noto Serif CJK JP", "Noto Sans CJK SC", "WenQuanYi Zen Hei"]
    assert charts.pick_cjk_font(installed) == "Noto Sans CJK SC"
    assert charts.pick_cjk_font(["Some Vendor Hei Regular", "DejaVu Sans"]) == (
        "Some Vendor Hei Regular"
    )
    assert charts.pick_cjk_font(["DejaVu Sans", "Liberation Serif"]) is None


@pytest.fixture
def no_cjk_font(monkeypatch):
    monkeypatch.setattr(charts, "installed_font_names", lambda: ["DejaVu Sans"])
    charts.reset_font_lookup()
    yield
    charts.reset_font_lookup()


def test_docx_is_produced_without_a_cjk_font_and_warns_once(no_cjk_font, evaluated, caplog):
    with caplog.at_level(logging.WARNING, logger=charts.__name__):
        data = build_docx(
            result=evaluated["result"],
            unit=evaluated["unit"],
            trend=evaluated["trend"],
            zone_name=ZONE,
            title=TITLE,
        )
    assert charts.cjk_font_family() is None
    document = Document(io.BytesIO(data))
    assert len(document.inline_shapes) == 3
    warnings = [r for r in caplog.records if r.name == charts.__name__]
    assert len(warnings) == 1
    assert "中文字体" in warnings[0].getMessage()


def test_charts_are_png_images():
    png = charts.comparison_chart(
        ["开办企业", "政务服务"], [80.0, None], [90.0, 95.0], [70.0, 75.0], unit_label=ZONE
    )
    assert png.startswith(b"\x89PNG")
    assert charts.rank_chart(["总体表现"], [3], ranked_count=18).startswith(b"\x89PNG")
    trend = charts.trend_chart(["2023", "2024"], [60.0, None], [5, None], ranked_count=18)
    assert trend.startswith(b"\x89PNG")
