"""ECharts options built on the server from plain data, as JSON-ready dicts.

A page passes an option with `json_script`; the vendored echarts draws it. Options hold data and
styling only (no JavaScript functions), so a module's charts are plain functions that tests can
read. A module's chart starts from `base_option`, sets its axes and adds its series.
"""

import math
from collections.abc import Sequence
from typing import Any

# The platform's colours (the blue of the pages' header, then the accents).
BRAND = "#1b5fa8"
GREEN = "#1f7a4d"
AMBER = "#a05a00"
MUTED = "#9aa7b6"
WARN = "#c0392b"


def json_number(value: float | None) -> float | None:
    """A JSON-safe number: NaN and None become None, which echarts draws as a gap."""
    if value is None or math.isnan(value):
        return None
    return float(value)


def base_option(title: str) -> dict[str, Any]:
    """A centred title, an axis tooltip, the legend below and a grid that fits its labels."""
    return {
        "title": {"text": title, "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0},
        "grid": {"left": 8, "right": 16, "top": 40, "bottom": 36, "containLabel": True},
    }


def bar_series(name: str, values: Sequence[float | None], color: str) -> dict[str, Any]:
    return {"name": name, "type": "bar", "data": list(values), "itemStyle": {"color": color}}


def category_axis(labels: Sequence[str], *, label_width: int | None = None) -> dict[str, Any]:
    """An axis of named categories; with `label_width` every label shows, wrapped to it."""
    axis: dict[str, Any] = {"type": "category", "data": list(labels)}
    if label_width is not None:
        axis["axisLabel"] = {"interval": 0, "width": label_width, "overflow": "break"}
    return axis
