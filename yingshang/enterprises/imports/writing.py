"""The writes of one planned chunk: plain parameterised INSERT and UPDATE statements run with
`executemany` (the same SQL on SQLite and PostgreSQL; PostgreSQL loads new rows with COPY).
The audit events of the chunk are written by `events.enterprises_updated`.

The ORM's bulk_create prepares every field of every instance in Python, which is most of the
time of an import of a million rows; date and Decimal parameters are adapted by the drivers
(Django registers the adapters for sqlite3, psycopg has its own)."""

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import Any

from django.db import connection

from yingshang.enterprises.imports.lookups import WRITABLE_FIELDS, ids_by_code
from yingshang.enterprises.imports.planning import ChunkPlan, new_values
from yingshang.kernel.models import Enterprise, Qualification


def _table(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _column(model: type, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


@cache
def _statements(vendor: str) -> dict[str, str]:
    ent, qual = _table(Enterprise), _table(Qualification)
    writable = [_column(Enterprise, f) for f in WRITABLE_FIELDS]
    insert_cols = [*writable, *(_column(Enterprise, f) for f in ("uscc", "version"))]
    insert_cols += [_column(Enterprise, "created_at"), _column(Enterprise, "updated_at")]
    assignments = ", ".join(f"{c} = %s" for c in writable)
    version, updated_at, pk = (_column(Enterprise, f) for f in ("version", "updated_at", "id"))
    q_ent, q_kind, q_until = (
        _column(Qualification, f) for f in ("enterprise", "kind", "valid_until")
    )
    q_cert, q_from = _column(Qualification, "certificate_no"), _column(Qualification, "valid_from")
    return {
        "insert": f"INSERT INTO {ent} ({', '.join(insert_cols)}) VALUES "
        f"({', '.join(['%s'] * len(insert_cols))})",
        "update": f"UPDATE {ent} SET {assignments}, {version} = {version} + 1, "
        f"{updated_at} = %s WHERE {pk} = %s",
        "touch": f"UPDATE {ent} SET {version} = {version} + 1, {updated_at} = %s WHERE {pk} = %s",
        "qual_insert": f"INSERT INTO {qual} ({q_ent}, {q_kind}, {q_cert}, {q_from}, {q_until}) "
        "VALUES (%s, %s, %s, %s, %s)",
        "qual_update": f"UPDATE {qual} SET {q_until} = %s WHERE {q_ent} = %s AND {q_kind} = %s",
    }


def _run(sql_name: str, params: Sequence[Sequence[Any]]) -> None:
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(_statements(connection.vendor)[sql_name], params)


def _insert(sql_name: str, rows: Sequence[Sequence[Any]]) -> None:
    """SQLite runs one prepared statement per row fastest (executemany); PostgreSQL loads rows
    several times faster with COPY than with as many INSERT statements."""
    if connection.vendor != "postgresql" or len(rows) < 2:
        _run(sql_name, rows)
        return
    head = _statements(connection.vendor)[sql_name].partition(" VALUES ")[0]
    connection.ensure_connection()
    copy_sql = head.replace("INSERT INTO", "COPY", 1) + " FROM STDIN"
    with connection.connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
        for row in rows:
            copy.write_row(row)


def write_chunk(*, plan: ChunkPlan, default_zone_id: int, now: dt.datetime) -> None:
    """Insert the new enterprises, update the changed ones, add or extend qualifications."""
    stamp = connection.ops.adapt_datetimefield_value(now)
    _insert(
        "insert",
        [(*new_values(r, default_zone_id), r.uscc, 1, stamp, stamp) for r in plan.new],
    )
    _run("update", [(*c.values, stamp, c.enterprise_id) for c in plan.changes if c.fields_changed])
    _run("touch", [(stamp, c.enterprise_id) for c in plan.changes if not c.fields_changed])
    new_ids = ids_by_code([r.uscc for r in plan.new if r.qualifications])
    inserts = [
        (new_ids[r.uscc], kind, "", None, until)
        for r in plan.new
        if r.qualifications
        for kind, until in r.qualifications
    ]
    inserts += [
        (c.enterprise_id, kind, "", None, until)
        for c in plan.changes
        for kind, until in c.qualifications.insert
    ]
    _insert("qual_insert", inserts)
    _run(
        "qual_update",
        [
            (until, c.enterprise_id, kind)
            for c in plan.changes
            for kind, until in c.qualifications.update
        ],
    )
