"""Upgrade from the last release before the restructuring: that release's code builds the demo
database, this tree's `migrate` upgrades it, and every table keeps its rows
(scripts/upgrade_check.py). The SQLite check runs in the SQLite pass of the suite, the PostgreSQL
check in the PostgreSQL pass, each on databases of its own."""

import json
import os
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OLD_RELEASE = "7d94081"
SIZE = 100
DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql://"))


def _in_history(commit: str) -> bool:
    if shutil.which("git") is None:
        return False
    done = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{commit}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


pytestmark = pytest.mark.skipif(
    not _in_history(OLD_RELEASE),
    reason=f"commit {OLD_RELEASE} (the release upgraded from) is not in this clone's history; "
    "a shallow clone needs `git fetch --unshallow`",
)


def run_check(tmp_path: Path, *args: str) -> dict:
    result = tmp_path / "result.json"
    command = [sys.executable, str(ROOT / "scripts" / "upgrade_check.py"), "--from", OLD_RELEASE]
    command += ["--size", str(SIZE), "--json", str(result), *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(result.read_text())


def assert_nothing_lost(result: dict) -> None:
    assert result["problems"] == []
    tables = result["tables"]
    assert len([t for t in tables.values() if t["before"] is not None]) >= 30
    # The moved notifications: same rows under the kernel's table name, and there were some.
    moved = tables["rectification_notification"]
    assert moved["table"] == "registry_notification"
    assert moved["before"] > 0 and moved["after"] == moved["before"]
    assert tables["registry_enterprise"]["before"] == tables["registry_enterprise"]["after"] == SIZE
    assert {"registry.0004_notification", "rectification.0003_notification_moved_to_kernel"} <= set(
        result["applied"]
    )


@pytest.mark.skipif(bool(DATABASE_URL), reason="runs in the SQLite pass (DATABASE_URL unset)")
def test_upgrade_keeps_every_row_on_sqlite(tmp_path: Path):
    assert_nothing_lost(run_check(tmp_path))


@pytest.mark.postgres
@pytest.mark.skipif(
    not ON_POSTGRES, reason="runs in the PostgreSQL pass (DATABASE_URL postgres://)"
)
def test_upgrade_keeps_every_row_on_postgres(tmp_path: Path):
    # The server of DATABASE_URL, through its maintenance database: the test database itself
    # is left to the rest of the suite.
    server = urllib.parse.urlsplit(DATABASE_URL)._replace(path="/postgres").geturl()
    ready = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "pg_ready.py"), server],
        capture_output=True,
        text=True,
        check=False,
    )
    if ready.returncode != 0:
        pytest.skip(f"PostgreSQL is not reachable: {ready.stderr.strip()}")
    name = f"ys_upgrade_check_{os.getpid()}"
    assert_nothing_lost(run_check(tmp_path, "--database", server, "--pg-name", name))
