"""Matching an import file's header row to a template's columns.

A column is found by its Chinese header or by its English field name, however the file spells
them: full-width or half-width, with or without spaces, in any letter case. A header that is
unknown or repeated, and a required column that is missing, are errors of row 1.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from yingshang.lib.tabular.errors import HEADER_ROW, RowError, shorten

UNKNOWN = "未知的列，请使用导入模板的列名"
MISSING = "缺少必填列"


class TemplateColumn(Protocol):
    @property
    def header(self) -> str: ...

    @property
    def field(self) -> str: ...

    @property
    def required(self) -> bool: ...


C = TypeVar("C", bound=TemplateColumn)


def normalize_header(text: str) -> str:
    """Full-width to half-width (（万元） -> (万元)), spaces dropped, Latin letters lower-cased."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _cell_text(value: object) -> str:
    return "" if value is None else str(value).strip()


@dataclass(frozen=True)
class MappedColumn(Generic[C]):
    index: int
    column: C
    written: str


@dataclass(frozen=True)
class HeaderMap(Generic[C]):
    template: tuple[C, ...]
    columns: tuple[MappedColumn[C], ...]
    errors: tuple[RowError, ...]

    def written(self, field: str) -> str:
        """The header of `field` as the file spells it (the template's if absent)."""
        for mapped in self.columns:
            if mapped.column.field == field:
                return mapped.written
        return next(c.header for c in self.template if c.field == field)

    def has(self, field: str) -> bool:
        return any(m.column.field == field for m in self.columns)


class HeaderMatcher(Generic[C]):
    """The accepted spellings of a template's columns, built once per template."""

    def __init__(self, columns: Sequence[C]) -> None:
        self.columns: tuple[C, ...] = tuple(columns)
        self._by_key: dict[str, C] = {}
        for column in self.columns:
            self._by_key[normalize_header(column.header)] = column
            self._by_key[normalize_header(column.field)] = column

    def match(self, cells: Sequence[object]) -> HeaderMap[C]:
        """Match a header row; unknown, repeated and missing required columns are errors."""
        mapped: list[MappedColumn[C]] = []
        errors: list[RowError] = []
        seen: dict[str, str] = {}
        for index, cell in enumerate(cells):
            written = _cell_text(cell)
            if not written:
                continue
            column = self._by_key.get(normalize_header(written))
            if column is None:
                errors.append(RowError(HEADER_ROW, shorten(written), UNKNOWN))
            elif column.field in seen:
                errors.append(
                    RowError(HEADER_ROW, shorten(written), f"与“{seen[column.field]}”列重复")
                )
            else:
                seen[column.field] = written
                mapped.append(MappedColumn(index, column, written))
        for column in self.columns:
            if column.required and column.field not in seen:
                errors.append(RowError(HEADER_ROW, column.header, MISSING))
        return HeaderMap(template=self.columns, columns=tuple(mapped), errors=tuple(errors))
