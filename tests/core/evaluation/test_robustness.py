"""Monte Carlo robustness. The batched matrix path is checked run by run against a slow
reference written here, which re-normalises with its own formulas and re-aggregates every node
through the engine's `aggregate`; rank percentiles and sensitivity indices are checked against
direct computations on the full runs x units rank table."""

import math

import numpy as np
import pytest

from yingshang.core.evaluation import (
    Observations,
    aggregate,
    competition_ranks,
    evaluate,
    parse_methodology,
    robustness,
)
from yingshang.core.evaluation.robustness import (
    AGGREGATION_CHOICES,
    FACTORS,
    GEOMETRIC_FLOOR,
    NORMALISATIONS,
    Robustness,
    RunDraws,
    UncertaintySettings,
    alternative_leaf_scores,
    draw_runs,
    monte_carlo,
    run_scores,
)

FORMAT = "yingshang-methodology/1"
METHODS = ("arithmetic", "arithmetic", "geometric", "harmonic")
OFF = {"vary_normalisation": False, "vary_aggregation": False, "drop_indicator": False}


# --- random methodologies and data -----------------------------------------------------------


def _node(rng, node_id: str, depth: int, policies: bool, counter: list[int]) -> dict:
    counter[0] += 1
    name = f"指标{node_id}"
    weight = float(rng.choice([0.5, 1.0, 1.0, 2.0, 3.0]))
    if depth == 0 or rng.random() < 0.25:
        if rng.random() < 0.15:
            return {"id": node_id, "name": name, "weight": weight, "transform": "identity"}
        if rng.random() < 0.2:
            posts = {"best": 0.0, "worst": 60.0} if rng.random() < 0.5 else {"best": 55, "worst": 5}
        else:
            posts = {"from": "sample", "better": str(rng.choice(["higher", "lower"]))}
        return {"id": node_id, "name": name, "weight": weight, "goalposts": posts}
    kids = [
        _node(rng, f"{node_id}{k}", depth - 1, policies, counter)
        for k in range(int(rng.integers(1, 4)))
    ]
    node = {"id": node_id, "name": name, "weight": weight, "children": kids}
    node["aggregation"] = str(rng.choice(METHODS))
    if policies and rng.random() < 0.3:
        node["missing"] = str(rng.choice(["mean", "median", "worst", "reweight"]))
    return node


def random_case(
    seed: int,
    *,
    units: int = 14,
    missing: float = 0.08,
    policies: bool = True,
    uniform: str | None = None,
    composites: bool = False,
    hole: bool = False,
):
    """A random tree (depth up to 3, mixed aggregations and missing policies) and data with
    missing values; `hole` removes a whole top-level subtree for one unit."""
    rng = np.random.default_rng(seed)
    counter = [0]
    indicators = [
        _node(rng, f"n{k}", int(rng.integers(1, 3)), policies, counter)
        for k in range(int(rng.integers(2, 5)))
    ]
    raw = {"format": FORMAT, "id": "r", "name": "随机方法", "indicators": indicators}
    if uniform:
        raw["defaults"] = {"aggregation": uniform}
        raw["aggregation"] = uniform
        _strip_aggregation(indicators)
    else:
        raw["aggregation"] = str(rng.choice(METHODS))
    names = [f"单位{u:02d}" for u in range(units)]
    if composites:
        raw["composites"] = {"合成甲": {names[0]: 0.45, names[1]: 0.55}}
    methodology = parse_methodology(raw)
    top_leaves = _leaves_under(methodology, methodology.top_level[0])
    records = []
    for u, unit in enumerate(names):
        for leaf in methodology.leaves:
            if rng.random() < missing and u > 0:
                continue
            if hole and u == 2 and leaf in top_leaves:
                continue
            records.append((unit, leaf, _value(rng, methodology.nodes[leaf])))
    return methodology, Observations.from_records(records)


def _strip_aggregation(nodes: list[dict]) -> None:
    for node in nodes:
        node.pop("aggregation", None)
        _strip_aggregation(node.get("children", []))


