"""ECharts options for the evaluation pages: what the charts show of a result. The generic
parts (the base option, bar series, colours) are `yingshang.lib.charts`.

The pages pass each option with `json_script`; `static/js/evaluation.js` hands it to the
vendored echarts. Options hold data and styling only (no functions), so they are testable here.
"""

import math
from collections.abc import Sequence

from yingshang.core.evaluation import OBJECTIVE, ROOT, SATISFACTION, EvaluationResult
from yingshang.core.evaluation.ranking import display_round
from yingshang.lib.charts import (
    AMBER,
    BRAND,
    GREEN,
    MUTED,
    bar_series,
    base_option,
    category_axis,
    json_number,
)

FRONTIER = GREEN
AVERAGE = AMBER
FRONTIER_LABEL = "全省前沿值"
AVERAGE_LABEL = "全省平均值"


def _number(value: float | None, result: EvaluationResult | None = None) -> float | None:
    """A JSON-safe number: NaN becomes None (a gap in the chart), scores rounded as printed."""
    number = json_number(value)
    return result.displayed(number) if result is not None and number is not None else number


def _rounded(value: float | None, decimals: int) -> float | None:
    if value is None or math.isnan(value):
        return None
    return float(display_round(value, decimals))


def _summary_nodes(result: EvaluationResult) -> tuple[str, ...]:
    """Overall, its two parts when there is a survey, then the first-level indicators."""
    parts = (OBJECTIVE, SATISFACTION) if result.methodology.combination else ()
    return (ROOT, *parts, *result.methodology.top_level)


def comparison_chart(result: EvaluationResult, unit: str) -> dict:
    """The unit against the frontier and the average on every first-level indicator."""
    top = result.methodology.top_level
    i = result.unit_index(unit)
    columns = [result.node_index(n) for n in top]
    option = base_option(f"{unit}与全省前沿值、平均值对比")
    option["tooltip"]["axisPointer"] = {"type": "shadow"}
    option["xAxis"] = category_axis([result.methodology.name_of(n) for n in top], label_width=90)
    option["yAxis"] = {"type": "value", "min": 0, "max": 100}
    option["series"] = [
        bar_series(unit, [_number(result.scores[i, j], result) for j in columns], BRAND),
        bar_series(
            FRONTIER_LABEL, [_number(result.frontier[j], result) for j in columns], FRONTIER
        ),
        bar_series(AVERAGE_LABEL, [_number(result.average[j], result) for j in columns], AVERAGE),
    ]
    return option


def rank_chart(result: EvaluationResult, unit: str) -> dict:
    """The unit's rank on the overall score and on each first-level indicator (1 at the top)."""
    nodes = _summary_nodes(result)
    i = result.unit_index(unit)
    ranks = [int(result.ranks[i, result.node_index(n)]) or None for n in nodes]
    count = result.ranked_count
    option = base_option(f"{unit}各指标排名（共 {count} 个参评单位）")
    option["tooltip"] = {"trigger": "item", "formatter": "{b}：第 {c} 位"}
    option["legend"] = {"show": False}
    option["xAxis"] = category_axis([result.methodology.name_of(n) for n in nodes], label_width=56)
    option["yAxis"] = {
        "type": "value",
        "inverse": True,
        "min": 1,
        "max": max(count, 1),
        "minInterval": 1,
    }
    option["series"] = [
        {
            "name": "排名",
            "type": "line",
            "data": ranks,
            "symbolSize": 12,
            "lineStyle": {"color": MUTED, "type": "dashed"},
            "itemStyle": {"color": BRAND},
            "label": {"show": True, "position": "top", "formatter": "第{c}位"},
        }
    ]
    return option


def trend_chart(
    points: Sequence[tuple[str, float | None, int | None]],
    unit: str,
    *,
    ranked_count: int,
    decimals: int = 2,
) -> dict:
    """Overall score (left axis) and rank (right axis, 1 at the top) over the periods."""
    option = base_option(f"{unit}历次评价总体得分与排名")
    option["xAxis"] = category_axis([p or "（未分期）" for p, _, _ in points])
    lowest = max([ranked_count, *(rank or 0 for _, _, rank in points)])
    option["yAxis"] = [
        {"type": "value", "name": "得分", "min": 0, "max": 100},
        {
            "type": "value",
            "name": "排名",
            "inverse": True,
            "minInterval": 1,
            "min": 1,
            "max": max(lowest, 1),
            "splitLine": {"show": False},
        },
    ]
    option["series"] = [
        {
            "name": "总体得分",
            "type": "line",
            "data": [_rounded(score, decimals) for _, score, _ in points],
            "itemStyle": {"color": BRAND},
            "label": {"show": True, "position": "top"},
        },
        {
            "name": "总体排名",
            "type": "line",
            "yAxisIndex": 1,
            "data": [rank or None for _, _, rank in points],
            "itemStyle": {"color": AVERAGE},
            "lineStyle": {"type": "dashed"},
            "label": {"show": True, "position": "bottom", "formatter": "第{c}位"},
        },
    ]
    return option


def interval_chart(rows: Sequence, ranked_count: int) -> dict:
    """Rank intervals (5 %-95 %) per unit as floating bars, with the median and nominal rank.

    `rows` carry unit, nominal, median, p05 and p95 (see views.tables.interval_rows). The
    interval is a transparent bar up to p05 stacked with a visible bar from p05 to p95.
    """
    units = [r.unit for r in rows]
    option = base_option("排名区间（5%–95%）")
    option["tooltip"] = {"trigger": "axis", "axisPointer": {"type": "shadow"}}
    option["legend"]["data"] = ["5%–95% 区间", "中位排名", "名义排名"]
    option["grid"]["bottom"] = 40
    # The stacked bar's base is measured from 0, so the axis starts there.
    option["xAxis"] = {
        "type": "value",
        "min": 0,
        "max": max(ranked_count, 1),
        "minInterval": 1,
        "name": "排名",
    }
    option["yAxis"] = {"type": "category", "data": units, "inverse": True}
    option["series"] = [
        {
            "name": "区间起点",
            "type": "bar",
            "stack": "interval",
            "data": [r.p05 for r in rows],
            "itemStyle": {"color": "transparent"},
            "emphasis": {"disabled": True},
            "tooltip": {"show": False},
        },
        {
            "name": "5%–95% 区间",
            "type": "bar",
            "stack": "interval",
            "data": [max(r.p95 - r.p05, 0.2) for r in rows],
            "itemStyle": {"color": "rgba(27, 95, 168, 0.35)"},
        },
        {
            "name": "中位排名",
            "type": "scatter",
            "data": [r.median for r in rows],
            "itemStyle": {"color": BRAND},
        },
        {
            "name": "名义排名",
            "type": "scatter",
            "symbol": "diamond",
            "data": [r.nominal or None for r in rows],
            "itemStyle": {"color": AVERAGE},
        },
    ]
    return option
