"""The `yingshang` command: Django's management commands plus the platform's own.

`yingshang demo`, `yingshang import-enterprises FILE`, `yingshang workdays add START N` and the
rest are management commands in the apps; this entry point sets the settings module, creates the
data directory and makes sure the database is migrated before a command that uses it runs:

- a new SQLite database (the embedded default: no file yet, or no migration table) is migrated
  on the spot, with one line on stderr, so the first command in a new data directory just works;
- any other database with unapplied migrations (PostgreSQL, or an older SQLite file after an
  upgrade) stops the command with one line naming `yingshang migrate` and exit status 1.

The check costs one query when nothing is pending: the migration files on disk are listed (not
imported) and compared with the migration table; Django's migration loader, which imports every
migration, runs only when that comparison finds a difference. Commands that are about migrating,
that only inspect (check, help, version), that need no database (evaluate) or that migrate
themselves (demo) are not checked, nor `appeals router-eval`.
"""

import gc
import os
import pkgutil
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

import django
from django.apps import apps
from django.conf import settings
from django.core.management import BaseCommand, ManagementUtility, call_command
from django.db import DEFAULT_DB_ALIAS, DatabaseError, OperationalError, connections

from yingshang.config.errors import ConfigurationError

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper

# Not checked: they migrate, inspect the migrations or the code, or need no database at all
# (`evaluate` reads a file and writes a file).
UNCHECKED_COMMANDS = frozenset(
    {
        "check",
        "collectstatic",
        "compilemessages",
        "createcachetable",
        "dbshell",
        "demo",
        "diffsettings",
        "evaluate",
        "export_openapi_schema",
        "findstatic",
        "flush",
        "help",
        "inspectdb",
        "makemessages",
        "makemigrations",
        "migrate",
        "optimizemigration",
        "sendtestemail",
        "shell",
        "showmigrations",
        "sqlflush",
        "sqlmigrate",
        "sqlsequencereset",
        "squashmigrations",
        "startapp",
        "startproject",
        "test",
        "testserver",
        "version",
    }
)
HELP_FLAGS = frozenset({"-h", "--help", "--version"})
MIGRATE_HINT = "请先运行 `yingshang migrate`"


class DatabaseNotReady(Exception):
    """Unapplied migrations on a database this command may not migrate by itself."""


# Commands whose listed subcommands need no database (`appeals router-eval` reads a file).
UNCHECKED_SUBCOMMANDS = {"appeals": frozenset({"router-eval"})}


def needs_database_check(argv: list[str]) -> bool:
    """Whether the command line `argv` (program name first) runs a command that uses the data."""
    if len(argv) < 2 or argv[1].startswith("-") or argv[1] in UNCHECKED_COMMANDS:
        return False
    if len(argv) > 2 and argv[2] in UNCHECKED_SUBCOMMANDS.get(argv[1], ()):
        return False
    # Shell completion and help on a command never touch the data.
    return "DJANGO_AUTO_COMPLETE" not in os.environ and not HELP_FLAGS.intersection(argv[2:])


def _new_sqlite_file(connection: "BaseDatabaseWrapper") -> Path | None:
    """The file of an SQLite database that does not exist yet (or is empty), else None."""
    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        return None
    path = Path(name)
    return path if not path.exists() or path.stat().st_size == 0 else None


def _applied(connection: "BaseDatabaseWrapper") -> set[tuple[str, str]] | None:
    """The (app, name) rows of the migration table; None when there is no such table."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            return {(app, name) for app, name in cursor.fetchall()}
    except DatabaseError:
        return None


def _on_disk() -> set[tuple[str, str]]:
    """Every (app label, migration name) of the installed apps, from the file names alone."""
    found = set()
    for app in apps.get_app_configs():
        module = settings.MIGRATION_MODULES.get(app.label, f"{app.name}.migrations")
        spec = find_spec(module) if module else None
        if spec is None or not spec.submodule_search_locations:
            continue
        for _, name, is_package in pkgutil.iter_modules(spec.submodule_search_locations):
            # The same rule as Django's migration loader.
            if not is_package and name[0] not in "_~":
                found.add((app.label, name))
    return found


def _unapplied_count(connection: "BaseDatabaseWrapper") -> int:
    """How many migrations Django would apply now (the exact and slower answer)."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def ensure_database() -> None:
    """Migrate a new SQLite database; refuse to go on when another one has unapplied migrations.

    Raises DatabaseNotReady with the line to show. A database that cannot be reached is left to
    the command, which reports it as it always has.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    new_file = _new_sqlite_file(connection)
    if new_file is None:
        try:
            connection.ensure_connection()
        except OperationalError:
            return
        applied = _applied(connection)
        if applied is not None and _on_disk() <= applied:
            return
        if applied is None and connection.vendor == "sqlite":
            new_file = Path(connection.settings_dict["NAME"])
        else:
            pending = _unapplied_count(connection)
            if not pending:
                return
            raise DatabaseNotReady(f"数据库有 {pending} 个迁移尚未应用: {MIGRATE_HINT}")
    call_command("migrate", interactive=False, verbosity=0)
    sys.stderr.write(f"新的数据目录: 已创建数据库 {new_file}\n")


class Utility(ManagementUtility):
    """Django's command-line utility, with the database check before a command runs."""

    def execute(self) -> None:
        self.checked = self.argv[1] if needs_database_check(self.argv) else None
        if self.argv[1:2] == ["version"]:
            # Django answers `version` itself (its own version number) without running the
            # command of that name; the platform's command says more.
            django.setup()
            self.fetch_command("version").run_from_argv(self.argv)
            return
        super().execute()

    def fetch_command(self, subcommand: str) -> BaseCommand:
        command = super().fetch_command(subcommand)
        # The apps are loaded: what start-up created lives as long as the process, so it is set
        # aside (never scanned again) and collection resumes for the command's own work.
        gc.freeze()
        gc.enable()
        if subcommand == self.checked:
            self.checked = None
            ensure_database()
        return command


def main(argv: list[str] | None = None) -> None:
    # Loading Django and the apps creates some 80,000 objects (modules, classes, models) that
    # are never garbage; collecting while they are made costs about a tenth of the start-up.
    gc.disable()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingshang.config.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        # The platform's commands are spelled with hyphens (import-enterprises); Django's
        # modules cannot be, so the first word is mapped to its module name.
        args[0] = args[0].replace("-", "_")
    try:
        # The first use of the settings loads them; a missing secret stops here, in one line.
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        Utility(["yingshang", *args]).execute()
    except (ConfigurationError, DatabaseNotReady) as exc:
        sys.stderr.write(f"{exc}\n")
        sys.exit(1)
    finally:
        gc.enable()


if __name__ == "__main__":
    main()
