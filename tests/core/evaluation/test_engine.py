"""The evaluation engine, step by step. Every expected value is worked out here by hand from the
published formulas (distance to frontier, weighted means, competition ranks), never by calling
the engine."""

import math

import numpy as np
import pytest
from pytest import approx

from yingshang.core.evaluation import Observations, aggregate, evaluate, parse_methodology

FORMAT = "yingshang-methodology/1"


def build(indicators: list[dict], **extra: object):
    return parse_methodology(
        {"format": FORMAT, "id": "t", "name": "测试方法", "indicators": indicators, **extra}
    )


def leaf(node_id: str, **settings: object) -> dict:
    return {"id": node_id, "name": f"指标{node_id}", **settings}


def group(node_id: str, children: list[dict], **settings: object) -> dict:
    return {"id": node_id, "name": f"指标{node_id}", "children": children, **settings}


def obs(records: list[tuple], groups: dict[str, str] | None = None) -> Observations:
    return Observations.from_records(records, groups=groups)


FIXED_0_100 = {"best": 100, "worst": 0}


# --- transforms ------------------------------------------------------------------------------


def test_linear_higher_is_better():
    m = build([leaf("x", goalposts={"best": 200, "worst": 40})])
    r = evaluate(m, obs([("A", "x", 80), ("B", "x", 200), ("C", "x", 40)]))
    assert r.score("A", "x") == approx(100 * (80 - 40) / (200 - 40))
    assert r.score("B", "x") == approx(100.0)
    assert r.score("C", "x") == approx(0.0)
    assert r.score("A", "overall") == approx(25.0)


def test_linear_lower_is_better():
    m = build([leaf("procedures", goalposts={"best": 1, "worst": 18})])
    r = evaluate(m, obs([("A", "procedures", 5), ("B", "procedures", 1)]))
    assert r.score("A", "procedures") == approx(100 * (18 - 5) / (18 - 1))
    assert r.score("B", "procedures") == approx(100.0)


def test_floor_maps_the_worst_goalpost_to_the_floor_and_the_best_to_100():
    m = build([leaf("x", floor=60, goalposts={"from": "sample", "better": "lower"})])
    r = evaluate(m, obs([("A", "x", 2), ("B", "x", 5), ("C", "x", 10)]))
    assert r.score("A", "x") == approx(100.0)
    assert r.score("C", "x") == approx(60.0)
    assert r.score("B", "x") == approx(60 + 40 * (10 - 5) / (10 - 2))


def test_a_floor_in_defaults_reaches_every_leaf_but_not_identity_leaves():
    m = build(
        [leaf("x", goalposts=FIXED_0_100), leaf("s", transform="identity")],
        defaults={"floor": 50},
    )
    r = evaluate(m, obs([("A", "x", 0), ("A", "s", 30)]))
    assert r.score("A", "x") == approx(50.0)
    assert r.score("A", "s") == approx(30.0)


def test_power_transform_is_the_doing_business_tax_rate_formula():
    m = build(
        [leaf("tax", transform="power", exponent=0.8, goalposts={"best": 26.1, "worst": 84.0})]
    )
    r = evaluate(m, obs([("A", "tax", 40.0), ("B", "tax", 20.0), ("C", "tax", 90.0)]))
    assert r.score("A", "tax") == approx(100 * ((84.0 - 40.0) / (84.0 - 26.1)) ** 0.8)
    assert r.score("B", "tax") == approx(100.0)  # below the best: clipped to it
    assert r.score("C", "tax") == approx(0.0)


def test_log_transform_scores_on_the_log_scale():
    m = build([leaf("fdi", transform="log", goalposts={"best": 1000, "worst": 10})])
    r = evaluate(m, obs([("A", "fdi", 100.0), ("B", "fdi", 31.6)]))
    assert r.score("A", "fdi") == approx(50.0)
    expected_b = 100 * (math.log(31.6) - math.log(10)) / (math.log(1000) - math.log(10))
    assert r.score("B", "fdi") == approx(expected_b)
    j = r.leaf_index("fdi")
    assert r.treated[r.unit_index("A"), j] == approx(math.log(100.0))


