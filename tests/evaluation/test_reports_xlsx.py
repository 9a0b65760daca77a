"""The Excel evaluation report, read back and checked against the result's numbers.

No database: the reports take an `EvaluationResult` and return bytes. Expected figures are
recomputed from `result.scores`, `result.frontier` and `result.ranks` with decimal half-up
rounding (tests/evaluation/report_helpers.py), independently of the diagnosis module the
reports use.
"""

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from tests.evaluation.report_helpers import TITLE, ZONE, evaluated_periods, half_up
from yingshang.evaluation.reports import build_xlsx
from yingshang.evaluation.reports.xlsx_report import sheet_name


@pytest.fixture(scope="module")
def evaluated():
    return evaluated_periods()


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
