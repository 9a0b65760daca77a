"""Alternative weightings. Expected weights are worked out here from the published formulas with
plain loops (entropy, CRITIC) or a different decomposition (PCA by SVD), never by calling the
functions under test; re-aggregation is checked against the engine's own scores."""

import math

import numpy as np
import pytest
from pytest import approx

from yingshang.core.evaluation import Observations, evaluate, parse_methodology
from yingshang.core.evaluation.weighting import (
    ENTROPY_SHIFT,
    SCHEME_LABELS,
    SCHEMES,
    compare_weightings,
    critic_weights,
    entropy_weights,
    pca_weights,
    reweighted_scores,
    scheme_notes,
    scheme_weights,
)

FORMAT = "yingshang-methodology/1"
SAMPLE_UP = {"from": "sample", "better": "higher"}
SAMPLE_DOWN = {"from": "sample", "better": "lower"}


def build(indicators: list[dict], **extra: object):
    return parse_methodology(
        {"format": FORMAT, "id": "t", "name": "测试方法", "indicators": indicators, **extra}
    )


def leaf(node_id: str, **settings: object) -> dict:
    return {"id": node_id, "name": f"指标{node_id}", "goalposts": SAMPLE_UP, **settings}


def group(node_id: str, children: list[dict], **settings: object) -> dict:
    return {"id": node_id, "name": f"指标{node_id}", "children": children, **settings}


def two_level(aggregation: str = "arithmetic", **extra: object):
    return build(
        [
            group(
                "a",
                [leaf("a1", weight=2), leaf("a2", goalposts=SAMPLE_DOWN), leaf("a3")],
                aggregation=aggregation,
            ),
            group(
                "b",
                [leaf("b1"), group("b2", [leaf("b21"), leaf("b22", weight=3)])],
                weight=2,
                aggregation=aggregation,
            ),
            leaf("c", weight=0.5),
        ],
        aggregation=aggregation,
        **extra,
    )


def random_observations(methodology, units: int, seed: int, missing: float = 0.1):
    rng = np.random.default_rng(seed)
    records = []
    for u in range(units):
        for leaf_id in methodology.leaves:
            if rng.random() >= missing:
                records.append((f"单位{u:02d}", leaf_id, float(rng.uniform(1, 50))))
    return Observations.from_records(records)


# --- the schemes on hand-made columns --------------------------------------------------------


COLUMNS = np.array(
    [
        [10.0, 80.0, 50.0],
        [30.0, 60.0, 55.0],
        [50.0, 75.0, 20.0],
        [90.0, 10.0, 40.0],
        [70.0, 40.0, 45.0],
    ]
)


def expected_entropy(columns: np.ndarray) -> list[float]:
    n, k = columns.shape
    divergence = []
    for j in range(k):
        values = [columns[i][j] for i in range(n)]
        lowest = min(min(values), 0.0)
        shifted = [v - lowest + ENTROPY_SHIFT for v in values]
        total = sum(shifted)
        entropy = -sum((s / total) * math.log(s / total) for s in shifted) / math.log(n)
        divergence.append(1 - entropy)
    return [d / sum(divergence) for d in divergence]


def expected_critic(columns: np.ndarray) -> list[float]:
    n, k = columns.shape
    means = [sum(columns[i][j] for i in range(n)) / n for j in range(k)]
    sds = [
        math.sqrt(sum((columns[i][j] - means[j]) ** 2 for i in range(n)) / (n - 1))
        for j in range(k)
    ]

    def r(a: int, b: int) -> float:
        cov = sum((columns[i][a] - means[a]) * (columns[i][b] - means[b]) for i in range(n))
        return cov / ((n - 1) * sds[a] * sds[b])

    information = [sds[j] * sum(1 - r(j, m) for m in range(k)) for j in range(k)]
    return [c / sum(information) for c in information]


def expected_pca(columns: np.ndarray) -> np.ndarray:
    standardised = (columns - columns.mean(axis=0)) / columns.std(axis=0)
    _, _, vt = np.linalg.svd(standardised, full_matrices=False)
    return vt[0] ** 2 / np.sum(vt[0] ** 2)


def test_entropy_weights_follow_the_formula():
    weights, note = entropy_weights(COLUMNS)
    assert weights == approx(expected_entropy(COLUMNS), rel=1e-12)
    assert note == ""


def test_entropy_gives_more_weight_to_the_more_dispersed_column():
    columns = np.array([[50.0, 10.0], [51.0, 90.0], [49.0, 50.0], [50.0, 30.0]])
    weights, _ = entropy_weights(columns)
    assert weights[1] > 0.9


