"""The Word evaluation report, read back and checked against the result's numbers.

No database: the reports take an `EvaluationResult` and return bytes. Expected figures are
recomputed from `result.scores`, `result.frontier` and `result.ranks` with decimal half-up
rounding (tests/evaluation/report_helpers.py), independently of the diagnosis module the
reports use.
"""

import io
import re
from decimal import Decimal

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.evaluation.report_helpers import TITLE, ZONE, evaluated_periods, half_up, shown
from yingshang.evaluation.reports import build_docx

ORDINALS = "一二三四五六七八九十"


@pytest.fixture(scope="module")
def evaluated():
    return evaluated_periods()


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


def _sections(methodology) -> list[str]:
    """The report's indicator subsections: the top-level indicators, then satisfaction."""
    extra = ["satisfaction"] if methodology.combination else []
    return [*methodology.top_level, *extra]


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
