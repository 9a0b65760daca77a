"""Upgrade check: an old release builds the demo database, this tree migrates it, and every table
must still hold what it held (docs/upgrade.md).

    .venv/bin/python scripts/upgrade_check.py                       # SQLite, from 7d94081
    .venv/bin/python scripts/upgrade_check.py --database postgres://postgres@127.0.0.1:5432/postgres
    .venv/bin/python scripts/upgrade_check.py --from 7d94081 --size 1000 --keep --json result.json

Allowed differences: the tables in RENAMED_TABLES (models moved to another app), columns and
tables that new migrations add, rows that `migrate` appends to GROWING_TABLES. A migration that
moves a model adds its table to RENAMED_TABLES.

Exit status: 0 nothing lost or changed, 1 differences (listed), 2 the check could not run.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.parse
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FROM = "7d94081"  # the last release before the kernel restructuring
PG_PREFIX = "ys_upgrade_check"  # the only databases this script creates or drops
STEP_TIMEOUT = 900

# Old table -> new table, for models that migrations move to another app.
RENAMED_TABLES = {"rectification_notification": "registry_notification"}
# `migrate` appends to these (applied migrations, content types and permissions of new models);
# every row the old release wrote must still be there.
GROWING_TABLES = {"django_migrations", "django_content_type", "auth_permission"}

# Run with this tree's code after the upgrade: every model reads its table, all fields included.
ORM_READ = """
import json, django
django.setup()
from django.apps import apps
out = {}
for model in apps.get_models():
    meta = model._meta
    if meta.proxy or not meta.managed:
        continue
    try:
        count = model._base_manager.count()
        model._base_manager.order_by("pk").first()
        out[meta.label] = [meta.db_table, count, None]
    except Exception as exc:
        out[meta.label] = [meta.db_table, None, f"{type(exc).__name__}: {exc}"]