def test_entropy_shifts_negative_scores_to_positive():
    columns = COLUMNS - 40.0
    weights, _ = entropy_weights(columns)
    assert np.isfinite(weights).all()
    assert weights == approx(expected_entropy(columns), rel=1e-12)


def test_critic_weights_follow_the_formula():
    weights, note = critic_weights(COLUMNS)
    assert weights == approx(expected_critic(COLUMNS), rel=1e-12)
    assert note == ""


def test_critic_rewards_a_column_that_conflicts_with_the_others():
    rng = np.random.default_rng(3)
    base = rng.normal(50, 10, 40)
    columns = np.column_stack([base, base + rng.normal(0, 1, 40), 100 - base])
    weights, _ = critic_weights(columns)
    assert weights[2] > weights[0] and weights[2] > weights[1]


def test_pca_weights_are_squared_loadings_of_the_first_component():
    weights, note = pca_weights(COLUMNS)
    assert weights == approx(expected_pca(COLUMNS), rel=1e-9)
    assert sum(weights) == approx(1.0)
    assert note == ""


def test_pca_ignores_units_with_a_missing_child():
    columns = np.vstack([COLUMNS, [np.nan, 20.0, 30.0]])
    weights, _ = pca_weights(columns)
    assert weights == approx(expected_pca(COLUMNS), rel=1e-9)


@pytest.mark.parametrize("method", [entropy_weights, critic_weights, pca_weights])
def test_a_constant_column_gets_weight_zero_without_nan(method):
    columns = COLUMNS.copy()
    columns[:, 1] = 42.0
    weights, _ = method(columns)
    assert np.isfinite(weights).all()
    assert weights[1] == 0.0
    assert sum(weights) == approx(1.0)


@pytest.mark.parametrize("method", [entropy_weights, critic_weights, pca_weights])
def test_all_constant_columns_fall_back_to_equal_shares_with_a_reason(method):
    columns = np.full((5, 4), 70.0)
    weights, note = method(columns)
    assert list(weights) == approx([0.25] * 4)
    assert "等权" in note


@pytest.mark.parametrize("method", [critic_weights, pca_weights])
def test_fewer_than_two_complete_units_fall_back_to_equal_shares(method):
    columns = np.array([[1.0, np.nan], [np.nan, 2.0], [3.0, 4.0]])
    weights, note = method(columns)
    assert list(weights) == approx([0.5, 0.5])
    assert "少于 2 个" in note


# --- per node on a result --------------------------------------------------------------------


@pytest.fixture
def result():
    methodology = two_level()
    return evaluate(methodology, random_observations(methodology, 15, seed=1))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_weights_sum_to_one_among_siblings(result, scheme):
    weights = scheme_weights(result, scheme)
    methodology = result.methodology
    assert set(weights) == set(methodology.nodes) - {"overall"}
    for node in methodology.nodes.values():
        if node.children:
            assert sum(weights[c] for c in node.children) == approx(1.0)
            assert all(weights[c] >= 0 for c in node.children)


def test_stated_weights_are_the_methodology_weights_normalised(result):
    weights = scheme_weights(result, "stated")
    assert weights["a"] == approx(1 / 3.5)
    assert weights["b"] == approx(2 / 3.5)
    assert weights["c"] == approx(0.5 / 3.5)
    assert weights["a1"] == approx(0.5)
    assert weights["b22"] == approx(0.75)


def test_equal_weights(result):
    weights = scheme_weights(result, "equal")
    assert weights["a1"] == weights["a2"] == approx(1 / 3)
    assert weights["b21"] == approx(0.5)


def test_data_weights_come_from_the_children_scores_of_ranked_units(result):
    columns = result.scores[
        np.ix_(result.eligible, [result.node_index(c) for c in ("a1", "a2", "a3")])
    ]
    weights = scheme_weights(result, "entropy")
    observed = [weights[c] for c in ("a1", "a2", "a3")]
    present = [columns[:, j][~np.isnan(columns[:, j])] for j in range(3)]
    divergence = []
    for values in present:
        shifted = values - min(values.min(), 0.0) + ENTROPY_SHIFT
        p = shifted / shifted.sum()
        divergence.append(1 + float(np.sum(p * np.log(p))) / math.log(values.size))
    assert observed == approx(list(np.array(divergence) / sum(divergence)), rel=1e-9)


def test_a_single_child_gets_weight_one():
    methodology = build([group("g", [leaf("x")]), leaf("y")])
    result = evaluate(methodology, random_observations(methodology, 6, seed=2, missing=0))
    for scheme in SCHEMES:
        assert scheme_weights(result, scheme)["x"] == 1.0


