"""Synthetic but plausible evaluation data for the `henan-zone` methodology (no Django).

Every value is invented. Magnitudes follow what Henan's national-level zones report (the 2020
provincial evaluation quotes 实际使用外资额 9422.00 万美元，招商引资到位资金 65.66 亿元,
硕士及以上学历人才占比 6.20 %, 高技能人才占比 8.60 %), values improve mildly from one period
to the next, and a few values are missing so that the methodology's missing-data policies
(reweight, carry_forward) have something to do.

The focus unit (the zone hosting the platform) sits mid-table overall, strong in 政务服务 and
clearly weak in 开放环境 and 开办企业, so a demo has weaknesses to report and moves to find.
"""

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from yingshang.core.evaluation import load_methodology
from yingshang.core.evaluation.methodology import SATISFACTION, Methodology

PRESET = "henan-zone"
DEFAULT_PERIODS = ("2022", "2023", "2024")
DEFAULT_SEED = 2020


def periods_published_by(year: int, count: int = len(DEFAULT_PERIODS)) -> tuple[str, ...]:
    """The `count` periods of an evaluation published in `year`: the years up to the one before
    (the values depend on the number of periods, not on their names)."""
    return tuple(str(y) for y in range(year - count, year))


# Where the focus unit stands apart from its overall (median) level, per parent node.
FOCUS_WEAKNESSES = ("opening_up", "starting_business")
FOCUS_STRENGTH = "government_services"
_FOCUS_OFFSETS = {"opening_up": -0.9, "starting_business": -0.8, "government_services": 1.0}
_FOCUS_SURVEY_OFFSET = -0.6

_YEARLY_PROGRESS = 0.12  # in standard deviations of the zones' spread
_MISSING_SHARE = 0.015

Row = tuple[str, str, float, str]


@dataclass(frozen=True)
class LeafProfile:
    """A leaf's typical value in a weak zone and in a strong one, and how it is reported.

    Performance p in (0, 1) maps to weak + (strong - weak) x p, or geometrically when `log`
    (counts and amounts that span orders of magnitude between zones).
    """

    weak: float
    strong: float
    decimals: int = 2
    log: bool = False
    minimum: float = 0.0
    maximum: float | None = None

    def value(self, performance: np.ndarray) -> np.ndarray:
        if self.log:
            values = self.weak * (self.strong / self.weak) ** performance
        else:
            values = self.weak + (self.strong - self.weak) * performance
        values = np.clip(values, self.minimum, self.maximum)
        return np.round(values, self.decimals)


def _count(weak: float, strong: float) -> LeafProfile:
    return LeafProfile(weak, strong, decimals=0, log=True, minimum=1)


def _share(weak: float, strong: float) -> LeafProfile:
    return LeafProfile(weak, strong, decimals=2, maximum=100.0)


def _amount(weak: float, strong: float) -> LeafProfile:
    return LeafProfile(weak, strong, decimals=2, log=True)


PROFILES: dict[str, LeafProfile] = {
    "starting_business_time": LeafProfile(5.0, 0.5, decimals=1, minimum=0.5),
    "starting_business_procedures": LeafProfile(6, 2, decimals=0, minimum=1),
    # Many zones pay new firms' seals and fees (企业开办零费用): the better ones sit at 0 元.
    "starting_business_cost": LeafProfile(400, -300, decimals=0),
    "construction_permits_time": LeafProfile(120, 30, decimals=0, minimum=1),
    "construction_permits_procedures": LeafProfile(25, 9, decimals=0, minimum=1),
    "construction_permits_cost": LeafProfile(3.0, 0.5),
    "construction_permits_quality_index": LeafProfile(8, 15, decimals=1, maximum=15),
    "government_services_online_rate": _share(80, 100),
    "government_services_instant_rate": _share(20, 65),
    "government_services_one_visit_rate": _share(75, 100),
    "government_services_time_reduction": _share(40, 85),
    "government_services_hotline_on_time": _share(85, 100),
    "market_regulation_random_inspection_rate": _share(2, 10),
    "market_regulation_credit_file_coverage": _share(40, 98),
    "market_regulation_inspection_disclosure_rate": _share(85, 100),
    "market_regulation_joint_inspection_share": _share(8, 45),
    "industrial_ecology_industrial_firms": _count(50, 420),
    "industrial_ecology_emerging_share": _share(15, 65),
    "industrial_ecology_specialised_firms": _count(5, 120),
    "innovation_activity_incubators": _count(6, 92),
    "innovation_activity_5g_stations": _count(250, 3200),
    "innovation_activity_high_tech_firms": _count(60, 1200),
    "innovation_activity_technology_contracts": _amount(2, 90),
    "innovation_activity_rd_intensity": _share(1.2, 11),
    "financial_environment_guidance_funds": _amount(2, 85),
    "financial_environment_credit_loan_share": _share(15, 60),
    "financial_environment_risk_pool_loans": _amount(0.2, 6.5),
    "financial_environment_listed_firms": _count(1, 30),
    "opening_up_foreign_investment": _amount(2500, 42000),
    "opening_up_investment_funds": _amount(25, 220),
    "opening_up_trade_volume": _amount(8, 420),
    "opening_up_foreign_firms": _count(8, 160),
    "talent_services_postgraduate_share": _share(2.5, 16),
    "talent_services_high_skill_share": _share(4, 22),
    "talent_services_postdoc_bases": _count(1, 12),
    "talent_services_high_level_talents": _count(3, 150),
}
SURVEY_PROFILE = LeafProfile(68, 92)