def _leaves_under(methodology, node_id: str) -> set[str]:
    node = methodology.nodes[node_id]
    if not node.children:
        return {node_id}
    return set().union(*(_leaves_under(methodology, c) for c in node.children))


def _value(rng, node) -> float:
    if node.transform == "identity":
        return float(rng.choice([0.0, rng.uniform(0, 100), rng.uniform(40, 100)]))
    return float(np.round(rng.uniform(1, 60), 1))


# --- the slow reference ----------------------------------------------------------------------


def reference_leaves(result, normalisation: str) -> np.ndarray:
    """Leaf scores of the non-composite units, re-normalised from `treated` independently."""
    composites = set(result.methodology.composites)
    base = [i for i, u in enumerate(result.units) if u not in composites]
    if normalisation == "stated":
        return result.scores[np.ix_(base, [result.node_index(x) for x in result.leaves])]
    out = np.full((len(base), len(result.leaves)), np.nan)
    for j, leaf in enumerate(result.leaves):
        posts = result.methodology.nodes[leaf].goalposts
        lower = posts is not None and posts.better == "lower"
        for row, i in enumerate(base):
            value = result.treated[i, j]
            column = [result.treated[k, j] for k in base if not math.isnan(result.treated[k, j])]
            if math.isnan(value):
                continue
            best = min(column) if lower else max(column)
            worst = max(column) if lower else min(column)
            if normalisation == "minmax":
                out[row, j] = 100.0 if best == worst else 100 * (value - worst) / (best - worst)
            else:
                mean = sum(column) / len(column)
                sd = math.sqrt(sum((c - mean) ** 2 for c in column) / len(column))
                z = 0.0 if sd == 0 else (value - mean) / sd
                out[row, j] = min(100.0, max(0.0, 50 + 10 * (-z if lower else z)))
    return out


def floored(result, leaves: np.ndarray) -> np.ndarray:
    """The leaves as the geometric alternative sees them: filled by the parent's missing policy
    (unless no unit has a score), then floored at GEOMETRIC_FLOOR."""
    out = leaves.copy()
    for j, leaf in enumerate(result.leaves):
        policy = result.methodology.nodes[result.methodology.nodes[leaf].parent].missing
        column = out[:, j]
        gap = np.isnan(column)
        if gap.any() and not gap.all():
            if policy == "worst":
                column[gap] = 0.0
            elif policy == "median":
                column[gap] = float(np.median(column[~gap]))
            elif policy in ("mean", "group"):
                column[gap] = float(np.mean(column[~gap]))
        present = ~np.isnan(column)
        column[present] = np.maximum(column[present], GEOMETRIC_FLOOR)
    return out


def reference_run(result, multipliers, normalisation: str, aggregation: str, dropped: int):
    """One run: every node through `aggregate`, weights = stated x multiplier, dropped leaf 0."""
    methodology = result.methodology
    composites = methodology.composites
    base = [u for u in result.units if u not in composites]
    leaves = reference_leaves(result, normalisation)
    if aggregation == "geometric":
        leaves = floored(result, leaves)
    scores = {leaf: leaves[:, j] for j, leaf in enumerate(result.leaves)}
    for k in reversed(range(len(result.nodes))):
        node = methodology.nodes[result.nodes[k]]
        if not node.children:
            continue
        weights = []
        for child in node.children:
            c = result.nodes.index(child)
            dropped_here = dropped >= 0 and result.leaves[dropped] == child
            weights.append(
                0.0 if dropped_here else methodology.nodes[child].weight * multipliers[c]
            )
        method = node.aggregation if aggregation == "stated" else "geometric"
        children = np.column_stack([scores[c] for c in node.children])
        scores[node.id] = aggregate(children, np.array(weights), method, node.missing)
    overall = dict(zip(base, scores["overall"], strict=True))
    for name, members in composites.items():
        present = [(overall[m], w) for m, w in members if m in overall]
        if present:
            column = np.array([[v for v, _ in present]])
            overall[name] = float(aggregate(column, np.array([w for _, w in present]))[0])
    return np.array([overall[u] for u, ok in zip(result.units, result.eligible, strict=True) if ok])