def test_identity_keeps_scores_already_on_0_100_and_clips_them():
    m = build([leaf("s", transform="identity")])
    r = evaluate(m, obs([("A", "s", 73.2), ("B", "s", 120.0), ("C", "s", -5.0)]))
    assert [r.score(u, "s") for u in ("A", "B", "C")] == approx([73.2, 100.0, 0.0])


def test_clip_false_lets_scores_leave_0_100():
    m = build(
        [
            leaf("x", goalposts=FIXED_0_100, clip=False),
            leaf("s", transform="identity", clip=False),
        ]
    )
    r = evaluate(m, obs([("A", "x", 130.0), ("B", "x", -10.0), ("A", "s", 120.0)]))
    assert r.score("A", "x") == approx(130.0)
    assert r.score("B", "x") == approx(-10.0)
    assert r.score("A", "s") == approx(120.0)


def test_a_value_on_a_zero_worst_goalpost_scores_plain_zero():
    m = build([leaf("x", goalposts=FIXED_0_100)])
    r = evaluate(m, obs([("A", "x", 0.0), ("B", "x", -3.0)]))
    assert f"{r.score('A', 'x'):.2f}" == "0.00"  # not "-0.00"
    assert f"{r.score('B'):.2f}" == "0.00"


def test_clip_bounds_the_treated_value_to_the_goalposts():
    m = build([leaf("x", goalposts={"best": 1, "worst": 18})])
    r = evaluate(m, obs([("A", "x", 0.2), ("B", "x", 25.0)]))
    j = r.leaf_index("x")
    assert r.treated[:, j].tolist() == [1.0, 18.0]
    assert r.raw[:, j].tolist() == [0.2, 25.0]
    assert [r.score("A", "x"), r.score("B", "x")] == [100.0, 0.0]


# --- goalposts -------------------------------------------------------------------------------


def test_sample_goalposts_higher_is_better():
    m = build([leaf("x", goalposts={"from": "sample", "better": "higher"})])
    r = evaluate(m, obs([("A", "x", 2), ("B", "x", 5), ("C", "x", 11)]))
    assert r.goalposts[0].tolist() == [11.0, 2.0]
    assert [r.score(u, "x") for u in "ABC"] == approx([0.0, 100 * 3 / 9, 100.0])


def test_sample_goalposts_lower_is_better():
    m = build([leaf("x", goalposts={"from": "sample", "better": "lower"})])
    r = evaluate(m, obs([("A", "x", 2), ("B", "x", 5), ("C", "x", 11)]))
    assert r.goalposts[0].tolist() == [2.0, 11.0]
    assert [r.score(u, "x") for u in "ABC"] == approx([100.0, 100 * 6 / 9, 0.0])


def linear_percentile(values: list[float], p: float) -> float:
    """The usual (type 7) definition: interpolate between the order statistics."""
    ordered = sorted(values)
    position = p / 100 * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (position - low) * (ordered[high] - ordered[low])


def test_percentile_goalposts_on_an_even_grid():
    m = build([leaf("x", goalposts={"from": "percentile", "percentile": 90, "better": "higher"})])
    units = [f"U{k:02d}" for k in range(11)]
    r = evaluate(m, obs([(u, "x", k) for k, u in enumerate(units)]))
    assert r.goalposts[0].tolist() == approx([9.0, 1.0])
    assert r.score("U10", "x") == approx(100.0)  # above the 90th percentile: clipped
    assert r.score("U00", "x") == approx(0.0)
    assert r.score("U05", "x") == approx(100 * (5 - 1) / (9 - 1))


def test_percentile_goalposts_interpolate_and_follow_the_direction():
    values = [1.0, 2.0, 4.0, 8.0, 16.0]
    best, worst = linear_percentile(values, 10), linear_percentile(values, 90)
    assert (best, worst) == approx((1.4, 12.8))
    m = build([leaf("x", goalposts={"from": "percentile", "percentile": 90, "better": "lower"})])
    r = evaluate(m, obs([(f"U{k}", "x", v) for k, v in enumerate(values)]))
    assert r.goalposts[0].tolist() == approx([best, worst])
    assert r.score("U2", "x") == approx(100 * (worst - 4.0) / (worst - best))
    assert r.score("U0", "x") == approx(100.0)
    assert r.score("U4", "x") == approx(0.0)


