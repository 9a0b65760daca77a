"""Properties of the engine that hold for any data: monotonicity, bounds, the rank rule, and
independence from row order and unit names."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from yingshang.core.evaluation import Observations, evaluate, parse_methodology

# leaf id, transform, better, fixed best / worst (identity: no goalposts)
LEAVES = (
    ("a1", "linear", "higher", 80.0, 10.0),
    ("a2", "power", "lower", 2.0, 60.0),
    ("b1", "log", "higher", 100.0, 1.0),
    ("b2", "linear", "lower", 5.0, 120.0),
    ("b3", "identity", "higher", None, None),
)
PARENT = {"a1": "A", "a2": "A", "b1": "B", "b2": "B", "b3": "B"}
AGGREGATIONS = ("arithmetic", "geometric", "harmonic")


def leaf_spec(leaf_id: str, transform: str, better: str, best, worst, mode: str) -> dict:
    spec: dict = {"id": leaf_id, "name": leaf_id, "transform": transform}
    if transform == "power":
        spec["exponent"] = 0.8
    if transform == "identity":
        return spec
    if mode == "fixed":
        spec["goalposts"] = {"best": best, "worst": worst}
    else:
        spec["goalposts"] = {"from": "sample", "better": better}
    return spec


def methodology(aggregation: str, mode: str, missing: str = "reweight"):
    leaves = {leaf[0]: leaf_spec(*leaf, mode) for leaf in LEAVES}
    indicators = [
        {
            "id": "A",
            "name": "甲",
            "weight": 2,
            "aggregation": aggregation,
            "children": [leaves["a1"], {**leaves["a2"], "weight": 3}],
        },
        {
            "id": "B",
            "name": "乙",
            "aggregation": aggregation,
            "children": [leaves["b1"], leaves["b2"], {**leaves["b3"], "weight": 0.5}],
        },
    ]
    return parse_methodology(
        {
            "format": "yingshang-methodology/1",
            "id": "p",
            "name": "性质",
            "aggregation": aggregation,
            "missing": missing,
            "indicators": indicators,
        }
    )


VALUE = st.floats(min_value=0.5, max_value=150.0, allow_nan=False, allow_infinity=False)


@st.composite
def complete_tables(draw, min_units: int = 1) -> np.ndarray:
    units = draw(st.integers(min_value=min_units, max_value=6))
    cells = draw(st.lists(VALUE, min_size=units * len(LEAVES), max_size=units * len(LEAVES)))
    return np.array(cells).reshape(units, len(LEAVES))


@st.composite
def gappy_tables(draw) -> np.ndarray:
    table = draw(complete_tables())
    holes = draw(st.lists(st.booleans(), min_size=table.size, max_size=table.size))
    return np.where(np.array(holes).reshape(table.shape), np.nan, table)


def records(table: np.ndarray, names: list[str] | None = None) -> list[tuple[str, str, float]]:
    names = names or [f"U{i}" for i in range(table.shape[0])]
    return [
        (names[i], LEAVES[j][0], float(table[i, j]))
        for i in range(table.shape[0])
        for j in range(table.shape[1])
        if not np.isnan(table[i, j])
    ]


def ancestors(leaf_id: str) -> list[str]:
    return [leaf_id, PARENT[leaf_id], "overall"]


@settings(max_examples=150, deadline=None)
@given(
    table=complete_tables(),
    aggregation=st.sampled_from(AGGREGATIONS),
    mode=st.sampled_from(("fixed", "sample")),
    data=st.data(),
)
def test_improving_a_value_never_lowers_any_ancestor(table, aggregation, mode, data):
    m = methodology(aggregation, mode)
    unit = data.draw(st.integers(0, table.shape[0] - 1))
    j = data.draw(st.integers(0, len(LEAVES) - 1))
    factor = data.draw(st.floats(min_value=1.0, max_value=5.0))
    improved = table.copy()
    leaf_id, _, better, _, _ = LEAVES[j]
    improved[unit, j] = table[unit, j] * factor if better == "higher" else table[unit, j] / factor
    before = evaluate(m, Observations.from_records(records(table)))
    after = evaluate(m, Observations.from_records(records(improved)))
    name = f"U{unit}"
    for node in ancestors(leaf_id):
        assert after.score(name, node) >= before.score(name, node) - 1e-9, node


@settings(max_examples=150, deadline=None)
@given(
    table=gappy_tables(),
    aggregation=st.sampled_from(AGGREGATIONS),
    mode=st.sampled_from(("fixed", "sample")),
    missing=st.sampled_from(("reweight", "mean", "median", "worst")),
)
def test_every_score_lies_in_0_100(table, aggregation, mode, missing):
    result = evaluate(
        methodology(aggregation, mode, missing), Observations.from_records(records(table))
    )
    scores = result.scores[~np.isnan(result.scores)]
    assert ((scores >= 0.0) & (scores <= 100.0)).all(), scores
    assert not np.signbit(scores).any(), "a score of -0.0 prints as -0.00"
    for values in (result.frontier, result.average):
        present = values[~np.isnan(values)]
        assert ((present >= 0.0) & (present <= 100.0)).all()


@settings(max_examples=150, deadline=None)
@given(
    table=gappy_tables(),
    aggregation=st.sampled_from(AGGREGATIONS),
    mode=st.sampled_from(("fixed", "sample")),
)
def test_rank_is_one_plus_the_number_of_strictly_better_units(table, aggregation, mode):
    result = evaluate(methodology(aggregation, mode), Observations.from_records(records(table)))
    for j in range(len(result.nodes)):
        column = result.scores[:, j]
        scored = column[~np.isnan(column)]
        for i, score in enumerate(column):
            if np.isnan(score):
                assert result.ranks[i, j] == 0
            else:
                assert result.ranks[i, j] == 1 + int((scored > score).sum())
        if scored.size:
            assert result.frontier[j] == scored.max()
            assert np.isclose(result.average[j], scored.mean())


@settings(max_examples=100, deadline=None)
@given(
    table=gappy_tables(),
    aggregation=st.sampled_from(AGGREGATIONS),
    mode=st.sampled_from(("fixed", "sample")),
    missing=st.sampled_from(("reweight", "mean", "median", "worst")),
    data=st.data(),
)
def test_row_order_does_not_matter(table, aggregation, mode, missing, data):
    m = methodology(aggregation, mode, missing)
    rows = records(table)
    shuffled = data.draw(st.permutations(rows))
    first = evaluate(m, Observations.from_records(rows))
    second = evaluate(m, Observations.from_records(shuffled))
    assert first.units == second.units
    np.testing.assert_array_equal(first.scores, second.scores)
    np.testing.assert_array_equal(first.ranks, second.ranks)
    np.testing.assert_array_equal(first.goalposts, second.goalposts)


@settings(max_examples=100, deadline=None)
@given(
    table=complete_tables(min_units=2),
    aggregation=st.sampled_from(AGGREGATIONS),
    mode=st.sampled_from(("fixed", "sample")),
    data=st.data(),
)
def test_renaming_units_changes_nothing_but_the_names(table, aggregation, mode, data):
    m = methodology(aggregation, mode)
    count = table.shape[0]
    old = [f"U{i}" for i in range(count)]
    # New names sort in a different order from the old ones.
    order = data.draw(st.permutations(range(count)))
    new = [f"区{order[i]:02d}" for i in range(count)]
    first = evaluate(m, Observations.from_records(records(table, old)))
    second = evaluate(m, Observations.from_records(records(table, new)))
    for before, after in zip(old, new, strict=True):
        i, k = first.unit_index(before), second.unit_index(after)
        np.testing.assert_array_equal(first.scores[i], second.scores[k])
        np.testing.assert_array_equal(first.ranks[i], second.ranks[k])
    np.testing.assert_allclose(first.average, second.average, rtol=1e-12)
    np.testing.assert_array_equal(first.frontier, second.frontier)
