"""Indexes that keep the enterprise list's search fast at a million rows.

The list filters already use the (zone, <filter>, -id) indexes of 0001. Search needs more:

* PostgreSQL: `name LIKE '%...%'` uses a pg_trgm GIN index; `uscc LIKE '...%'` uses a
  varchar_pattern_ops B-tree (Django creates one for unique CharFields; it is added here only when
  missing). Both are built CONCURRENTLY so that an existing registry stays writable.
* SQLite: LIKE is case-insensitive, so a prefix LIKE can only use an index with NOCASE collation;
  codes are upper case, so NOCASE orders them exactly as BINARY does.

The indexes are outside Django's model state on purpose: they are vendor-specific and Django's
lookups pick them up without the ORM knowing about them.
"""

from django.db import migrations

TABLE = "registry_enterprise"

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX CONCURRENTLY IF NOT EXISTS ent_name_trgm ON {TABLE} USING gin (name gin_trgm_ops)",
]
PG_USCC_PATTERN = f"CREATE INDEX CONCURRENTLY IF NOT EXISTS ent_uscc_pattern ON {TABLE} (uscc varchar_pattern_ops)"
PG_HAS_USCC_PATTERN = (
    "SELECT 1 FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s AND indexdef LIKE %s"
)
PG_BACKWARD = [
    "DROP INDEX CONCURRENTLY IF EXISTS ent_name_trgm",
    "DROP INDEX CONCURRENTLY IF EXISTS ent_uscc_pattern",
]

SQLITE_FORWARD = [f"CREATE INDEX IF NOT EXISTS ent_uscc_nocase ON {TABLE} (uscc COLLATE NOCASE)"]
SQLITE_BACKWARD = ["DROP INDEX IF EXISTS ent_uscc_nocase"]


def _run(schema_editor, statements):
    with schema_editor.connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _pg_has_uscc_pattern_index(schema_editor) -> bool:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(PG_HAS_USCC_PATTERN, [TABLE, "%(uscc %", "%_pattern_ops%"])
        return cursor.fetchone() is not None


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, PG_FORWARD)
        if not _pg_has_uscc_pattern_index(schema_editor):
            _run(schema_editor, [PG_USCC_PATTERN])
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARD)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, PG_BACKWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_BACKWARD)


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [("registry", "0002_qualification_kinds")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
