"""The leader's page (领导督导): what waits for a decision (plans, extensions, submitted tasks),
overdue tasks, the department ranking and charts of closure and overdue work."""

import datetime as dt
from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from yingshang.core.rectification.performance import DepartmentMonth, rank_departments
from yingshang.core.rectification.workflow import State
from yingshang.rectification import selectors
from yingshang.rectification.forms import ExtensionDecisionForm
from yingshang.rectification.models import Extension, ExtensionStatus, PlanStatus
from yingshang.rectification.views.common import is_decider, require_reader, user_zone

BRAND = "#1b5fa8"
WARN = "#c0392b"
RANKING_MONTHS = 6


def _month_start(day: dt.date, back: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def closure_chart(rows: list[tuple[str, int]]) -> dict:
    """Tasks closed per month, as an ECharts bar option."""
    return {
        "title": {"text": "每月销号任务数", "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 40, "right": 16, "top": 40, "bottom": 40},
        "xAxis": {"type": "category", "data": [month for month, _ in rows]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {
                "type": "bar",
                "name": "销号",
                "data": [n for _, n in rows],
                "color": BRAND,
                "barMaxWidth": 48,
            }
        ],
    }


def overdue_chart(rows: list[tuple[object, int]]) -> dict:
    """Overdue tasks per lead department, as an ECharts horizontal bar option."""
    names = [getattr(department, "name", str(department)) for department, _ in rows]
    return {
        "title": {"text": "各部门超期任务数", "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 140, "right": 24, "top": 40, "bottom": 24},
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "data": names[::-1]},
        "series": [
            {
                "type": "bar",
                "name": "超期",
                "data": [n for _, n in rows][::-1],
                "color": WARN,
                "barMaxWidth": 32,
            }
        ],
    }


def combined(metrics: list[DepartmentMonth]) -> list[DepartmentMonth]:
    """One DepartmentMonth per department over the whole period: counts summed, the mean
    working days to close weighted by the tasks closed in each month."""
    groups: dict[object, list[DepartmentMonth]] = defaultdict(list)
    for m in metrics:
        groups[m.department].append(m)
    merged = []
    for department, months in groups.items():
        closed = sum(m.closed for m in months)
        weighted = [
            (m.mean_workdays_to_close, m.closed)
            for m in months
            if m.mean_workdays_to_close is not None and m.closed
        ]
        weight = sum(n for _, n in weighted)
        merged.append(
            DepartmentMonth(
                department=department,
                month=f"{months[0].month}—{months[-1].month}",
                assigned=sum(m.assigned for m in months),
                done_on_time=sum(m.done_on_time for m in months),
                overdue=sum(m.overdue for m in months),
                closed=closed,
                returned=sum(m.returned for m in months),
                mean_workdays_to_close=(
                    sum(v * n for v, n in weighted) / weight if weight else None
                ),
            )
        )
    return merged


def _ranking(zone, weights) -> list[dict]:
    today = timezone.localdate()
    metrics = selectors.department_performance(
        zone=zone, month_from=_month_start(today, RANKING_MONTHS - 1), month_to=today
    )
    active = [m for m in combined(metrics) if m.assigned or m.closed or m.overdue]
    return [
        {
            "rank": rank,
            "metrics": m,
            "name": getattr(m.department, "name", m.department),
            "score": score,
        }
        for rank, m, score in rank_departments(active, weights or None)
    ]


def _weights(zone) -> dict:
    from yingshang.rectification.models import RectificationSettings

    found = RectificationSettings.objects.filter(zone=zone).first()
    return dict(found.score_weights) if found is not None else {}


@login_required
def leader(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    if not is_decider(request.user):
        raise PermissionDenied("无权访问领导督导：仅限领导、营商办或系统管理员")
    zone = user_zone(request)
    tasks = selectors.tasks_visible_to(request.user).filter(zone=zone)
    closures = selectors.closure_by_month(zone)
    late = selectors.overdue_by_department(zone)
    context = {
        "zone": zone,
        "pending_plans": selectors.plans_visible_to(request.user).filter(
            zone=zone, status=PlanStatus.PENDING
        ),
        "pending_extensions": Extension.objects.filter(
            task__in=tasks, status=ExtensionStatus.PENDING
        ).select_related("task", "requested_by"),
        "submitted_tasks": tasks.filter(state=State.SUBMITTED.value).select_related(
            "lead_department"
        ),
        "overdue": selectors.overdue_tasks(request.user)
        .filter(zone=zone)
        .select_related("lead_department")
        .order_by("deadline"),
        "ranking": _ranking(zone, _weights(zone)),
        "ranking_months": RANKING_MONTHS,
        "closure_option": closure_chart(closures),
        "overdue_option": overdue_chart(late),
        "has_closures": bool(closures),
        "has_late": bool(late),
        "decision_form": ExtensionDecisionForm(),
        "today": timezone.localdate(),
    }
    return render(request, "rectification/leader.html", context)
