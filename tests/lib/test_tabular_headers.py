"""Matching a header row to a template's columns, by header or by field name."""

from dataclasses import dataclass

from yingshang.lib.tabular.errors import HEADER_ROW, RowError
from yingshang.lib.tabular.headers import MISSING, UNKNOWN, HeaderMatcher, normalize_header


@dataclass(frozen=True)
class Col:
    header: str
    field: str
    required: bool = False


MATCHER = HeaderMatcher(
    [Col("问题", "title", True), Col("金额(万元)", "amount"), Col("备注", "note")]
)


def test_spellings_are_normalised():
    assert normalize_header(" 金额（万元） ") == "金额(万元)"
    assert normalize_header("Title") == "title"


def test_headers_match_by_header_or_field_in_any_spelling():
    header = MATCHER.match(["TITLE", None, " 金额（万元）", ""])
    assert header.errors == ()
    assert [(m.index, m.column.field, m.written) for m in header.columns] == [
        (0, "title", "TITLE"),
        (2, "amount", "金额（万元）"),
    ]
    assert header.has("amount") and not header.has("note")
    assert header.written("title") == "TITLE"
    assert header.written("note") == "备注"


def test_unknown_repeated_and_missing_columns_are_row_1_errors():
    header = MATCHER.match(["备注", "其他", "note"])
    assert list(header.errors) == [
        RowError(HEADER_ROW, "其他", UNKNOWN),
        RowError(HEADER_ROW, "note", "与“备注”列重复"),
        RowError(HEADER_ROW, "问题", MISSING),
    ]
    assert [m.column.field for m in header.columns] == ["note"]
