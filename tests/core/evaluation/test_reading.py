"""Reading observation files (CSV in UTF-8 / UTF-8 BOM / GB18030, .xlsx) and writing the long
table. Row numbers are spreadsheet rows: the header is row 1."""

import csv
import io
import math

import numpy as np
import pytest
from openpyxl import Workbook, load_workbook

from yingshang.core.evaluation import (
    DataError,
    Observations,
    evaluate,
    parse_methodology,
)
from yingshang.core.evaluation.reading import (
    observations_to_rows,
    read_observations,
    write_long_table,
    write_tables,
)

GOOD = "unit,indicator,value,period\nA,x,1.5,2020\nB,x,2,2020\nA,y,3,2019\n"


def write_csv(path, text: str, encoding: str = "utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path, rows: list[list[object]]):
    workbook = Workbook()
    sheet = workbook.active
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=number, column=column, value=value)
    workbook.create_sheet("说明").cell(row=1, column=1, value="unit")
    workbook.save(path)
    return path


def problems_of(source, **kwargs) -> list[tuple[int, str, str]]:
    with pytest.raises(DataError) as caught:
        read_observations(source, **kwargs)
    return [(p.row, p.column, p.reason) for p in caught.value.problems]


# --- good files ------------------------------------------------------------------------------


def test_utf8_csv(tmp_path):
    obs = read_observations(write_csv(tmp_path / "d.csv", GOOD))
    assert obs.unit.tolist() == ["A", "B", "A"]
    assert obs.indicator.tolist() == ["x", "x", "y"]
    assert obs.value.tolist() == [1.5, 2.0, 3.0]
    assert obs.period.tolist() == ["2020", "2020", "2019"]
    assert obs.row.tolist() == [2, 3, 4]
    assert obs.value.dtype == np.float64


def test_utf8_with_bom_and_gb18030_with_chinese_headers(tmp_path):
    text = (
        "单位,指标,数值,期间,分组\n"
        "新乡高新区,开办企业时间,2.5,2020,豫北\n"
        "郑州高新区,开办企业时间,1,2020,豫中\n"
    )
    for encoding in ("utf-8-sig", "gb18030"):
        obs = read_observations(write_csv(tmp_path / f"{encoding}.csv", text, encoding))
        assert obs.unit.tolist() == ["新乡高新区", "郑州高新区"]
        assert obs.indicator.tolist() == ["开办企业时间", "开办企业时间"]
        assert obs.value.tolist() == [2.5, 1.0]
        assert dict(obs.groups) == {"新乡高新区": "豫北", "郑州高新区": "豫中"}


def test_headers_are_case_insensitive_in_any_order_with_extra_columns(tmp_path):
    text = "备注,Value,UNIT,Indicator\n说明,7,A,x\n"
    obs = read_observations(write_csv(tmp_path / "d.csv", text))
    assert (obs.unit.tolist(), obs.indicator.tolist(), obs.value.tolist()) == (["A"], ["x"], [7.0])
    assert obs.period.tolist() == [""]


def test_thousands_separators_and_signs_are_numbers(tmp_path):
    text = 'unit,indicator,value\nA,x,"9,422.00"\nA,y,-3.5\nA,z,1e3\nA,w,"1,234,567"\n'
    obs = read_observations(write_csv(tmp_path / "d.csv", text))
    assert obs.value.tolist() == [9422.0, -3.5, 1000.0, 1234567.0]


def test_blank_rows_keep_their_numbers_and_blank_values_are_missing(tmp_path):
    text = "unit,indicator,value\nA,x,1\n,,\nA,y,\nB,x,4\n"
    obs = read_observations(write_csv(tmp_path / "d.csv", text))
    assert obs.unit.tolist() == ["A", "B"]
    assert obs.row.tolist() == [2, 5]


def test_xlsx_first_sheet_with_numbers_and_gaps(tmp_path):
    rows = [
        ["单位", "指标", "数值", "期间"],
        ["A", "x", 1.25, 2020],
        [None, None, None, None],
        ["B", "x", "3", 2020],
        ["C", "x", 7, 2020.0],
    ]
    obs = read_observations(write_xlsx(tmp_path / "d.xlsx", rows))
    assert obs.unit.tolist() == ["A", "B", "C"]
    assert obs.value.tolist() == [1.25, 3.0, 7.0]
    assert obs.period.tolist() == ["2020", "2020", "2020"]
    assert obs.row.tolist() == [2, 4, 5]


def test_stream_with_a_filename(tmp_path):
    obs = read_observations(io.BytesIO(GOOD.encode()), filename="upload.csv")
    assert len(obs) == 3
    content = write_xlsx(tmp_path / "d.xlsx", [["unit", "indicator", "value"], ["A", "x", 2]])
    with content.open("rb") as handle:
        assert read_observations(handle, filename="上传.xlsx").value.tolist() == [2.0]


