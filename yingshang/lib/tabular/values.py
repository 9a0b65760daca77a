"""Parsing one cell: text, dates, numbers, choices. Each parser returns the value or raises
ValueProblem with the reason in Chinese. Cells come as str (CSV) or as openpyxl values
(str, int, float, bool, datetime)."""

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from yingshang.lib.tabular.errors import shorten

CENTS = Decimal("0.01")
MAX_DECIMAL = Decimal("100000000000000")  # max_digits=16, decimal_places=2
MAX_INTEGER = 2_147_483_647
_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]00:00(?::00)?)?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$")
_PLAIN_AMOUNT = re.compile(r"(0|[1-9]\d{0,13})(?:\.(\d{1,2}))?")
_THOUSANDS = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")


class ValueProblem(ValueError):
    """Why a cell's value is not acceptable, in Chinese."""


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def normalize(text: str) -> str:
    """Full-width to half-width, surrounding spaces dropped."""
    return unicodedata.normalize("NFKC", text).strip()


def as_text(value: object) -> str:
    """A cell as text: integral Excel numbers lose their ".0", dates become YYYY-MM-DD."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    return str(value).strip()


def parse_text(value: object, *, max_length: int) -> str:
    text = value if type(value) is str else as_text(value)
    if max_length and len(text) > max_length:
        raise ValueProblem(f"长度不能超过{max_length}个字符，实际为{len(text)}个")
    return text


def parse_date(value: object) -> dt.date:
    if type(value) is str and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = normalize(as_text(value))
    match = _DATE.match(text)
    if match is None:
        raise ValueProblem(f"日期“{shorten(text)}”格式不对，应为 YYYY-MM-DD 或 YYYY/MM/DD")
    year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueProblem(f"日期“{shorten(text)}”不存在") from None


def _decimal_of(value: object) -> Decimal:
    if type(value) is str:
        try:
            number = Decimal(value)
        except InvalidOperation:
            pass
        else:
            if number.is_finite():
                return number
    if isinstance(value, bool):
        raise ValueProblem("应为数字")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # Excel stores binary floats: 0.1 + 0.2 is 0.30000000000000004; round to cents.
        return Decimal(repr(value)).quantize(CENTS)
    text = normalize(as_text(value))
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueProblem(f"“{shorten(text)}”不是数字") from None
    if not number.is_finite():
        raise ValueProblem(f"“{shorten(text)}”不是数字")
    return number


def parse_amount(value: object) -> str:
    """A non-negative amount with at most two decimals, as exact text with two ("123.40").

    Text rather than Decimal: records travel through a spool and into the database in bulk,
    and both drivers take numeric parameters as text."""
    if type(value) is str:
        plain = _PLAIN_AMOUNT.fullmatch(value)
        if plain is not None:
            whole, cents = plain.groups()
            return f"{whole}.{(cents or '').ljust(2, '0')}"
    number = _decimal_of(value)
    if number < 0:
        raise ValueProblem("不能为负数")
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValueProblem("最多保留两位小数")
    if number >= MAX_DECIMAL:
        raise ValueProblem("数值过大")
    return str(abs(number).quantize(CENTS))


def parse_int(value: object) -> int:
    if type(value) is str and value.isascii() and value.isdigit():
        number = int(value)
        if number > MAX_INTEGER:
            raise ValueProblem("数值过大")
        return number
    number = _decimal_of(value)
    if number != number.to_integral_value():
        raise ValueProblem("应为整数")
    if number < 0:
        raise ValueProblem("不能为负数")
    if number > MAX_INTEGER:
        raise ValueProblem("数值过大")
    return int(number)


def parse_email(value: object, *, max_length: int) -> str:
    text = parse_text(value, max_length=max_length)
    if not _EMAIL.match(text):
        raise ValueProblem(f"“{shorten(text)}”不是有效的电子邮箱")
    return text


def lookup_key(text: str) -> str:
    return "".join(normalize(text).split()).casefold()


@dataclass(frozen=True)
class ChoiceTable:
    """Accepted spellings of a closed list of values (codes, labels, short labels)."""

    noun: str
    by_key: Mapping[str, Any]
    labels: tuple[str, ...]
    label_of: Mapping[Any, str]

    @classmethod
    def build(
        cls, *, noun: str, entries: Iterable[tuple[Any, str, Iterable[str]]]
    ) -> "ChoiceTable":
        """`entries`: (value, label shown, every accepted spelling)."""
        by_key: dict[str, Any] = {}
        labels: list[str] = []
        label_of: dict[Any, str] = {}
        for value, label, spellings in entries:
            labels.append(label)
            label_of[value] = label
            for spelling in (label, *spellings):
                by_key.setdefault(str(spelling), value)
                by_key.setdefault(lookup_key(str(spelling)), value)
        return cls(noun=noun, by_key=by_key, labels=tuple(labels), label_of=label_of)

    def parse(self, value: object) -> Any:
        if type(value) is str and value in self.by_key:
            return self.by_key[value]
        text = as_text(value)
        try:
            return self.by_key[lookup_key(text)]
        except KeyError:
            allowed = "、".join(self.labels) if len(self.labels) <= 12 else ""
            hint = f"，可选: {allowed}" if allowed else ""
            raise ValueProblem(f"“{shorten(text)}”不是有效的{self.noun}{hint}") from None
