"""Damaged and oversized import files, built in the test from a valid workbook (no fixtures)."""

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


def workbook_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for cells in rows:
        sheet.append(list(cells))
    handle = io.BytesIO()
    book.save(handle)
    return handle.getvalue()


def rezip(content: bytes, replace: dict[str, bytes]) -> bytes:
    """The same .xlsx with the parts of `replace` swapped in."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
    return out.getvalue()


def truncated_xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    """A valid workbook whose sheet XML is then cut in half: it opens, and fails mid-rows."""
    content = workbook_bytes(rows)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = archive.read(SHEET)
    return rezip(content, {SHEET: sheet[: len(sheet) // 2]})


def bomb_xlsx(rows: int = 300_000) -> bytes:
    """A small file whose sheet unpacks to many megabytes of one-cell rows."""
    body = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * rows
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + body + b"</sheetData></worksheet>"
    )
    return rezip(workbook_bytes([["x"]]), {SHEET: sheet})


def write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path
