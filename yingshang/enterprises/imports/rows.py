"""Validating rows into plain records, one at a time, with the in-file duplicate check."""

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from operator import mul
from typing import Any, NamedTuple

from yingshang.core import industry, uscc
from yingshang.enterprises.imports.columns import Column, HeaderMap, map_headers
from yingshang.lib.tabular.errors import HEADER_ROW, ErrorLog, RowError, shorten
from yingshang.lib.tabular.values import (
    ChoiceTable,
    ValueProblem,
    as_text,
    is_blank,
    normalize,
    parse_amount,
    parse_date,
    parse_email,
    parse_int,
    parse_text,
)

Qualifications = tuple[tuple[int, dt.date | None], ...]


class EnterpriseRecord(NamedTuple):
    """One valid row. None means "not given": a new enterprise gets the default, an existing
    one keeps its value. Amounts are exact text with two decimals ("123.40")."""

    row: int
    uscc: str
    name: str
    entity_type: str | None = None
    status: str | None = None
    founded_on: dt.date | None = None
    registered_capital: str | None = None
    address: str | None = None
    zone_id: int | None = None
    industry_code: str | None = None
    industry_section: str | None = None
    size_class: str | None = None
    employees: int | None = None
    annual_revenue: str | None = None
    tax_paid: str | None = None
    rd_expense: str | None = None
    credit_risk_class: str | None = None
    legal_representative: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    qualifications: Qualifications | None = None


@dataclass(frozen=True)
class Vocabulary:
    """The closed lists a row is checked against, and which zones the importer may write."""

    choices: Mapping[str, ChoiceTable]
    zones: ChoiceTable
    kinds: ChoiceTable
    allowed_zone_ids: frozenset[int] | None = None


def _parse_qualifications(value: object, kinds: ChoiceTable) -> Qualifications:
    held: dict[int, dt.date | None] = {}
    for part in normalize(as_text(value)).split(";"):
        if not part.strip():
            continue
        name, _, until = part.partition(":")
        kind = kinds.parse(name)
        if kind in held:
            raise ValueProblem(f"资质“{shorten(name.strip())}”重复")
        held[kind] = parse_date(until) if until.strip() else None
    return tuple(sorted(held.items()))


@lru_cache(maxsize=4096)
def _parse_industry(value: object) -> tuple[str, str]:
    code = normalize(as_text(value)).upper()
    section = industry.section_of(code)
    if section is None or len(code) > 5:
        raise ValueProblem(f"“{shorten(code)}”不是有效的国民经济行业分类代码 (GB/T 4754-2017)")
    return code, section


def _is_valid_plain_code(code: str) -> bool:
    """The common case, checked fast: 18 valid ASCII characters with the right check character.
    Anything else goes through uscc.validate, which also says what is wrong."""
    try:
        total = sum(map(mul, map(uscc.VALUES.__getitem__, code[:-1]), uscc.WEIGHTS))
    except KeyError:
        return False
    return uscc.CHARSET[(31 - total % 31) % 31] == code[-1]


def _parse_uscc(value: object) -> str:
    if type(value) is str and len(value) == uscc.USCC_LENGTH and value.isascii():
        code = value.upper()
        if _is_valid_plain_code(code):
            return code
    try:
        return uscc.validate(as_text(value))
    except uscc.UsccError as exc:
        raise ValueProblem(str(exc)) from None


_SLOT = {name: index for index, name in enumerate(EnterpriseRecord._fields)}
_SLOT["zone"] = _SLOT["zone_id"]
_REQUIRED = frozenset({"uscc", "name"})
_INDUSTRY, _SECTION = _SLOT["industry_code"], _SLOT["industry_section"]
_EMPTY = (None,) * len(EnterpriseRecord._fields)
WHOLE_FILE = "-"  # the column of an error about the file rather than a cell


