"""Rectification at scale: the daily sweep, a year of department performance, the task pages.

Builds, in a database of its own, one zone with 20 departments, --tasks tasks spread over a year
(every workflow state, deadlines past and future, a third with a supporting department), one
problem per five tasks linked to its task, and --events audit events; then times

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
import random
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from common import Timing, format_table, measure, ms, peak_rss_mib, stopwatch

DEFAULT_DATA_DIR = Path("/tmp/ys-bench-rect")
BENCH_DATABASE = "ys_bench_rect"
TODAY = dt.date(2026, 11, 20)  # a Friday; the sweep's "today"
NEXT_WORKDAY = dt.date(2026, 11, 23)
BATCH = 5_000
EVENT_BATCH = 10_000
VERBS = ("assign", "start", "report", "submit", "return", "accept", "close")


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


# --- the data -----------------------------------------------------------------------------------


@dataclass
class World:
    zone: object
    departments: list
    office: object
    leader: object
    department_user: object  # of the department with the most tasks
    task_ids: tuple[int, int]  # lowest, highest


def _state_for(rng: random.Random, deadline: dt.date) -> str:
    """Old tasks are mostly closed; some are still open long after their deadline."""
    days_left = (deadline - TODAY).days
    r = rng.random()
    if days_left < -30:
        table = (
            (0.80, "closed"),
            (0.88, "accepted"),
            (0.94, "in_progress"),
            (0.97, "returned"),
            (1.0, "submitted"),
        )
    elif days_left < 0:
        table = (
            (0.35, "closed"),
            (0.50, "accepted"),
            (0.78, "in_progress"),
            (0.88, "submitted"),
            (0.95, "returned"),
            (1.0, "assigned"),
        )
    else:
        table = (
            (0.08, "draft"),
            (0.30, "assigned"),
            (0.75, "in_progress"),
            (0.85, "submitted"),
            (0.90, "returned"),
            (0.96, "accepted"),
            (1.0, "closed"),
        )
    return next(state for limit, state in table if r < limit)


def _task_dates(rng: random.Random, state: str, assigned: dt.date, deadline: dt.date) -> dict:
    if state == "draft":
        return {"assigned_on": None}
    dates: dict = {"assigned_on": assigned}
    if state in ("submitted", "accepted", "closed"):
        # done around the deadline: most on time, some late
        done = deadline + dt.timedelta(days=rng.randint(-20, 8))
        done = min(max(done, assigned + dt.timedelta(days=1)), TODAY)
        dates["submitted_on"] = done
        if state in ("accepted", "closed"):
            dates["accepted_on"] = min(done + dt.timedelta(days=rng.randint(0, 5)), TODAY)
        if state == "closed":
            dates["closed_on"] = min(dates["accepted_on"] + dt.timedelta(days=2), TODAY)
    return dates


def build_world(tasks: int, events: int, seed: int) -> World:
    from django.db import transaction

    from yingshang.audit.models import AuditEvent
    from yingshang.demo import reference as ref
    from yingshang.kernel.models import Department, Role, User, Zone
    from yingshang.rectification.models import Problem, Task, TaskRecord

    rng = random.Random(seed)
    with transaction.atomic():
        zone = Zone.objects.create(**ref.HOSTED_ZONE)
        Department.objects.bulk_create([Department(zone=zone, **row) for row in ref.DEPARTMENTS])
        departments = list(Department.objects.filter(zone=zone).order_by("sort_order"))
        office = User.objects.create_user(
            "office", role=Role.OFFICE, zone=zone, department=departments[3], full_name="李文静"
        )
        leader = User.objects.create_user("leader", role=Role.LEADER, zone=zone, full_name="周建华")
        dept_users = [
            User.objects.create_user(
                f"dept_{d.code}", role=Role.DEPARTMENT, zone=zone, department=d, full_name=d.name
            )
            for d in departments
        ]
    # Departments carry unequal loads, as in life: weights 1..20.
    weights = list(range(len(departments), 0, -1))
    supporting = Task.supporting_departments.through
    linked = Task.problems.through
    for start in range(0, tasks, BATCH):
        rows, support_pairs, problems = [], [], []
        for n in range(start, min(start + BATCH, tasks)):
            lead = rng.choices(departments, weights)[0]
            assigned = TODAY - dt.timedelta(days=rng.randint(0, 365))
            deadline = assigned + dt.timedelta(days=rng.choice((7, 14, 21, 30, 45, 60, 90)))
            state = _state_for(rng, deadline)
            rows.append(
                Task(
                    zone=zone,
                    code=f"RW{n + 1:06d}",
                    title=f"整改任务{n + 1}：优化{lead.short_name}办事流程",
                    measure="压缩办理时限，减少申报材料",
                    lead_department=lead,
                    state=state,
                    deadline=deadline,
                    limit_workdays=None,
                    created_by=office,
                    **_task_dates(rng, state, assigned, deadline),
                )
            )
        with transaction.atomic():
            created = Task.objects.bulk_create(rows, batch_size=1000)
            for task in created:
                if rng.random() < 0.33:
                    other = rng.choice(departments)
                    if other.pk != task.lead_department_id:
                        support_pairs.append(supporting(task_id=task.pk, department_id=other.pk))
                if task.code.endswith(("0", "5")):
                    problems.append(
                        Problem(
                            zone=zone,
                            code=f"WT{task.assigned_on.year if task.assigned_on else 2026}"
                            f"-{task.pk:06d}",
                            title=f"问题{task.pk}：{task.title[:40]}",
                            source=rng.choice(("evaluation", "appeal", "supervisor", "survey")),
                            grade=rng.choice("ABC"),
                            status="rectifying" if task.state != "closed" else "closed",
                            department_id=task.lead_department_id,
                            reported_on=task.assigned_on or TODAY,
                            due_on=task.deadline,
                            created_by=office,
                        )
                    )
            supporting.objects.bulk_create(support_pairs, batch_size=1000)
            with _explicit_timestamp(TaskRecord, "created_at"):
                TaskRecord.objects.bulk_create(
                    [r for t in created for r in _history(TaskRecord, t, office)], batch_size=2000
                )
            made = Problem.objects.bulk_create(problems, batch_size=1000)
            pairs = zip(made, [t for t in created if t.code.endswith(("0", "5"))], strict=True)
            linked.objects.bulk_create(
                [linked(task_id=t.pk, problem_id=p.pk) for p, t in pairs], batch_size=1000
            )
        print(f"  tasks {min(start + BATCH, tasks):,}/{tasks:,}", flush=True)
    low = Task.objects.order_by("id").values_list("id", flat=True).first()
    high = Task.objects.order_by("-id").values_list("id", flat=True).first()
    _insert_events(AuditEvent, zone, [office, leader, *dept_users], events, (low, high), rng)
    return World(zone, departments, office, leader, dept_users[0], (low, high))


def _history(model, task, actor) -> list:
    """The task records its state implies (assign, start, submit, return, accept, close), dated
    as the task's dates say: department_performance counts from them."""
    from django.utils import timezone

    if task.assigned_on is None:
        return []

    def at(day: dt.date, hour: int):
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))

    steps = [("assign", "draft", "assigned", task.assigned_on)]
    if task.state != "assigned":
        steps.append(("start", "assigned", "in_progress", task.assigned_on))
    if task.state == "returned":
        submitted = min(task.deadline, TODAY)
        steps += [
            ("submit", "in_progress", "submitted", submitted),
            ("return", "submitted", "returned", submitted),
        ]
    if task.submitted_on:
        steps.append(("submit", "in_progress", "submitted", task.submitted_on))
    if task.accepted_on:
        steps.append(("accept", "submitted", "accepted", task.accepted_on))
    if task.closed_on:
        steps.append(("close", "accepted", "closed", task.closed_on))
    return [
        model(
            task_id=task.pk,
            action=action,
            from_state=source,
            to_state=target,
            actor=actor,
            created_at=at(day, 9 + i),
        )
        for i, (action, source, target, day) in enumerate(steps)
    ]


