"""Validation of methodology files: every rule reports a clear problem at its place."""

import copy
import math
import re
from pathlib import Path

import pytest
import yaml

from yingshang.core.evaluation import (
    MethodologyError,
    load_methodology,
    methodology_from_text,
    parse_methodology,
)
from yingshang.core.evaluation.loading import preset_names

DOC = Path(__file__).resolve().parents[3] / "docs" / "evaluation-methodology.md"


def leaf(node_id: str, **extra) -> dict:
    return {"id": node_id, "name": f"指标{node_id}", "goalposts": {"best": 0, "worst": 10}, **extra}


def methodology(*indicators: dict, **top) -> dict:
    return {
        "format": "yingshang-methodology/1",
        "id": "t",
        "name": "测试方法",
        "indicators": list(indicators),
        **top,
    }


def two_level() -> dict:
    return methodology(
        {"id": "a", "name": "甲", "children": [leaf("a1"), leaf("a2")]},
        {"id": "b", "name": "乙", "children": [leaf("b1")]},
    )


def problems_of(raw) -> list[str]:
    with pytest.raises(MethodologyError) as caught:
        parse_methodology(raw)
    return caught.value.problems


def only_problem(raw) -> str:
    problems = problems_of(raw)
    assert len(problems) == 1, problems
    return problems[0]


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


# --- the top of the file -------------------------------------------------------------------------


def test_required_top_fields():
    problems = problems_of({"indicators": [leaf("a")]})
    assert any(p.startswith("format") for p in problems)
    assert "id：必填" in problems and "name：必填" in problems


def test_no_indicators():
    raw = methodology()
    assert "indicators：至少需要一个指标" in problems_of(raw)


def test_a_file_that_is_not_a_mapping():
    with pytest.raises(MethodologyError, match="YAML 映射"):
        methodology_from_text("- just\n- a list\n")


def test_bad_yaml_syntax_reports_the_line():
    text = (
        "format: yingshang-methodology/1\n"
        "id: t\n"
        "name: 测试\n"
        "indicators:\n"
        "  - {id: a, name: 甲, goalposts: {best: 0, worst: 1}\n"
        "  - {id: b, name: 乙}\n"
    )
    with pytest.raises(MethodologyError) as caught:
        methodology_from_text(text, source="方法.yaml")
    (problem,) = caught.value.problems
    assert re.match(r"第 6 行第 \d+ 列：YAML 格式错误", problem), problem
    assert "方法.yaml" in str(caught.value)


def test_unknown_preset_lists_the_available_ones():
    with pytest.raises(MethodologyError) as caught:
        load_methodology("db2021")
    (problem,) = caught.value.problems
    assert "没有预置评价方法 db2021" in problem
    for name in preset_names():
        assert name in problem


def test_a_missing_file(tmp_path):
    with pytest.raises(MethodologyError, match="找不到评价方法文件"):
        load_methodology(tmp_path / "none.yaml")


def test_a_file_on_disk_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "方法.yaml"
    path.write_text(yaml.safe_dump(two_level(), allow_unicode=True), encoding="utf-8-sig")
    assert load_methodology(path).leaves == ("a1", "a2", "b1")


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


# --- the format documentation --------------------------------------------------------------------


def _doc_yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_the_complete_example_of_the_documentation_is_valid():
    complete = [b for b in _doc_yaml_blocks() if b.startswith("format: yingshang-methodology/1")]
    assert complete, "文档中应有完整示例"
    parsed = methodology_from_text(complete[-1])
    assert parsed.combination is not None
    assert parsed.nodes["tax_rate"].transform == "power"
    assert parsed.nodes["foreign_investment"].missing == "carry_forward"


def test_the_nested_and_flat_examples_of_the_documentation_agree():
    nested, flat = _nested_and_flat_from_doc()
    assert (
        parse_methodology(methodology(*nested)).nodes == parse_methodology(methodology(*flat)).nodes
    )


def _nested_and_flat_from_doc() -> tuple[list, list]:
    block = next(b for b in _doc_yaml_blocks() if "# 嵌套" in b)
    nested_text, flat_text = block.split("# 平铺")
    flat_text = flat_text.split("\n", 1)[1]  # drop the rest of the comment line
    return yaml.safe_load(nested_text)["indicators"], yaml.safe_load(flat_text)["indicators"]


@pytest.mark.parametrize("floor", [-1, 100, "六十", True])
def test_a_floor_outside_0_to_100_is_refused(floor):
    assert "floor" in only_problem(methodology(leaf("x", floor=floor)))


def test_a_floor_is_not_set_on_identity_leaves_or_parents():
    identity = {"id": "s", "name": "满意度", "transform": "identity", "floor": 60}
    assert "identity" in only_problem(methodology(identity))
    parent = {"id": "a", "name": "甲", "floor": 60, "children": [leaf("a1")]}
    assert "floor" in only_problem(methodology(parent))
