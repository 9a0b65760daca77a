"""Throwing a demo database away so that `demo --reset` can build a fresh one.

Deleting the demo's rows one model at a time would fight the PROTECT foreign keys of every
module that refers to zones, departments, users and enterprises, and would have to alter the
append-only audit trail. A demo database is disposable instead: reset drops every table of the
database and the migrations create them again (data migrations included, which `flush` would
lose). Because that destroys everything, it is allowed only on a database that the demo built
(it holds a "demo.built" audit event), never with the production profile, and the command asks
for confirmation first.
"""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

from yingshang.demo.build import BUILT_VERB

AUDIT_TABLE = "audit_auditevent"


class ResetRefused(Exception):
    """Why the database may not be reset, in Chinese."""


def database_label(alias: str = DEFAULT_DB_ALIAS) -> str:
    connection = connections[alias]
    return f"{connection.vendor} {connection.settings_dict['NAME']}"


def check_resettable(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The tables to drop; ResetRefused when this database must not be reset."""
    if settings.PRODUCTION:
        raise ResetRefused("生产环境 (YINGSHANG_PROFILE=production) 不允许重置数据库")
    connection = connections[alias]
    if connection.vendor not in ("sqlite", "postgresql"):
        raise ResetRefused(f"不支持重置 {connection.vendor} 数据库")
    tables = connection.introspection.table_names()
    if tables and not _built_by_demo(connection, tables):
        raise ResetRefused(
            f"数据库 {database_label(alias)} 不是由演示命令生成的 (没有 {BUILT_VERB} 审计事件), "
            "为防止误删真实数据，拒绝重置"
        )
    return tables


def _built_by_demo(connection: BaseDatabaseWrapper, tables: list[str]) -> bool:
    if AUDIT_TABLE not in tables:
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {AUDIT_TABLE} WHERE verb = %s LIMIT 1", [BUILT_VERB])
        return cursor.fetchone() is not None


def drop_all_tables(tables: list[str], alias: str = DEFAULT_DB_ALIAS) -> None:
    """Drop the tables (outside any transaction); the next `migrate` recreates them."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    if not tables:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {', '.join(map(quote, tables))} CASCADE")
        return
    connection.disable_constraint_checking()
    try:
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {quote(table)}")
            cursor.execute("VACUUM")
    finally:
        connection.enable_constraint_checking()