def province_observations(
    units: Sequence[str],
    *,
    periods: Sequence[str] = DEFAULT_PERIODS,
    focus: str | None = None,
    seed: int = DEFAULT_SEED,
) -> list[Row]:
    """Raw values (unit, indicator, value, period) for every objective leaf of `henan-zone`."""
    methodology = load_methodology(PRESET)
    leaves = _objective_leaves(methodology)
    areas = [methodology.nodes[leaf].parent or "" for leaf in leaves]
    general = _general_quality(units, focus, seed)
    rng = np.random.default_rng([seed, 1])
    area_names = sorted(set(areas))
    area_noise = rng.normal(size=(len(units), len(area_names)))
    area_quality = 0.6 * general[:, None] + 0.8 * area_noise
    if focus is not None:
        offsets = np.array([_FOCUS_OFFSETS.get(a, 0.0) for a in area_names])
        _place_focus(area_quality, list(units).index(focus), offsets)
    column = {name: k for k, name in enumerate(area_names)}
    quality = area_quality[:, [column[a] for a in areas]]
    quality = quality + 0.5 * rng.normal(size=quality.shape)
    values = _by_period(quality, len(periods), rng, [PROFILES[leaf] for leaf in leaves])
    missing = _missing_mask(methodology, leaves, units, focus, len(periods), rng)
    return _rows(units, leaves, periods, values, missing)


def province_survey(
    units: Sequence[str],
    *,
    periods: Sequence[str] = DEFAULT_PERIODS,
    focus: str | None = None,
    seed: int = DEFAULT_SEED,
) -> list[Row]:
    """Enterprise satisfaction scores (0-100) for every satisfaction leaf of `henan-zone`."""
    methodology = load_methodology(PRESET)
    leaves = tuple(leaf for leaf in methodology.leaves if _part(methodology, leaf) == SATISFACTION)
    general = _general_quality(units, focus, seed)
    rng = np.random.default_rng([seed, 2])
    quality = 0.5 * general[:, None] + 0.8 * rng.normal(size=(len(units), len(leaves)))
    if focus is not None:
        _place_focus(quality, list(units).index(focus), np.full(len(leaves), _FOCUS_SURVEY_OFFSET))
    values = _by_period(quality, len(periods), rng, [SURVEY_PROFILE] * len(leaves))
    return _rows(units, leaves, periods, values, np.zeros(values.shape, dtype=bool))


def write_csv(rows: Iterable[Row], path: str | Path) -> Path:
    """Write the long-form table `unit,indicator,value,period` (UTF-8 with BOM, opens in Excel)."""
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("unit", "indicator", "value", "period"))
        for unit, indicator, value, period in rows:
            writer.writerow((unit, indicator, f"{value:.10g}", period))
    return path


# --- internals ----------------------------------------------------------------------------------


def _part(methodology: Methodology, node_id: str) -> str:
    return methodology.nodes[node_id].part


def _objective_leaves(methodology: Methodology) -> tuple[str, ...]:
    return tuple(leaf for leaf in methodology.leaves if _part(methodology, leaf) != SATISFACTION)


def _general_quality(units: Sequence[str], focus: str | None, seed: int) -> np.ndarray:
    """Each unit's overall level (standard normal), shared by its indicators and its survey."""
    if len(set(units)) != len(units):
        raise ValueError("参评单位名称重复")
    if focus is not None and focus not in units:
        raise ValueError(f"重点单位 {focus} 不在参评单位中")
    return np.random.default_rng([seed, 0]).normal(size=len(units))


def _place_focus(quality: np.ndarray, row: int, offsets: np.ndarray) -> None:
    """Put the focus unit at the other units' median in every column, then apply its offsets."""
    if quality.shape[0] > 1:
        quality[row] = np.median(np.delete(quality, row, axis=0), axis=0)
    quality[row] += offsets


def _by_period(
    quality: np.ndarray, periods: int, rng: np.random.Generator, profiles: list[LeafProfile]
) -> np.ndarray:
    """periods x units x leaves values: every zone improves a little each period."""
    progress = _YEARLY_PROGRESS * (np.arange(periods) - (periods - 1))
    drift = quality[None, :, :] + progress[:, None, None]
    drift = drift + 0.1 * rng.normal(size=drift.shape)
    # A logistic curve close to the normal distribution function keeps p inside (0, 1).
    performance = 1.0 / (1.0 + np.exp(-1.7 * drift))
    values = np.empty(drift.shape)
    for j, profile in enumerate(profiles):
        values[:, :, j] = profile.value(performance[:, :, j])
    return values


def _missing_mask(
    methodology: Methodology,
    leaves: tuple[str, ...],
    units: Sequence[str],
    focus: str | None,
    periods: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """A few gaps: scattered ones, plus latest-period gaps in slow statistics (carry_forward)."""
    missing = rng.random(size=(periods, len(units), len(leaves))) < _MISSING_SHARE
    slow = [
        j for j, leaf in enumerate(leaves) if methodology.nodes[leaf].missing == "carry_forward"
    ]
    others = [i for i, unit in enumerate(units) if unit != focus]
    if periods > 1 and slow and others:
        for i in rng.choice(others, size=min(2, len(others)), replace=False):
            missing[-1, i, rng.choice(slow)] = True
    if focus is not None:
        missing[-1, list(units).index(focus)] = False  # the focus zone reports in full this year
    # Every leaf keeps at least two values per period, so sample goalposts always exist.
    too_few = (~missing).sum(axis=1) < min(2, len(units))
    missing[np.broadcast_to(too_few[:, None, :], missing.shape)] = False
    return missing


def _rows(
    units: Sequence[str],
    leaves: Sequence[str],
    periods: Sequence[str],
    values: np.ndarray,
    missing: np.ndarray,
) -> list[Row]:
    return [
        (unit, leaf, float(values[t, i, j]), period)
        for t, period in enumerate(periods)
        for i, unit in enumerate(units)
        for j, leaf in enumerate(leaves)
        if not missing[t, i, j]
    ]