def reference_scores(result, draws: RunDraws) -> np.ndarray:
    return np.array(
        [
            reference_run(
                result,
                draws.multipliers[r],
                NORMALISATIONS[draws.normalisation[r]],
                AGGREGATION_CHOICES[draws.aggregation[r]],
                int(draws.dropped[r]),
            )
            for r in range(len(draws))
        ]
    )


def assert_same_scores(fast: np.ndarray, slow: np.ndarray) -> None:
    assert fast.shape == slow.shape
    assert (np.isnan(fast) == np.isnan(slow)).all()
    both = ~np.isnan(slow)
    assert np.allclose(fast[both], slow[both], rtol=1e-9, atol=1e-9)


# --- the batched path equals the reference ---------------------------------------------------


@pytest.mark.parametrize("seed", range(12))
def test_batched_runs_equal_the_node_by_node_reference(seed):
    methodology, observations = random_case(seed, composites=seed % 3 == 0, hole=seed % 4 == 1)
    result = evaluate(methodology, observations)
    draws = draw_runs(result, UncertaintySettings(runs=36, seed=seed, weight_noise=0.4))
    assert_same_scores(run_scores(result, draws), reference_scores(result, draws))


@pytest.mark.parametrize("uniform", ["arithmetic", "geometric", "harmonic"])
@pytest.mark.parametrize("seed", range(4))
def test_single_aggregation_trees_with_missing_leaves_equal_the_reference(uniform, seed):
    methodology, observations = random_case(
        100 + seed, units=25, missing=0.2, policies=False, uniform=uniform, hole=seed % 2 == 0
    )
    result = evaluate(methodology, observations)
    draws = draw_runs(result, UncertaintySettings(runs=30, seed=seed, weight_noise=0.5))
    assert_same_scores(run_scores(result, draws), reference_scores(result, draws))


def test_node_by_node_fallback_equals_the_reference(monkeypatch):
    # Too many incomplete units for the sparse repair: those units go node by node.
    monkeypatch.setattr(robustness._Repair, "MAX_CELLS", 0)
    for seed in (1, 2, 104):
        methodology, observations = random_case(seed, units=20, missing=0.25, policies=False)
        result = evaluate(methodology, observations)
        draws = draw_runs(result, UncertaintySettings(runs=24, seed=seed, weight_noise=0.5))
        assert_same_scores(run_scores(result, draws), reference_scores(result, draws))


def test_filling_a_missing_subtree_from_other_units_equals_the_reference():
    methodology = parse_methodology(
        {
            "format": FORMAT,
            "id": "f",
            "name": "补值",
            "missing": "mean",
            "indicators": [
                {
                    "id": "a",
                    "name": "甲",
                    "missing": "reweight",
                    "children": [
                        {"id": "a1", "name": "甲1", "goalposts": {"best": 0, "worst": 50}},
                        {"id": "a2", "name": "甲2", "goalposts": {"best": 50, "worst": 0}},
                    ],
                },
                {"id": "b", "name": "乙", "goalposts": {"best": 50, "worst": 0}},
            ],
        }
    )
    rng = np.random.default_rng(8)
    records = [(f"u{i}", "b", float(rng.uniform(0, 50))) for i in range(9)]
    records += [(f"u{i}", x, float(rng.uniform(0, 50))) for i in range(1, 9) for x in ("a1", "a2")]
    result = evaluate(methodology, Observations.from_records(records))
    draws = draw_runs(result, UncertaintySettings(runs=40, seed=2, weight_noise=0.3))
    assert_same_scores(run_scores(result, draws), reference_scores(result, draws))