def test_frozen_goalposts_replace_the_sample_of_the_period():
    m = build([leaf("x", goalposts={"from": "sample", "better": "higher"})])
    first = evaluate(m, obs([("A", "x", 2), ("B", "x", 5), ("C", "x", 11)]))
    later = obs([("A", "x", 4), ("B", "x", 8), ("C", "x", 14)])
    frozen = evaluate(m, later, goalposts=first.goalposts)
    assert frozen.goalposts[0].tolist() == [11.0, 2.0]
    assert [frozen.score(u, "x") for u in "ABC"] == approx([100 * 2 / 9, 100 * 6 / 9, 100.0])
    fresh = evaluate(m, later)
    assert [fresh.score(u, "x") for u in "ABC"] == approx([0.0, 40.0, 100.0])


# --- aggregation -----------------------------------------------------------------------------


def two_children(aggregation: str):
    return build(
        [
            group(
                "p",
                [
                    leaf("a", transform="identity", weight=2),
                    leaf("b", transform="identity", weight=1),
                ],
                aggregation=aggregation,
            )
        ]
    )


@pytest.mark.parametrize(
    ("aggregation", "expected"),
    [
        ("arithmetic", (2 * 64 + 8) / 3),
        ("geometric", (64**2 * 8) ** (1 / 3)),  # = 32
        ("harmonic", 3 / (2 / 64 + 1 / 8)),  # = 19.2
    ],
)
def test_weighted_aggregations(aggregation, expected):
    r = evaluate(two_children(aggregation), obs([("A", "a", 64), ("A", "b", 8)]))
    assert r.score("A", "p") == approx(expected)
    assert r.score("A", "overall") == approx(expected)


@pytest.mark.parametrize(
    ("aggregation", "expected"),
    [("arithmetic", 8 / 3), ("geometric", 0.0), ("harmonic", 0.0)],
)
def test_a_zero_child_zeroes_geometric_and_harmonic_means(aggregation, expected):
    r = evaluate(two_children(aggregation), obs([("A", "a", 0), ("A", "b", 8)]))
    assert r.score("A", "p") == approx(expected)


def test_aggregate_directly_skips_missing_children_and_renormalises():
    children = np.array([[60.0, np.nan, 90.0], [np.nan, np.nan, np.nan]])
    weights = np.array([1.0, 5.0, 2.0])
    combined = aggregate(children, weights)
    assert combined[0] == approx((60 * 1 + 90 * 2) / 3)
    assert np.isnan(combined[1])
    geometric = aggregate(children, weights, "geometric")
    assert geometric[0] == approx((60 * 90**2) ** (1 / 3))


def test_aggregate_worst_counts_a_missing_child_as_zero():
    children = np.array([[60.0, np.nan], [80.0, 40.0]])
    combined = aggregate(children, np.array([1.0, 1.0]), "arithmetic", "worst")
    assert combined.tolist() == approx([30.0, 60.0])


def test_aggregate_mean_imputes_a_missing_child_from_the_other_units():
    children = np.array([[60.0, np.nan], [80.0, 40.0], [70.0, 20.0]])
    combined = aggregate(children, np.array([1.0, 1.0]), "arithmetic", "mean")
    assert combined[0] == approx((60 + 30) / 2)


def test_child_weights_are_relative_at_every_level():
    m = build(
        [
            group(
                "p",
                [leaf("a", goalposts=FIXED_0_100, weight=3), leaf("b", goalposts=FIXED_0_100)],
                weight=1,
            ),
            leaf("c", goalposts=FIXED_0_100, weight=3),
        ]
    )
    r = evaluate(m, obs([("A", "a", 40), ("A", "b", 80), ("A", "c", 10)]))
    pillar = (3 * 40 + 80) / 4
    assert r.score("A", "p") == approx(pillar)
    assert r.score("A", "overall") == approx((pillar + 3 * 10) / 4)


# --- missing data ----------------------------------------------------------------------------


def missing_tree(policy: str, **goalposts: object):
    spec = goalposts or FIXED_0_100
    return build(
        [group("p", [leaf("x", goalposts=spec), leaf("y", goalposts=FIXED_0_100)])],
        missing=policy,
    )


