"""The leader's page (领导督导): what waits for a decision (plans, extensions, submitted tasks),
overdue tasks, the department ranking and charts of closure and overdue work."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from yingshang.kernel.access import RECTIFICATION_DECIDERS, role_required, zone_for_page
from yingshang.rectification.forms import ExtensionDecisionForm
from yingshang.rectification.selectors import performance
from yingshang.rectification.selectors.extensions import pending_extensions
from yingshang.rectification.selectors.plans import pending_plans
from yingshang.rectification.selectors.tasks import overdue_tasks, submitted_tasks

BRAND = "#1b5fa8"
WARN = "#c0392b"


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


def overdue_chart(ranking: list[dict]) -> dict:
    """The ranking's 超期 per department (most first), as an ECharts horizontal bar option:
    built from the ranking rows so the chart and the table show the same figures."""
    late = sorted(
        (row for row in ranking if row["metrics"].overdue),
        key=lambda row: (-row["metrics"].overdue, row["rank"], str(row["name"])),
    )
    names = [str(row["name"]) for row in late]
    counts = [row["metrics"].overdue for row in late]
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
                "data": counts[::-1],
                "color": WARN,
                "barMaxWidth": 32,
            }
        ],
    }


@login_required
@role_required(*RECTIFICATION_DECIDERS)
def leader(request: HttpRequest) -> HttpResponse:
    user = request.user
    zone = zone_for_page(user, request.GET.get("zone", ""))
    closures = performance.closure_by_month(zone)
    ranking = performance.leader_ranking(zone)
    context = {
        "zone": zone,
        "pending_plans": pending_plans(user=user, zone=zone),
        "pending_extensions": pending_extensions(user=user, zone=zone),
        "submitted_tasks": submitted_tasks(user=user, zone=zone),
        "overdue": overdue_tasks(user)
        .filter(zone=zone)
        .select_related("lead_department")
        .order_by("deadline"),
        "ranking": ranking,
        "ranking_months": performance.RANKING_MONTHS,
        "score_terms": performance.score_terms(zone),
        "closure_option": closure_chart(closures),
        "overdue_option": overdue_chart(ranking),
        "has_closures": bool(closures),
        "has_late": any(row["metrics"].overdue for row in ranking),
        "decision_form": ExtensionDecisionForm(),
        "today": timezone.localdate(),
    }
    return render(request, "rectification/leader.html", context)
