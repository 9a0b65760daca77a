"""Reading observations from CSV or .xlsx files, and writing results back out.

The data file is long form: one row per unit, indicator (and period) with its raw value.
Headers are matched case-insensitively, in English or Chinese. A file with any bad row is
rejected whole (`DataError` listing every problem with its spreadsheet row number), so a
half-read file can never be evaluated.
"""

import codecs
import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np
import xlsxwriter
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from yingshang.core.csvtext import decode_csv_bytes
from yingshang.core.textsafety import csv_writer, workbook

from .errors import DataError, RowProblem
from .limits import DEFAULT_LIMITS, FileLimits, check_unzipped_size, damaged, limited, shorten
from .observations import Observations
from .result import LONG_COLUMNS, EvaluationResult, table_label

REQUIRED = ("unit", "indicator", "value")
OPTIONAL = ("period", "group")
COLUMN_LABELS = {
    "unit": "单位",
    "indicator": "指标",
    "value": "数值",
    "period": "期间",
    "group": "分组",
}
HEADER_ALIASES = {
    "unit": ("unit", "单位", "参评单位", "评价对象", "功能区", "地区"),
    "indicator": ("indicator", "指标", "指标编码", "指标代码", "指标id", "末级指标"),
    "value": ("value", "数值", "值", "原始值", "指标值", "数据"),
    "period": ("period", "期间", "年份", "年度", "时期", "评价期间"),
    "group": ("group", "分组", "组别", "类别"),
}
LONG_SHEET_NAME = "评价结果"
DECIMALS = 6

_ALIAS_TO_COLUMN = {
    alias.lower(): column for column, aliases in HEADER_ALIASES.items() for alias in aliases
}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
_XLSX_MAGIC = b"PK\x03\x04"

Cells = Sequence[object]


# --- reading ---------------------------------------------------------------------------------


def read_observations(
    source: str | Path | BinaryIO,
    *,
    filename: str | None = None,
    limits: FileLimits = DEFAULT_LIMITS,
) -> Observations:
    """Read a long-form data file (.csv in UTF-8, UTF-8 with BOM or GB18030; or .xlsx, first
    sheet). `filename` names the file when `source` is a stream (an upload); its suffix picks
    the format. Raises DataError listing every bad row, or the first limit of `limits` the
    file passes; returns nothing partial."""
    name = filename or _source_name(source)
    content = _read_bytes(source, name)
    rows = _rows(content, name, limits)
    return _parse_rows(limited(rows, name, limits), name)


def observations_to_rows(observations: Observations) -> list[tuple[str, str, float, str]]:
    """(unit, indicator, value, period) per observation, in the file's order: what
    `Observations.from_records(rows, groups=observations.groups)` takes back."""
    return list(
        zip(
            observations.unit.tolist(),
            observations.indicator.tolist(),
            observations.value.tolist(),
            observations.period.tolist(),
            strict=True,
        )
    )


def _source_name(source: str | Path | BinaryIO) -> str:
    if isinstance(source, str | Path):
        return str(source)
    return str(getattr(source, "name", "") or "")


def _read_bytes(source: str | Path | BinaryIO, name: str) -> bytes:
    if not isinstance(source, str | Path):
        data = source.read()
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    path = Path(source)
    if not path.is_file():
        raise DataError([RowProblem(0, "", f"找不到数据文件 {path}")], name)
    return path.read_bytes()


def _rows(content: bytes, name: str, limits: FileLimits) -> Iterator[tuple[int, Cells]]:
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx" or (suffix != ".csv" and content.startswith(_XLSX_MAGIC)):
        check_unzipped_size(content, name, limits.max_unzipped_bytes)
        return _xlsx_rows(content, name)
    if suffix in (".csv", ".txt", ""):
        return _csv_rows(content, name)
    hint = "：旧版 .xls 请在 Excel 中另存为 .xlsx" if suffix == ".xls" else ""
    raise DataError(
        [RowProblem(0, "", f"不支持的文件类型 {suffix}，请使用 .csv 或 .xlsx 文件{hint}")], name
    )


