"""The one rule for exports: text that a spreadsheet would read as a formula is written as text."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from yingshang.lib.tabular.safe import csv_writer, safe_text, workbook

DANGEROUS = ['=HYPERLINK("http://x","y")', "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_gets_a_leading_quote(text):
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["甲区", "a=b", "", " =1", -3.5, -2, 0, None, dt.date(2024, 1, 2), True]
)
def test_other_values_are_left_alone(value):
    assert safe_text(value) is value


def test_csv_writer_quotes_text_cells_only():
    handle = io.StringIO()
    writer = csv_writer(handle, lineterminator="\n")
    writer.writerow(["=1+1", -1.5, None, "甲区"])
    writer.writerows([["@x", 2]])
    rows = list(csv.reader(io.StringIO(handle.getvalue())))
    assert rows == [["'=1+1", "-1.5", "", "甲区"], ["'@x", "2"]]


def test_workbook_stores_formula_like_text_and_links_as_text():
    buffer = io.BytesIO()
    book = workbook(buffer, {"in_memory": True, "strings_to_formulas": True})
    sheet = book.add_worksheet("表")
    sheet.write(0, 0, '=HYPERLINK("http://x","y")')
    sheet.write_row(1, 0, ["=1+1", "http://example.com", -2])
    book.close()
    cells = load_workbook(io.BytesIO(buffer.getvalue()))["表"]
    assert cells["A1"].data_type == "s"
    assert cells["A1"].value == '=HYPERLINK("http://x","y")'
    assert (cells["A2"].data_type, cells["A2"].value) == ("s", "=1+1")
    assert cells["B2"].hyperlink is None
    assert cells["C2"].value == -2