PEERS = [("B", "x", 20), ("C", "x", 40), ("D", "x", 90)]
WITH_Y = [(u, "y", 50) for u in "ABCD"]


def test_reweight_skips_a_missing_indicator():
    r = evaluate(missing_tree("reweight"), obs([*PEERS, ("A", "y", 70), *WITH_Y[1:]]))
    a, x = r.unit_index("A"), r.leaf_index("x")
    assert np.isnan(r.score("A", "x"))
    assert r.score("A", "p") == approx(70.0)
    assert not r.observed[a, x] and np.isnan(r.imputed[a, x])
    assert r.rank("A", "x") == 0


@pytest.mark.parametrize(
    ("policy", "fill"),
    [("mean", (20 + 40 + 90) / 3), ("median", 40.0)],
)
def test_mean_and_median_fill_from_the_other_units(policy, fill):
    r = evaluate(missing_tree(policy), obs([*PEERS, *WITH_Y]))
    a, x = r.unit_index("A"), r.leaf_index("x")
    assert np.isnan(r.raw[a, x]) and not r.observed[a, x]
    assert r.imputed[a, x] == approx(fill)
    assert r.score("A", "x") == approx(fill)
    assert r.score("A", "p") == approx((fill + 50) / 2)


def test_group_fills_from_the_units_of_the_same_group():
    groups = {"A": "g1", "B": "g1", "C": "g2", "D": "g2", "E": "g3"}
    records = [*PEERS, ("E", "y", 10), *WITH_Y]
    r = evaluate(missing_tree("group"), obs(records, groups))
    x = r.leaf_index("x")
    assert r.imputed[r.unit_index("A"), x] == approx(20.0)  # B is A's only peer
    # E's group has no other unit with a value: the mean of everyone stands in.
    assert r.imputed[r.unit_index("E"), x] == approx((20 + 40 + 90) / 3)


def test_carry_forward_uses_the_latest_earlier_period():
    m = missing_tree("carry_forward")
    records = [
        ("A", "x", 10, "2018"),
        ("A", "x", 30, "2019"),
        ("B", "x", 60, "2019"),
        ("A", "y", 50, "2020"),
        ("B", "y", 50, "2020"),
        ("B", "x", 80, "2020"),
        ("C", "x", 5, "2018"),
        ("C", "y", 50, "2020"),
    ]
    r = evaluate(m, obs(records))
    assert r.period == "2020"
    x = r.leaf_index("x")
    assert r.imputed[r.unit_index("A"), x] == 30.0  # 2019 beats 2018
    assert r.imputed[r.unit_index("B"), x] == 80.0  # its own 2020 value stays
    assert r.imputed[r.unit_index("C"), x] == 5.0  # two periods back
    assert r.score("A", "p") == approx((30 + 50) / 2)


def test_carry_forward_without_history_leaves_the_gap():
    r = evaluate(missing_tree("carry_forward"), obs([("A", "y", 40), ("B", "x", 60)]))
    assert np.isnan(r.score("A", "x"))
    assert r.score("A", "p") == approx(40.0)


def test_worst_scores_a_missing_value_at_the_worst_goalpost():
    r = evaluate(missing_tree("worst", best=1, worst=18), obs([("B", "x", 5), *WITH_Y]))
    assert r.imputed[r.unit_index("A"), r.leaf_index("x")] == 18.0
    assert r.score("A", "x") == 0.0
    assert r.score("A", "p") == approx(25.0)


def test_worst_with_sample_goalposts_uses_the_sample_worst():
    m = missing_tree("worst", **{"from": "sample", "better": "lower"})
    r = evaluate(m, obs([*PEERS, *WITH_Y]))
    assert r.imputed[r.unit_index("A"), r.leaf_index("x")] == 90.0
    assert r.score("A", "x") == 0.0


def test_worst_for_an_identity_leaf_is_zero():
    m = build([leaf("s", transform="identity"), leaf("t", transform="identity")], missing="worst")
    r = evaluate(m, obs([("A", "t", 80), ("B", "s", 60), ("B", "t", 60)]))
    assert r.score("A", "s") == 0.0
    assert r.score("A", "overall") == approx(40.0)


