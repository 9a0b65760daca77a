"""Rectification at scale: the daily sweep, a year of department performance, the task pages.

Builds (bench/rectification_data.py), in a database of its own, one zone with 20 departments,
--tasks tasks spread over a year (every workflow state, deadlines past and future, a third with
a supporting department), one problem per five tasks linked to its task, and --events audit
events; then times

- `sweep(today=...)`: the first run (marks and escalates everything due), the second run on the
  same day (must change nothing) and the run of the next working day;
- `department_performance` over twelve months;
- the task list page (and the ledger, when there) through Django's test client, in process,
  logged in as the office and as a department user; median and p95 over --requests requests.

Baselines, in the same process: reading (id, state, deadline) of every task in a clock state
(the least a sweep has to read) for the sweep, an anonymous GET of the login page for the pages.

    .venv/bin/python bench/bench_rectification.py                         # SQLite
    .venv/bin/python bench/bench_rectification.py --tasks 10000 --events 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/bench_rectification.py                     # PostgreSQL

SQLite lives in --data-dir (default /tmp/ys-bench-rect) and is rebuilt on every run (the sweep
changes the data). With DATABASE_URL the database ys_bench_rect on that server is dropped and
created again (the URL's own database is used only for that).
"""

import argparse
import cProfile
import datetime as dt
import io
import os
import pstats
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from common import Timing, format_table, measure, ms, peak_rss_mib, stopwatch
from rectification_data import NEXT_WORKDAY, TODAY, World, build_world, refresh_statistics

DEFAULT_DATA_DIR = Path("/tmp/ys-bench-rect")
BENCH_DATABASE = "ys_bench_rect"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000, help="audit events")
    parser.add_argument("--requests", type=int, default=100, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per page")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--profile", action="store_true", help="print the sweep's top functions")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="a PostgreSQL server (default: $DATABASE_URL; empty: SQLite in --data-dir)",
    )
    return parser.parse_args(argv)


# --- the database -------------------------------------------------------------------------------


def fresh_database_url(server_url: str) -> str:
    """The same server, the benchmark's own database, dropped and created anew."""
    import psycopg

    parts = urlsplit(server_url)
    admin_db = parts.path.lstrip("/") or "postgres"
    admin_url = urlunsplit(parts._replace(path=f"/{admin_db}"))
    with psycopg.connect(admin_url.replace("postgis://", "postgres://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}"')
        conn.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))


