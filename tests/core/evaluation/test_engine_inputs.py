"""The evaluation engine, step by step: what-if overrides and the period. Every expected value
is worked out here by hand from the published formulas (distance to frontier, weighted means,
competition ranks), never by calling the engine."""

import pytest
from pytest import approx

from tests.core.evaluation.helpers import FIXED_0_100, build, group, leaf, obs
from yingshang.core.evaluation import evaluate

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