def test_the_geometric_alternative_floors_zero_scores_but_the_stated_one_does_not():
    methodology = parse_methodology(
        {
            "format": FORMAT,
            "id": "g",
            "name": "几何",
            "aggregation": "geometric",
            "indicators": [
                {"id": "x", "name": "甲", "goalposts": {"best": 100, "worst": 0}},
                {"id": "y", "name": "乙", "goalposts": {"best": 100, "worst": 0}},
            ],
        }
    )
    records = [("A", "x", 0.0), ("A", "y", 64.0), ("B", "x", 25.0), ("B", "y", 64.0)]
    result = evaluate(methodology, Observations.from_records(records))
    draws = RunDraws(np.ones((2, 3)), np.array([0, 0]), np.array([0, 1]), np.array([-1, -1]))
    scores = run_scores(result, draws)
    assert scores[0] == pytest.approx([0.0, 40.0])  # stated: a zero makes the mean 0
    assert scores[1] == pytest.approx([math.sqrt(GEOMETRIC_FLOOR * 64.0), 40.0])


def test_alternative_normalisations_follow_the_documented_rules():
    methodology, observations = random_case(7)
    result = evaluate(methodology, observations)
    for normalisation in NORMALISATIONS:
        assert np.allclose(
            alternative_leaf_scores(result, normalisation),
            reference_leaves(result, normalisation),
            atol=1e-9,
            equal_nan=True,
        )


# --- the Monte Carlo summary -----------------------------------------------------------------


@pytest.fixture(scope="module")
def case():
    methodology, observations = random_case(21, units=30, composites=True)
    return evaluate(methodology, observations)


def test_without_any_variation_every_run_gives_the_nominal_rank(case):
    settings = UncertaintySettings(runs=50, weight_noise=0.0, **OFF)
    robustness = monte_carlo(case, settings)
    overall = case.node_index("overall")
    assert (robustness.nominal_rank == case.ranks[case.eligible, overall]).all()
    assert (robustness.median_rank == robustness.nominal_rank).all()
    assert (robustness.rank_p05 == robustness.nominal_rank).all()
    assert (robustness.rank_p95 == robustness.nominal_rank).all()
    assert all(value == 0.0 for value in robustness.sensitivity.values())


def test_units_are_the_ranked_units_including_composites(case):
    robustness = monte_carlo(case, UncertaintySettings(runs=20))
    assert robustness.units == tuple(
        u for u, ok in zip(case.units, case.eligible, strict=True) if ok
    )
    assert "合成甲" in robustness.units
    assert "单位00" not in robustness.units


def test_a_unit_best_on_every_indicator_is_first_in_every_run():
    methodology, observations = random_case(5, units=20, missing=0.0)
    records = list(zip(observations.unit, observations.indicator, observations.value, strict=True))
    for leaf in methodology.leaves:
        node = methodology.nodes[leaf]
        values = [v for u, i, v in records if i == leaf]
        if node.transform == "identity":
            best = 100.0
        elif node.goalposts.mode == "fixed":
            best = node.goalposts.best
        else:
            lower = node.goalposts.better == "lower"
            best = min(values) - 1 if lower else max(values) + 1
        records.append(("冠军", leaf, best))
    result = evaluate(methodology, Observations.from_records(records))
    settings = UncertaintySettings(runs=300, seed=4, weight_noise=0.6)
    robustness = monte_carlo(result, settings)
    assert robustness.interval("冠军") == (1, 1, 1, 1)


def test_percentiles_are_ordered_and_match_the_full_rank_table(case):
    settings = UncertaintySettings(runs=400, seed=9)
    robustness = monte_carlo(case, settings)
    assert (robustness.rank_p05 <= robustness.median_rank).all()
    assert (robustness.median_rank <= robustness.rank_p95).all()
    ranks = full_rank_table(case, settings)
    for q, observed in (
        (5, robustness.rank_p05),
        (50, robustness.median_rank),
        (95, robustness.rank_p95),
    ):
        expected = [nearest_rank(ranks[:, u], q) for u in range(ranks.shape[1])]
        assert list(observed) == expected
    assert (robustness.rank_p95 > robustness.rank_p05).any()


def full_rank_table(result, settings) -> np.ndarray:
    draws = draw_runs(result, settings)
    scores = np.round(reference_scores(result, draws), 9)
    return competition_ranks(scores.T).T


def nearest_rank(values: np.ndarray, q: int) -> int:
    ordered = sorted(int(v) for v in values if v > 0)
    return ordered[max(1, math.ceil(q / 100 * len(ordered))) - 1]