def test_missing_policy_is_inherited_and_can_be_overridden_below():
    m = build(
        [
            group(
                "p",
                [
                    leaf("x", goalposts=FIXED_0_100, missing="reweight"),
                    leaf("y", goalposts=FIXED_0_100),
                ],
            )
        ],
        missing="mean",
    )
    r = evaluate(m, obs([("A", "y", 10), ("B", "x", 40), ("B", "y", 30)]))
    assert np.isnan(r.score("A", "x"))  # reweight below overrides mean above
    r2 = evaluate(m, obs([("A", "x", 10), ("B", "x", 40), ("B", "y", 30)]))
    assert r2.score("A", "y") == approx(30.0)  # inherits mean


# --- combination and composites --------------------------------------------------------------


def combined(objective: float = 0.7, satisfaction: float = 0.3):
    return build(
        [leaf("o1", goalposts=FIXED_0_100), leaf("o2", goalposts=FIXED_0_100, weight=3)],
        combination={"objective": objective, "satisfaction": satisfaction},
        satisfaction=[leaf("s1", transform="identity")],
    )


def test_combination_weights_objective_and_satisfaction():
    records = [("A", "o1", 80), ("A", "o2", 60), ("A", "s1", 90)]
    r = evaluate(combined(), obs(records))
    objective = (80 + 3 * 60) / 4
    assert r.score("A", "objective") == approx(objective)
    assert r.score("A", "satisfaction") == approx(90.0)
    assert r.score("A", "overall") == approx(0.7 * objective + 0.3 * 90)
    scaled = evaluate(combined(7, 3), obs(records))
    assert scaled.score("A", "overall") == approx(0.7 * objective + 0.3 * 90)


def test_composite_is_the_weighted_mean_of_its_members_and_they_are_not_ranked():
    m = build(
        [leaf("a", transform="identity"), leaf("b", transform="identity", weight=3)],
        composites={"China": {"Beijing": 0.45, "Shanghai": 0.55}},
    )
    records = [
        ("Beijing", "a", 80),
        ("Beijing", "b", 60),
        ("Shanghai", "a", 70),
        ("Shanghai", "b", 90),
        ("Korea", "a", 75),
        ("Korea", "b", 76),
    ]
    r = evaluate(m, obs(records))
    assert r.units == ("Beijing", "Korea", "Shanghai", "China")
    assert r.eligible.tolist() == [False, True, False, True]
    beijing, shanghai = (80 + 3 * 60) / 4, (70 + 3 * 90) / 4
    china = 0.45 * beijing + 0.55 * shanghai
    korea = (75 + 3 * 76) / 4
    assert r.score("Beijing") == approx(beijing)
    assert r.score("China") == approx(china)
    assert r.score("China", "a") == approx(0.45 * 80 + 0.55 * 70)
    assert r.raw[r.unit_index("China"), r.leaf_index("b")] == approx(0.45 * 60 + 0.55 * 90)
    assert r.rank("Beijing") == 0 and r.rank("Shanghai") == 0
    assert (r.rank("China"), r.rank("Korea")) == ((1, 2) if china > korea else (2, 1))
    assert r.ranked_count == 2
    assert r.frontier_of() == approx(max(china, korea))
    assert r.average_of() == approx((china + korea) / 2)
    assert r.frontier_of("a") == approx(max(0.45 * 80 + 0.55 * 70, 75))


# --- ranks, frontier, average ----------------------------------------------------------------


def test_ties_share_the_better_rank():
    m = build([leaf("s", transform="identity")])
    r = evaluate(m, obs([("A", "s", 90), ("B", "s", 80), ("C", "s", 80), ("D", "s", 70)]))
    assert [r.rank(u) for u in "ABCD"] == [1, 2, 2, 4]


DISPLAY_CASE = [("A", "s", 80.004), ("B", "s", 80.001), ("C", "s", 79.996), ("D", "s", 79.994)]


def test_unrounded_basis_separates_scores_that_display_alike():
    m = build([leaf("s", transform="identity")], ranking={"basis": "unrounded", "decimals": 2})
    r = evaluate(m, obs(DISPLAY_CASE))
    assert [r.rank(u) for u in "ABCD"] == [1, 2, 3, 4]


