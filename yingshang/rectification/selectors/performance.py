"""Department performance (效能考核) and the leader page's figures: closures per month, overdue
tasks per department, and the ranked departments of a period.

The selectors only fetch plain rows; the counting, the combining of months and the score are
the core's (`yingshang.core.rectification.performance_counts` and `.performance`).
"""

import datetime as dt
from collections import Counter
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from yingshang.calendars.selectors import load_calendar
from yingshang.core.rectification.performance import (
    COMPONENT_LABELS,
    COMPONENTS,
    DEFAULT_REFERENCE_WORKDAYS,
    DepartmentMonth,
    combine_months,
    idle,
    parse_score_weights,
    rank_departments,
)
from yingshang.core.rectification.performance_counts import (
    COUNTED_ACTIONS,
    count_department_months,
    histories_from_records,
    month_key,
)
from yingshang.kernel.access import PERFORMANCE_READERS, has_role, requested_zone
from yingshang.kernel.models import Department, Zone
from yingshang.rectification.models import RectificationSettings, Task, TaskRecord
from yingshang.rectification.selectors.common import require_reader

PERFORMANCE_DENIED = "无权访问: 仅限营商办、领导和系统管理员"
RANKING_MONTHS = 6
"""The leader page ranks the departments over the last six months, this one included."""


def closure_by_month(zone: Zone) -> list[tuple[str, int]]:
    """Tasks closed (销号) per month, oldest first, as ("YYYY-MM", count)."""
    days = Task.objects.filter(zone=zone, closed_on__isnull=False).values_list(
        "closed_on", flat=True
    )
    counts = Counter(month_key(day) for day in days)
    return sorted(counts.items())


def department_performance(
    *, zone: Zone, month_from: dt.date, month_to: dt.date
) -> list[DepartmentMonth]:
    """One DepartmentMonth per active department of the zone and month ("YYYY-MM"), naming the
    Department, counted by the core from the dates of the task records (see
    `core.rectification.performance_counts` for what each figure counts)."""
    departments = list(Department.objects.filter(zone=zone, is_active=True))
    # Plain tuples, not model instances: a zone's year holds hundreds of thousands of records.
    records = (
        TaskRecord.objects.filter(
            task__zone=zone, action__in=[action.value for action in COUNTED_ACTIONS]
        )
        .order_by("task_id", "created_at", "id")
        .values_list(
            "task_id", "action", "created_at", "task__deadline", "task__lead_department_id"
        )
    )
    local = timezone.get_current_timezone()
    rows = (
        (task_id, action, created_at.astimezone(local).date(), deadline, department_id)
        for task_id, action, created_at, deadline, department_id in records.iterator(
            chunk_size=5000
        )
    )
    return count_department_months(
        histories_from_records(rows),
        departments={department.pk: department for department in departments},
        month_from=month_from,
        month_to=month_to,
        today=timezone.localdate(),
        calendar=load_calendar(),
    )


def score_weights(zone: Zone) -> dict:
    """The zone's score weights ({} for the defaults) as its settings hold them."""
    weights = (
        RectificationSettings.objects.filter(zone=zone).values_list("score_weights", flat=True)
    ).first()
    return dict(weights or {})


def _month_start(month: str) -> dt.date:
    year, number = month.split("-")
    return dt.date(int(year), int(number), 1)


def _row(rank: int, metric: DepartmentMonth, score: float) -> dict:
    department = metric.department
    return {
        "rank": rank,
        "department": getattr(department, "name", str(department)),
        "department_id": getattr(department, "pk", None),
        "score": score,
        "assigned": metric.assigned,
        "done_on_time": metric.done_on_time,
        "overdue": metric.overdue,
        "closed": metric.closed,
        "returned": metric.returned,
        "mean_workdays_to_close": metric.mean_workdays_to_close,
    }


def department_ranking(
    *, user: Any, zone_id: int | None, month_from: str, month_to: str
) -> list[dict]:
    """The zone's departments over the months ("YYYY-MM", both included), ranked by score, as
    the API lists them. Not for the departments being assessed (403)."""
    require_reader(user)
    if not has_role(user, *PERFORMANCE_READERS):
        raise PermissionDenied(PERFORMANCE_DENIED)
    zone = requested_zone(user, zone_id)
    monthly = department_performance(
        zone=zone, month_from=_month_start(month_from), month_to=_month_start(month_to)
    )
    ranked = rank_departments(combine_months(monthly), score_weights(zone) or None)
    return [_row(rank, metric, score) for rank, metric, score in ranked]


def _months_back(day: dt.date, back: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def leader_ranking(zone: Zone, *, today: dt.date | None = None) -> list[dict]:
    """The leader page's ranking over the last RANKING_MONTHS months, leaving out departments
    that had nothing to do: {rank, metrics (a DepartmentMonth), name, score}. The page's table
    and its overdue chart both read these rows, so they cannot disagree."""
    today = today or timezone.localdate()
    monthly = department_performance(
        zone=zone, month_from=_months_back(today, RANKING_MONTHS - 1), month_to=today
    )
    active = [metrics for metrics in combine_months(monthly) if not idle(metrics)]
    return [
        {
            "rank": rank,
            "metrics": metrics,
            "name": getattr(metrics.department, "name", metrics.department),
            "score": score,
        }
        for rank, metrics, score in rank_departments(active, score_weights(zone) or None)
    ]


_COMPONENT_FORMULAS = {
    "on_time": "按期完成 ÷ 交办",
    "closure": "销号 ÷ 交办",
    "not_overdue": "1 − 超期 ÷ 交办",
    "first_pass": "1 − 退回 ÷ 交办",
    "speed": f"{DEFAULT_REFERENCE_WORKDAYS:g} 个工作日 ÷ 平均办结，至多 1；无销号为 0",
}


def score_terms(zone: Zone) -> list[dict]:
    """The parts of the score with the zone's weights, for the page to explain 得分:
    {label, formula, weight}, in the core's order."""
    weights = parse_score_weights(score_weights(zone) or None)
    return [
        {
            "label": COMPONENT_LABELS[key],
            "formula": _COMPONENT_FORMULAS[key],
            "weight": weights[key],
        }
        for key in COMPONENTS
    ]
