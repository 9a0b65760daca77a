"""Benchmark of the evaluation core: one evaluation, 10,000 Monte Carlo runs, the best-moves search.

    .venv/bin/python bench/bench_evaluation.py
    .venv/bin/python bench/bench_evaluation.py --units 1000 --runs 10000 --repeat 3

A synthetic methodology of 10 first-level x 4 second-level x 5 leaf indicators (200 leaves in
three levels, mixed directions, goalposts from the sample, unequal weights) and 1,000 units with
a few missing values (0.1 % of the cells). Baseline, in the same process: one plain numpy product
of the leaf matrix with 10,000 weight vectors ((units x leaves) @ (leaves x runs), float64), the
least work any Monte Carlo of that size has to do; ratios are against its median.
"""

import argparse
import os
import platform
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import Timing, format_table, measure, peak_rss_mib  # noqa: E402
from yingshang.core.evaluation import Observations, evaluate, methodology_from_text  # noqa: E402
from yingshang.core.evaluation.robustness import UncertaintySettings, monte_carlo  # noqa: E402
from yingshang.core.evaluation.weighting import compare_weightings  # noqa: E402

TOP, SUB, LEAVES = 10, 4, 5
MISSING_SHARE = 0.001


def methodology_text(seed: int) -> str:
    rng = np.random.default_rng(seed)
    lines = [
        "format: yingshang-methodology/1",
        "id: bench",
        "name: 基准测试评价方法",
        "indicators:",
    ]
    for t in range(TOP):
        lines += [
            f"  - id: t{t}",
            f"    name: 一级指标{t + 1}",
            f"    weight: {int(rng.integers(1, 4))}",
            "    children:",
        ]
        for s in range(SUB):
            lines += [f"      - id: t{t}s{s}", f"        name: 二级指标{t + 1}-{s + 1}"]
            lines += ["        children:"]
            for k in range(LEAVES):
                better = "higher" if rng.random() < 0.5 else "lower"
                lines.append(
                    f"          - {{id: t{t}s{s}l{k}, name: 末级指标{t + 1}-{s + 1}-{k + 1}, "
                    f"weight: {int(rng.integers(1, 3))}, "
                    f"goalposts: {{from: sample, better: {better}}}}}"
                )
    return "\n".join(lines) + "\n"


def records(methodology, units: int, seed: int) -> list[tuple[str, str, float]]:
    rng = np.random.default_rng(seed)
    leaves = methodology.leaves
    # A common level per unit plus noise: indicators correlate, as real ones do.
    level = rng.normal(0, 1, size=(units, 1))
    values = 50 + 10 * (0.6 * level + 0.8 * rng.normal(0, 1, size=(units, len(leaves))))
    keep = rng.random(values.shape) >= MISSING_SHARE
    names = [f"单位{u:04d}" for u in range(units)]
    return [
        (names[u], leaves[j], float(values[u, j]))
        for u in range(units)
        for j in range(len(leaves))
        if keep[u, j]
    ]


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} CPU ({model}), {memory:.0f} GiB, Python {platform.python_version()}, "
        f"numpy {np.__version__}"
    )


def best_moves_timing(methodology, observations, unit: str, repeat: int) -> Timing | None:
    try:
        from yingshang.core.evaluation.whatif import best_moves
    except ImportError:
        return None
    return measure(lambda _: best_moves(methodology, observations, unit=unit), n=repeat, warmup=1)


