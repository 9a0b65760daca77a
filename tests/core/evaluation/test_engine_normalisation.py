"""The evaluation engine, step by step: transforms and goalposts. Every expected value is
worked out here by hand from the published formulas (distance to frontier), never by calling
the engine."""

import math

from pytest import approx

from tests.core.evaluation.helpers import FIXED_0_100, build, leaf, obs
from yingshang.core.evaluation import evaluate

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
