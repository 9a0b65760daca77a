"""Data and arithmetic shared by the report tests: a sample of 18 units evaluated over three
periods, and the printed value of a figure by decimal half-up rounding, worked out independently
of the diagnosis module the reports use."""

from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from yingshang.core.evaluation import Observations, evaluate, methodology_from_text
from yingshang.core.evaluation.loading import preset_names, preset_text

UNITS = tuple(f"功能区{k:02d}" for k in range(1, 19))
TITLE = "2024年郑州高新区营商环境评价报告"
ZONE = "郑州高新区"

# Used when the henan-zone preset is not installed: the same shape (0.7/0.3 combination).
FALLBACK_METHODOLOGY = """
format: yingshang-methodology/1
id: report-test
name: 报告测试评价方法
version: "1"
combination: {objective: 0.7, satisfaction: 0.3}
indicators:
  - id: starting
    name: 开办企业
    children:
      - {id: starting_time, name: 开办企业时间, unit: 天, goalposts: {from: sample, better: lower}}
      - {id: starting_cost, name: 开办企业成本, unit: 元, goalposts: {from: sample, better: lower}}
  - id: services
    name: 政务服务
    children:
      - {id: services_online, name: 网上可办率, unit: "%", goalposts: {best: 100, worst: 0}}
  - id: innovation
    name: 产业创新环境
    children:
      - id: opening
        name: 开放环境
        children:
          - {id: foreign_investment, name: 实际使用外资额, unit: 万美元,
             goalposts: {from: sample, better: higher}}
      - id: talent
        name: 人才服务
        children:
          - {id: postgraduate_share, name: 硕士及以上学历人才占比, unit: "%",
             goalposts: {from: sample, better: higher}}
satisfaction:
  - {id: satisfaction_all, name: 企业满意度问卷, unit: 分, transform: identity}
"""


# --- independent arithmetic -------------------------------------------------------------------


def half_up(value: float, decimals: int = 2) -> Decimal:
    """The printed value: decimal half-up rounding of the shortest repr (80.975 -> 80.98)."""
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)  # a report never prints -0.00


def shown(value: float, decimals: int = 2) -> str:
    return f"{half_up(value, decimals):.{decimals}f}"


# --- data -------------------------------------------------------------------------------------


def report_methodology():
    if "henan-zone" in preset_names():
        return methodology_from_text(preset_text("henan-zone"))
    return methodology_from_text(FALLBACK_METHODOLOGY)


def _records(methodology, period: str, rng: np.random.Generator) -> list[tuple]:
    rows = []
    for unit in UNITS:
        for leaf in methodology.leaves:
            node = methodology.nodes[leaf]
            if node.transform == "identity":
                value = rng.uniform(40, 100)
            elif node.goalposts is not None and node.goalposts.mode == "fixed":
                low, high = sorted((node.goalposts.best, node.goalposts.worst))
                value = rng.uniform(low, high)
            else:
                value = rng.uniform(1, 200)
            rows.append((unit, leaf, round(value, 3), period))
    return rows


def evaluated_periods() -> dict:
    """The result of the latest period, the one before, all three, and a unit mid-table."""
    methodology = report_methodology()
    rng = np.random.default_rng(20240601)
    periods = ("2022", "2023", "2024")
    records = [row for period in periods for row in _records(methodology, period, rng)]
    observations = Observations.from_records(records)
    results = [evaluate(methodology, observations, period=p) for p in periods]
    current = results[-1]
    # A unit in the middle of the ranking: below the frontier, so gaps are printed.
    overall = current.scores[:, current.node_index("overall")]
    unit = current.units[int(np.argsort(overall)[len(overall) // 2])]
    return {"result": current, "previous": results[-2], "trend": results, "unit": unit}
