"""Start-up benchmark of the `yingshang` command: cold runs, each in a fresh process.

    .venv/bin/python bench/bench_startup.py
    .venv/bin/python bench/bench_startup.py --checkout before=/tmp/ys-before --checkout after=

Three commands (`yingshang version`, `yingshang workdays add 2026-12-01 5`, `yingshang check`)
run --runs times each in a new process against a migrated data directory, after one untimed run
that writes the byte code (as `pip install` does). Figures: the median and the best wall time,
and the median CPU time (user + system) of the child, which load on a shared machine changes
less. Baseline, in the same process: `python -c pass` with the same interpreter; ratios are
against its median. A reference row starts Django alone with the same contrib apps (what no
change to the platform can remove). Then the first command in an empty data directory
(`workdays add`, which has to create the database), --first times.

--checkout LABEL=PATH (repeatable) measures the tree at PATH with the same interpreter
(PYTHONPATH wins over the editable install; an empty PATH is the installed package). Runs of
the checkouts alternate, so that a change in the machine's load touches each alike.
"""

import argparse
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import format_table  # noqa: E402

COMMANDS = {
    "version": ["version"],
    "workdays add 2026-12-01 5": ["workdays", "add", "2026-12-01", "5"],
    "check": ["check"],
}
FIRST_RUN = "workdays add, empty data directory"
BASELINE = "baseline: python -c pass"
# What Django alone costs to start with the same contrib apps and no app of the platform.
DJANGO_ALONE = (
    "from django.conf import settings; settings.configure(INSTALLED_APPS=["
    "'django.contrib.admin', 'django.contrib.auth', 'django.contrib.contenttypes',"
    " 'django.contrib.sessions', 'django.contrib.messages', 'django.contrib.staticfiles',"
    " 'django.contrib.humanize']); import django; django.setup()"
)


@dataclass(frozen=True)
class Sample:
    wall: float
    cpu: float
    returncode: int


@dataclass(frozen=True)
class Checkout:
    label: str
    path: str  # empty: the installed package

    def env(self, data_dir: Path) -> dict[str, str]:
        # Byte code is written, or every run would compile the platform anew.
        dropped = {"DATABASE_URL", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE"}
        env = {k: v for k, v in os.environ.items() if k not in dropped}
        env["YINGSHANG_DATA_DIR"] = str(data_dir)
        if self.path:
            env["PYTHONPATH"] = self.path
        return env


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(argv: list[str], env: dict[str, str], cwd: Path) -> Sample:
    cpu_before = children_cpu()
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, check=False)
    wall = time.perf_counter() - started
    return Sample(wall, children_cpu() - cpu_before, done.returncode)


def yingshang_argv(python: str, args: list[str]) -> list[str]:
    # What the console script does; run outside any checkout, since `-c` puts the current
    # directory first on sys.path.
    return [python, "-c", "import sys; from yingshang.cli import main; sys.exit(main())", *args]


def prepare(python: str, checkout: Checkout, work: Path) -> Path:
    data_dir = work / checkout.label / "data"
    data_dir.mkdir(parents=True)
    env = checkout.env(data_dir)
    where = subprocess.run(
        [python, "-c", "import yingshang; print(yingshang.__file__)"],
        env=env,
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    )
    print(f"{checkout.label}: {where.stdout.strip()}", file=sys.stderr)
    migrate = subprocess.run(
        yingshang_argv(python, ["migrate", "-v", "0"]), env=env, cwd=work, capture_output=True
    )
    if migrate.returncode != 0:
        sys.exit(f"{checkout.label}: migrate failed\n{migrate.stderr.decode()}")
    return data_dir


def measure(args: argparse.Namespace, work: Path) -> dict[tuple[str, str], list[Sample]]:
    python, checkouts = args.python, args.checkout
    data_dirs = {c.label: prepare(python, c, work) for c in checkouts}
    cases = {
        BASELINE: [python, "-c", "pass"],
        "reference: django.setup(), contrib apps only": [python, "-c", DJANGO_ALONE],
    }
    cases.update({f"yingshang {k}": yingshang_argv(python, v) for k, v in COMMANDS.items()})
    samples: dict[tuple[str, str], list[Sample]] = {}
    for case, argv in cases.items():
        for c in checkouts:
            run_once(argv, c.env(data_dirs[c.label]), work)  # writes the byte code
        for _ in range(args.runs):
            for c in checkouts:
                sample = run_once(argv, c.env(data_dirs[c.label]), work)
                samples.setdefault((case, c.label), []).append(sample)
    first = yingshang_argv(python, COMMANDS["workdays add 2026-12-01 5"])
    for i in range(args.first):
        for c in checkouts:
            fresh = work / c.label / f"fresh-{i}"
            samples.setdefault((FIRST_RUN, c.label), []).append(run_once(first, c.env(fresh), work))
    return samples


def report(samples: dict[tuple[str, str], list[Sample]], args: argparse.Namespace) -> str:
    labels = [c.label for c in args.checkout]
    cases = list(dict.fromkeys(case for case, _ in samples))
    headers = ["case", "n"]
    for label in labels:
        headers += [f"{label} median s", "best s", "CPU s", "x baseline", "failed"]
    rows = []
    for case in cases:
        row = [case, str(len(samples[(case, labels[0])]))]
        for label in labels:
            runs = samples[(case, label)]
            wall = statistics.median(s.wall for s in runs)
            baseline = statistics.median(s.wall for s in samples[(BASELINE, label)])
            failed = sum(1 for s in runs if s.returncode != 0)
            row += [
                f"{wall:.3f}",
                f"{min(s.wall for s in runs):.3f}",
                f"{statistics.median(s.cpu for s in runs):.3f}",
                f"{wall / baseline:.1f}",
                f"{failed}/{len(runs)}" if failed else "-",
            ]
        rows.append(row)
    head = (
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the end"
    )
    return head + "\n\n" + format_table(headers, rows)


def checkout(text: str) -> Checkout:
    label, _, path = text.partition("=")
    if not label:
        raise argparse.ArgumentTypeError("LABEL=PATH")
    return Checkout(label, str(Path(path).resolve()) if path else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--first", type=int, default=3, help="runs in an empty data directory")
    parser.add_argument("--python", default=sys.executable, help="interpreter (default: this one)")
    parser.add_argument("--checkout", type=checkout, action="append", help="LABEL=PATH, repeatable")
    args = parser.parse_args()
    args.checkout = args.checkout or [Checkout("installed", "")]
    work = Path(tempfile.mkdtemp(prefix="ys-bench-startup-"))
    try:
        print(report(measure(args, work), args))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
