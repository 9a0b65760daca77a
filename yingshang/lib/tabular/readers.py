"""Reading an import file row by row, CSV or .xlsx, without loading it whole.

Each row comes as (row number, cells); the header is row 1. Blank rows keep their number.
"""

import codecs
import csv
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from yingshang.lib.tabular.errors import FileProblem

SUPPORTED_SUFFIXES = (".csv", ".xlsx")
_SNIFF_BYTES = 1 << 20

Row = tuple[int, Sequence[object]]


def check_suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = ": 旧版 .xls 请在 Excel 中另存为 .xlsx" if suffix == ".xls" else ""
        raise FileProblem(f"不支持的文件类型“{suffix or name}”, 请使用 .xlsx 或 .csv 文件{hint}")
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


def read_csv(path: Path) -> Iterator[Row]:
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
        raise FileProblem(f"第{number + 1}行 CSV 格式错误: {exc}") from None


def read_xlsx(path: Path) -> Iterator[Row]:
    """Rows of the first worksheet (the template's data sheet; 说明 is the second)."""
    # Here, not at load: only an .xlsx upload needs the library.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError):
        raise FileProblem("无法读取该 Excel 文件: 文件已损坏或不是 .xlsx 格式") from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        yield from enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
    finally:
        workbook.close()


def read_rows(path: Path) -> Iterator[Row]:
    """The rows of a .csv or .xlsx file; FileProblem if it cannot be read."""
    suffix = check_suffix(path.name)
    if not path.is_file():
        raise FileProblem(f"文件不存在: {path}")
    return read_csv(path) if suffix == ".csv" else read_xlsx(path)
