"""Random draws of the demo generator: a fixed weighted choice and clipped log-normal figures."""

import bisect
import itertools
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Weighted(Generic[T]):
    """A fixed weighted choice, picked with one random number."""

    values: tuple[T, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def of(cls, pairs: Iterable[tuple[T, float]]) -> "Weighted[T]":
        items = [(value, weight) for value, weight in pairs if weight > 0]
        values = tuple(value for value, _ in items)
        return cls(values, tuple(itertools.accumulate(weight for _, weight in items)))

    def pick(self, rng: random.Random) -> T:
        index = bisect.bisect_right(self.cumulative, rng.random() * self.cumulative[-1])
        return self.values[min(index, len(self.values) - 1)]


def uniform(values: Sequence[T]) -> Weighted[T]:
    return Weighted.of((value, 1.0) for value in values)


def lognormal(rng: random.Random, median: float, sigma: float, low: float, high: float) -> float:
    """Log-normal around `median`, clipped to [low, high]."""
    return min(high, max(low, median * math.exp(sigma * rng.gauss(0.0, 1.0))))


def money(amount: float) -> Decimal:
    return Decimal(f"{amount:.2f}")
