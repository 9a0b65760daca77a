"""The evaluation engine, step by step: aggregation, combination and composites. Every expected
value is worked out here by hand from the published formulas (weighted means), never by calling
the engine."""

import numpy as np
import pytest
from pytest import approx

from tests.core.evaluation.helpers import FIXED_0_100, build, group, leaf, obs
from yingshang.core.evaluation import aggregate, evaluate

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
