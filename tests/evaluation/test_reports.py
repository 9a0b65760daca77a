"""The Word and Excel evaluation reports, read back and checked against the result's numbers.

No database: the reports take an `EvaluationResult` and return bytes. Expected figures are
recomputed here from `result.scores`, `result.frontier` and `result.ranks` with decimal half-up
rounding, independently of the diagnosis module the reports use.
"""

import io
import logging
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn

from yingshang.core.evaluation import Observations, evaluate, methodology_from_text
from yingshang.core.evaluation.loading import preset_names, preset_text
from yingshang.evaluation.reports import build_docx, build_xlsx, charts
from yingshang.evaluation.reports.xlsx_report import sheet_name

ORDINALS = "一二三四五六七八九十"
UNITS = tuple(f"功能区{k:02d}" for k in range(1, 19))
TITLE = "2024年郑州高新区营商环境评价报告"
ZONE = "郑州高新区"

# Used when the henan-zone preset is not installed: the same shape (0.7/0.3 combination).
FALLBACK_METHODOLOGY = """
format: yingshang-methodology/1
id: report-test
name: 报告测试评价方法
version: "1"
combination: {objective: 0.7, satisfaction: 0.3}
indicators:
  - id: starting
    name: 开办企业
    children:
      - {id: starting_time, name: 开办企业时间, unit: 天, goalposts: {from: sample, better: lower}}
      - {id: starting_cost, name: 开办企业成本, unit: 元, goalposts: {from: sample, better: lower}}
  - id: services
    name: 政务服务
    children:
      - {id: services_online, name: 网上可办率, unit: "%", goalposts: {best: 100, worst: 0}}
  - id: innovation
    name: 产业创新环境
    children:
      - id: opening
        name: 开放环境
        children:
          - {id: foreign_investment, name: 实际使用外资额, unit: 万美元,
             goalposts: {from: sample, better: higher}}
      - id: talent
        name: 人才服务
        children:
          - {id: postgraduate_share, name: 硕士及以上学历人才占比, unit: "%",
             goalposts: {from: sample, better: higher}}
satisfaction:
  - {id: satisfaction_all, name: 企业满意度问卷, unit: 分, transform: identity}
"""

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


# --- independent arithmetic -------------------------------------------------------------------


def half_up(value: float, decimals: int = 2) -> Decimal:
    """The printed value: decimal half-up rounding of the shortest repr (80.975 -> 80.98)."""
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)  # a report never prints -0.00


def shown(value: float, decimals: int = 2) -> str:
    return f"{half_up(value, decimals):.{decimals}f}"


# --- data -------------------------------------------------------------------------------------


def _methodology():
    if "henan-zone" in preset_names():
        return methodology_from_text(preset_text("henan-zone"))
    return methodology_from_text(FALLBACK_METHODOLOGY)


def _records(methodology, period: str, rng: np.random.Generator) -> list[tuple]:
    rows = []
    for unit in UNITS:
        for leaf in methodology.leaves:
            node = methodology.nodes[leaf]
            if node.transform == "identity":
                value = rng.uniform(40, 100)
            elif node.goalposts is not None and node.goalposts.mode == "fixed":
                low, high = sorted((node.goalposts.best, node.goalposts.worst))
                value = rng.uniform(low, high)
            else:
                value = rng.uniform(1, 200)
            rows.append((unit, leaf, round(value, 3), period))
    return rows


