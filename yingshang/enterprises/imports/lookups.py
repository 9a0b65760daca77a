"""The reads of an import, one chunk of codes at a time, in plain SQL.

The ORM spends longer preparing an IN list of thousands of codes, and converting the rows,
than the database spends answering; these queries are the same on SQLite and PostgreSQL, and
their values are normalised here to what the records carry (amounts as text with two
decimals, dates as dates)."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import connection

from yingshang.enterprises.fieldgroups import EDITABLE_FIELDS
from yingshang.kernel.models import Enterprise, Qualification

WRITABLE_FIELDS: tuple[str, ...] = (*EDITABLE_FIELDS, "zone_id")
_TYPES = [Enterprise._meta.get_field(f).get_internal_type() for f in WRITABLE_FIELDS]
AMOUNTS = tuple(i for i, t in enumerate(_TYPES) if t == "DecimalField")
DATES = tuple(i for i, t in enumerate(_TYPES) if t == "DateField")


def _columns(model: type, names: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    return ", ".join(quote(model._meta.get_field(n).column) for n in names)


def _where_in(model: type, column: str, count: int) -> str:
    quote = connection.ops.quote_name
    params = ", ".join(["%s"] * count)
    return f"FROM {quote(model._meta.db_table)} WHERE {quote(column)} IN ({params})"


def as_date(value: Any) -> dt.date | None:
    """SQLite gives dates as text."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def as_amount(value: Any) -> str | None:
    """SQLite gives amounts as float (or as text when a float would lose digits)."""
    if value is None:
        return None
    return f"{Decimal(value) if isinstance(value, str) else value:.2f}"


def _normalised(values: tuple[Any, ...]) -> tuple[Any, ...]:
    row = list(values)
    for index in AMOUNTS:
        row[index] = as_amount(row[index])
    for index in DATES:
        row[index] = as_date(row[index])
    return tuple(row)


def existing_enterprises(codes: list[str], *, lock: bool) -> dict[str, tuple[Any, ...]]:
    """uscc -> (id, *WRITABLE_FIELDS) of the codes already registered."""
    if not codes:
        return {}
    sql = (
        f"SELECT {_columns(Enterprise, ('uscc', 'id', *WRITABLE_FIELDS))} "
        f"{_where_in(Enterprise, 'uscc', len(codes))}"
    )
    if lock and connection.features.has_select_for_update:
        sql += " FOR UPDATE"
    with connection.cursor() as cursor:
        cursor.execute(sql, codes)
        return {row[0]: (row[1], *_normalised(row[2:])) for row in cursor.fetchall()}


def ids_by_code(codes: list[str]) -> dict[str, int]:
    """uscc -> id of the codes already registered."""
    if not codes:
        return {}
    sql = (
        f"SELECT {_columns(Enterprise, ('uscc', 'id'))} {_where_in(Enterprise, 'uscc', len(codes))}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, codes)
        return dict(cursor.fetchall())


def held_qualifications(enterprise_ids: list[int]) -> dict[int, dict[int, dt.date | None]]:
    """enterprise id -> {kind id: valid until} for the given enterprises."""
    held: dict[int, dict[int, dt.date | None]] = {pk: {} for pk in enterprise_ids}
    if not enterprise_ids:
        return held
    names = ("enterprise", "kind", "valid_until")
    owner = Qualification._meta.get_field("enterprise").column
    sql = (
        f"SELECT {_columns(Qualification, names)} "
        f"{_where_in(Qualification, owner, len(enterprise_ids))}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, enterprise_ids)
        for enterprise_id, kind_id, until in cursor.fetchall():
            held[enterprise_id][kind_id] = as_date(until)
    return held
