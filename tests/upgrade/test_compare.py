"""The comparison of the upgrade check finds every kind of loss on a small hand-made database."""

import sqlite3
from pathlib import Path
from types import ModuleType

import pytest

SCHEMA = """
CREATE TABLE zone (id INTEGER PRIMARY KEY, name TEXT NOT NULL, code TEXT, city TEXT);
CREATE INDEX zone_code ON zone (code);
CREATE TABLE old_note (id INTEGER PRIMARY KEY, text TEXT);
CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, app TEXT, name TEXT);
"""


@pytest.fixture
def database(tmp_path: Path, upgrade_check: ModuleType):
    path = tmp_path / "check.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript(SCHEMA)
        conn.executemany(
            "INSERT INTO zone VALUES (?, ?, ?, ?)",
            [(i, f"功能区{i}", f"z{i}", "郑州市") for i in range(1, 21)],
        )
        conn.executemany("INSERT INTO old_note VALUES (?, ?)", [(i, f"通知{i}") for i in (1, 2, 3)])
        conn.execute("INSERT INTO django_migrations VALUES (1, 'registry', '0001_initial')")
    conn.close()
    return upgrade_check.SqliteDatabase(path)


def check(
    upgrade_check: ModuleType, db, change: str, renamed: dict[str, str] | None = None
) -> dict:
    before = upgrade_check.snapshot(db, sample=2)
    with sqlite3.connect(db.path) as conn:
        conn.executescript(change)
    conn.close()
    return upgrade_check.compare(db, before, renamed=renamed or {}, sample=2)


def test_nothing_changed_nothing_reported(upgrade_check, database):
    result = check(upgrade_check, database, "")
    assert result["problems"] == [] and result["notes"] == []
    assert result["tables"]["zone"] == {"table": "zone", "before": 20, "after": 20}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("DELETE FROM zone WHERE id = 20", "zone: 20 rows before, 19 after"),
        ("UPDATE zone SET name = 'x' WHERE id = 1", "zone: row changed"),
        ("UPDATE zone SET city = NULL WHERE id = 10", "zone: rows changed beyond the first and"),
        ("DROP TABLE old_note", "old_note: table lost"),
        ("ALTER TABLE zone DROP COLUMN city", "zone: columns lost: city"),
        ("UPDATE django_migrations SET name = 'x'", "django_migrations: row lost or changed"),
    ],
)
def test_a_loss_is_reported(upgrade_check, database, change: str, expected: str):
    problems = check(upgrade_check, database, change)["problems"]
    assert problems and problems[0].startswith(expected), problems
    assert all(p.startswith(expected.split(":")[0] + ":") for p in problems), problems


def test_renamed_table_is_compared_under_its_new_name(upgrade_check, database):
    move = "ALTER TABLE old_note RENAME TO note"
    result = check(upgrade_check, database, move, renamed={"old_note": "note"})
    assert result["problems"] == []
    assert result["tables"]["old_note"] == {"table": "note", "before": 3, "after": 3}


def test_a_rename_not_listed_is_a_lost_table(upgrade_check, database):
    result = check(upgrade_check, database, "ALTER TABLE old_note RENAME TO note")
    assert result["problems"] == ["old_note: table lost"]
    assert "note: new table" in result["notes"]


def test_added_columns_tables_indexes_and_bookkeeping_rows_are_allowed(upgrade_check, database):
    change = """
        ALTER TABLE zone ADD COLUMN kind TEXT DEFAULT '高新区';
        DROP INDEX zone_code;
        CREATE INDEX zone_code_kind ON zone (code, kind);
        CREATE TABLE audit (id INTEGER PRIMARY KEY);
        INSERT INTO django_migrations VALUES (2, 'registry', '0002_kind');
    """
    result = check(upgrade_check, database, change)
    assert result["problems"] == []
    assert result["notes"] == [
        "zone: new columns kind",
        "zone: indexes -zone_code +zone_code_kind",
        "audit: new table",
    ]
    assert result["tables"]["django_migrations"]["after"] == 2
