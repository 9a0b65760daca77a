"""The evaluation engine, step by step: missing data. Every expected value is worked out here
by hand from the published formulas (distance to frontier, weighted means), never by calling
the engine."""

import numpy as np
import pytest
from pytest import approx

from tests.core.evaluation.helpers import FIXED_0_100, build, group, leaf, obs
from yingshang.core.evaluation import evaluate

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
