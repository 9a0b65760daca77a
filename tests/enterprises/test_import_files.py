"""Reading import files (CSV encodings, real Excel values)."""

import datetime as dt

import pytest
from openpyxl import Workbook

from tests.enterprises.files import write_csv
from yingshang.lib.tabular.errors import FileProblem
from yingshang.lib.tabular.readers import read_rows


def test_csv_with_bom_keeps_row_numbers_and_blank_rows(tmp_path):
    path = write_csv(tmp_path / "a.csv", [["x", "甲"], [], ["y", "乙"]], headers=["uscc", "名称"])
    rows = list(read_rows(path))
    assert rows[0] == (1, ["uscc", "名称"])
    assert [n for n, _ in rows] == [1, 2, 3, 4]
    assert rows[3] == (4, ["y", "乙"])


def test_csv_saved_by_chinese_excel_is_gb18030(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("统一社会信用代码,名称\r\nx,郑州甲公司\r\n".encode("gbk"))
    assert [cells for _, cells in read_rows(path)] == [
        ["统一社会信用代码", "名称"],
        ["x", "郑州甲公司"],
    ]


def test_xlsx_gives_real_values_from_the_first_sheet(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["uscc", "成立日期", "从业人数"])
    sheet.append([])
    sheet.append(["x", dt.datetime(2020, 1, 2), 12])
    workbook.create_sheet("说明").append(["not data"])
    workbook.save(tmp_path / "a.xlsx")
    rows = list(read_rows(tmp_path / "a.xlsx"))
    assert rows[0][0] == 1 and rows[2][0] == 3
    assert rows[2][1][1] == dt.datetime(2020, 1, 2) and rows[2][1][2] == 12


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.txt", b"x", "不支持的文件类型“.txt”，请使用 .xlsx 或 .csv 文件"),
        (
            "a.xls",
            b"x",
            "不支持的文件类型“.xls”，请使用 .xlsx 或 .csv 文件: "
            "旧版 .xls 请在 Excel 中另存为 .xlsx",
        ),
        ("a.xlsx", b"not a zip", "无法读取该 Excel 文件: 文件已损坏或不是 .xlsx 格式"),
    ],
)
def test_unreadable_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(FileProblem) as problem:
        list(read_rows(path))
    assert str(problem.value) == message


def test_missing_file(tmp_path):
    with pytest.raises(FileProblem, match="文件不存在"):
        read_rows(tmp_path / "none.csv")
