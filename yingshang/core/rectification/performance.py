"""Department performance for the monthly 效能考核.

`DepartmentMonth` holds one department's figures for one month (counted from the task records by
`performance_counts.count_department_months`): assigned tasks, those done on time, overdue,
closed (销号), returned at acceptance, and the mean number of working days from assignment to
closure (None when nothing was closed). `combine_months` adds months up to one figure per
department for a period; see there for how the mean is combined.

Score (0 to 100), `department_score`:

    score = 100 × Σ weight_k × component_k / Σ weight_k

with the components, each clamped to [0, 1]:
- on_time      done_on_time / assigned           (按期完成率)
- closure      closed / assigned                 (销号率)
- not_overdue  1 − overdue / assigned            (未逾期率)
- first_pass   1 − returned / assigned           (一次验收通过情况)
- speed        reference_workdays / mean_workdays_to_close, at most 1; 0 when nothing was
               closed; 1 when tasks were closed on the day of assignment (mean 0)
A department with no assigned tasks scores 100 (nothing was late). The weights are data
(RectificationSettings.score_weights); `parse_score_weights` checks them.

`rank_departments` orders by score (rounded to two decimals), best first; equal scores share the
better rank (1, 1, 3) and are listed by department name.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

COMPONENTS = ("on_time", "closure", "not_overdue", "first_pass", "speed")
COMPONENT_LABELS = {
    "on_time": "按期完成率",
    "closure": "销号率",
    "not_overdue": "未逾期率",
    "first_pass": "一次验收通过率",
    "speed": "办结速度",
}
DEFAULT_SCORE_WEIGHTS: dict[str, float] = {
    "on_time": 40.0,
    "closure": 25.0,
    "not_overdue": 20.0,
    "first_pass": 10.0,
    "speed": 5.0,
}
DEFAULT_REFERENCE_WORKDAYS = 15.0
"""The closure time (working days) that earns the full speed component."""


class ScoreError(ValueError):
    """Bad weights or figures, with a Chinese message."""


@dataclass(frozen=True)
class DepartmentMonth:
    department: Any  # a name, an id or a model instance: whatever the caller groups by
    month: Any  # "2025-10" or the month's first day
    assigned: int
    done_on_time: int
    overdue: int
    closed: int
    returned: int
    mean_workdays_to_close: float | None = None
    # The exact parts of the mean, so months combine without the error of the rounded means:
    # closures whose assignment is on record (only those have a duration) and their working
    # days summed. None for figures made by hand that only know the mean.
    timed_closures: int | None = None
    workdays_to_close_total: int | None = None

    def __post_init__(self) -> None:
        for name in ("assigned", "done_on_time", "overdue", "closed", "returned"):
            _check_count(self.department, name, getattr(self, name))
        mean = self.mean_workdays_to_close
        if mean is not None and mean < 0:
            raise ScoreError(f"{self.department} 的平均办结工作日不能为负数: {mean}")
        timed, total = self.timed_closures, self.workdays_to_close_total
        if (timed is None) != (total is None):
            raise ScoreError(f"{self.department} 的办结次数与办结工作日合计须同时给出")
        if timed is not None and total is not None:
            _check_count(self.department, "timed_closures", timed)
            _check_count(self.department, "workdays_to_close_total", total)
            if timed > self.closed:
                raise ScoreError(f"{self.department} 的计时办结数不能多于销号数: {timed}")


def _check_count(department: Any, name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ScoreError(f"{department} 的统计数不能为负数或非整数: {name}={value!r}")


def idle(metrics: DepartmentMonth) -> bool:
    """Nothing assigned, closed or overdue: the leader page leaves such a department out of its
    ranking (it would score 100 for doing nothing)."""
    return not (metrics.assigned or metrics.closed or metrics.overdue)


def _period_label(first: Any, last: Any) -> str:
    return str(first) if first == last else f"{first}~{last}"


def combine_months(monthly: Iterable[DepartmentMonth]) -> list[DepartmentMonth]:
    """One DepartmentMonth per department (in order of first appearance) over all its months.

    Counts are summed. The mean working days to close is the mean over every timed closure of
    the period, Σ working days / Σ timed closures, rounded once to one decimal as the monthly
    means are. Until now the API and the leader page each weighted the monthly means by the
    month's closures, the API rounding the result and the page not, so one department could
    score differently on the two; and both weighted means that were already rounded, by
    `closed`, which also counts closures without an assignment on record (no duration). The
    exact sums give what counting the whole period as one month would give. A month made by
    hand without the sums (timed_closures None) falls back to its mean weighted by its closures,
    the only thing it knows. The month label is "first~last" (or the one month).
    """
    groups: dict[Any, list[DepartmentMonth]] = {}
    for metrics in monthly:
        groups.setdefault(metrics.department, []).append(metrics)
    return [_combine(department, months) for department, months in groups.items()]


def _combine(department: Any, months: list[DepartmentMonth]) -> DepartmentMonth:
    days, timed, exact = 0.0, 0, True
    for m in months:
        if m.timed_closures is not None and m.workdays_to_close_total is not None:
            days, timed = days + m.workdays_to_close_total, timed + m.timed_closures
        elif m.mean_workdays_to_close is not None and m.closed:
            exact = False
            days, timed = days + m.mean_workdays_to_close * m.closed, timed + m.closed
        else:
            exact = exact and not m.closed
    return DepartmentMonth(
        department=department,
        month=_period_label(months[0].month, months[-1].month),
        assigned=sum(m.assigned for m in months),
        done_on_time=sum(m.done_on_time for m in months),
        overdue=sum(m.overdue for m in months),
        closed=sum(m.closed for m in months),
        returned=sum(m.returned for m in months),
        mean_workdays_to_close=round(days / timed, 1) if timed else None,
        timed_closures=timed if exact else None,
        workdays_to_close_total=round(days) if exact else None,
    )


def parse_score_weights(mapping: Mapping[str, Any] | None) -> dict[str, float]:
    """Weights keyed by component; missing components keep their default weight, unknown ones
    and negative or non-numeric weights are refused, and the weights must not all be zero."""
    weights = dict(DEFAULT_SCORE_WEIGHTS)
    for key, raw in (mapping or {}).items():
        if key not in DEFAULT_SCORE_WEIGHTS:
            known = "、".join(f"{k}（{COMPONENT_LABELS[k]}）" for k in COMPONENTS)
            raise ScoreError(f"未知的考核项: {key!r}（可选：{known}）")
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise ScoreError(f"{COMPONENT_LABELS[key]}的权重必须是数字: {raw!r}")
        if raw < 0:
            raise ScoreError(f"{COMPONENT_LABELS[key]}的权重不能为负数: {raw}")
        weights[key] = float(raw)
    if sum(weights.values()) <= 0:
        raise ScoreError("考核权重不能全部为 0")
    return weights


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def components(
    metrics: DepartmentMonth, *, reference_workdays: float = DEFAULT_REFERENCE_WORKDAYS
) -> dict[str, float]:
    """Each component in [0, 1] (see the module text)."""
    if reference_workdays <= 0:
        raise ScoreError(f"参考办结工作日必须大于 0: {reference_workdays}")
    n = metrics.assigned
    if n == 0:
        return dict.fromkeys(COMPONENTS, 1.0)
    mean = metrics.mean_workdays_to_close
    if metrics.closed == 0 or mean is None:
        speed = 0.0
    elif mean == 0:
        speed = 1.0
    else:
        speed = _clamp(reference_workdays / mean)
    return {
        "on_time": _clamp(metrics.done_on_time / n),
        "closure": _clamp(metrics.closed / n),
        "not_overdue": _clamp(1 - metrics.overdue / n),
        "first_pass": _clamp(1 - metrics.returned / n),
        "speed": speed,
    }


def department_score(
    metrics: DepartmentMonth,
    weights: Mapping[str, Any] | None = None,
    *,
    reference_workdays: float = DEFAULT_REFERENCE_WORKDAYS,
) -> float:
    """The 0-100 score: the weighted mean of the components, times 100, two decimals."""
    checked = parse_score_weights(DEFAULT_SCORE_WEIGHTS if weights is None else weights)
    parts = components(metrics, reference_workdays=reference_workdays)
    total = sum(checked.values())
    return round(100 * sum(checked[k] * parts[k] for k in COMPONENTS) / total, 2)


def rank_departments(
    metrics: Iterable[DepartmentMonth],
    weights: Mapping[str, Any] | None = None,
    *,
    reference_workdays: float = DEFAULT_REFERENCE_WORKDAYS,
) -> list[tuple[int, DepartmentMonth, float]]:
    """(rank, metrics, score), best first; equal scores share the better rank (1, 1, 3)."""
    scored = [
        (m, department_score(m, weights, reference_workdays=reference_workdays)) for m in metrics
    ]
    scored.sort(key=lambda pair: (-pair[1], str(pair[0].department)))
    ranked: list[tuple[int, DepartmentMonth, float]] = []
    for position, (m, score) in enumerate(scored, start=1):
        rank = ranked[-1][0] if ranked and ranked[-1][2] == score else position
        ranked.append((rank, m, score))
    return ranked
