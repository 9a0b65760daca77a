"""Helpers shared by the benchmarks: timing with median and p95, peak memory, plain tables."""

import math
import resource
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """Wall-clock samples of one operation, in seconds."""

    samples: tuple[float, ...]

    @property
    def n(self) -> int:
        return len(self.samples)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.samples)

    @property
    def best(self) -> float:
        return min(self.samples)

    @property
    def worst(self) -> float:
        return max(self.samples)


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least q% of values at or below."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def measure(operation: Callable[[int], object], *, n: int, warmup: int = 3) -> Timing:
    """Run `operation(i)` warmup times untimed, then n times timed."""
    for i in range(warmup):
        operation(i)
    samples = []
    for i in range(n):
        started = time.perf_counter()
        operation(i)
        samples.append(time.perf_counter() - started)
    return Timing(tuple(samples))


@contextmanager
def stopwatch() -> Iterator[Callable[[], float]]:
    """`with stopwatch() as elapsed: ...; elapsed()` gives the seconds since entry."""
    started = time.perf_counter()
    yield lambda: time.perf_counter() - started


def peak_rss_mib() -> float:
    """Peak resident memory of this process (MiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table; numbers right-aligned, text left-aligned, CJK counted double."""
    widths = [max(display_width(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def cell(text: str, width: int) -> str:
        gap = " " * (width - display_width(text))
        numeric = text.replace(".", "", 1).replace("x", "").replace("-", "").isdigit()
        return gap + text if numeric else text + gap

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell(str(c), w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])
