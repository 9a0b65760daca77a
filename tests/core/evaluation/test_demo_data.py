"""The demo data for the henan-zone methodology: deterministic, complete, plausible, and giving a
focus zone that sits mid-table with clear weaknesses."""

import csv
import subprocess
import sys
from collections import defaultdict

import numpy as np
import pytest

from yingshang.core.evaluation import Observations, check_against, evaluate, load_methodology
from yingshang.evaluation.demo_data import (
    FOCUS_STRENGTH,
    FOCUS_WEAKNESSES,
    PROFILES,
    province_observations,
    province_survey,
    write_csv,
)

ZONES = (
    "郑州高新区",
    "郑州经开区",
    "郑州航空港区",
    "郑东新区",
    "洛阳高新区",
    "新乡高新区",
    "新乡经开区",
    "安阳高新区",
    "红旗渠经开区",
    "南阳高新区",
    "平顶山高新区",
    "焦作高新区",
    "信阳高新区",
    "许昌经开区",
    "开封经开区",
    "漯河经开区",
    "鹤壁经开区",
    "濮阳经开区",
)
FOCUS = "郑州高新区"
PERIODS = ("2022", "2023", "2024")
COUNT_UNITS = {"个", "家", "人"}


@pytest.fixture(scope="module")
def henan():
    return load_methodology("henan-zone")


@pytest.fixture(scope="module")
def objective():
    return province_observations(ZONES, focus=FOCUS)


@pytest.fixture(scope="module")
def survey():
    return province_survey(ZONES, focus=FOCUS)


def objective_leaves(methodology) -> list[str]:
    return [leaf for leaf in methodology.leaves if methodology.nodes[leaf].part == "objective"]


def test_the_same_seed_gives_the_same_data(objective, survey):
    assert province_observations(ZONES, focus=FOCUS) == objective
    assert province_survey(ZONES, focus=FOCUS) == survey
    assert province_observations(ZONES, focus=FOCUS, seed=7) != objective
    assert province_survey(ZONES, focus=FOCUS, seed=7) != survey


def test_every_leaf_has_a_profile(henan):
    assert set(PROFILES) == set(objective_leaves(henan))


def test_every_leaf_unit_and_period_is_covered(henan, objective, survey):
    cells = {(u, i, p) for u, i, _, p in objective}
    for leaf in objective_leaves(henan):
        for period in PERIODS:
            present = sum((unit, leaf, period) in cells for unit in ZONES)
            assert present >= len(ZONES) - 3, (leaf, period, present)
    expected = {
        (u, s, p) for u in ZONES for s in henan.nodes["satisfaction"].children for p in PERIODS
    }
    assert {(u, i, p) for u, i, _, p in survey} == expected
    assert len(cells) == len(objective)  # one value per unit, leaf and period


def test_a_few_values_are_missing_for_the_missing_data_policies(henan, objective):
    cells = {(u, i, p) for u, i, _, p in objective}
    complete = len(ZONES) * len(objective_leaves(henan)) * len(PERIODS)
    missing = complete - len(cells)
    assert 0 < missing <= 0.05 * complete
    latest = PERIODS[-1]
    gaps = [
        (unit, leaf)
        for unit in ZONES
        for leaf in objective_leaves(henan)
        if (unit, leaf, latest) not in cells
    ]
    carried = [
        (u, leaf)
        for u, leaf in gaps
        if henan.nodes[leaf].missing == "carry_forward" and (u, leaf, PERIODS[-2]) in cells
    ]
    assert carried, "最新一期应有可沿用上期数据的缺失值"
    assert all(unit != FOCUS for unit, _ in gaps)


