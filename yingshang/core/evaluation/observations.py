"""Observations: raw values per unit, indicator and period, in long form, as numpy columns.

Readers for CSV and Excel live in `yingshang.core.evaluation.reading`; this module holds the
table itself and its checks against a methodology.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from .errors import DataError, RowProblem
from .methodology import Methodology


@dataclass(frozen=True)
class Observations:
    """Parallel columns; `row` is each value's row number in its source file (header = row 1).

    `period` is "" for data without periods. `groups` maps a unit to its group (for group
    imputation); units without one are in no group.
    """

    unit: np.ndarray  # str objects
    indicator: np.ndarray  # str objects
    period: np.ndarray  # str objects
    value: np.ndarray  # float64
    row: np.ndarray  # int64
    groups: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_records(
        cls,
        records: Iterable[tuple],
        *,
        groups: Mapping[str, str] | None = None,
        first_row: int = 2,
    ) -> "Observations":
        """Records are (unit, indicator, value) or (unit, indicator, value, period)."""
        units, indicators, periods, values = [], [], [], []
        for record in records:
            units.append(str(record[0]))
            indicators.append(str(record[1]))
            values.append(float(record[2]))
            periods.append(str(record[3]) if len(record) > 3 and record[3] is not None else "")
        count = len(values)
        return cls(
            unit=np.array(units, dtype=object),
            indicator=np.array(indicators, dtype=object),
            period=np.array(periods, dtype=object),
            value=np.array(values, dtype=np.float64),
            row=np.arange(first_row, first_row + count, dtype=np.int64),
            groups=dict(groups or {}),
        )

    def __len__(self) -> int:
        return len(self.value)

    @property
    def periods(self) -> tuple[str, ...]:
        """Every period, oldest first (periods sort as text: 2019 < 2020, 2020-01 < 2020-02)."""
        return tuple(sorted(set(self.period.tolist())))

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.unit.tolist())))

    def latest_period(self) -> str:
        periods = self.periods
        return periods[-1] if periods else ""

    def in_period(self, period: str) -> "Observations":
        mask = self.period == period
        return Observations(
            self.unit[mask],
            self.indicator[mask],
            self.period[mask],
            self.value[mask],
            self.row[mask],
            self.groups,
        )

    def concat(self, other: "Observations") -> "Observations":
        return Observations(
            np.concatenate([self.unit, other.unit]),
            np.concatenate([self.indicator, other.indicator]),
            np.concatenate([self.period, other.period]),
            np.concatenate([self.value, other.value]),
            np.concatenate([self.row, other.row]),
            {**self.groups, **other.groups},
        )


def check_against(
    methodology: Methodology, observations: Observations, *, source: str = ""
) -> None:
    """Raise DataError listing rows whose indicator is unknown, repeated, or out of its domain.

    The checks run on whole columns; only the offending rows are visited one by one.
    """
    problems: list[RowProblem] = []
    leaves = methodology.leaves
    aggregates = set(methodology.nodes) - set(leaves)
    indicator, unit, value, row = (
        observations.indicator,
        observations.unit,
        observations.value,
        observations.row,
    )
    known = np.isin(indicator, np.array(leaves, dtype=object))
    for k in np.flatnonzero(~known):
        reason = (
            f"指标 {indicator[k]} 有下级指标，其得分由下级计算，不能直接填值"
            if indicator[k] in aggregates
            else f"评价方法中没有末级指标 {indicator[k]}"
        )
        problems.append(RowProblem(int(row[k]), "indicator", reason))
    if methodology.composites:
        composite = np.isin(unit, np.array(list(methodology.composites), dtype=object))
        for k in np.flatnonzero(composite & known):
            problems.append(
                RowProblem(
                    int(row[k]), "unit", f"{unit[k]} 是合成单位，得分由其成员加权得出，不能直接填值"
                )
            )
    problems.extend(_duplicate_rows(observations, known))
    log_leaves = [leaf for leaf in leaves if methodology.nodes[leaf].transform == "log"]
    if log_leaves:
        bad_log = np.isin(indicator, np.array(log_leaves, dtype=object)) & ~(value > 0)
        for k in np.flatnonzero(bad_log):
            problems.append(
                RowProblem(int(row[k]), "value", f"指标 {indicator[k]} 取对数，数值必须大于 0")
            )
    for k in np.flatnonzero(~np.isfinite(value) & known):
        problems.append(RowProblem(int(row[k]), "value", "数值不是有限数"))
    if problems:
        problems.sort(key=lambda p: p.row)
        raise DataError(problems, source)


def _duplicate_rows(observations: Observations, known: np.ndarray) -> list[RowProblem]:
    separator = "\x1f"
    unit_part = np.char.add(observations.unit.astype(str), separator)
    indicator_part = np.char.add(observations.indicator.astype(str), separator)
    keys = np.char.add(unit_part, np.char.add(indicator_part, observations.period.astype(str)))
    _, counts = np.unique(keys, return_counts=True)
    if (counts == 1).all():
        return []
    problems = []
    first_row: dict[str, int] = {}
    for k in np.flatnonzero(known):
        key = keys[k]
        if key in first_row:
            problems.append(
                RowProblem(
                    int(observations.row[k]),
                    "value",
                    f"与第 {first_row[key]} 行重复（同一单位、指标和期间）",
                )
            )
        else:
            first_row[key] = int(observations.row[k])
    return problems