print(json.dumps(out))
"""


class CheckError(Exception):
    """The check could not run (exit status 2)."""


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def plain(value: Any) -> Any:
    """A JSON value that is equal exactly when the stored values are."""
    if value is None or isinstance(value, bool | int | float | str | dict | list):
        return value
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)  # Decimal, UUID


def row_text(row: Iterable[Any]) -> str:
    return json.dumps([plain(v) for v in row], ensure_ascii=False, sort_keys=True, default=str)


class Database:
    """The check database through plain DB-API (no Django, so that neither tree's code reads
    it); subclasses list tables, columns, primary key and indexes for their engine."""

    label: str
    url: str

    def connect(self) -> Any: ...
    def tables(self, cur: Any) -> list[str]: ...
    def columns(self, cur: Any, table: str) -> list[str]: ...
    def primary_key(self, cur: Any, table: str) -> list[str]: ...
    def indexes(self, cur: Any, table: str) -> list[str]: ...

    def lagging_sequences(self, cur: Any) -> list[str]:
        return []

    def create(self) -> None:
        pass

    def drop(self) -> None:
        pass

    @contextmanager
    def cursor(self) -> Iterator[Any]:
        conn = self.connect()
        try:
            yield conn.cursor()
        finally:
            conn.close()


class SqliteDatabase(Database):
    label = "SQLite"

    def __init__(self, path: Path):
        self.path = path
        self.url = f"sqlite:///{path}"

    def connect(self) -> Any:
        return sqlite3.connect(self.path)

    def tables(self, cur: Any) -> list[str]:
        cur.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return sorted(r[0] for r in cur.fetchall() if not r[0].startswith("sqlite_"))

    def columns(self, cur: Any, table: str) -> list[str]:
        return [r[1] for r in cur.execute(f"PRAGMA table_info({quote(table)})").fetchall()]

    def primary_key(self, cur: Any, table: str) -> list[str]:
        info = cur.execute(f"PRAGMA table_info({quote(table)})").fetchall()
        return [r[1] for r in sorted((r for r in info if r[5]), key=lambda r: r[5])]

    def indexes(self, cur: Any, table: str) -> list[str]:
        # SQLite's own indexes (UNIQUE, PRIMARY KEY) are named after the table: left out.
        found = cur.execute(f"PRAGMA index_list({quote(table)})").fetchall()
        return sorted(r[1] for r in found if not r[1].startswith("sqlite_autoindex"))


PG_TABLES = """SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"""
PG_COLUMNS = """SELECT column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = %s ORDER BY ordinal_position"""
PG_PRIMARY_KEY = """SELECT a.attname FROM pg_index i
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
    WHERE i.indrelid = %s::regclass AND i.indisprimary
    ORDER BY array_position(i.indkey, a.attnum)"""
PG_INDEXES = """SELECT indexname FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename = %s ORDER BY 1"""


class PostgresDatabase(Database):
    label = "PostgreSQL"

    def __init__(self, server_url: str, name: str):
        if not re.fullmatch(rf"{PG_PREFIX}\w*", name):
            raise CheckError(f"the check database's name must start with {PG_PREFIX}: {name}")
        self.server, self.name = server_url, name
        self.url = urllib.parse.urlsplit(server_url)._replace(path=f"/{name}").geturl()

    def connect(self, url: str | None = None) -> Any:
        import psycopg

        return psycopg.connect(url or self.url, connect_timeout=10, autocommit=True)

    def _on_server(self, *statements: str) -> None:
        import psycopg
        from psycopg import sql

        try:
            with self.connect(self.server) as conn:
                for statement in statements:
                    conn.execute(sql.SQL(statement).format(sql.Identifier(self.name)))
        except psycopg.OperationalError as exc:
            raise CheckError(f"PostgreSQL is not reachable: {exc}") from exc

    def create(self) -> None:
        # One of this name is what an interrupted check left behind.
        self._on_server("DROP DATABASE IF EXISTS {} WITH (FORCE)", "CREATE DATABASE {}")

    def drop(self) -> None:
        self._on_server("DROP DATABASE IF EXISTS {} WITH (FORCE)")

    def _names(self, cur: Any, query: str, *params: str) -> list[str]:
        cur.execute(query, params)
        return [r[0] for r in cur.fetchall()]

    def tables(self, cur: Any) -> list[str]:
        return self._names(cur, PG_TABLES)

    def columns(self, cur: Any, table: str) -> list[str]:
        return self._names(cur, PG_COLUMNS, table)

    def primary_key(self, cur: Any, table: str) -> list[str]:
        return self._names(cur, PG_PRIMARY_KEY, quote(table))

    def indexes(self, cur: Any, table: str) -> list[str]:
        return self._names(cur, PG_INDEXES, table)

    def lagging_sequences(self, cur: Any) -> list[str]:
        """Tables whose id sequence would hand out an id already taken (rows moved by hand)."""
        lagging = []
        for table in self.tables(cur):
            pk = self.primary_key(cur, table)
            if len(pk) != 1:
                continue
            cur.execute("SELECT pg_get_serial_sequence(%s, %s)", [quote(table), pk[0]])
            sequence = cur.fetchone()[0]
            if sequence is None:
                continue
            cur.execute(f"SELECT last_value + is_called::int FROM {sequence}")
            following = cur.fetchone()[0]
            cur.execute(f"SELECT max({quote(pk[0])}) FROM {quote(table)}")
            top = cur.fetchone()[0]
            if top is not None and following <= top:
                lagging.append(f"{table}: next id {following}, highest id {top}")
        return lagging


def read_table(cur: Any, table: str, columns: list[str], pk: list[str], sample: int) -> dict:
    """Row count, first and last rows by primary key, a digest of all rows, in one pass."""
    order = ", ".join(map(quote, pk or columns))
    cur.execute(f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)} ORDER BY {order}")
    digest, head, tail, rows, count = hashlib.sha256(), [], collections.deque(maxlen=sample), [], 0
    while batch := cur.fetchmany(2000):
        for row in batch:
            text = row_text(row)
            digest.update(text.encode() + b"\n")
            count += 1
            if len(head) < sample:
                head.append(text)
            tail.append(text)
            if table in GROWING_TABLES:
                rows.append(text)
    state = {"count": count, "digest": digest.hexdigest(), "head": head, "tail": list(tail)}
    return state | ({"rows": rows} if table in GROWING_TABLES else {})


def snapshot(db: Database, *, sample: int = 5) -> dict[str, dict[str, Any]]:
    """Every table: columns, primary key, indexes and contents."""
    out = {}
    with db.cursor() as cur:
        for table in db.tables(cur):
            columns, pk = db.columns(cur, table), db.primary_key(cur, table)
            out[table] = {"columns": columns, "primary_key": pk, "indexes": db.indexes(cur, table)}
            out[table] |= read_table(cur, table, columns, pk, sample)
    return out


def compare(
    db: Database, before: dict[str, dict[str, Any]], *, renamed: dict[str, str], sample: int = 5
) -> dict[str, Any]:
    """Read the migrated database against the snapshot; `problems`: what was lost or changed."""
    problems: list[str] = []
    notes: list[str] = []
    tables: dict[str, dict[str, Any]] = {}
    with db.cursor() as cur:
        now = set(db.tables(cur))
        for old, state in before.items():
            new = renamed.get(old, old)
            tables[old] = {"table": new, "before": state["count"], "after": None}
            if new not in now:
                problems.append(
                    f"{old}: table lost" + (f" (expected as {new})" if new != old else "")
                )
                continue
            if new != old and old in now:
                problems.append(f"{old}: still there next to its new table {new}")
            columns = db.columns(cur, new)
            if added := [c for c in columns if c not in state["columns"]]:
                notes.append(f"{new}: new columns {', '.join(added)}")
            indexes = set(db.indexes(cur, new))
            if changed := indexes ^ set(state["indexes"]):
                signed = (("+" if i in indexes else "-") + i for i in sorted(changed))
                notes.append(f"{new}: indexes {' '.join(signed)}")
            if lost := [c for c in state["columns"] if c not in columns]:
                problems.append(f"{new}: columns lost: {', '.join(lost)}")
                continue
            after = read_table(cur, new, state["columns"], state["primary_key"], sample)
            tables[old]["after"] = after["count"]
            problems += row_problems(new, state, after, growing=old in GROWING_TABLES)
        for table in sorted(now - {renamed.get(t, t) for t in before}):
            cur.execute(f"SELECT count(*) FROM {quote(table)}")
            tables[table] = {"table": table, "before": None, "after": cur.fetchone()[0]}
            notes.append(f"{table}: new table")
    return {"tables": tables, "problems": problems, "notes": notes}


def row_problems(table: str, before: dict, after: dict, *, growing: bool) -> list[str]:
    if growing:
        missing = sorted(set(before["rows"]) - set(after["rows"]))
        more = [f"{table}: {len(missing) - 5} more rows lost or changed"] if missing[5:] else []
        return [f"{table}: row lost or changed: {row}" for row in missing[:5]] + more
    problems = []
    if after["count"] != before["count"]:
        problems.append(f"{table}: {before['count']} rows before, {after['count']} after")
    for part in ("head", "tail"):
        for was, now in zip(before[part], after[part], strict=False):
            if was != now:
                problems.append(f"{table}: row changed\n      before {was}\n      after  {now}")
                break
    if not problems and after["digest"] != before["digest"]:
        problems.append(f"{table}: rows changed beyond the first and last {len(before['head'])}")
    return problems


def run_code(
    code: Path, db: Database, data_dir: Path, *args: str, check: bool = True
) -> subprocess.CompletedProcess:
    """`python *args` with one tree's code on the check database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("YINGSHANG_")}
    env |= {
        "PYTHONPATH": str(code),  # ahead of the editable install of this tree
        "YINGSHANG_DATA_DIR": str(data_dir),
        "DATABASE_URL": db.url,
        "DJANGO_SETTINGS_MODULE": "yingshang.config.settings",
    }
    command = [sys.executable, *args]
    try:
        done = subprocess.run(
            command, cwd=code, env=env, capture_output=True, text=True, timeout=STEP_TIMEOUT
        )
    except subprocess.TimeoutExpired as exc:
        raise CheckError(f"{' '.join(args)}: over {STEP_TIMEOUT} s") from exc
    if check and done.returncode != 0:
        output = (done.stdout + done.stderr)[-4000:]
        raise CheckError(f"{' '.join(args)} in {code} failed ({done.returncode}):\n{output}")
    return done


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, check=False)


