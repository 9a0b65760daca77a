"""Validation of methodology files, the settings of the nodes: goalposts, weights, transforms,
aggregation, missing data, combination, ranking, composites and floors. Every rule reports a
clear problem at its place."""

import math

import pytest

from tests.core.evaluation.helpers import fixed_leaf as leaf
from tests.core.evaluation.helpers import methodology, only_problem, problems_of
from yingshang.core.evaluation import parse_methodology

# --- goalposts -----------------------------------------------------------------------------------


def test_missing_goalposts():
    raw = methodology({"id": "a", "name": "甲"})
    assert "缺少 goalposts" in only_problem(raw)


def test_fixed_best_equal_to_worst():
    raw = methodology(leaf("a", goalposts={"best": 5, "worst": 5}))
    assert "best 与 worst 相同（5）" in only_problem(raw)


def test_better_together_with_fixed_goalposts():
    raw = methodology(leaf("a", goalposts={"best": 0, "worst": 10, "better": "lower"}))
    assert "不要再写 better" in only_problem(raw)


@pytest.mark.parametrize(
    ("goalposts", "message"),
    [
        ({"best": "zero", "worst": 10}, "需要数值型的 best 和 worst"),
        ({"best": 0}, "需要数值型的 best 和 worst"),
        ({"from": "sample"}, "需要 better: higher 或 lower"),
        ({"from": "sample", "better": "up"}, "需要 better: higher 或 lower"),
        ({"from": "sample", "better": "higher", "best": 3}, "不写 best/worst"),
        ({"from": "history", "better": "higher"}, "goalposts.from 必须是"),
        ({"from": "percentile", "better": "higher", "percentile": 40}, "percentile 必须是"),
        ({"from": "percentile", "better": "higher"}, "percentile 必须是"),
    ],
)
def test_bad_goalposts(goalposts, message):
    assert message in only_problem(methodology(leaf("a", goalposts=goalposts)))


def test_sample_and_percentile_goalposts():
    raw = methodology(
        leaf("s", goalposts={"from": "sample", "better": "higher"}),
        leaf("p", goalposts={"from": "percentile", "better": "lower", "percentile": 95}),
    )
    parsed = parse_methodology(raw)
    assert (parsed.nodes["s"].goalposts.mode, parsed.nodes["s"].goalposts.better) == (
        "sample",
        "higher",
    )
    assert parsed.nodes["p"].goalposts.percentile == 95


def test_default_goalposts_are_overridden_key_by_key():
    raw = methodology(
        {"id": "up", "name": "甲"},
        {"id": "down", "name": "乙", "goalposts": {"better": "lower"}},
        {"id": "fixed", "name": "丙", "goalposts": {"best": 1, "worst": 9}},
        defaults={"goalposts": {"from": "sample", "better": "higher"}},
    )
    nodes = parse_methodology(raw).nodes
    assert (nodes["up"].goalposts.mode, nodes["up"].goalposts.better) == ("sample", "higher")
    assert (nodes["down"].goalposts.mode, nodes["down"].goalposts.better) == ("sample", "lower")
    assert (nodes["fixed"].goalposts.mode, nodes["fixed"].goalposts.best) == ("fixed", 1.0)


def test_identity_takes_no_goalposts():
    raw = methodology(leaf("a", transform="identity"))
    assert "identity" in only_problem(raw)
    ok = methodology({"id": "a", "name": "甲", "transform": "identity"})
    assert parse_methodology(ok).nodes["a"].goalposts is None


def test_log_needs_positive_fixed_goalposts():
    raw = methodology(leaf("a", transform="log", goalposts={"best": 100, "worst": 0}))
    assert "对数变换的目标值必须为正数" in only_problem(raw)


# --- weights -------------------------------------------------------------------------------------


@pytest.mark.parametrize("weight", [-1, math.nan, math.inf, "heavy", True])
def test_weights_must_be_non_negative_numbers(weight):
    problem = only_problem(methodology(leaf("a", weight=weight), leaf("b")))
    assert "indicators[1]（a）" in problem and "权重 weight 必须是非负数" in problem


def test_weights_all_zero_under_one_node():
    raw = methodology(
        {"id": "p", "name": "甲", "children": [leaf("c1", weight=0), leaf("c2", weight=0)]},
        leaf("other"),
    )
    assert only_problem(raw) == "p（甲）：下级指标的权重全为 0"


def test_a_zero_weight_beside_a_positive_one_is_allowed():
    raw = methodology(leaf("a", weight=0), leaf("b", weight=2))
    nodes = parse_methodology(raw).nodes
    assert (nodes["a"].weight, nodes["b"].weight) == (0.0, 2.0)


# --- transforms, aggregation, missing ------------------------------------------------------------


def test_bad_transform():
    problem = only_problem(methodology(leaf("a", transform="sqrt")))
    assert "transform 必须是 linear / power / log / identity" in problem and "sqrt" in problem