def _explicit_occurred_at(model):
    return _explicit_timestamp(model, "occurred_at")


@contextmanager
def _explicit_timestamp(model, name: str) -> Iterator[None]:
    """Timestamps are auto_now_add; the benchmark spreads rows over a year instead."""
    field = model._meta.get_field(name)
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


def _insert_events(model, zone, actors, events: int, task_ids, rng: random.Random) -> None:
    from django.db import transaction
    from django.utils import timezone

    start = timezone.make_aware(dt.datetime.combine(TODAY - dt.timedelta(days=365), dt.time(8)))
    span = 365 * 24 * 3600
    low, high = task_ids
    with _explicit_occurred_at(model):
        for first in range(0, events, EVENT_BATCH):
            count = min(EVENT_BATCH, events - first)
            offsets = sorted(rng.randrange(span) for _ in range(count))
            batch = []
            for offset in offsets:
                actor = rng.choice(actors)
                verb = rng.choice(VERBS)
                task = rng.randint(low, high)
                batch.append(
                    model(
                        occurred_at=start + dt.timedelta(seconds=offset),
                        actor=actor,
                        actor_label=actor.full_name,
                        zone=zone,
                        object_type="rectification.task",
                        object_id=str(task),
                        object_repr=f"RW{task:06d}",
                        verb=f"rectification.task_{verb}",
                        before={"state": "in_progress"},
                        after={"state": "submitted", "version": 2},
                    )
                )
            with transaction.atomic():
                model.objects.bulk_create(batch, batch_size=2000)
            if (first + count) % 100_000 == 0 or first + count == events:
                print(f"  audit events {first + count:,}/{events:,}", flush=True)


def refresh_statistics() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


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
        from yingshang.rectification.selectors import department_performance
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
