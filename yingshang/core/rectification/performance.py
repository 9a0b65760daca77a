"""Department performance for the monthly 效能考核.

`DepartmentMonth` holds one department's figures for one month (counted by the selectors):
assigned tasks, those done on time, overdue, closed (销号), returned at acceptance, and the mean
number of working days from assignment to closure (None when nothing was closed).

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

    def __post_init__(self) -> None:
        for name in ("assigned", "done_on_time", "overdue", "closed", "returned"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ScoreError(f"{self.department} 的统计数不能为负数或非整数: {name}={value!r}")
        mean = self.mean_workdays_to_close
        if mean is not None and mean < 0:
            raise ScoreError(f"{self.department} 的平均办结工作日不能为负数: {mean}")


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