def test_bad_aggregation_on_a_node_and_at_the_top():
    node = methodology({"id": "p", "name": "甲", "aggregation": "median", "children": [leaf("c")]})
    assert "aggregation 必须是 arithmetic / geometric / harmonic" in only_problem(node)
    top = methodology(leaf("a"), aggregation="median")
    assert only_problem(top).startswith("overall：aggregation 必须是")


def test_bad_missing_policy_on_a_node_at_the_top_and_in_defaults():
    node = only_problem(methodology(leaf("a", missing="zero")))
    assert "missing 必须是 reweight / mean / median / group / carry_forward / worst" in node
    assert only_problem(methodology(leaf("a"), missing="zero")).startswith("overall：missing")
    assert "missing" in only_problem(methodology(leaf("a"), defaults={"missing": "zero"}))


def test_power_without_exponent():
    raw = methodology(leaf("a", transform="power"))
    assert "power 变换需要正数 exponent" in only_problem(raw)


@pytest.mark.parametrize("exponent", [0, -0.8, "high"])
def test_power_with_a_bad_exponent(exponent):
    raw = methodology(leaf("a", transform="power", exponent=exponent))
    assert "power 变换需要正数 exponent" in only_problem(raw)


def test_power_exponent_may_come_from_defaults():
    raw = methodology(leaf("a", transform="power"), defaults={"exponent": 0.8})
    assert parse_methodology(raw).nodes["a"].exponent == 0.8


# --- combination, ranking, composites ------------------------------------------------------------


def test_combination_without_satisfaction_tree():
    raw = methodology(leaf("a"), combination={"objective": 0.7, "satisfaction": 0.3})
    assert "设置了 combination 就需要满意度指标" in only_problem(raw)


def test_satisfaction_tree_without_combination():
    raw = methodology(
        leaf("a"), satisfaction=[{"id": "s", "name": "满意度", "transform": "identity"}]
    )
    assert "有满意度指标时需要 combination" in only_problem(raw)


@pytest.mark.parametrize(
    "combination",
    [{"objective": -0.7, "satisfaction": 0.3}, {"objective": 0, "satisfaction": 0}, [0.7, 0.3]],
)
def test_bad_combination_weights(combination):
    raw = methodology(
        leaf("a"),
        combination=combination,
        satisfaction=[{"id": "s", "name": "满意度", "transform": "identity"}],
    )
    assert any(p.startswith("combination") for p in problems_of(raw))


def test_combination_puts_objective_and_satisfaction_under_overall():
    raw = methodology(
        leaf("a"),
        combination={"objective": 0.7, "satisfaction": 0.3},
        satisfaction=[{"id": "s", "name": "满意度", "transform": "identity"}],
    )
    parsed = parse_methodology(raw)
    assert parsed.nodes["overall"].children == ("objective", "satisfaction")
    assert (parsed.nodes["objective"].weight, parsed.nodes["satisfaction"].weight) == (0.7, 0.3)
    assert parsed.top_level == ("a",)
    assert parsed.nodes["s"].part == "satisfaction"


@pytest.mark.parametrize(
    ("ranking", "message"),
    [
        ({"basis": "rounded"}, "basis 必须是"),
        ({"decimals": 7}, "decimals 必须是 0 到 6 的整数"),
        ({"decimals": 1.5}, "decimals 必须是 0 到 6 的整数"),
        ({"ties": "average"}, "ties 只支持 min"),
    ],
)
def test_bad_ranking_rule(ranking, message):
    assert message in only_problem(methodology(leaf("a"), ranking=ranking))


@pytest.mark.parametrize(
    ("composites", "message"),
    [
        ({"省": {"甲": 0}}, "权重必须是正数"),
        ({"省": {"甲": 1}, "市": {"甲": 1}}, "已属于另一个合成单位"),
        ({"省": {"市": 1}, "市": {"甲": 1}}, "合成单位不能同时是成员"),
        ({"省": []}, "应列出成员单位及其权重"),
    ],
)
def test_bad_composites(composites, message):
    assert message in only_problem(methodology(leaf("a"), composites=composites))


def test_composites_are_parsed_with_their_weights():
    parsed = parse_methodology(
        methodology(leaf("a"), composites={"中国": {"北京": 0.45, "上海": 0.55}})
    )
    assert parsed.composites == {"中国": (("北京", 0.45), ("上海", 0.55))}


# --- floors --------------------------------------------------------------------------------------


@pytest.mark.parametrize("floor", [-1, 100, "六十", True])
def test_a_floor_outside_0_to_100_is_refused(floor):
    assert "floor" in only_problem(methodology(leaf("x", floor=floor)))


def test_a_floor_is_not_set_on_identity_leaves_or_parents():
    identity = {"id": "s", "name": "满意度", "transform": "identity", "floor": 60}
    assert "identity" in only_problem(methodology(identity))
    parent = {"id": "a", "name": "甲", "floor": 60, "children": [leaf("a1")]}
    assert "floor" in only_problem(methodology(parent))