def test_displayed_basis_ties_scores_that_display_alike():
    # A, B and C all print as 80.00, D as 79.99.
    m = build([leaf("s", transform="identity")], ranking={"basis": "displayed", "decimals": 2})
    r = evaluate(m, obs(DISPLAY_CASE))
    assert [r.rank(u) for u in "ABCD"] == [1, 1, 1, 4]
    assert r.score("A") == approx(80.004)  # scores stay unrounded


def test_displayed_basis_with_one_decimal():
    m = build([leaf("s", transform="identity")], ranking={"basis": "displayed", "decimals": 1})
    r = evaluate(m, obs([("A", "s", 80.04), ("B", "s", 79.96), ("C", "s", 79.94)]))
    assert [r.rank(u) for u in "ABC"] == [1, 1, 3]


def test_frontier_and_average_ignore_units_without_a_score():
    m = build([leaf("x", goalposts=FIXED_0_100), leaf("y", goalposts=FIXED_0_100)])
    r = evaluate(m, obs([("A", "x", 40), ("B", "x", 70), ("C", "y", 20), ("A", "y", 60)]))
    assert r.frontier_of("x") == 70.0
    assert r.average_of("x") == approx(55.0)
    assert r.rank("C", "x") == 0
    assert r.ranks[:, r.node_index("x")].tolist() == [2, 1, 0]
    overall = {"A": 50.0, "B": 70.0, "C": 20.0}
    assert r.average_of() == approx(sum(overall.values()) / 3)
    assert [r.rank(u) for u in "ABC"] == [2, 1, 3]


# --- what-if inputs: overrides ---------------------------------------------------------------


def test_overrides_replace_a_raw_value_for_one_unit():
    m = build([group("p", [leaf("x", goalposts=FIXED_0_100), leaf("y", goalposts=FIXED_0_100)])])
    data = obs([("A", "x", 30), ("A", "y", 50), ("B", "x", 45), ("B", "y", 50)])
    base = evaluate(m, data)
    changed = evaluate(m, data, overrides={("A", "x"): 60})
    assert base.score("A", "p") == approx(40.0)
    assert changed.score("A", "x") == approx(60.0)
    assert changed.score("A", "p") == approx(55.0)
    assert changed.raw[changed.unit_index("A"), changed.leaf_index("x")] == 60.0
    assert (base.rank("A"), changed.rank("A")) == (2, 1)
    assert changed.score("B", "p") == base.score("B", "p")
    assert data.value.tolist() == [30, 50, 45, 50]  # the observations are untouched


def test_overrides_move_sample_goalposts():
    m = build([leaf("x", goalposts={"from": "sample", "better": "higher"})])
    data = obs([("A", "x", 2), ("B", "x", 5), ("C", "x", 11)])
    changed = evaluate(m, data, overrides={("A", "x"): 20})
    assert changed.goalposts[0].tolist() == [20.0, 5.0]
    assert [changed.score(u, "x") for u in "ABC"] == approx([100.0, 0.0, 100 * 6 / 15])


def test_overrides_fill_a_missing_value():
    m = build([leaf("x", goalposts=FIXED_0_100), leaf("y", goalposts=FIXED_0_100)])
    data = obs([("A", "x", 30), ("B", "x", 40), ("B", "y", 40)])
    changed = evaluate(m, data, overrides={("A", "y"): 90})
    assert changed.score("A") == approx(60.0)


@pytest.mark.parametrize("key", [("Z", "x"), ("A", "nope")])
def test_overrides_for_unknown_units_or_indicators_are_refused(key):
    m = build([leaf("x", goalposts=FIXED_0_100)])
    with pytest.raises(KeyError):
        evaluate(m, obs([("A", "x", 1)]), overrides={key: 5})


def test_period_defaults_to_the_latest_and_can_be_chosen():
    m = build([leaf("x", goalposts=FIXED_0_100)])
    data = obs([("A", "x", 10, "2019"), ("A", "x", 20, "2020"), ("B", "x", 15, "2019")])
    assert evaluate(m, data).score("A") == 20.0
    assert evaluate(m, data).units == ("A",)
    earlier = evaluate(m, data, period="2019")
    assert (earlier.period, earlier.score("A"), earlier.score("B")) == ("2019", 10.0, 15.0)


