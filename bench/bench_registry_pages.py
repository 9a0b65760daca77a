"""Latency of the enterprise registry's pages and API over a large demo registry.

Builds the demo registry with --size enterprises in its own database (or reuses it when one of
that size is there), then times requests through Django's test client, in process, logged in as
the office user; an anonymous GET of the login page is the baseline that the ratios refer to.

    .venv/bin/python bench/bench_registry_pages.py                      # SQLite, 1,000,000
    .venv/bin/python bench/bench_registry_pages.py --size 100000 --requests 50
    DATABASE_URL=postgres://postgres@127.0.0.1/postgres \\
        .venv/bin/python bench/bench_registry_pages.py                  # PostgreSQL

SQLite lives in --data-dir (default /tmp/ys-bench-pages). With DATABASE_URL the benchmark uses
the database ys_bench_pages on that server, created when missing (the URL's own database is
used only to create it).
"""

import argparse
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

from common import Timing, format_table, measure, ms, peak_rss_mib, stopwatch

DEFAULT_DATA_DIR = Path("/tmp/ys-bench-pages")
BENCH_DATABASE = "ys_bench_pages"
OFFICE_USERNAME = "office"


@dataclass(frozen=True)
class Scenario:
    label: str
    urls: tuple[str, ...]  # cycled through, one per request
    anonymous: bool = False


@dataclass(frozen=True)
class Result:
    scenario: Scenario
    status: int
    timing: Timing | None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="enterprises in the registry")
    parser.add_argument("--requests", type=int, default=100, help="timed requests per scenario")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per scenario")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="a PostgreSQL server (default: $DATABASE_URL; empty: SQLite in --data-dir)",
    )
    return parser.parse_args(argv)


# --- the database -------------------------------------------------------------------------------


def bench_database_url(server_url: str) -> str:
    """The same server, the benchmark's own database; created when missing."""
    import psycopg

    parts = urlsplit(server_url)
    admin_db = parts.path.lstrip("/") or "postgres"
    admin_url = urlunsplit(parts._replace(path=f"/{admin_db}"))
    with psycopg.connect(admin_url.replace("postgis://", "postgres://"), autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))


def configure(args: argparse.Namespace) -> None:
    """Environment for the settings; must run before Django is imported."""
    (args.data_dir / "static").mkdir(parents=True, exist_ok=True)
    os.environ["YINGSHANG_DATA_DIR"] = str(args.data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingshang.config.settings")
    if args.database_url:
        os.environ["DATABASE_URL"] = bench_database_url(args.database_url)
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()


def ensure_registry(size: int, seed: int) -> str:
    """Build the demo registry of `size` unless it is there; say what was done."""
    from django.core.management import call_command

    from yingshang.demo.build import build_demo, find_demo_zone
    from yingshang.demo.reset import check_resettable, drop_all_tables

    call_command("migrate", interactive=False, verbosity=0)
    zone = find_demo_zone()
    if zone is not None:
        present = zone.enterprises.count()
        if present == size:
            return f"reused {present:,} enterprises"
        print(f"found {present:,} enterprises, want {size:,}: rebuilding", flush=True)
        drop_all_tables(check_resettable())
        call_command("migrate", interactive=False, verbosity=0)

    def progress(done: int, total: int) -> None:
        if done % 100_000 == 0 or done == total:
            print(f"  {done:,}/{total:,}", flush=True)

    report = build_demo(size=size, seed=seed, progress=progress)
    return f"built {size:,} enterprises in {report.seconds:.1f} s"


# --- the requests -------------------------------------------------------------------------------


def page(path: str, **params: str | int) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def scenarios(seed: int) -> list[Scenario]:
    from django.db.models import Max, Min

    from yingshang.demo.build import find_demo_zone

    zone = find_demo_zone()
    bounds = zone.enterprises.aggregate(low=Min("id"), high=Max("id"))
    middle = (bounds["low"] + bounds["high"]) // 2
    code = zone.enterprises.filter(pk__lte=middle).order_by("-id").values_list("uscc", flat=True)
    full_code = code.first()
    prefix = full_code[:12]
    rng = random.Random(seed)
    detail_ids = [rng.randint(bounds["low"], bounds["high"]) for _ in range(200)]
    enterprises = "/registry/enterprises/"
    api = "/api/registry/enterprises"
    return [
        Scenario("baseline: GET /login/ (anonymous)", ("/login/",), anonymous=True),
        Scenario("list, no filter", (enterprises,)),
        Scenario("list, status=注销", (page(enterprises, status="deregistered"),)),
        Scenario("list, name search 科技", (page(enterprises, q="科技"),)),
        Scenario("list, name search without match", (page(enterprises, q="不存在的企业名称"),)),
        Scenario(f"list, code prefix {prefix}", (page(enterprises, q=prefix),)),
        Scenario("list, one full code", (page(enterprises, q=full_code),)),
        Scenario("list, deep page (cursor mid-table)", (page(enterprises, after=middle),)),
        Scenario(
            "list, status + deep page",
            (page(enterprises, status="deregistered", after=middle),),
        ),
        Scenario("detail page", tuple(f"{enterprises}{pk}/" for pk in detail_ids)),
        Scenario("API list, no filter", (api,)),
        Scenario("API list, name search 科技", (page(api, q="科技"),)),
        Scenario("API list, deep page", (page(api, cursor=middle),)),
    ]


def clients():
    from django.test import Client

    from yingshang.kernel.models import User

    anonymous = Client(SERVER_NAME="127.0.0.1")
    office = Client(SERVER_NAME="127.0.0.1")
    office.force_login(User.objects.get(username=OFFICE_USERNAME))
    return anonymous, office


def run(scenario: Scenario, client, *, n: int, warmup: int) -> Result:
    urls = scenario.urls
    first = client.get(urls[0])
    if first.status_code != 200:
        return Result(scenario, first.status_code, None)

    def request(i: int) -> None:
        response = client.get(urls[i % len(urls)])
        if response.status_code not in (200, 404):
            raise RuntimeError(f"{urls[i % len(urls)]}: HTTP {response.status_code}")

    return Result(scenario, 200, measure(request, n=n, warmup=warmup))


def table(results: list[Result]) -> str:
    baseline = results[0].timing.median if results[0].timing else None
    rows = []
    for r in results:
        if r.timing is None:
            rows.append([r.scenario.label, str(r.status), "-", "-", "-", "n/a"])
            continue
        ratio = f"{r.timing.median / baseline:.1f}x" if baseline else "-"
        rows.append(
            [r.scenario.label, "200", str(r.timing.n), ms(r.timing.median), ms(r.timing.p95), ratio]
        )
    return format_table(["scenario", "HTTP", "n", "median ms", "p95 ms", "x baseline"], rows)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    configure(args)
    from django.db import connection

    with stopwatch() as elapsed:
        prepared = ensure_registry(args.size, args.seed)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}; {prepared}")
    print(f"(preparing took {elapsed():.1f} s)", flush=True)
    anonymous, office = clients()
    results = []
    for scenario in scenarios(args.seed):
        client = anonymous if scenario.anonymous else office
        results.append(run(scenario, client, n=args.requests, warmup=args.warmup))
        print(f"  done: {scenario.label}", file=sys.stderr, flush=True)
    print()
    print(table(results))
    print(f"\npeak RSS {peak_rss_mib():.0f} MiB; python {sys.version.split()[0]}")
    missing = [r for r in results if r.timing is None]
    for r in missing:
        print(f"not measured: {r.scenario.label} answered HTTP {r.status}")


if __name__ == "__main__":
    main()
