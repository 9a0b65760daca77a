"""Validation of methodology files, the tree: a valid file, unknown keys, the structure of the
tree, nested and flat forms and what nodes inherit. Every rule reports a clear problem at its
place."""

import copy

import pytest

from tests.core.evaluation.helpers import fixed_leaf as leaf
from tests.core.evaluation.helpers import methodology, only_problem, problems_of, two_level
from yingshang.core.evaluation import parse_methodology

# --- a valid file --------------------------------------------------------------------------------


def test_a_valid_file_builds_the_tree_in_order():
    parsed = parse_methodology(two_level())
    assert list(parsed.nodes) == ["overall", "a", "a1", "a2", "b", "b1"]
    assert parsed.nodes["overall"].children == ("a", "b")
    assert parsed.leaves == ("a1", "a2", "b1")
    assert parsed.nodes["a1"].parent == "a"
    assert parsed.nodes["a1"].goalposts.better == "lower"  # best 0 < worst 10


def test_direction_follows_fixed_goalposts():
    raw = methodology(leaf("up", goalposts={"best": 8, "worst": 0}), leaf("down"))
    parsed = parse_methodology(raw)
    assert parsed.nodes["up"].goalposts.better == "higher"
    assert parsed.nodes["down"].goalposts.better == "lower"


# --- unknown keys --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mutate", "where", "key"),
    [
        (lambda r: r.update(weights={}), "", "weights"),
        (lambda r: r["indicators"][0].update(wieght=2), "indicators[1]（a）", "wieght"),
        (lambda r: r.update(defaults={"transfrom": "log"}), "defaults", "transfrom"),
        (
            lambda r: r["indicators"][0]["children"][0]["goalposts"].update(target=5),
            "indicators[1].children[1]（a1）.goalposts",
            "target",
        ),
        (lambda r: r.update(ranking={"order": "desc"}), "ranking", "order"),
        (
            lambda r: r.update(
                combination={"objective": 0.7, "satisfaction": 0.3, "survey": 1},
                satisfaction=[{"id": "s", "name": "满意度", "transform": "identity"}],
            ),
            "combination",
            "survey",
        ),
    ],
    ids=["top", "node", "defaults", "goalposts", "ranking", "combination"],
)
def test_unknown_keys_are_named_with_their_place(mutate, where, key):
    raw = two_level()
    mutate(raw)
    problems = problems_of(raw)
    assert any(p.startswith(where) and "未知的字段" in p and key in p for p in problems), problems


# --- tree structure ------------------------------------------------------------------------------


def test_unknown_parent():
    raw = methodology({"id": "a", "name": "甲"}, leaf("a1", parent="nowhere"))
    problem = only_problem(raw)
    assert "indicators[2]（a1）" in problem and "上级指标 nowhere 不存在" in problem


def test_a_cycle_of_flat_parent_references_is_reported():
    raw = methodology(
        leaf("root"),
        {"id": "x", "name": "甲", "parent": "y"},
        {"id": "y", "name": "乙", "parent": "x"},
    )
    problems = problems_of(raw)
    assert problems and all("成环" in p for p in problems), problems
    assert any("（x）" in p for p in problems) and any("（y）" in p for p in problems)


def test_duplicate_id():
    raw = methodology(leaf("a"), leaf("a"))
    assert only_problem(raw) == "indicators[2]（a）：id a 重复"


def test_an_id_may_not_repeat_across_objective_and_satisfaction():
    raw = methodology(
        leaf("a"),
        combination={"objective": 0.7, "satisfaction": 0.3},
        satisfaction=[{"id": "a", "name": "满意度", "transform": "identity"}],
    )
    assert "id a 与客观指标重复" in only_problem(raw)


@pytest.mark.parametrize("reserved", ["overall", "objective", "satisfaction"])
def test_reserved_ids(reserved):
    raw = methodology(leaf(reserved), leaf("ok"))
    problem = only_problem(raw)
    assert f"id {reserved} 是保留字" in problem


@pytest.mark.parametrize("bad_id", ["a b", "a,b", "a/b", ""])
def test_ids_without_separators(bad_id):
    assert "id 必须是" in only_problem(methodology(leaf(bad_id), leaf("ok")))


def test_a_node_without_name():
    raw = methodology({"id": "a", "goalposts": {"best": 0, "worst": 1}})
    assert "缺少中文名称 name" in only_problem(raw)


