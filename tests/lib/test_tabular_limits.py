"""The shared reader against damaged and oversized files: each one a short Chinese FileProblem,
raised before the work it bounds where possible, never a crash or a long echo."""

import time

import pytest

from tests.lib.corrupt import PNG, bomb_xlsx, truncated_xlsx, workbook_bytes, write
from yingshang.lib.tabular.errors import FileProblem, shorten
from yingshang.lib.tabular.readers import DAMAGED, ReadLimits, read_rows
from yingshang.lib.tabular.values import ValueProblem, parse_date

ROWS = [["名称", "数值"], *([f"企业{n}", n] for n in range(300))]


def problem(path, limits: ReadLimits | None = None) -> str:
    with pytest.raises(FileProblem) as caught:
        list(read_rows(path, limits=limits or ReadLimits()))
    return str(caught.value)


def test_a_sheet_cut_in_half_is_damaged_not_a_crash(tmp_path):
    message = problem(write(tmp_path / "cut.xlsx", truncated_xlsx(ROWS)))
    assert message.startswith(f"{DAMAGED}: ")
    assert len(message) < 120


def test_a_bomb_is_refused_by_its_unpacked_size_before_parsing(tmp_path):
    path = write(tmp_path / "bomb.xlsx", bomb_xlsx())
    assert path.stat().st_size < 200_000
    started = time.perf_counter()
    message = problem(path, ReadLimits(max_unzipped_bytes=1024 * 1024))
    assert message == "文件解压后过大: 不能超过1 MB"
    assert time.perf_counter() - started < 1


def test_a_bomb_under_the_size_limit_stops_at_the_row_limit(tmp_path):
    path = write(tmp_path / "bomb.xlsx", bomb_xlsx())
    message = problem(path, ReadLimits(max_rows=1000))
    assert message == "文件过长: 不能超过1000行 (含第1行列名)"


def test_a_huge_header_cell_is_not_echoed(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text("名称," + "长" * 20_000_000 + "\n甲,1\n", encoding="utf-8")
    message = problem(path)
    assert len(message) < 200


def test_a_long_header_cell_in_xlsx_is_a_short_file_problem(tmp_path):
    path = write(tmp_path / "long.xlsx", workbook_bytes([["名称", "长" * 20_000], ["甲", 1]]))
    message = problem(path)
    assert message.startswith("第1行列名“" + "长" * 50 + "…”过长") and len(message) < 200


@pytest.mark.parametrize("content", [PNG, "名称,数值\n甲,1\n".encode()])
def test_a_file_of_another_type_named_xlsx(tmp_path, content):
    message = problem(write(tmp_path / "fake.xlsx", content))
    assert message == "无法读取该 Excel 文件: 文件已损坏或不是 .xlsx 格式"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_too_many_rows_stops_reading(tmp_path, suffix):
    path = tmp_path / f"rows{suffix}"
    if suffix == ".csv":
        path.write_text("\n".join(f"{a},{b}" for a, b in ROWS), encoding="utf-8")
    else:
        write(path, workbook_bytes(ROWS))
    assert problem(path, ReadLimits(max_rows=100)) == "文件过长: 不能超过100行 (含第1行列名)"
    assert len(list(read_rows(path, limits=ReadLimits(max_rows=301)))) == 301


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_too_many_columns(tmp_path, suffix):
    wide = [["名称", *(f"列{n}" for n in range(30))], ["甲", *range(30)]]
    path = tmp_path / f"wide{suffix}"
    if suffix == ".csv":
        path.write_text("\n".join(",".join(map(str, r)) for r in wide), encoding="utf-8")
    else:
        write(path, workbook_bytes(wide))
    assert problem(path, ReadLimits(max_columns=10)) == "第1行超过10列: 列数过多"
    assert len(list(read_rows(path, limits=ReadLimits(max_columns=31)))) == 2


def test_trailing_blank_cells_do_not_count_as_columns(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("名称,数值" + "," * 50 + "\n甲,1\n", encoding="utf-8")
    rows = list(read_rows(path, limits=ReadLimits(max_columns=10)))
    assert [len(cells) for _, cells in rows] == [10, 2]


def test_values_echo_only_a_prefix():
    with pytest.raises(ValueProblem) as caught:
        parse_date("x" * 100_000)
    assert len(str(caught.value)) < 100
    assert shorten("短") == "短" and shorten("长" * 51) == "长" * 50 + "…"
