"""A unit named like a formula stays text in every evaluation export (no database)."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.evaluation.helpers import METHODOLOGY
from yingshang.core.evaluation import Observations, evaluate, methodology_from_text
from yingshang.core.evaluation.reading import write_long_table, write_tables
from yingshang.evaluation.reports import build_xlsx
from yingshang.evaluation.reports.tables import score_csv

EVIL = "=1+1"
UNITS = (EVIL, "甲区", "乙区", "丙区")


@pytest.fixture(scope="module")
def result():
    records = []
    for u, unit in enumerate(UNITS):
        records += [
            (unit, "days", 3.0 + u * 2, "2024"),
            (unit, "steps", 4.0 + (u * 3) % 5, "2024"),
            (unit, "firms", 100.0 + u * 40, "2024"),
            (unit, "sat", 70.0 + u * 7, "2024"),
        ]
    methodology = methodology_from_text(METHODOLOGY)
    return evaluate(methodology, Observations.from_records(records), period="2024")


def _assert_no_formula(content) -> int:
    """Every cell of every sheet is a value, none a formula; returns how many hold EVIL."""
    book = load_workbook(content)
    found = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value}"
                found += cell.value == EVIL
    return found


def _csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_report_workbook_has_no_formula(result):
    content = build_xlsx(result=result, unit=EVIL, trend=[result], zone_name="区", title="评价")
    assert _assert_no_formula(io.BytesIO(content)) > 0


def test_cli_out_xlsx_has_no_formula(result, tmp_path):
    path = write_long_table(result, tmp_path / "out.xlsx")
    assert _assert_no_formula(path) > 0


def test_cli_out_and_tables_csv_quote_the_name(result, tmp_path):
    path = write_long_table(result, tmp_path / "out.csv")
    cells = _csv_cells(path.read_text(encoding="utf-8"))
    assert "'" + EVIL in cells
    for table in write_tables(result, tmp_path / "tables"):
        cells += _csv_cells(table.read_text(encoding="utf-8"))
    assert not [cell for cell in cells if cell.startswith("=")]


def test_scores_csv_quotes_the_name(result):
    cells = _csv_cells(score_csv(result).lstrip("\ufeff"))
    assert "'" + EVIL in cells
    assert not [cell for cell in cells if cell.startswith("=")]