def test_tab_separated_text_and_an_unnamed_workbook_stream(tmp_path):
    obs = read_observations(io.BytesIO("单位\t指标\t数值\nA\tx\t2\n".encode()), filename="d.txt")
    assert obs.value.tolist() == [2.0]
    book = write_xlsx(tmp_path / "d.xlsx", [["unit", "indicator", "value"], ["A", "x", 3]])
    assert read_observations(io.BytesIO(book.read_bytes())).value.tolist() == [3.0]


def test_observations_to_rows_round_trips(tmp_path):
    text = "unit,indicator,value,period,group\nA,x,1,2020,g\nB,x,2,2020,h\n"
    obs = read_observations(write_csv(tmp_path / "d.csv", text))
    rows = observations_to_rows(obs)
    assert rows == [("A", "x", 1.0, "2020"), ("B", "x", 2.0, "2020")]
    again = Observations.from_records(rows, groups=obs.groups)
    assert again.value.tolist() == obs.value.tolist()
    assert dict(again.groups) == {"A": "g", "B": "h"}


# --- bad files -------------------------------------------------------------------------------


def test_empty_file_is_rejected_on_row_1(tmp_path):
    problems = problems_of(write_csv(tmp_path / "d.csv", ""))
    assert len(problems) == 1 and problems[0][0] == 1
    assert "表头" in problems[0][2]


def test_missing_required_columns_are_each_reported_on_row_1(tmp_path):
    problems = problems_of(write_csv(tmp_path / "d.csv", "unit,数量\nA,1\n"))
    assert [(row, column) for row, column, _ in problems] == [(1, "indicator"), (1, "value")]
    assert all("缺少必填列" in reason for _, _, reason in problems)


def test_a_column_given_twice_is_reported(tmp_path):
    problems = problems_of(write_csv(tmp_path / "d.csv", "unit,单位,indicator,value\nA,A,x,1\n"))
    assert problems == [(1, "unit", "表头中单位列出现了两次")]


def test_every_bad_row_is_reported_and_nothing_is_returned(tmp_path):
    text = "\n".join(
        [
            "unit,indicator,value,period,group",
            "A,x,1,2020,g1",  # 2 fine
            ",x,1,2020,",  # 3 empty unit
            "A,,1,2020,",  # 4 empty indicator
            "A,y,abc,2020,",  # 5 not a number
            "A,z,6.2%,2020,",  # 6 percent
            "A,w,nan,2020,",  # 7 NaN
            "A,v,inf,2020,",  # 8 infinity
            "A,x,2,2020,",  # 9 duplicate of row 2
            "A,u,3,2020,g2",  # 10 another group
            'A,t,"1,23",2020,',  # 11 malformed thousands
            "A,s,1_000,2020,",  # 12 underscores
            "B,x,5,2020,",  # 13 fine
        ]
    )
    problems = problems_of(write_csv(tmp_path / "d.csv", text + "\n"))
    assert [(row, column) for row, column, _ in problems] == [
        (3, "unit"),
        (4, "indicator"),
        (5, "value"),
        (6, "value"),
        (7, "value"),
        (8, "value"),
        (9, "value"),
        (10, "group"),
        (11, "value"),
        (12, "value"),
    ]
    reasons = dict(((row, column), reason) for row, column, reason in problems)
    assert reasons[(3, "unit")] == "单位为空"
    assert reasons[(4, "indicator")] == "指标为空"
    assert "不是数字" in reasons[(5, "value")]
    assert "百分号" in reasons[(6, "value")]
    assert "有限数" in reasons[(7, "value")] and "有限数" in reasons[(8, "value")]
    assert "与第 2 行重复" in reasons[(9, "value")]
    assert "与第 2 行的 g1 不一致" in reasons[(10, "group")]


def test_error_text_names_the_row_in_chinese(tmp_path):
    path = write_csv(tmp_path / "d.csv", "unit,indicator,value\nA,x,1\nB,x,abc\n")
    with pytest.raises(DataError) as caught:
        read_observations(path)
    text = str(caught.value)
    assert "第 3 行" in text and "abc" in text and "d.csv" in text


def test_xlsx_errors_use_spreadsheet_rows(tmp_path):
    rows = [
        ["unit", "indicator", "value"],
        ["A", "x", 1],
        [None, None, None],
        ["A", "y", "十"],
        ["A", "z", True],
        ["", "w", 1],
    ]
    problems = problems_of(write_xlsx(tmp_path / "d.xlsx", rows))
    assert [(row, column) for row, column, _ in problems] == [
        (4, "value"),
        (5, "value"),
        (6, "unit"),
    ]