@pytest.fixture(scope="module")
def evaluated():
    methodology = _methodology()
    rng = np.random.default_rng(20240601)
    periods = ("2022", "2023", "2024")
    records = [row for period in periods for row in _records(methodology, period, rng)]
    observations = Observations.from_records(records)
    results = [evaluate(methodology, observations, period=p) for p in periods]
    current = results[-1]
    # A unit in the middle of the ranking: below the frontier, so gaps are printed.
    overall = current.scores[:, current.node_index("overall")]
    unit = current.units[int(np.argsort(overall)[len(overall) // 2])]
    return {"result": current, "previous": results[-2], "trend": results, "unit": unit}


@pytest.fixture(scope="module")
def docx_bytes(evaluated):
    return build_docx(
        result=evaluated["result"],
        unit=evaluated["unit"],
        previous=evaluated["previous"],
        trend=evaluated["trend"],
        zone_name=ZONE,
        title=TITLE,
    )


@pytest.fixture(scope="module")
def document(docx_bytes):
    return Document(io.BytesIO(docx_bytes))


@pytest.fixture(scope="module")
def workbook_bytes(evaluated):
    return build_xlsx(
        result=evaluated["result"],
        unit=evaluated["unit"],
        previous=evaluated["previous"],
        trend=evaluated["trend"],
        zone_name=ZONE,
        title=TITLE,
    )


def _sections(methodology) -> list[str]:
    """The report's indicator subsections: the top-level indicators, then satisfaction."""
    extra = ["satisfaction"] if methodology.combination else []
    return [*methodology.top_level, *extra]


def _texts(document) -> list[str]:
    """Every paragraph and every table cell of the document."""
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return texts


def _headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def _table_starting_with(document, *header: str):
    for table in document.tables:
        cells = [c.text for c in table.rows[0].cells]
        if tuple(cells[: len(header)]) == header:
            return table
    raise AssertionError(f"没有表头为 {header} 的表格")


def _names_to_nodes(result) -> dict[str, str]:
    names: dict[str, str] = {}
    for node_id, node in result.methodology.nodes.items():
        assert node.name not in names, f"指标名称重复：{node.name}"
        names[node.name] = node_id
    return names


# --- Word -------------------------------------------------------------------------------------


def test_docx_has_the_sections_and_one_heading_per_top_level_indicator(document, evaluated):
    methodology = evaluated["result"].methodology
    first = _headings(document, 1)
    assert first[:3] == ["一、评价情况", "二、短板弱项", "三、变化情况"]
    assert "附录" in first
    sections = _sections(methodology)
    expected = [f"（{ORDINALS[k]}）{methodology.name_of(n)}" for k, n in enumerate(sections)]
    second = _headings(document, 2)
    assert second[: len(expected)] == expected
    assert document.paragraphs[0].text == TITLE


def test_overall_sentence_shows_the_results_score_and_rank(document, evaluated):
    result, unit = evaluated["result"], evaluated["unit"]
    sentence = next(p.text for p in document.paragraphs if p.text.startswith("本次营商环境评价"))
    match = re.search(r"总体得分为(\d+\.\d{2})分，在全省(\d+)个功能区排名第(\d+)位", sentence)
    assert match, sentence
    i = result.units.index(unit)
    assert match.group(1) == shown(result.scores[i, result.nodes.index("overall")])
    assert int(match.group(2)) == int(result.eligible.sum())
    assert int(match.group(3)) == int(result.ranks[i, result.nodes.index("overall")])


def test_each_indicator_sentence_shows_score_rank_and_gaps(document, evaluated):
    result, unit = evaluated["result"], evaluated["unit"]
    names = _names_to_nodes(result)
    i = result.units.index(unit)
    pattern = re.compile(r"^本次评价，(.+?)指标得分为(\d+\.\d{2})分，.*?排名第(\d+)位")
    checked = 0
    for paragraph in document.paragraphs:
        match = pattern.match(paragraph.text)
        if not match:
            continue
        j = result.nodes.index(names[match.group(1)])
        assert match.group(2) == shown(result.scores[i, j])
        assert int(match.group(3)) == int(result.ranks[i, j])
        checked += 1
    assert checked == len(_sections(result.methodology))


def test_every_gap_to_the_frontier_is_the_difference_of_displayed_values(document, evaluated):
    """Wherever the report names an indicator and prints 较全省前沿值低X分, X must equal the
    printed frontier minus the printed score."""
    result, unit = evaluated["result"], evaluated["unit"]
    names = _names_to_nodes(result)
    i = result.units.index(unit)

    def expected_gap(node: str) -> Decimal:
        j = result.nodes.index(node)
        return half_up(result.frontier[j]) - half_up(result.scores[i, j])

    checked = 0
    for paragraph in document.paragraphs:
        match = re.match(r"^本次评价，(.+?)指标得分.*较全省前沿值低(\d+\.\d{2})分", paragraph.text)
        if match:
            assert Decimal(match.group(2)) == expected_gap(names[match.group(1)])
            checked += 1
    for table in document.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            for text in cells:
                for gap in re.findall(r"较全省前沿值低(\d+\.\d{2})分", text):
                    node = next(names[c] for c in cells if c in names)
                    assert Decimal(gap) == expected_gap(node), cells
                    checked += 1
    assert checked > len(result.methodology.top_level)


def test_sub_indicator_tables_show_displayed_scores_and_gaps(document, evaluated):
    result, unit = evaluated["result"], evaluated["unit"]
    names = _names_to_nodes(result)
    i = result.units.index(unit)
    checked = 0
    for table in document.tables:
        header = [c.text for c in table.rows[0].cells]
        if "较前沿值差距" not in header:
            continue
        at = {label: k for k, label in enumerate(header)}
        for row in table.rows[1:]:
            cells = [c.text for c in row.cells]
            j = result.nodes.index(names[cells[0]])
            assert cells[at["得分"]] == shown(result.scores[i, j])
            assert cells[at["前沿值"]] == shown(result.frontier[j])
            assert cells[at["平均值"]] == shown(result.average[j])
            gap = half_up(result.frontier[j]) - half_up(result.scores[i, j])
            assert Decimal(cells[at["较前沿值差距"]]) == gap
            lead = half_up(result.scores[i, j]) - half_up(result.average[j])
            assert Decimal(cells[at["较平均值差距"]]) == lead
            checked += 1
    assert checked >= len(result.methodology.top_level)


def test_leaf_raw_values_are_printed_with_their_units(document, evaluated):
    result, unit = evaluated["result"], evaluated["unit"]
    names = _names_to_nodes(result)
    i = result.units.index(unit)
    seen = set()
    for table in document.tables:
        header = [c.text for c in table.rows[0].cells]
        if "原始值" not in header or "计量单位" not in header:
            continue
        for row in table.rows[1:]:
            cells = [c.text for c in row.cells]
            leaf = names[cells[0]]
            value = result.raw[i, result.leaves.index(leaf)]
            assert cells[header.index("原始值")] == shown(value)
            assert cells[header.index("计量单位")] == (result.methodology.nodes[leaf].unit or "—")
            seen.add(leaf)
    assert seen == set(result.leaves)


def test_docx_embeds_the_charts(document):
    # Comparison, ranks and (with a trend) the trend chart.
    assert len(document.inline_shapes) == 3


def test_ranking_table_lists_every_unit_with_its_displayed_score(document, evaluated):
    result = evaluated["result"]
    table = _table_starting_with(document, "排名", "单位")
    assert len(table.rows) == len(result.units) + 1
    overall = result.nodes.index("overall")
    ranks = []
    for row in table.rows[1:]:
        rank, unit, score = (c.text for c in row.cells[:3])
        i = result.units.index(unit)
        assert int(rank) == int(result.ranks[i, overall])
        assert score == shown(result.scores[i, overall])
        ranks.append(int(rank))
    assert ranks == sorted(ranks)


def test_change_table_shows_the_difference_of_displayed_scores(document, evaluated):
    result, previous, unit = evaluated["result"], evaluated["previous"], evaluated["unit"]
    names = _names_to_nodes(result)
    table = _table_starting_with(document, "指标", "本期得分", "上期得分", "得分变化")
    i, k = result.units.index(unit), previous.units.index(unit)
    for row in table.rows[1:]:
        cells = [c.text for c in row.cells]
        j = result.nodes.index(names[cells[0]])
        change = half_up(result.scores[i, j]) - half_up(previous.scores[k, j])
        assert Decimal(cells[3]) == change
        moved = int(previous.ranks[k, j]) - int(result.ranks[i, j])
        expected = "持平" if moved == 0 else (f"上升{moved}位" if moved > 0 else f"下降{-moved}位")
        assert cells[6] == expected


def test_trend_table_has_one_row_per_period(document, evaluated):
    table = _table_starting_with(document, "期间", "总体得分", "总体排名")
    periods = [row.cells[0].text for row in table.rows[1:]]
    assert periods == [r.period for r in evaluated["trend"]]


def test_east_asian_fonts_are_set_on_body_and_headings(document):
    def east_asia(style_name: str) -> str:
        rfonts = document.styles[style_name].element.rPr.find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsiaTheme")) is None
        return rfonts.get(qn("w:eastAsia"))

    assert east_asia("Normal") in {"宋体", "仿宋"}
    assert east_asia("Heading 1") == "黑体"
    assert east_asia("Heading 2") == "黑体"


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


# --- Excel ------------------------------------------------------------------------------------


def test_workbook_has_the_named_sheets(workbook_bytes, evaluated):
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    names = workbook.sheetnames
    for expected in ("总体排名", "指标得分", "本区诊断", "短板弱项", "目标值", "历年走势"):
        assert expected in names
    intermediate = [n for n in names if n.startswith("中间表")]
    assert len(intermediate) == len(evaluated["result"].tables())
    assert all(len(n) <= 31 for n in names)
    assert workbook["总体排名"].freeze_panes is not None


def test_ranking_sheet_matches_the_result(workbook_bytes, evaluated):
    result = evaluated["result"]
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes))["总体排名"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("排名", "单位", "总体表现")
    assert len(rows) == len(result.units) + 1
    overall = result.nodes.index("overall")
    for rank, unit, score, *_ in rows[1:]:
        i = result.units.index(unit)
        assert rank == int(result.ranks[i, overall])
        assert Decimal(repr(score)) == half_up(result.scores[i, overall])


def test_scores_sheet_has_every_units_scores_and_ranks(workbook_bytes, evaluated):
    result = evaluated["result"]
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes))["指标得分"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1:3] == ("得分", "排名")
    for row in rows[2:]:
        i = result.units.index(row[0])
        for j in range(len(result.nodes)):
            score, rank = row[1 + 2 * j], row[2 + 2 * j]
            assert Decimal(repr(score)) == half_up(result.scores[i, j])
            assert (rank or 0) == int(result.ranks[i, j])


def test_diagnosis_sheet_gap_columns_are_differences_of_displayed_values(workbook_bytes, evaluated):
    result, unit = evaluated["result"], evaluated["unit"]
    i = result.units.index(unit)
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes))["本区诊断"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert [r[0] for r in rows[1:]] == list(result.nodes)
    for row in rows[1:]:
        j = result.nodes.index(row[0])
        gap = row[header.index("较前沿值差距")]
        expected = half_up(result.frontier[j]) - half_up(result.scores[i, j])
        assert Decimal(repr(gap)).quantize(Decimal("0.01")) == expected


def test_workbook_contains_native_charts(workbook_bytes):
    with zipfile.ZipFile(io.BytesIO(workbook_bytes)) as archive:
        assert "xl/charts/chart1.xml" in archive.namelist()
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes))["一级指标对比"]
    assert sheet.max_row >= 2


def test_sheet_names_are_valid_and_unique():
    taken: set[str] = set()
    long = "中间表-" + "很长的表名" * 10
    first, second = sheet_name(long, taken), sheet_name(long, taken)
    assert len(first) <= 31 and len(second) <= 31
    assert first != second
    assert sheet_name("a/b:c?", taken) == "a_b_c_"