class RowParser:
    """Turns the cells of one row into an EnterpriseRecord or a list of RowErrors."""

    def __init__(self, *, header: HeaderMap, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.cells = [
            (
                m.index,
                _SLOT[m.column.field],
                m.column.field in _REQUIRED,
                m.written,
                None if m.column.kind == "text" else self._parser(m.column),
                m.column.max_length,
            )
            for m in header.columns
        ]

    def _parser(self, column: Column) -> Callable[[object], Any]:
        kind, size = column.kind, column.max_length
        parsers: dict[str, Callable[[object], Any]] = {
            "uscc": _parse_uscc,
            "email": lambda v: parse_email(v, max_length=size),
            "date": parse_date,
            "decimal": parse_amount,
            "int": parse_int,
            "industry": _parse_industry,
            "zone": self._parse_zone,
            "qualifications": lambda v: _parse_qualifications(v, self.vocabulary.kinds),
        }
        if kind == "choice":
            return self.vocabulary.choices[column.field].parse
        return parsers[kind]

    def _parse_zone(self, value: object) -> int:
        zone_id = self.vocabulary.zones.parse(value)
        allowed = self.vocabulary.allowed_zone_ids
        if allowed is not None and zone_id not in allowed:
            raise ValueProblem(f"无权导入到功能区“{shorten(as_text(value))}”")
        return zone_id

    def parse(self, number: int, row: Sequence[object]) -> tuple[EnterpriseRecord | None, list]:
        values = list(_EMPTY)
        values[0] = number
        errors: list[RowError] = []
        width = len(row)
        for index, slot, required, written, parser, size in self.cells:
            cell = row[index] if index < width else None
            if type(cell) is str:
                cell = cell.strip()
                if parser is None and cell and len(cell) <= size:
                    values[slot] = cell  # the common case of a text cell, inline
                    continue
            if cell is None or cell == "":
                if required:
                    errors.append(RowError(number, written, "不能为空"))
                continue
            try:
                values[slot] = (parser or partial(parse_text, max_length=size))(cell)
            except ValueProblem as exc:
                errors.append(RowError(number, written, str(exc)))
        if errors:
            return None, errors
        if values[_INDUSTRY] is not None:
            values[_INDUSTRY], values[_SECTION] = values[_INDUSTRY]
        return EnterpriseRecord._make(values), []


def is_blank_row(row: Sequence[object]) -> bool:
    return not any(row) or all(is_blank(cell) for cell in row)


class FileValidator:
    """Validates the rows of one file lazily, collecting errors into `errors`.

    `records()` yields the valid records in file order; rows with errors are left out. After
    it is exhausted, `data_rows` is the number of non-blank data rows and `header` the mapping.
    """

    def __init__(self, *, vocabulary: Vocabulary, errors: ErrorLog) -> None:
        self.vocabulary = vocabulary
        self.errors = errors
        self.header: HeaderMap | None = None
        self.data_rows = 0

    def records(self, rows: Iterable[tuple[int, Sequence[object]]]) -> Iterator[EnterpriseRecord]:
        iterator = iter(rows)
        first = next(iterator, None)
        if first is None:
            self.errors.add(RowError(HEADER_ROW, WHOLE_FILE, "文件为空: 第1行应为列名"))
            return
        self.header = map_headers(first[1])
        if self.header.errors:
            self.errors.extend(list(self.header.errors))
            return
        parser = RowParser(header=self.header, vocabulary=self.vocabulary)
        uscc_column = self.header.written("uscc")
        first_row_of: dict[str, int] = {}
        for number, row in iterator:
            if is_blank_row(row):
                continue
            self.data_rows += 1
            record, problems = parser.parse(number, row)
            code = record.uscc if record is not None else _valid_code(row, self.header)
            if code is not None:
                earlier = first_row_of.setdefault(code, number)
                if earlier != number:
                    problems.append(RowError(number, uscc_column, f"与第{earlier}行重复"))
            if problems:
                self.errors.extend(problems)
            elif record is not None:
                yield record
        if self.data_rows == 0:
            self.errors.add(RowError(HEADER_ROW + 1, WHOLE_FILE, "文件中没有数据行"))


def _valid_code(row: Sequence[object], header: HeaderMap) -> str | None:
    """The row's uscc if valid, for the duplicate check of rows that fail elsewhere."""
    index = next(m.index for m in header.columns if m.column.field == "uscc")
    cell = row[index] if index < len(row) else None
    if is_blank(cell):
        return None
    try:
        return _parse_uscc(cell)
    except ValueProblem:
        return None