def configure(args: argparse.Namespace) -> None:
    """Environment for the settings; must run before Django is imported."""
    if not args.database_url:
        shutil.rmtree(args.data_dir, ignore_errors=True)
    (args.data_dir / "static").mkdir(parents=True, exist_ok=True)
    os.environ["YINGSHANG_DATA_DIR"] = str(args.data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingshang.config.settings")
    if args.database_url:
        os.environ["DATABASE_URL"] = fresh_database_url(args.database_url)
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()


# --- the measurements ---------------------------------------------------------------------------


@contextmanager
def counted_queries() -> Iterator[list[int]]:
    from django.db import connection

    box = [0]

    def wrapper(execute, sql, params, many, context):
        box[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield box


@dataclass(frozen=True)
class Row:
    label: str
    seconds: float | None
    queries: int | str
    note: str


def time_sweep(args: argparse.Namespace, world: World) -> list[Row]:
    from yingshang.core.rectification.workflow import CLOCK_STATES
    from yingshang.rectification.models import Task

    open_states = [s.value for s in CLOCK_STATES]

    def baseline(_: int) -> None:
        list(
            Task.objects.filter(zone=world.zone, state__in=open_states).values_list(
                "id", "state", "deadline"
            )
        )

    base = measure(baseline, n=5, warmup=1)
    rows = [Row("baseline: read (id, state, deadline) of open tasks", base.median, 1, "")]
    try:
        from yingshang.rectification.services.sweep import sweep
    except ImportError as error:
        rows.append(Row("sweep", None, "-", f"not measured: {error}"))
        return rows
    runs = [("sweep, first run", TODAY), ("sweep, second run (same day)", TODAY)]
    runs.append(("sweep, next working day", NEXT_WORKDAY))
    for label, today in runs:
        profiler = cProfile.Profile() if args.profile and label.endswith("first run") else None
        with counted_queries() as queries, stopwatch() as elapsed:
            if profiler:
                profiler.enable()
            summary = sweep(today=today)
            if profiler:
                profiler.disable()
            seconds = elapsed()
        rows.append(Row(label, seconds, queries[0], _summary_text(summary)))
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
            print(out.getvalue())
    return rows


def _summary_text(summary) -> str:
    names = ("marked_due_soon", "marked_overdue", "reminders", "supervisions", "notices")
    names += ("notifications",)
    return " ".join(f"{n}={getattr(summary, n, '?')}" for n in names)


def time_performance(world: World) -> list[Row]:
    try:
        from yingshang.rectification.selectors.performance import department_performance
    except ImportError as error:
        return [Row("department_performance, 12 months", None, "-", f"not measured: {error}")]
    month_to = TODAY.replace(day=1)
    year, month = month_to.year, month_to.month - 11
    if month < 1:
        year, month = year - 1, month + 12
    month_from = dt.date(year, month, 1)
    result: list = []

    def once(_: int) -> None:
        result[:] = department_performance(
            zone=world.zone, month_from=month_from, month_to=month_to
        )

    with counted_queries() as queries:
        once(0)
    timing = measure(once, n=5, warmup=0)
    note = f"{len(result)} department-months, {month_from:%Y-%m}..{month_to:%Y-%m}"
    return [Row("department_performance, 12 months", timing.median, queries[0], note)]


@dataclass(frozen=True)
class Page:
    label: str
    url: str
    who: str  # "office", "department", "anonymous"


def pages() -> list[Page]:
    return [
        Page("baseline: GET /login/ (anonymous)", "/login/", "anonymous"),
        Page("task list, office", "/rectification/tasks/", "office"),
        Page("task list, office, overdue", "/rectification/tasks/?overdue=1", "office"),
        Page(
            "task list, office, state=in_progress",
            "/rectification/tasks/?state=in_progress",
            "office",
        ),
        Page("task list, department user", "/rectification/tasks/", "department"),
        Page("ledger (problems), office", "/rectification/problems/", "office"),
        Page("ledger (problems), department user", "/rectification/problems/", "department"),
    ]


def url_exists(url: str) -> bool:
    from django.urls import Resolver404, resolve

    try:
        resolve(url.split("?")[0])
    except Resolver404:
        return False
    return True


def time_pages(args: argparse.Namespace, world: World) -> tuple[list[tuple[Page, Timing]], list]:
    from django.test import Client

    clients = {}
    for who, user in (("office", world.office), ("department", world.department_user)):
        clients[who] = Client(SERVER_NAME="127.0.0.1")
        clients[who].force_login(user)
    clients["anonymous"] = Client(SERVER_NAME="127.0.0.1")
    measured, skipped = [], []
    for page in pages():
        if not url_exists(page.url):
            skipped.append(f"{page.label}: {page.url.split('?')[0]} is not there yet")
            continue
        client = clients[page.who]
        first = client.get(page.url)
        if first.status_code != 200:
            skipped.append(f"{page.label}: HTTP {first.status_code}")
            continue

        def request(_: int, client=client, url=page.url) -> None:
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url}: HTTP {response.status_code}")

        measured.append((page, measure(request, n=args.requests, warmup=args.warmup)))
        print(f"  done: {page.label}", file=sys.stderr, flush=True)
    return measured, skipped


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    configure(args)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    with stopwatch() as elapsed:
        world = build_world(args.tasks, args.events, args.seed)
        refresh_statistics()
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}; "
        f"{args.tasks:,} tasks, {args.events:,} audit events, {len(world.departments)} "
        f"departments; built in {elapsed():.1f} s",
        flush=True,
    )
    work = time_sweep(args, world) + time_performance(world)
    rows = [
        [r.label, "-" if r.seconds is None else f"{r.seconds:.3f}", str(r.queries), r.note]
        for r in work
    ]
    print()
    print(format_table(["operation", "seconds", "queries", "result"], rows))
    measured, skipped = time_pages(args, world)
    if measured:
        baseline = measured[0][1].median
        page_rows = [
            [p.label, str(t.n), ms(t.median), ms(t.p95), f"{t.median / baseline:.1f}x"]
            for p, t in measured
        ]
        print()
        print(format_table(["page", "n", "median ms", "p95 ms", "x baseline"], page_rows))
    for line in skipped:
        print(f"page not measured: {line}")
    print(f"\npeak RSS {peak_rss_mib():.0f} MiB; python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