def export_commit(commit: str, dest: Path) -> str:
    """Write a commit's files into dest (the repository, its index and worktrees stay as they
    are); return the full commit id."""
    found = git("rev-parse", "--verify", "--quiet", f"{commit}^{{commit}}")
    if found.returncode != 0:
        raise CheckError(f"commit {commit} is not in this clone's history (a shallow clone?)")
    full = found.stdout.decode().strip()
    archive = git("archive", "--format=tar", full)
    if archive.returncode != 0:
        raise CheckError(f"git archive {full}: {archive.stderr.decode()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(dest, filter="data")
    return full


def after_checks(db: Database, result: dict[str, Any], new_tree: Path, data_dir: Path) -> None:
    """The new models read their tables, their migrations are complete, sequences are ahead."""
    done = run_code(new_tree, db, data_dir, "-c", ORM_READ)
    counts = {entry["table"]: entry["after"] for entry in result["tables"].values()}
    for label, (table, count, error) in json.loads(done.stdout.splitlines()[-1]).items():
        if error:
            result["problems"].append(f"model {label} cannot read {table}: {error}")
        elif count != counts.get(table):
            result["problems"].append(
                f"model {label}: {count} rows, {counts.get(table)} in {table}"
            )
    args = ("-m", "yingshang", "makemigrations", "--check", "--dry-run")
    done = run_code(new_tree, db, data_dir, *args, check=False)
    if done.returncode != 0:
        result["problems"].append(f"models changed without a migration:\n{done.stdout.strip()}")
    with db.cursor() as cur:
        result["problems"] += [f"sequence behind: {s}" for s in db.lagging_sequences(cur)]


def code_tree(commit: str | None, dest: Path, db: Database, data_dir: Path) -> tuple[Path, str]:
    """A commit's files (None: this working tree), checked to be the code that runs."""
    tree, name = (ROOT, "working tree") if commit is None else (dest, "")
    if commit is not None:
        dest.mkdir()
        name = export_commit(commit, dest)
    where = run_code(tree, db, data_dir, "-c", "import yingshang; print(yingshang.__file__)")
    if not Path(where.stdout.strip()).is_relative_to(tree):
        raise CheckError(f"{tree} is not the code that runs: {where.stdout.strip()}")
    return tree, name


def upgrade_check(
    db: Database, work: Path, *, old: str, new: str | None, size: int, sample: int
) -> dict:
    started = time.monotonic()
    data_dir = work / "data"
    data_dir.mkdir()
    old_tree, old_name = code_tree(old, work / "old", db, data_dir)
    new_tree, new_name = code_tree(new, work / "new", db, data_dir)
    db.create()
    print(f"== {old_name[:10]}: yingshang demo --size {size} --no-serve ({db.label})", flush=True)
    run_code(old_tree, db, data_dir, "-m", "yingshang", "demo", "--size", str(size), "--no-serve")
    before = snapshot(db, sample=sample)
    (work / "before.json").write_text(json.dumps(before, ensure_ascii=False, indent=1))
    print(f"== {new_name[:12]}: yingshang migrate ({len(before)} tables read)", flush=True)
    migrated = run_code(new_tree, db, data_dir, "-m", "yingshang", "migrate", "--no-input")
    result = compare(db, before, renamed=RENAMED_TABLES, sample=sample)
    result["applied"] = [
        line.split()[1].removesuffix("...")
        for line in migrated.stdout.splitlines()
        if line.strip()[:9] == "Applying "
    ]
    after_checks(db, result, new_tree, data_dir)
    result |= {"from": old_name, "to": new_name, "database": db.label, "size": size}
    return result | {"seconds": round(time.monotonic() - started, 1)}


def print_report(result: dict[str, Any]) -> None:
    tables = result["tables"]
    names = {o: o if e["table"] == o else f"{o} -> {e['table']}" for o, e in tables.items()}
    width = max(map(len, names.values()))
    print(f"\n{'table':<{width}}  {'before':>7}  {'after':>7}")
    for old, entry in sorted(tables.items()):
        before, after = ("-" if n is None else n for n in (entry["before"], entry["after"]))
        print(f"{names[old]:<{width}}  {before:>7}  {after:>7}")
    print(f"\nmigrations applied: {', '.join(result['applied']) or 'none'}")
    for note in result["notes"]:
        print(f"note: {note}")
    compared = sum(1 for e in tables.values() if e["before"] is not None)
    print(
        f"\n{result['database']}, {result['from'][:10]} -> {result['to'][:12]}, "
        f"demo size {result['size']}: "
        f"{compared} tables compared in {result['seconds']} s"
    )
    for problem in result["problems"]:
        print(f"  - {problem}")
    print(f"FAILED: {len(p)} differences" if (p := result["problems"]) else "OK: nothing lost")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--from", dest="old", default=DEFAULT_FROM, help="the old release (a commit)")
    add("--to", dest="new", help="the new code (a commit; default: this working tree)")
    add("--database", default="sqlite", help="sqlite, or a PostgreSQL URL to create it from")
    add("--pg-name", default=PG_PREFIX, help=f"the check database (name starts {PG_PREFIX})")
    add("--size", type=int, default=300, help="demo enterprises")
    add("--sample", type=int, default=5, help="first and last rows shown per table")
    add("--keep", action="store_true", help="keep the temporary directory and database")
    add("--json", type=Path, help="also write the result as JSON here")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="ys-upgrade-"))
    try:
        if args.database == "sqlite":
            db: Database = SqliteDatabase(work / "data" / "yingshang.sqlite3")
        elif args.database.startswith(("postgres://", "postgresql://")):
            db = PostgresDatabase(args.database, args.pg_name)
        else:
            raise CheckError(f"--database: sqlite or a postgres:// URL, not {args.database}")
        try:
            result = upgrade_check(
                db, work, old=args.old, new=args.new, size=args.size, sample=args.sample
            )
        finally:
            if not args.keep:
                db.drop()
    except CheckError as exc:
        print(f"upgrade check could not run: {exc}", file=sys.stderr)
        return 2
    finally:
        if args.keep:
            on_pg = args.database != "sqlite"
            print(f"kept {work}" + (f" and the database {args.pg_name}" if on_pg else ""))
        else:
            shutil.rmtree(work, ignore_errors=True)
    print_report(result)
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    return 1 if result["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