def _csv_rows(content: bytes, name: str) -> Iterator[tuple[int, Cells]]:
    try:
        text = decode_csv_bytes(content)
    except UnicodeDecodeError:
        reason = (
            "文件带 UTF-8 BOM 但内容不是 UTF-8 编码"
            if content.startswith(codecs.BOM_UTF8)
            else "无法识别文件编码：请另存为 UTF-8 或 GB18030（GBK）编码的 CSV"
        )
        raise DataError([RowProblem(0, "", reason)], name) from None
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    return _numbered_csv(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), name)


def _numbered_csv(reader: Iterator[list[str]], name: str) -> Iterator[tuple[int, Cells]]:
    # Records are counted, not physical lines: a quoted cell may span several lines, but a
    # spreadsheet shows each record as one row.
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error as exc:
        reason = f"CSV 格式错误（{shorten(exc)}）"
        raise DataError([RowProblem(number + 1, "", reason)], name) from None


def _xlsx_rows(content: bytes, name: str) -> Iterator[tuple[int, Cells]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        reason = "无法读取该 Excel 文件：文件已损坏或不是 .xlsx 格式"
        raise DataError([RowProblem(0, "", reason)], name) from None
    except Exception as exc:
        raise damaged(exc, name) from None
    # Any exception while reading rows: a damaged sheet can fail in the zip, the XML parser
    # or openpyxl at any row, and each is the same problem to the person.
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        # Read-only sheets fill skipped (empty) rows, so the count stays the spreadsheet row.
        yield from enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
    except Exception as exc:
        raise damaged(exc, name) from None
    finally:
        workbook.close()


def _header_columns(header: Cells | None, name: str) -> tuple[dict[str, int], list[RowProblem]]:
    """Map each known column to its position in the header (row 1)."""
    if header is None or all(_is_blank(cell) for cell in header):
        expected = "、".join(f"{c}（{COLUMN_LABELS[c]}）" for c in REQUIRED)
        raise DataError([RowProblem(1, "", f"文件为空或第 1 行没有表头：需要列 {expected}")], name)
    positions: dict[str, int] = {}
    problems: list[RowProblem] = []
    for index, cell in enumerate(header):
        label = _text(cell).lstrip("\ufeff").strip().lower()
        column = _ALIAS_TO_COLUMN.get(label)
        if column is None:
            continue
        if column in positions:
            problems.append(RowProblem(1, column, f"表头中{COLUMN_LABELS[column]}列出现了两次"))
            continue
        positions[column] = index
    for column in REQUIRED:
        if column not in positions:
            aliases = " / ".join(HEADER_ALIASES[column][:3])
            problems.append(
                RowProblem(
                    1, column, f"缺少必填列 {column}（{COLUMN_LABELS[column]}，可写作 {aliases}）"
                )
            )
    return positions, problems


class _Collector:
    """The parsed columns, the problems found, and what later rows are checked against."""

    def __init__(self) -> None:
        self.units: list[str] = []
        self.indicators: list[str] = []
        self.periods: list[str] = []
        self.values: list[float] = []
        self.numbers: list[int] = []
        self.problems: list[RowProblem] = []
        self.groups: dict[str, tuple[str, int]] = {}
        self.seen: dict[tuple[str, str, str], int] = {}

    def observations(self) -> Observations:
        return Observations(
            unit=np.array(self.units, dtype=object),
            indicator=np.array(self.indicators, dtype=object),
            period=np.array(self.periods, dtype=object),
            value=np.array(self.values, dtype=np.float64),
            row=np.array(self.numbers, dtype=np.int64),
            groups={unit: group for unit, (group, _) in self.groups.items()},
        )


def _parse_rows(rows: Iterable[tuple[int, Cells]], name: str) -> Observations:
    iterator = iter(rows)
    first = next(iterator, None)
    positions, problems = _header_columns(first[1] if first else None, name)
    if problems:
        raise DataError(problems, name)
    width = max(positions.values()) + 1
    at = [positions.get(c, -1) for c in (*REQUIRED, *OPTIONAL)]
    found = _Collector()
    for number, cells in iterator:
        if len(cells) < width:
            cells = [*cells, *([None] * (width - len(cells)))]
        unit, indicator, value, period, group = (cells[i] if i >= 0 else None for i in at)
        _collect(found, number, cells, unit, indicator, value, period, group)
    if found.problems:
        raise DataError(found.problems, name)
    return found.observations()


def _collect(
    found: _Collector,
    number: int,
    cells: Cells,
    unit_cell: object,
    indicator_cell: object,
    value_cell: object,
    period_cell: object,
    group_cell: object,
) -> None:
    unit, indicator = _text(unit_cell), _text(indicator_cell)
    if not (unit and indicator) and all(_is_blank(cell) for cell in cells):
        return
    value, value_problem = _value(value_cell)
    problems = []
    if not unit:
        problems.append(RowProblem(number, "unit", "单位为空"))
    if not indicator:
        problems.append(RowProblem(number, "indicator", "指标为空"))
    if value_problem:
        problems.append(RowProblem(number, "value", value_problem))
    group = _text(group_cell)
    if unit and group:
        first_group, first_row = found.groups.setdefault(unit, (group, number))
        if first_group != group:
            reason = (
                f"单位 {shorten(unit)} 的分组为 {shorten(group)}，"
                f"与第 {first_row} 行的 {shorten(first_group)} 不一致"
            )
            problems.append(RowProblem(number, "group", reason))
    period = _period_text(period_cell)
    if unit and indicator and value is not None:
        earlier = found.seen.setdefault((unit, indicator, period), number)
        if earlier != number:
            problems.append(
                RowProblem(number, "value", f"与第 {earlier} 行重复（同一单位、指标和期间）")
            )
    if problems:
        found.problems.extend(problems)
    elif value is not None:
        # A blank value (value None, no problem) is a missing observation: the
        # methodology's missing-data policy decides what it counts as.
        found.units.append(unit)
        found.indicators.append(indicator)
        found.periods.append(period)
        found.values.append(value)
        found.numbers.append(number)


def _is_blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _text(cell: object) -> str:
    if type(cell) is str:
        return cell.strip()
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _period_text(cell: object) -> str:
    if type(cell) is str or cell is None:
        return _text(cell)
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return _text(cell)


NOT_FINITE = "数值不是有限数（NaN 或无穷大）"


def _value(cell: object) -> tuple[float | None, str | None]:
    """(the number, None), (None, why it is not a usable number), or (None, None) for a blank
    cell, which is a missing value rather than a bad one."""
    if type(cell) is str:
        try:
            # The common case; float() also takes "1_000", "nan" and "inf", caught below.
            value = float(cell)
        except ValueError:
            return _text_value(cell.strip())
        if "_" in cell:
            return None, f"数值 {shorten(cell.strip())} 不是数字"
        return (value, None) if math.isfinite(value) else (None, NOT_FINITE)
    if cell is None:
        return None, None
    if isinstance(cell, bool | dt.date | dt.time | dt.timedelta):
        return None, f"数值 {shorten(cell)} 不是数字"
    if isinstance(cell, int | float):
        value = float(cell)
        return (value, None) if math.isfinite(value) else (None, NOT_FINITE)
    return _text_value(str(cell).strip())


def _text_value(text: str) -> tuple[float | None, str | None]:
    if not text:
        return None, None
    if text.endswith(("%", "％")):
        bare = text[:-1].strip()
        shown = shorten(text)
        return (
            None,
            f"数值 {shown} 带百分号：请去掉 %，按指标的计量单位填写数字（如 {shorten(bare)}）",
        )
    if _THOUSANDS.match(text):
        return float(text.replace(",", "")), None
    try:
        value = float(text)
    except ValueError:
        return None, f"数值 {shorten(text)} 不是数字"
    if "_" in text:
        return None, f"数值 {shorten(text)} 不是数字"
    return (value, None) if math.isfinite(value) else (None, NOT_FINITE)


# --- writing ---------------------------------------------------------------------------------


def long_table_rows(result: EvaluationResult) -> list[list[object]]:
    """The contract's long table (`result.long_rows()`, rounded to 6 decimals): unit, node,
    score, rank, frontier, average, one row per unit and node; None = empty cell."""
    # Whole columns at once: a per-cell loop is most of the time for 1,000 units x 200 nodes.
    scores = _rounded_column(result.scores)
    ranks = np.where(result.ranks > 0, result.ranks, None).tolist()
    frontier = _rounded_column(result.frontier)
    average = _rounded_column(result.average)
    return [
        [unit, node, scores[i][j], ranks[i][j], frontier[j], average[j]]
        for i, unit in enumerate(result.units)
        for j, node in enumerate(result.nodes)
    ]


def _rounded_column(values: np.ndarray) -> list:
    """Rounded to DECIMALS, NaN -> None, and no "-0.0"."""
    rounded = np.round(np.asarray(values, dtype=np.float64), DECIMALS) + 0.0
    return np.where(np.isnan(rounded), None, rounded).tolist()


def write_long_table(result: EvaluationResult, path: str | Path) -> Path:
    """Write the long table to .csv (UTF-8, no BOM) or .xlsx (the long table on the first
    sheet, then one sheet per intermediate table of `result.tables()`)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        _write_csv(path, list(LONG_COLUMNS), long_table_rows(result))
    elif suffix == ".xlsx":
        _write_xlsx(path, result)
    else:
        raise ValueError(f"输出文件必须是 .csv 或 .xlsx，而不是 {suffix or path.name}")
    return path


def write_tables(result: EvaluationResult, directory: str | Path) -> list[Path]:
    """Every intermediate table of `result.tables()` as `<name>.csv` in `directory`."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (header, rows) in result.tables().items():
        path = directory / f"{name}.csv"
        _write_csv(path, header, [[_cell(v) for v in row] for row in rows])
        written.append(path)
    return written


def _rounded(value: float | None) -> float | None:
    if value is None or math.isnan(value):
        return None
    return round(float(value), DECIMALS) + 0.0  # no "-0.0" in the file


def _cell(value: object) -> object:
    if isinstance(value, float):
        return _rounded(value)
    return value


def _write_csv(path: Path, header: list[str], rows: Iterable[Sequence[object]]) -> None:
    # csv writes None as an empty field.
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv_writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _sheet_name(key: str, taken: set[str]) -> str:
    name = table_label(key)
    # Excel forbids these characters and names longer than 31 characters.
    name = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "表"
    candidate, n = name, 2
    while candidate.lower() in taken:
        candidate = f"{name[:28]}_{n}"
        n += 1
    taken.add(candidate.lower())
    return candidate


def _write_xlsx(path: Path, result: EvaluationResult) -> None:
    book = workbook(str(path), {"constant_memory": True})
    try:
        taken = {LONG_SHEET_NAME.lower()}
        _write_sheet(book, LONG_SHEET_NAME, list(LONG_COLUMNS), long_table_rows(result))
        for key, (header, rows) in result.tables().items():
            cells = [[_cell(v) for v in row] for row in rows]
            _write_sheet(book, _sheet_name(key, taken), header, cells)
    finally:
        book.close()


def _write_sheet(
    workbook: xlsxwriter.Workbook, name: str, header: list[str], rows: list[Sequence[object]]
) -> None:
    sheet = workbook.add_worksheet(name)
    sheet.write_row(0, 0, header)
    number, text = sheet.write_number, sheet.write_string
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            kind = type(value)
            if kind is float or kind is int:
                number(r, c, value)
            elif value is not None:
                text(r, c, str(value))