# --- the result's tables ---------------------------------------------------------------------


@pytest.fixture
def small_result():
    m = build(
        [
            group(
                "p",
                [
                    leaf("x", goalposts={"best": 1, "worst": 18}),
                    leaf("y", goalposts={"from": "sample", "better": "higher"}),
                ],
            )
        ],
        missing="mean",
    )
    return evaluate(m, obs([("A", "x", 0.5), ("A", "y", 4), ("B", "x", 9), ("C", "y", 10)]))


def test_tables_hold_every_intermediate_step(small_result):
    tables = small_result.tables()
    assert set(tables) == {
        "raw",
        "imputed",
        "treated",
        "normalised",
        "level_1",
        "level_2",
        "scores",
        "ranks",
        "goalposts",
        "frontier_average",
    }
    assert tables["level_1"][0] == ["unit", "p"]
    assert tables["level_2"][0] == ["unit", "x", "y"]
    assert [row[1:] for row in tables["level_2"][1]] == [row[3:] for row in tables["scores"][1]]
    header, rows = tables["raw"]
    assert header == ["unit", "x", "y"]
    assert rows == [["A", 0.5, 4.0], ["B", 9.0, None], ["C", None, 10.0]]
    assert tables["imputed"][1] == [
        ["A", 0.5, 4.0],
        ["B", 9.0, 7.0],
        ["C", (0.5 + 9) / 2, 10.0],
    ]
    treated = tables["treated"][1]
    assert treated[0][1] == 1.0  # 0.5 is better than the best: clipped to 1
    normalised = dict((row[0], row[1:]) for row in tables["normalised"][1])
    assert normalised["B"] == approx([100 * (18 - 9) / 17, 100 * (7 - 4) / 6])
    assert tables["scores"][0] == ["unit", "overall", "p", "x", "y"]
    p_scores = {row[0]: row[2] for row in tables["scores"][1]}
    assert p_scores["A"] == approx((100 + 0) / 2)
    assert tables["ranks"][0] == ["unit", "overall", "p", "x", "y"]
    assert tables["goalposts"] == (
        ["leaf", "mode", "better", "best", "worst"],
        [["x", "fixed", "lower", 1.0, 18.0], ["y", "sample", "higher", 10.0, 4.0]],
    )
    frontier = {row[0]: row[1:] for row in tables["frontier_average"][1]}
    assert frontier["x"][0] == 100.0


def test_ranks_table_leaves_unranked_cells_empty():
    m = build([leaf("x", goalposts=FIXED_0_100), leaf("y", goalposts=FIXED_0_100)])
    r = evaluate(m, obs([("A", "x", 30), ("B", "x", 40), ("B", "y", 40)]))
    header, rows = r.tables()["ranks"]
    assert header == ["unit", "overall", "x", "y"]
    assert rows == [["A", 2, 2, None], ["B", 1, 1, 1]]


def test_long_rows_one_per_unit_and_node_root_first(small_result):
    rows = list(small_result.long_rows())
    assert len(rows) == 3 * 4
    assert [row[:2] for row in rows[:4]] == [("A", "overall"), ("A", "p"), ("A", "x"), ("A", "y")]
    assert all(len(row) == 6 for row in rows)
    by_key = {(row[0], row[1]): row for row in rows}
    _, _, score, rank, frontier, _ = by_key[("A", "x")]
    assert (score, rank, frontier) == (100.0, 1, 100.0)
    assert isinstance(rank, int)
    b_overall = by_key[("B", "overall")]
    assert b_overall[3] in (1, 2, 3)


def test_long_rows_give_none_for_a_missing_score():
    m = build([leaf("x", goalposts=FIXED_0_100), leaf("y", goalposts=FIXED_0_100)])
    r = evaluate(m, obs([("A", "x", 30), ("B", "y", 40)]))
    row = next(row for row in r.long_rows() if row[:2] == ("A", "y"))
    assert row == ("A", "y", None, None, 40.0, 40.0)
