"""Reading an import file row by row, CSV or .xlsx, without loading it whole.

Each row comes as (row number, cells); the header is row 1. Blank rows keep their number.
Any failure to parse, on opening or on any later row, is a FileProblem in Chinese, and the
limits of `ReadLimits` are checked before the work they bound wherever possible (the size of
an .xlsx's parts before any XML is parsed), else as the rows come.
"""

import codecs
import csv
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from yingshang.lib.tabular.errors import HEADER_ROW, FileProblem, shorten

SUPPORTED_SUFFIXES = (".csv", ".xlsx")
_SNIFF_BYTES = 1 << 20
DAMAGED = "文件已损坏或不是有效的 Excel 文件"
NOT_XLSX = "无法读取该 Excel 文件: 文件已损坏或不是 .xlsx 格式"

Row = tuple[int, Sequence[object]]


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """What one import file may hold. The defaults fit the registry's import of a million
    rows; callers pass their own (from settings)."""

    max_rows: int = 1_100_000
    max_columns: int = 200
    max_cell_chars: int = 10_000
    max_unzipped_bytes: int = 200 * 1024 * 1024


DEFAULT_LIMITS = ReadLimits()


def limits_from_settings() -> ReadLimits:
    """The limits of settings.YINGSHANG_IMPORT_MAX_*, each defaulting to ReadLimits'."""
    from django.conf import settings

    return ReadLimits(
        max_rows=getattr(settings, "YINGSHANG_IMPORT_MAX_ROWS", DEFAULT_LIMITS.max_rows),
        max_columns=getattr(settings, "YINGSHANG_IMPORT_MAX_COLUMNS", DEFAULT_LIMITS.max_columns),
        max_cell_chars=getattr(
            settings, "YINGSHANG_IMPORT_MAX_CELL_CHARS", DEFAULT_LIMITS.max_cell_chars
        ),
        max_unzipped_bytes=getattr(
            settings, "YINGSHANG_IMPORT_MAX_UNZIPPED_BYTES", DEFAULT_LIMITS.max_unzipped_bytes
        ),
    )


def _reason(exc: BaseException) -> str:
    """A short reason for a parse failure: the exception's kind and the start of its text."""
    text = str(exc).strip()
    return shorten(f"{type(exc).__name__}: {text}" if text else type(exc).__name__)


def _limited(rows: Iterator[Row], limits: ReadLimits) -> Iterator[Row]:
    """The rows, stopped with a FileProblem at the first one past a limit."""
    for number, cells in rows:
        if number > limits.max_rows:
            raise FileProblem(f"文件过长: 不能超过{limits.max_rows}行 (含第1行列名)")
        if len(cells) > limits.max_columns:
            if any(cell not in (None, "") for cell in cells[limits.max_columns :]):
                raise FileProblem(f"第{number}行超过{limits.max_columns}列: 列数过多")
            cells = cells[: limits.max_columns]
        if number == HEADER_ROW:
            for cell in cells:
                if isinstance(cell, str) and len(cell) > limits.max_cell_chars:
                    raise FileProblem(
                        f"第1行列名“{shorten(cell)}”过长: 不能超过{limits.max_cell_chars}个字符"
                    )
        # A long data cell is left to the row's own checks (every column has a length),
        # which report it as an error of that row without echoing it whole.
        yield number, cells


def check_suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = ": 旧版 .xls 请在 Excel 中另存为 .xlsx" if suffix == ".xls" else ""
        raise FileProblem(f"不支持的文件类型“{suffix or name}”，请使用 .xlsx 或 .csv 文件{hint}")
    return suffix


def csv_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) when the start of the file decodes so, else GB18030, which
    is what Excel writes for "CSV" on a Chinese Windows."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def read_csv(path: Path, *, limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Row]:
    return _limited(_csv_rows(path), limits)


def _csv_rows(path: Path) -> Iterator[Row]:
    encoding = csv_encoding(path)
    number = 0
    try:
        with path.open(encoding=encoding, newline="") as handle:
            for number, cells in enumerate(csv.reader(handle), start=1):
                yield number, cells
    except UnicodeDecodeError:
        raise FileProblem(
            f"第{number + 1}行附近有无法识别的字符: 请将文件另存为 UTF-8 编码的 CSV"
        ) from None
    except csv.Error as exc:
        raise FileProblem(f"第{number + 1}行 CSV 格式错误: {shorten(exc)}") from None


def check_unzipped_size(path: Path, limit: int) -> None:
    """FileProblem when the .xlsx (a zip) is not a zip, or its parts unpack to over `limit`
    bytes: a small file can unpack to gigabytes of XML, so this is checked before parsing."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise FileProblem(NOT_XLSX) from None
    if total > limit:
        raise FileProblem(f"文件解压后过大: 不能超过{limit // (1024 * 1024)} MB")


def read_xlsx(path: Path, *, limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Row]:
    """Rows of the first worksheet (the template's data sheet; 说明 is the second)."""
    check_unzipped_size(path, limits.max_unzipped_bytes)
    return _limited(_xlsx_rows(path), limits)


def _xlsx_rows(path: Path) -> Iterator[Row]:
    # Here, not at load: only an .xlsx upload needs the library.
    from openpyxl import load_workbook

    # Any exception at all: a damaged part can fail in the zip, the XML parser or openpyxl,
    # on opening or only at some later row, and each is the same problem to the person.
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise FileProblem(f"{DAMAGED}: {_reason(exc)}") from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        yield from enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
    except FileProblem:
        raise
    except Exception as exc:
        raise FileProblem(f"{DAMAGED}: {_reason(exc)}") from None
    finally:
        workbook.close()


def read_rows(path: Path, *, limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Row]:
    """The rows of a .csv or .xlsx file; FileProblem if it cannot be read."""
    suffix = check_suffix(path.name)
    if not path.is_file():
        raise FileProblem(f"文件不存在: {path}")
    if suffix == ".csv":
        return read_csv(path, limits=limits)
    return read_xlsx(path, limits=limits)
