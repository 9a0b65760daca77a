"""What-if: one unit's raw values changed, the methodology re-evaluated, and every score and
rank that moved."""

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ..engine import evaluate
from ..methodology import Methodology
from ..observations import Observations
from ..result import EvaluationResult

# Moves smaller than this (in overall points or normalised points) are rounding noise.
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Shift:
    unit: str
    node: str
    name: str
    score_before: float | None
    score_after: float | None
    rank_before: int | None
    rank_after: int | None

    @property
    def score_change(self) -> float | None:
        if self.score_before is None or self.score_after is None:
            return None
        return self.score_after - self.score_before

    @property
    def rank_change(self) -> int | None:
        """> 0: the rank improved."""
        if self.rank_before is None or self.rank_after is None:
            return None
        return self.rank_before - self.rank_after


def _value(scores: np.ndarray, i: int, j: int) -> float | None:
    value = float(scores[i, j])
    return None if math.isnan(value) else value


def _moved(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return (a is None) != (b is None)
    return abs(a - b) > _TOLERANCE * max(1.0, abs(a))


@dataclass(frozen=True)
class WhatIfOutcome:
    base: EvaluationResult
    changed: EvaluationResult
    unit: str
    changes: Mapping[str, float]

    def shifts(self, *, unit: str | None = None, only_moved: bool = True) -> list[Shift]:
        """Every (unit, node) whose score or rank moved, the changed unit first, then the other
        units in order, nodes in tree order; `unit` restricts to one unit, and with
        `only_moved=False` every node of the listed units is included."""
        units = [unit] if unit is not None else self._units_focus_first()
        rows = []
        for name in units:
            i, k = self.base.unit_index(name), self.changed.unit_index(name)
            for j, node in enumerate(self.base.nodes):
                shift = Shift(
                    unit=name,
                    node=node,
                    name=self.base.methodology.name_of(node),
                    score_before=_value(self.base.scores, i, j),
                    score_after=_value(self.changed.scores, k, j),
                    rank_before=int(self.base.ranks[i, j]) or None,
                    rank_after=int(self.changed.ranks[k, j]) or None,
                )
                moved = (
                    _moved(shift.score_before, shift.score_after)
                    or shift.rank_before != shift.rank_after
                )
                if moved or not only_moved:
                    rows.append(shift)
        return rows

    def _units_focus_first(self) -> list[str]:
        others = [u for u in self.base.units if u != self.unit and u in self.changed.units]
        return [self.unit, *others]


def what_if(
    methodology: Methodology,
    observations: Observations,
    *,
    unit: str,
    changes: Mapping[str, float],
    period: str | None = None,
    freeze_goalposts: bool = False,
    base: EvaluationResult | None = None,
) -> WhatIfOutcome:
    """Re-evaluate with `changes` {leaf: raw value} applied to `unit`.

    By default sample goalposts are re-derived from the changed data (a real re-evaluation:
    if the unit becomes the best, it becomes the frontier); `freeze_goalposts=True` keeps the
    base result's goalposts. `base` may pass an already computed base result of the same
    methodology, data and period.
    """
    if base is None:
        base = evaluate(methodology, observations, period=period)
    if unit not in base.units:
        raise KeyError(f"没有参评单位 {unit}")
    overrides = {(unit, leaf): float(value) for leaf, value in changes.items()}
    changed = evaluate(
        methodology,
        observations,
        period=base.period,
        overrides=overrides,
        goalposts=base.goalposts if freeze_goalposts else None,
    )
    return WhatIfOutcome(base=base, changed=changed, unit=unit, changes=dict(changes))