def test_aggregate_settings_on_a_leaf_and_leaf_settings_on_an_aggregate():
    raw = methodology(
        {
            "id": "p",
            "name": "甲",
            "transform": "log",
            "children": [leaf("c", aggregation="geometric")],
        }
    )
    problems = problems_of(raw)
    assert any("transform 只适用于末级指标" in p for p in problems), problems
    assert any("aggregation 只适用于有下级指标的节点" in p for p in problems), problems


def test_every_problem_is_reported_at_once():
    raw = methodology(
        leaf("a", weight=-1),
        leaf("b", transform="sqrt"),
        {"id": "c", "name": "丙", "goalposts": {"best": 3, "worst": 3}},
    )
    raw["format"] = "v1"
    problems = problems_of(raw)
    assert problems[0].startswith("format")
    assert any("权重" in p for p in problems), problems
    # Leaf settings are checked once the tree stands: fix the tree and they show together.
    raw["format"] = "yingshang-methodology/1"
    raw["indicators"][0]["weight"] = 1
    problems = problems_of(raw)
    assert len(problems) == 2
    assert any("transform" in p for p in problems) and any(
        "best 与 worst 相同" in p for p in problems
    )


# --- nested and flat forms, inheritance ----------------------------------------------------------


def test_nested_and_flat_forms_give_the_same_tree():
    nested = methodology(
        {
            "id": "a",
            "name": "甲",
            "weight": 2,
            "missing": "mean",
            "children": [
                leaf("a1", unit="天"),
                {"id": "a2", "name": "乙", "aggregation": "geometric", "children": [leaf("a21")]},
            ],
        },
        leaf("b", goalposts={"from": "sample", "better": "higher"}),
    )
    flat = methodology(
        {"id": "a", "name": "甲", "weight": 2, "missing": "mean"},
        leaf("a1", unit="天", parent="a"),
        {"id": "a2", "name": "乙", "aggregation": "geometric", "parent": "a"},
        leaf("a21", parent="a2"),
        leaf("b", goalposts={"from": "sample", "better": "higher"}),
    )
    assert parse_methodology(nested).nodes == parse_methodology(flat).nodes


def test_flat_records_may_come_in_any_order():
    flat = methodology(leaf("a1", parent="a"), {"id": "a", "name": "甲"})
    parsed = parse_methodology(flat)
    assert parsed.nodes["a"].children == ("a1",)


def test_a_child_listed_under_one_parent_naming_another():
    raw = methodology(
        {"id": "a", "name": "甲", "children": [leaf("a1", parent="b")]},
        {"id": "b", "name": "乙", "children": [leaf("b1")]},
    )
    assert "既写在 children 里又写了不同的 parent" in only_problem(raw)


def test_missing_policy_is_inherited_from_the_nearest_ancestor():
    raw = methodology(
        {
            "id": "a",
            "name": "甲",
            "missing": "carry_forward",
            "children": [
                leaf("a1"),
                {"id": "a2", "name": "乙", "children": [leaf("a21"), leaf("a22", missing="worst")]},
            ],
        },
        leaf("b"),
        defaults={"missing": "median"},
    )
    nodes = parse_methodology(raw).nodes
    assert nodes["overall"].missing == "median"
    assert nodes["b"].missing == "median"
    assert [nodes[n].missing for n in ("a", "a1", "a2", "a21")] == ["carry_forward"] * 4
    assert nodes["a22"].missing == "worst"


def test_top_level_missing_sets_the_objective_tree_but_not_the_survey():
    raw = methodology(
        leaf("a"),
        missing="mean",
        defaults={"missing": "worst"},
        combination={"objective": 0.7, "satisfaction": 0.3},
        satisfaction=[{"id": "s", "name": "满意度", "transform": "identity"}],
    )
    nodes = parse_methodology(raw).nodes
    assert (nodes["overall"].missing, nodes["objective"].missing, nodes["a"].missing) == (
        "mean",
        "mean",
        "mean",
    )
    assert (nodes["satisfaction"].missing, nodes["s"].missing) == ("worst", "worst")


def test_aggregation_comes_from_defaults_not_from_the_parent():
    raw = methodology(
        {
            "id": "a",
            "name": "甲",
            "aggregation": "harmonic",
            "children": [{"id": "a1", "name": "乙", "children": [leaf("a11")]}],
        },
        defaults={"aggregation": "geometric"},
    )
    nodes = parse_methodology(raw).nodes
    assert (nodes["a"].aggregation, nodes["a1"].aggregation) == ("harmonic", "geometric")


def test_parsing_does_not_change_the_input():
    raw = two_level()
    before = copy.deepcopy(raw)
    parse_methodology(raw)
    assert raw == before
