"""Limits on one data file, checked before the work they bound wherever possible.

A small compressed .xlsx can unpack to gigabytes of XML or hold millions of rows; a damaged
one can fail at any row, not only on opening. Each is a DataError in Chinese, and no message
echoes more than a short prefix of what the file holds.
"""

import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .errors import DataError, RowProblem

ECHO_CHARS = 50
DAMAGED = "文件已损坏或不是有效的 Excel 文件"

Cells = Sequence[object]


@dataclass(frozen=True, slots=True)
class FileLimits:
    max_rows: int = 1_100_000
    max_columns: int = 200
    max_cell_chars: int = 10_000
    max_unzipped_bytes: int = 200 * 1024 * 1024


DEFAULT_LIMITS = FileLimits()


def shorten(text: object, limit: int = ECHO_CHARS) -> str:
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


def reject(name: str, reason: str, row: int = 0) -> DataError:
    return DataError([RowProblem(row, "", reason)], name)


def damaged(exc: BaseException, name: str) -> DataError:
    text = str(exc).strip()
    reason = shorten(f"{type(exc).__name__}: {text}" if text else type(exc).__name__)
    return reject(name, f"{DAMAGED}：{reason}")


def check_unzipped_size(content: bytes, name: str, limit: int) -> None:
    """DataError when the .xlsx's parts unpack to over `limit` bytes, before any is parsed."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise reject(name, "无法读取该 Excel 文件：文件已损坏或不是 .xlsx 格式") from None
    if total > limit:
        raise reject(name, f"文件解压后过大：不能超过 {limit // (1024 * 1024)} MB")


def limited(
    rows: Iterator[tuple[int, Cells]], name: str, limits: FileLimits
) -> Iterator[tuple[int, Cells]]:
    """The rows, stopped with a DataError at the first one past a limit."""
    for number, cells in rows:
        if number > limits.max_rows:
            raise reject(name, f"文件过长：不能超过 {limits.max_rows} 行（含第 1 行表头）")
        if len(cells) > limits.max_columns:
            if any(cell not in (None, "") for cell in cells[limits.max_columns :]):
                raise reject(name, f"列数过多：不能超过 {limits.max_columns} 列", number)
            cells = cells[: limits.max_columns]
        for cell in cells:
            if isinstance(cell, str) and len(cell) > limits.max_cell_chars:
                reason = f"单元格“{shorten(cell)}”过长：不能超过 {limits.max_cell_chars} 个字符"
                raise reject(name, reason, number)
        yield number, cells