def timed_cpu(operation) -> tuple[float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    operation()
    return time.perf_counter() - started, time.process_time() - cpu


def _monte_carlo_timings(result, settings, repeat: int):
    """Wall and CPU seconds of `repeat` timed runs, then one traced run for its peak memory."""
    monte_carlo(result, UncertaintySettings(runs=500, seed=0))
    mc_wall, mc_cpu = [], []
    for _ in range(repeat):
        wall, cpu = timed_cpu(lambda: monte_carlo(result, settings))
        mc_wall.append(wall)
        mc_cpu.append(cpu)
    tracemalloc.start()
    robustness = monte_carlo(result, settings)
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return mc_wall, mc_cpu, robustness, traced


def _baseline(units: int, leaves: int, runs: int) -> Timing:
    rng = np.random.default_rng(0)
    matrix = rng.uniform(0, 100, size=(units, leaves))
    weights = rng.uniform(0, 1, size=(leaves, runs))
    return measure(lambda _: matrix @ weights, n=20, warmup=3)


def _row(case: str, timing: float, base: float, aim: str = "—", digits: int = 3) -> list[str]:
    return [case, f"{timing:.{digits}f}", f"{timing / base:.0f}", aim]


def _print_robustness(robustness, mc_wall, rss, mc_traced) -> None:
    print(f"Monte Carlo walls: {', '.join(f'{t:.2f}' for t in mc_wall)} s")
    print(
        "peak RSS after "
        + ", ".join(f"{stage} {value:.0f} MiB" for stage, value in rss.items())
        + f"; Monte Carlo peak traced allocations {mc_traced:.0f} MiB"
    )
    labels = robustness.SENSITIVITY_LABELS
    print(
        "sensitivity: "
        + ", ".join(f"{labels[k]} {v:.2f}" for k, v in robustness.sensitivity.items())
    )
    width = robustness.rank_p95 - robustness.rank_p05
    print(f"median width of the 90 % rank interval: {np.median(width):.0f} places")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="timed Monte Carlo repetitions")
    args = parser.parse_args()

    methodology = methodology_from_text(methodology_text(7))
    rows = records(methodology, args.units, seed=11)
    observations = Observations.from_records(rows)
    leaves = len(methodology.leaves)
    print(f"{machine()}")
    print(
        f"methodology: {TOP} x {SUB} x {LEAVES} = {leaves} leaves, {len(methodology.nodes)} nodes;"
        f" {args.units} units, {len(rows)} values ({args.units * leaves - len(rows)} missing)",
        flush=True,
    )

    build_and_evaluate = measure(
        lambda _: evaluate(methodology, Observations.from_records(rows)), n=7, warmup=1
    )
    engine = measure(lambda _: evaluate(methodology, observations), n=7, warmup=1)
    result = evaluate(methodology, observations)
    weightings = measure(lambda _: compare_weightings(result), n=5, warmup=1)
    rss = {"evaluate": peak_rss_mib()}

    settings = UncertaintySettings(runs=args.runs, seed=1)
    mc_wall, mc_cpu, robustness, mc_traced = _monte_carlo_timings(result, settings, args.repeat)
    mc = Timing(tuple(mc_wall))
    rss["monte carlo"] = peak_rss_mib()

    overall = result.node_index("overall")
    middle = result.units[int(np.argsort(result.ranks[:, overall])[args.units // 2])]
    moves = best_moves_timing(methodology, observations, middle, repeat=3)
    rss["best moves"] = peak_rss_mib()

    # The baseline last: its units x runs product (80 MB at full size) would mask the others'
    # peak memory.
    base = _baseline(args.units, leaves, args.runs).median
    table = [
        ["baseline: numpy (units x leaves) @ (leaves x runs)", f"{base:.4f}", "1.0", "—"],
        _row("observations build + evaluate", build_and_evaluate.median, base, "< 0.5 s"),
        _row("evaluate (engine only)", engine.median, base),
        _row("compare_weightings (5 schemes)", weightings.median, base),
        _row(
            f"monte_carlo, {args.runs:,} runs (CPU s {np.median(mc_cpu):.2f})",
            mc.median,
            base,
            "< 10 s",
            digits=2,
        ),
    ]
    if moves is None:
        print("best moves: not available")
    else:
        table.append(_row(f"best_moves, one unit ({middle})", moves.median, base, digits=2))
    print()
    print(format_table(["case", "median s", "x baseline", "aim"], table))
    print()
    _print_robustness(robustness, mc_wall, rss, mc_traced)


if __name__ == "__main__":
    main()