def test_values_are_plausible(henan, objective, survey):
    for unit, leaf, value, _ in objective:
        node = henan.nodes[leaf]
        assert np.isfinite(value) and value >= 0, (unit, leaf, value)
        if node.unit in COUNT_UNITS:
            assert value >= 1 and value == int(value), (unit, leaf, value)
        if node.unit == "%":
            assert value <= 100, (unit, leaf, value)
    assert all(0 <= value <= 100 for _, _, value, _ in survey)
    by_leaf = defaultdict(list)
    for _, leaf, value, period in objective:
        if period == PERIODS[-1]:
            by_leaf[leaf].append(value)
    # Magnitudes around those the 2020 provincial evaluation quotes for a mid-table zone.
    assert 3000 <= np.median(by_leaf["opening_up_foreign_investment"]) <= 30000  # 9422 万美元
    assert 30 <= np.median(by_leaf["opening_up_investment_funds"]) <= 150  # 65.66 亿元
    assert 3 <= np.median(by_leaf["talent_services_postgraduate_share"]) <= 12  # 6.20 %
    assert 5 <= np.median(by_leaf["talent_services_high_skill_share"]) <= 15  # 8.60 %
    assert 0.5 <= np.median(by_leaf["starting_business_time"]) <= 5  # days


def test_zones_improve_mildly_over_time(henan, objective):
    value = {(unit, leaf, period): v for unit, leaf, v, period in objective}
    first, last = PERIODS[0], PERIODS[-1]
    leaves = objective_leaves(henan)
    improving = 0
    for leaf in leaves:
        sign = 1 if henan.nodes[leaf].goalposts.better == "higher" else -1
        pairs = np.array(
            [
                (value[(u, leaf, first)], value[(u, leaf, last)])
                for u in ZONES
                if (u, leaf, first) in value and (u, leaf, last) in value
            ]
        )
        change = sign * (pairs[:, 1] - pairs[:, 0])
        improving += (change > 0).sum() > (change < 0).sum()
        sizable = (pairs >= 1).all(axis=1)
        ratio = pairs[sizable, 1] / pairs[sizable, 0]
        assert ((ratio <= 3) & (ratio >= 1 / 3)).all(), leaf  # mild: no zone triples in two years
    assert improving >= 0.8 * len(leaves)


def test_the_data_passes_the_methodology_checks_and_evaluates(henan, objective, survey):
    observations = Observations.from_records(objective + survey)
    check_against(henan, observations)
    for period in PERIODS:
        result = evaluate(henan, observations, period=period)
        overall = result.scores[:, result.node_index("overall")]
        assert np.isfinite(overall).all() and (overall > 0).all() and (overall < 100).all()


def test_the_focus_zone_is_mid_table_with_clear_weaknesses_and_a_strength(henan, objective, survey):
    result = evaluate(henan, Observations.from_records(objective + survey))
    count = result.ranked_count
    assert count == len(ZONES)
    assert 1 < result.rank(FOCUS) < count
    for weakness in FOCUS_WEAKNESSES:
        assert result.rank(FOCUS, weakness) > 2 * count // 3, weakness
    assert result.rank(FOCUS, FOCUS_STRENGTH) <= count // 3


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_the_focus_zone_is_neither_first_nor_last_for_other_seeds(henan, seed):
    rows = province_observations(ZONES, focus=FOCUS, seed=seed)
    rows += province_survey(ZONES, focus=FOCUS, seed=seed)
    result = evaluate(henan, Observations.from_records(rows))
    assert 1 < result.rank(FOCUS) < result.ranked_count


def test_without_a_focus_and_with_other_periods(henan):
    rows = province_observations(ZONES[:5], periods=("2019", "2020"), seed=11)
    assert {p for *_, p in rows} == {"2019", "2020"}
    assert {u for u, *_ in rows} == set(ZONES[:5])


def test_a_focus_outside_the_units_is_refused():
    with pytest.raises(ValueError, match="不在参评单位中"):
        province_observations(ZONES[:3], focus="不存在的区")


def test_write_csv_writes_the_long_form_table(tmp_path, objective):
    path = write_csv(objective[:50], tmp_path / "数据.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens the Chinese names correctly
    with path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == ["unit", "indicator", "value", "period"]
    assert len(table) == 51
    for written, (unit, leaf, value, period) in zip(table[1:], objective[:50], strict=True):
        assert written[:2] == [unit, leaf] and written[3] == period
        assert float(written[2]) == value


def test_the_module_needs_no_django():
    code = "import sys, yingshang.evaluation.demo_data; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
