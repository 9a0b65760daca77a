"""Writing files in the import template's format, for the import and export tests."""

import csv
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

from yingshang.enterprises.imports.columns import COLUMNS, HEADERS


def write_csv(
    path: Path, rows: Sequence[Sequence[object]], headers: Sequence[str] = HEADERS
) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def write_xlsx(
    path: Path, rows: Sequence[Sequence[object]], headers: Sequence[str] = HEADERS
) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def row(**values: object) -> list[object]:
    """A full template row: the given fields, the rest empty."""
    return [values.get(c.field, "") for c in COLUMNS]