def test_discrete_sensitivity_matches_a_direct_variance_decomposition(case):
    settings = UncertaintySettings(runs=400, seed=3)
    robustness = monte_carlo(case, settings)
    draws = draw_runs(case, settings)
    ranks = full_rank_table(case, settings).astype(float)
    codes = {
        "normalisation": draws.normalisation,
        "aggregation": draws.aggregation,
        "dropped": draws.dropped,
    }
    for factor, code in codes.items():
        per_unit = []
        for u in range(ranks.shape[1]):
            scored = ranks[:, u] > 0  # runs where the unit has no score do not count
            y, bins = ranks[scored, u], code[scored]
            total = float(((y - y.mean()) ** 2).sum())
            if total == 0:
                continue
            levels = np.unique(bins)
            between = sum((bins == v).sum() * (y[bins == v].mean() - y.mean()) ** 2 for v in levels)
            within = total - between
            n, k = len(y), len(levels)
            per_unit.append(min(1.0, max(0.0, (between - (k - 1) * within / (n - k)) / total)))
        assert robustness.sensitivity[factor] == pytest.approx(np.mean(per_unit), abs=1e-9)


def test_reproducible_for_a_seed(case):
    first = monte_carlo(case, UncertaintySettings(runs=200, seed=11))
    again = monte_carlo(case, UncertaintySettings(runs=200, seed=11))
    other = monte_carlo(case, UncertaintySettings(runs=200, seed=12))
    assert (first.median_rank == again.median_rank).all()
    assert (first.rank_p05 == again.rank_p05).all()
    assert first.sensitivity == again.sensitivity
    assert first.sensitivity != other.sensitivity


def test_switching_one_assumption_off_keeps_the_others_draws(case):
    on = draw_runs(case, UncertaintySettings(runs=50, seed=1))
    off = draw_runs(case, UncertaintySettings(runs=50, seed=1, drop_indicator=False))
    assert (on.multipliers == off.multipliers).all()
    assert (on.normalisation == off.normalisation).all()
    assert (off.dropped == -1).all()


@pytest.mark.parametrize("factor", FACTORS)
def test_the_only_varying_assumption_gets_the_largest_index(case, factor):
    switches = {
        "weights": {"weight_noise": 0.8, **OFF},
        "normalisation": {**OFF, "weight_noise": 0.0, "vary_normalisation": True},
        "aggregation": {**OFF, "weight_noise": 0.0, "vary_aggregation": True},
        "dropped": {**OFF, "weight_noise": 0.0, "drop_indicator": True},
    }
    robustness = monte_carlo(case, UncertaintySettings(runs=600, seed=5, **switches[factor]))
    indices = robustness.sensitivity
    assert all(0.0 <= v <= 1.0 for v in indices.values())
    assert indices[factor] > 0.2
    assert all(indices[other] < indices[factor] for other in FACTORS if other != factor)


def test_sensitivity_labels_are_chinese():
    assert set(Robustness.SENSITIVITY_LABELS) == set(FACTORS)
    assert Robustness.SENSITIVITY_LABELS["dropped"] == "剔除一项指标"


def test_invalid_settings_are_refused(case):
    with pytest.raises(ValueError, match="权重扰动"):
        monte_carlo(case, UncertaintySettings(weight_noise=1.0))
    with pytest.raises(ValueError, match="模拟次数"):
        monte_carlo(case, UncertaintySettings(runs=0))


def test_displayed_basis_ties_share_the_rank():
    methodology = parse_methodology(
        {
            "format": FORMAT,
            "id": "d",
            "name": "显示得分",
            "ranking": {"basis": "displayed", "decimals": 0},
            "indicators": [{"id": "x", "name": "甲", "goalposts": {"best": 100, "worst": 0}}],
        }
    )
    records = [("A", "x", 80.2), ("B", "x", 79.9), ("C", "x", 60.0)]
    result = evaluate(methodology, Observations.from_records(records))
    robustness = monte_carlo(result, UncertaintySettings(runs=10, weight_noise=0, **OFF))
    assert list(robustness.median_rank) == [1, 1, 3]
