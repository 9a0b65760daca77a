"""Benchmark of the enterprise import: N generated rows into a fresh database.

    .venv/bin/python bench/bench_import.py --rows 100000 --format both
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/imp .venv/bin/python bench/bench_import.py

Each measurement runs in its own process on a fresh database (SQLite under a temporary data
directory, or the PostgreSQL database `ys_bench`, dropped and created again), so that its peak
RSS (ru_maxrss) is its own. Reported per file: the baseline parse (csv.reader, or openpyxl
read-only iteration), the import, the ratio import/parse, the re-import of the same file
(0 created, 0 updated) and the peak RSS.
"""

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "ys_bench"
STATUSES = ["存续", "存续", "存续", "歇业", "注销"]
TYPES = ["企业", "企业", "个体工商户", "农民专业合作社", "分支机构"]
SIZES = ["大型", "中型", "小型", "微型", ""]
CREDIT = ["A", "B", "C", "D", ""]
INDUSTRIES = ["6513", "C3919", "5191", "7514", "4710", "3011", "6420", "7240"]
QUALIFICATIONS = [
    "高新技术企业:2027-12-31",
    "专精特新中小企业:2026-06-30;瞪羚企业",
    "科技型中小企业",
]


def _row(n: int, rng: random.Random) -> list[object]:
    from yingshang.core import uscc

    return [
        uscc.complete(f"91410100MA{n:07d}"),
        f"郑州测试{n}科技有限公司",
        rng.choice(TYPES),
        rng.choice(STATUSES),
        f"{rng.randint(1995, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"{rng.randint(10, 100000)}.{rng.randint(0, 99):02d}",
        f"河南省郑州市高新区科学大道{n % 999 + 1}号",
        "",
        rng.choice(INDUSTRIES),
        rng.choice(SIZES),
        rng.randint(1, 3000),
        f"{rng.randint(0, 500000)}.50",
        f"{rng.randint(0, 5000)}.00",
        f"{rng.randint(0, 2000)}.25",
        rng.choice(CREDIT),
        f"张{n % 1000}",
        f"李{n % 777}",
        f"1380000{n % 10000:04d}",
        f"contact{n}@example.com",
        rng.choice(QUALIFICATIONS) if n % 10 == 0 else "",
    ]


def generate_csv(path: Path, rows: int) -> None:
    from yingshang.enterprises.imports.columns import HEADERS

    rng = random.Random(4754)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for n in range(1, rows + 1):
            writer.writerow(_row(n, rng))


def generate_xlsx(path: Path, rows: int) -> None:
    import xlsxwriter

    from yingshang.enterprises.imports.columns import HEADERS

    rng = random.Random(4754)
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("市场主体")
    sheet.write_row(0, 0, HEADERS)
    for n in range(1, rows + 1):
        sheet.write_row(n, 0, _row(n, rng))
    workbook.close()


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _baseline(path: Path) -> float:
    start = time.perf_counter()
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for _row_cells in csv.reader(handle):
                pass
    else:
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        for _row_cells in workbook.worksheets[0].iter_rows(values_only=True):
            pass
        workbook.close()
    return time.perf_counter() - start


def child(path: Path, *, reimport: bool) -> None:
    """Runs in its own process: migrate a fresh database, parse, import, re-import."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingshang.config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from yingshang.enterprises.imports.service import import_enterprises
    from yingshang.kernel.models import Zone

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    zone = Zone.objects.create(
        code="zzgx", name="郑州高新技术产业开发区", city="郑州市", province="河南省"
    )
    rss_setup = _peak_rss_mb()
    parse_s = _baseline(path)
    start, cpu = time.perf_counter(), time.process_time()
    first = import_enterprises(path=path, actor=None, default_zone=zone)
    import_s, import_cpu_s = time.perf_counter() - start, time.process_time() - cpu
    rss_import = _peak_rss_mb()
    assert first.ok, first.errors[:5]
    reimport_s = None
    if reimport:
        start = time.perf_counter()
        again = import_enterprises(path=path, actor=None, default_zone=zone)
        reimport_s = round(time.perf_counter() - start, 2)
        assert again.ok and (again.created, again.updated) == (0, 0)
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "file": path.name,
                "rows": first.rows,
                "created": first.created,
                "parse_s": round(parse_s, 2),
                "import_s": round(import_s, 2),
                "import_cpu_s": round(import_cpu_s, 2),
                "rows_per_s": round(first.rows / import_s),
                "ratio": round(import_s / parse_s, 1),
                "reimport_s": reimport_s,
                "rss_setup_mb": round(rss_setup),
                "rss_peak_mb": round(rss_import),
                "rss_peak_reimport_mb": round(_peak_rss_mb()),
            }
        )
    )


def _fresh_postgres(url: str) -> str:
    """Drop and create the benchmark database; returns its URL."""
    import psycopg

    base, _, _name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    return f"{base}/{BENCH_DB}"


def run_child(path: Path, work: Path, *, reimport: bool) -> dict:
    env = dict(os.environ, YINGSHANG_DATA_DIR=str(work / f"data-{path.suffix[1:]}"))
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = _fresh_postgres(os.environ["DATABASE_URL"])
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path)] + ([] if reimport else ["--no-reimport"]),
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--format", choices=["csv", "xlsx", "both"], default="both")
    parser.add_argument("--no-reimport", action="store_true", help="skip the second import")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, reimport=not args.no_reimport)
        return
    formats = ["csv", "xlsx"] if args.format == "both" else [args.format]
    with tempfile.TemporaryDirectory(prefix="ys-bench-") as tmp:
        work = Path(tmp)
        for fmt in formats:
            path = work / f"enterprises-{args.rows}.{fmt}"
            start = time.perf_counter()
            (generate_csv if fmt == "csv" else generate_xlsx)(path, args.rows)
            generated = time.perf_counter() - start
            size_mb = path.stat().st_size / 1e6
            print(f"generated {path.name}: {size_mb:.1f} MB in {generated:.1f} s", flush=True)
            print(json.dumps(run_child(path, work, reimport=not args.no_reimport)), flush=True)


if __name__ == "__main__":
    main()