def test_unsupported_and_broken_files(tmp_path):
    (tmp_path / "d.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    assert "另存为 .xlsx" in problems_of(tmp_path / "d.xls")[0][2]
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    assert "无法读取该 Excel 文件" in problems_of(tmp_path / "bad.xlsx")[0][2]
    assert "找不到数据文件" in problems_of(tmp_path / "none.csv")[0][2]


# --- writing ---------------------------------------------------------------------------------


@pytest.fixture
def result():
    m = parse_methodology(
        {
            "format": "yingshang-methodology/1",
            "id": "w",
            "name": "写出",
            "indicators": [
                {"id": "x", "name": "甲", "goalposts": {"best": 3, "worst": 0}},
                {"id": "y", "name": "乙", "goalposts": {"best": 0, "worst": 10}},
            ],
        }
    )
    data = Observations.from_records([("A", "x", 1), ("A", "y", 4), ("B", "x", 2)])
    return evaluate(m, data)


def read_csv_rows(path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_long_csv_has_the_contract_columns_and_no_bom(tmp_path, result):
    path = write_long_table(result, tmp_path / "out.csv")
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv_rows(path)
    assert rows[0] == ["unit", "node", "score", "rank", "frontier", "average"]
    body = {(r[0], r[1]): r[2:] for r in rows[1:]}
    assert len(rows) - 1 == len(body) == 2 * 3
    # A: x = 100 x 1/3, y = 100 x 6/10; B: x = 100 x 2/3, y missing.
    a_x, a_y, b_x = 100 / 3, 60.0, 200 / 3
    assert float(body[("A", "x")][0]) == pytest.approx(a_x, abs=1e-6)
    assert body[("A", "x")][1] == "2"
    assert float(body[("A", "overall")][0]) == pytest.approx((a_x + a_y) / 2, abs=1e-6)
    assert body[("B", "y")][:2] == ["", ""]
    assert float(body[("B", "y")][2]) == pytest.approx(a_y)
    assert float(body[("B", "x")][2]) == pytest.approx(b_x, abs=1e-6)
    assert float(body[("A", "x")][3]) == pytest.approx((a_x + b_x) / 2, abs=1e-6)
    assert body[("A", "x")][0] == "33.333333"  # six decimals


def test_long_xlsx_first_sheet_is_the_same_table_then_every_table(tmp_path, result):
    csv_rows = read_csv_rows(write_long_table(result, tmp_path / "out.csv"))
    path = write_long_table(result, tmp_path / "out.xlsx")
    workbook = load_workbook(path, read_only=True)
    sheets = workbook.worksheets
    first = [list(r) for r in sheets[0].iter_rows(values_only=True)]
    assert first[0] == csv_rows[0]
    for got, want in zip(first[1:], csv_rows[1:], strict=True):
        assert got[:2] == want[:2]
        for cell, text in zip(got[2:], want[2:], strict=True):
            assert (cell is None and text == "") or float(cell) == pytest.approx(float(text))
    assert len(sheets) == 1 + len(result.tables())
    assert all(len(sheet.title) <= 31 for sheet in sheets)
    ranks = [
        list(r)
        for r in sheets[1 + list(result.tables()).index("ranks")].iter_rows(values_only=True)
    ]
    assert ranks[0] == ["unit", "overall", "x", "y"]
    # A: overall (100/3 + 60) / 2 < B: overall 200/3 (y missing, skipped).
    assert ranks[1:] == [["A", 2, 2, 1], ["B", 1, 1, None]]
    workbook.close()


def test_other_suffixes_are_refused(tmp_path, result):
    with pytest.raises(ValueError, match=r"\.csv 或 \.xlsx"):
        write_long_table(result, tmp_path / "out.txt")


def test_write_tables_writes_one_csv_per_table(tmp_path, result):
    written = write_tables(result, tmp_path / "tables")
    assert sorted(p.name for p in written) == sorted(f"{k}.csv" for k in result.tables())
    raw = read_csv_rows(tmp_path / "tables" / "raw.csv")
    assert raw == [["unit", "x", "y"], ["A", "1.0", "4.0"], ["B", "2.0", ""]]
    assert math.isclose(float(read_csv_rows(tmp_path / "tables" / "goalposts.csv")[1][3]), 3.0)


def test_long_csv_follows_long_rows_in_order(tmp_path, result):
    rows = read_csv_rows(write_long_table(result, tmp_path / "out.csv"))[1:]
    expected = list(result.long_rows())
    assert [tuple(r[:2]) for r in rows] == [e[:2] for e in expected]
    for row, (_, _, score, rank, frontier, average) in zip(rows, expected, strict=True):
        assert row[2] == ("" if score is None else str(round(score, 6)))
        assert row[3] == ("" if rank is None else str(rank))
        assert float(row[4]) == pytest.approx(frontier, abs=1e-6)
        assert float(row[5]) == pytest.approx(average, abs=1e-6)
