"""The `yingshang` command at start-up: `version`, and the first command in a new data directory.

Run as the user runs it, in a fresh process each, against a data directory of the test's own.
Speed is measured by bench/bench_startup.py, not asserted here.
"""

import os
import sqlite3
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from yingshang.cli import UNCHECKED_COMMANDS, needs_database_check

NEW_DATABASE_LINE = "新的数据目录: 已创建数据库 "
PG_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
PG_DATABASE = "ys_startup_check"


def run_cli(*args: str, data_dir: Path, database_url: str | None = None):
    env = {**os.environ, "YINGSHANG_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "yingshang", *args],
        env=env,
        # Outside the checkout: `-m` puts the current directory first on sys.path.
        cwd=next(p for p in data_dir.parents if p.is_dir()),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_version_names_the_package_and_the_database(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    result = run_cli("version", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert f"yingshang {metadata.version('yingshang')}" in lines[0]
    assert lines[1].startswith("数据库: SQLite ")
    assert str(data_dir / "yingshang.sqlite3") in lines[1]
    # Asking for the version creates no database.
    assert "尚未创建" in lines[1]
    assert not (data_dir / "yingshang.sqlite3").exists()
    assert result.stderr == ""


def test_version_never_shows_the_database_password(tmp_path: Path) -> None:
    url = "postgres://ys:s3cret-pw@db.example:6543/yingshang"
    result = run_cli("version", data_dir=tmp_path / "var", database_url=url)
    assert result.returncode == 0, result.stderr
    assert "数据库: PostgreSQL, yingshang @ db.example:6543, 用户 ys" in result.stdout
    assert "s3cret-pw" not in result.stdout


def test_first_command_in_a_new_data_directory_creates_the_database(tmp_path: Path) -> None:
    data_dir = tmp_path / "missing" / "var"
    first = run_cli("workdays", "add", "2026-12-01", "5", data_dir=data_dir)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "2026-12-08"
    database = data_dir / "yingshang.sqlite3"
    assert first.stderr.splitlines() == [f"{NEW_DATABASE_LINE}{database}"]

    again = run_cli("workdays", "add", "2026-12-01", "5", data_dir=data_dir)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "2026-12-08"
    assert again.stderr == ""


def test_an_unapplied_migration_on_an_existing_database_names_the_command(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "var"
    assert run_cli("workdays", "add", "2026-12-01", "1", data_dir=data_dir).returncode == 0
    with sqlite3.connect(data_dir / "yingshang.sqlite3") as db:
        # As after an upgrade that brings a new migration: its row is not in the table yet.
        (last,) = db.execute(
            "SELECT max(id) FROM django_migrations WHERE app = 'calendars'"
        ).fetchone()
        db.execute("DELETE FROM django_migrations WHERE id = ?", (last,))
    result = run_cli("workdays", "add", "2026-12-01", "5", data_dir=data_dir)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == ["数据库有 1 个迁移尚未应用: 请先运行 `yingshang migrate`"]


def test_help_in_a_new_data_directory_creates_no_database(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    result = run_cli("workdays", "--help", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "add" in result.stdout
    assert not (data_dir / "yingshang.sqlite3").exists()


@pytest.mark.parametrize(
    ("argv", "checked"),
    [
        (["yingshang", "workdays", "add", "2026-12-01", "5"], True),
        (["yingshang", "serve"], True),
        (["yingshang", "import_enterprises", "x.csv"], True),
        (["yingshang", "workdays", "add", "--help"], False),
        (["yingshang", "migrate"], False),
        (["yingshang", "makemigrations", "--check"], False),
        (["yingshang", "showmigrations"], False),
        (["yingshang", "sqlmigrate", "calendars", "0001"], False),
        (["yingshang", "check", "--deploy"], False),
        (["yingshang", "test"], False),
        (["yingshang", "shell"], False),
        (["yingshang", "demo", "--no-serve"], False),
        (["yingshang", "evaluate", "--methodology", "db2020"], False),
        (["yingshang", "version"], False),
        (["yingshang", "help", "workdays"], False),
        (["yingshang", "--version"], False),
        (["yingshang"], False),
    ],
)
def test_which_commands_are_held_to_a_migrated_database(argv: list[str], checked: bool) -> None:
    assert needs_database_check(argv) is checked


def test_commands_about_migrating_are_never_checked() -> None:
    assert {"migrate", "makemigrations", "showmigrations", "sqlmigrate"} <= UNCHECKED_COMMANDS


def _postgres(dbname: str):
    psycopg = pytest.importorskip("psycopg")
    try:
        return psycopg.connect(
            host="127.0.0.1", user="postgres", dbname=dbname, connect_timeout=3, autocommit=True
        )
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL unreachable: {exc}")


@pytest.fixture
def empty_postgres_database():
    server = _postgres("postgres")
    with server:
        server.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        server.execute(f"CREATE DATABASE {PG_DATABASE}")
    try:
        yield PG_SERVER.rsplit("/", 1)[0] + f"/{PG_DATABASE}"
    finally:
        with _postgres("postgres") as server:
            server.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


@pytest.mark.postgres
def test_unmigrated_postgres_stops_with_one_line(tmp_path: Path, empty_postgres_database) -> None:
    result = run_cli(
        "workdays",
        "add",
        "2026-12-01",
        "5",
        data_dir=tmp_path / "var",
        database_url=empty_postgres_database,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].endswith("请先运行 `yingshang migrate`")
    assert "迁移尚未应用" in lines[0]
    # Nothing was created on the server's side: migrating is the operator's step there.
    with _postgres(PG_DATABASE) as db:
        (tables,) = db.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    assert tables == 0