def test_constant_child_is_explained_in_the_notes():
    methodology = build([leaf("x"), leaf("y"), leaf("z")])
    records = [(f"u{i}", "x", float(i)) for i in range(6)]
    records += [(f"u{i}", "y", 5.0) for i in range(6)]
    records += [(f"u{i}", "z", float(i * i)) for i in range(6)]
    result = evaluate(methodology, Observations.from_records(records))
    for scheme in ("entropy", "critic", "pca"):
        weights = scheme_weights(result, scheme)
        assert weights["y"] == 0.0
        assert "指标y" in scheme_notes(result, scheme)["overall"]


def test_unknown_scheme_is_refused(result):
    with pytest.raises(ValueError, match="未知的赋权方法"):
        scheme_weights(result, "ahp")
    assert set(SCHEME_LABELS) == set(SCHEMES)


# --- re-aggregation --------------------------------------------------------------------------


@pytest.mark.parametrize("aggregation", ["arithmetic", "geometric", "harmonic"])
def test_stated_weights_reproduce_the_engine(aggregation):
    methodology = two_level(aggregation, composites={"合成": {"单位00": 1, "单位01": 3}})
    result = evaluate(methodology, random_observations(methodology, 20, seed=5, missing=0.15))
    scores = reweighted_scores(result, scheme_weights(result, "stated"))
    assert np.allclose(scores, result.scores, rtol=0, atol=1e-9, equal_nan=True)


def test_stated_weights_reproduce_the_engine_with_filling_policies():
    methodology = build(
        [
            group("a", [leaf("a1"), leaf("a2")], missing="worst"),
            group("b", [group("b1", [leaf("b11")]), leaf("b2")], missing="mean"),
        ]
    )
    records = [
        (f"u{i}", x, float(i * 3 + k)) for i in range(8) for k, x in enumerate(("a1", "a2", "b2"))
    ]
    records += [(f"u{i}", "b11", float(i)) for i in range(6)]
    result = evaluate(methodology, Observations.from_records(records))
    scores = reweighted_scores(result, scheme_weights(result, "stated"))
    assert np.allclose(scores, result.scores, rtol=0, atol=1e-9, equal_nan=True)


def test_reweighting_changes_scores_as_a_weighted_mean():
    methodology = build(
        [
            leaf("x", goalposts={"best": 100, "worst": 0}),
            leaf("y", goalposts={"best": 100, "worst": 0}),
        ]
    )
    records = [("A", "x", 80.0), ("A", "y", 20.0), ("B", "x", 30.0), ("B", "y", 60.0)]
    result = evaluate(methodology, Observations.from_records(records))
    scores = reweighted_scores(result, {"x": 0.9, "y": 0.1})
    overall = result.node_index("overall")
    assert scores[result.unit_index("A"), overall] == approx(0.9 * 80 + 0.1 * 20)
    assert scores[result.unit_index("B"), overall] == approx(0.9 * 30 + 0.1 * 60)
    assert scores[result.unit_index("A"), result.node_index("x")] == approx(80.0)


def test_unknown_node_in_weights_is_refused(result):
    with pytest.raises(KeyError):
        reweighted_scores(result, {"nope": 1.0})


def test_compare_weightings_stated_column_is_the_published_ranking(result):
    comparison = compare_weightings(result)
    overall = result.node_index("overall")
    k = comparison.schemes.index("stated")
    assert comparison.overall.shape == (len(result.units), len(SCHEMES))
    assert np.allclose(comparison.overall[:, k], result.scores[:, overall], atol=1e-9)
    assert (comparison.ranks[:, k] == result.ranks[:, overall]).all()


def test_compare_weightings_equal_column_is_the_plain_mean():
    methodology = build([leaf("x", weight=5), leaf("y"), leaf("z")])
    result = evaluate(methodology, random_observations(methodology, 9, seed=4, missing=0))
    comparison = compare_weightings(result)
    leaves = result.scores[:, [result.node_index(x) for x in ("x", "y", "z")]]
    expected = leaves.mean(axis=1)
    k = comparison.schemes.index("equal")
    assert comparison.overall[:, k] == approx(expected)
    order = sorted(expected, reverse=True)
    for i, unit in enumerate(result.units):
        assert comparison.rank_of(unit, "equal") == 1 + sum(v > expected[i] for v in order)


def test_compare_weightings_ranks_on_displayed_scores_when_the_methodology_does():
    methodology = build(
        [leaf("x", goalposts={"best": 100, "worst": 0})],
        ranking={"basis": "displayed", "decimals": 1},
    )
    records = [("A", "x", 80.04), ("B", "x", 80.01), ("C", "x", 70.0)]
    result = evaluate(methodology, Observations.from_records(records))
    comparison = compare_weightings(result)
    assert comparison.rank_of("A", "stated") == comparison.rank_of("B", "stated") == 1
    assert comparison.rank_of("C", "entropy") == 3
