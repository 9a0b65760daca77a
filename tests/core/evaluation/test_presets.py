"""The two preset methodologies: structure, the World Bank's constants and special cases, and the
Henan zone evaluation's shape."""

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yingshang.core.evaluation import Observations, evaluate, load_methodology
from yingshang.core.evaluation.loading import preset_names

CJK = re.compile(r"[\u4e00-\u9fff]")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")

# Doing Business 2020 constants (best, worst), typed from the World Bank's methodology notes.
DB2020_GOALPOSTS = {
    "starting_business_procedures_men": (1, 18),
    "starting_business_procedures_women": (1, 18),
    "starting_business_time_men": (0.5, 100),
    "starting_business_time_women": (0.5, 100),
    "starting_business_cost_men": (0, 200),
    "starting_business_cost_women": (0, 200),
    "starting_business_min_capital": (0, 400),
    "construction_permits_procedures": (5, 30),
    "construction_permits_time": (26, 373),
    "construction_permits_cost": (0, 20),
    "construction_permits_quality_index": (15, 0),
    "getting_electricity_procedures": (3, 9),
    "getting_electricity_time": (18, 248),
    "getting_electricity_cost": (0, 8100),
    "getting_electricity_reliability_index": (8, 0),
    "registering_property_procedures": (1, 13),
    "registering_property_time": (1, 210),
    "registering_property_cost": (0, 15),
    "registering_property_land_admin_index": (30, 0),
    "getting_credit_legal_rights_index": (12, 0),
    "getting_credit_credit_information_index": (8, 0),
    "protecting_minority_investors_index": (50, 0),
    "paying_taxes_payments": (3, 63),
    "paying_taxes_time": (49, 696),
    "paying_taxes_total_rate": (26.1, 84.0),
    "paying_taxes_vat_refund_comply_time": (0, 50),
    "paying_taxes_vat_refund_obtain_time": (3.2, 55),
    "paying_taxes_cit_correction_comply_time": (1.5, 56),
    "paying_taxes_cit_correction_complete_time": (0, 32),
    "trading_across_borders_export_border_time": (1, 160),
    "trading_across_borders_export_documents_time": (1, 170),
    "trading_across_borders_import_border_time": (1, 280),
    "trading_across_borders_import_documents_time": (1, 240),
    "trading_across_borders_export_border_cost": (0, 1060),
    "trading_across_borders_export_documents_cost": (0, 400),
    "trading_across_borders_import_border_cost": (0, 1200),
    "trading_across_borders_import_documents_cost": (0, 700),
    "enforcing_contracts_time": (120, 1340),
    "enforcing_contracts_cost": (0.1, 89),
    "enforcing_contracts_judicial_quality_index": (18, 0),
    "resolving_insolvency_recovery_rate": (92.9, 0),
    "resolving_insolvency_framework_index": (16, 0),
}
DB2020_TOPICS = {
    "starting_business": "开办企业",
    "construction_permits": "办理建筑许可",
    "getting_electricity": "获得电力",
    "registering_property": "登记财产",
    "getting_credit": "获得信贷",
    "protecting_minority_investors": "保护少数投资者",
    "paying_taxes": "纳税",
    "trading_across_borders": "跨境贸易",
    "enforcing_contracts": "执行合同",
    "resolving_insolvency": "办理破产",
}
UNITS = ("天", "个", "次", "%", "小时", "美元", "周", "分")


@pytest.fixture(scope="module")
def db2020():
    return load_methodology("db2020")


@pytest.fixture(scope="module")
def henan():
    return load_methodology("henan-zone")


def linear(y: float, best: float, worst: float) -> float:
    share = (worst - min(max(y, min(best, worst)), max(best, worst))) / (worst - best)
    return 100.0 * share


def scores_of(methodology, records, node):
    result = evaluate(methodology, Observations.from_records(records))
    return np.array([result.score(unit, node) for unit in sorted({r[0] for r in records})])


def test_both_presets_are_listed_and_load():
    assert {"db2020", "henan-zone"} <= set(preset_names())
    for name in ("db2020", "henan-zone"):
        assert load_methodology(name).id == name


# --- DB2020 --------------------------------------------------------------------------------------


def test_db2020_has_the_ten_topics_with_chinese_names(db2020):
    assert db2020.top_level == tuple(DB2020_TOPICS)
    assert {t: db2020.name_of(t) for t in db2020.top_level} == DB2020_TOPICS
    assert db2020.combination is None
    assert db2020.ranking.basis == "unrounded"


def test_db2020_overall_is_the_plain_mean_of_the_topics(db2020):
    assert {db2020.nodes[t].weight for t in db2020.top_level} == {1.0}
    assert db2020.nodes["overall"].aggregation == "arithmetic"


def test_db2020_constants_and_directions(db2020):
    assert set(db2020.leaves) == set(DB2020_GOALPOSTS)
    for leaf, (best, worst) in DB2020_GOALPOSTS.items():
        posts = db2020.nodes[leaf].goalposts
        assert (posts.mode, posts.best, posts.worst) == ("fixed", best, worst), leaf
        assert posts.better == ("higher" if best > worst else "lower"), leaf


def test_db2020_ids_names_and_units(db2020):
    for node_id, node in db2020.nodes.items():
        assert SNAKE.match(node_id), node_id
        assert CJK.search(node.name), node_id
        if node.is_leaf:
            assert node.unit in UNITS, (node_id, node.unit)


def test_db2020_starting_business_averages_men_and_women_first(db2020):
    children = db2020.nodes["starting_business"].children
    assert children == (
        "starting_business_procedures",
        "starting_business_time",
        "starting_business_cost",
        "starting_business_min_capital",
    )
    for part in children[:3]:
        assert db2020.nodes[part].children == (f"{part}_men", f"{part}_women")


def test_db2020_topic_sizes(db2020):
    leaves_under = {
        topic: sum(1 for leaf in db2020.leaves if leaf.startswith(topic))
        for topic in db2020.top_level
    }
    assert leaves_under == {
        "starting_business": 7,
        "construction_permits": 4,
        "getting_electricity": 4,
        "registering_property": 4,
        "getting_credit": 2,
        "protecting_minority_investors": 1,
        "paying_taxes": 7,
        "trading_across_borders": 8,
        "enforcing_contracts": 3,
        "resolving_insolvency": 2,
    }
    assert len(db2020.nodes["paying_taxes_postfiling"].children) == 4


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(0, 12, allow_nan=False).map(lambda v: round(v * 2) / 2),
            st.floats(0, 8, allow_nan=False).map(round),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_getting_credit_is_the_sum_of_points_over_twenty(db2020, points):
    records = []
    for k, (legal, info) in enumerate(points):
        unit = f"u{k:02d}"
        records += [
            (unit, "getting_credit_legal_rights_index", legal),
            (unit, "getting_credit_credit_information_index", info),
        ]
    expected = np.array([(legal + info) / 20 * 100 for legal, info in points])
    np.testing.assert_allclose(scores_of(db2020, records, "getting_credit"), expected, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 130, allow_nan=False), min_size=1, max_size=6))
def test_total_tax_rate_uses_the_power_formula(db2020, rates):
    records = [(f"u{k:02d}", "paying_taxes_total_rate", y) for k, y in enumerate(rates)]
    clipped = np.clip(rates, 26.1, 84.0)
    expected = 100 * ((84.0 - clipped) / (84.0 - 26.1)) ** 0.8
    np.testing.assert_allclose(
        scores_of(db2020, records, "paying_taxes_total_rate"), expected, atol=1e-9
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 50, allow_nan=False), min_size=1, max_size=6))
def test_minority_investors_score_is_the_index_times_two(db2020, indices):
    records = [
        (f"u{k:02d}", "protecting_minority_investors_index", x) for k, x in enumerate(indices)
    ]
    np.testing.assert_allclose(
        scores_of(db2020, records, "protecting_minority_investors"),
        np.array(indices) * 2,
        atol=1e-9,
    )


def test_paying_taxes_is_the_mean_of_four_with_post_filing_the_mean_of_four(db2020):
    raw = {
        "paying_taxes_payments": 7,
        "paying_taxes_time": 138,
        "paying_taxes_total_rate": 59.2,
        "paying_taxes_vat_refund_comply_time": 2.4,
        "paying_taxes_vat_refund_obtain_time": 49.1,
        "paying_taxes_cit_correction_comply_time": 6,
        "paying_taxes_cit_correction_complete_time": 18.5,
    }
    records = [("CHN", leaf, value) for leaf, value in raw.items()]
    result = evaluate(db2020, Observations.from_records(records))
    post = np.mean(
        [
            linear(2.4, 0, 50),
            linear(49.1, 3.2, 55),
            linear(6, 1.5, 56),
            linear(18.5, 0, 32),
        ]
    )
    rate = 100 * ((84.0 - 59.2) / (84.0 - 26.1)) ** 0.8
    expected = np.mean([linear(7, 3, 63), linear(138, 49, 696), rate, post])
    assert result.score("CHN", "paying_taxes_postfiling") == pytest.approx(post, abs=1e-9)
    assert result.score("CHN", "paying_taxes") == pytest.approx(expected, abs=1e-9)


def test_paying_taxes_without_vat_averages_the_two_income_tax_components(db2020):
    records = [
        ("X", "paying_taxes_cit_correction_comply_time", 10.0),
        ("X", "paying_taxes_cit_correction_complete_time", 8.0),
    ]
    result = evaluate(db2020, Observations.from_records(records))
    expected = (linear(10, 1.5, 56) + linear(8, 0, 32)) / 2
    assert result.score("X", "paying_taxes_postfiling") == pytest.approx(expected)


def test_db2020_overall_on_complete_data_is_the_mean_of_ten_topics(db2020):
    rng = np.random.default_rng(7)
    records = []
    for unit in ("A", "B", "C"):
        for leaf, (best, worst) in DB2020_GOALPOSTS.items():
            records.append((unit, leaf, float(rng.uniform(min(best, worst), max(best, worst)))))
    result = evaluate(db2020, Observations.from_records(records))
    for unit in ("A", "B", "C"):
        topics = [result.score(unit, t) for t in DB2020_TOPICS]
        assert result.score(unit) == pytest.approx(np.mean(topics), abs=1e-9)
        leaves = [
            r[2] for r in records if r[0] == unit and r[1].startswith("trading_across_borders")
        ]
        posts = [v for k, v in DB2020_GOALPOSTS.items() if k.startswith("trading_across_borders")]
        expected = np.mean([linear(y, b, w) for y, (b, w) in zip(leaves, posts, strict=True)])
        assert result.score(unit, "trading_across_borders") == pytest.approx(expected, abs=1e-9)


# --- Henan national-level zones ------------------------------------------------------------------

HENAN_TOP = ("开办企业", "办理建筑许可", "政务服务", "市场监管", "产业创新环境")
HENAN_SUB = ("产业生态环境", "创新创业活跃度", "金融环境", "开放环境", "人才服务")


def test_henan_has_the_five_top_level_indicators(henan):
    assert tuple(henan.name_of(n) for n in henan.top_level) == HENAN_TOP
    assert {henan.nodes[n].weight for n in henan.top_level} == {1.0}


def test_henan_innovation_environment_has_five_sub_indicators(henan):
    (innovation,) = (n for n in henan.top_level if henan.name_of(n) == "产业创新环境")
    subs = henan.nodes[innovation].children
    assert tuple(henan.name_of(n) for n in subs) == HENAN_SUB
    for sub in subs:
        assert 3 <= len(henan.nodes[sub].children) <= 5
        assert all(henan.nodes[c].is_leaf for c in henan.nodes[sub].children)


def test_henan_combines_objective_and_satisfaction_seventy_thirty(henan):
    assert (henan.combination.objective, henan.combination.satisfaction) == (0.7, 0.3)
    assert henan.nodes["overall"].children == ("objective", "satisfaction")
    survey = henan.nodes["satisfaction"].children
    assert len(survey) == 5
    for leaf, name in zip(survey, HENAN_TOP, strict=True):
        node = henan.nodes[leaf]
        assert node.is_leaf and node.transform == "identity" and node.goalposts is None
        assert henan.name_of(leaf) == f"{name}满意度"


def test_henan_ranks_on_displayed_scores_with_two_decimals(henan):
    assert (henan.ranking.basis, henan.ranking.decimals) == ("displayed", 2)


def test_henan_leaves_use_the_sample_frontier(henan):
    for leaf in henan.leaves:
        node = henan.nodes[leaf]
        if node.part == "objective":
            assert node.goalposts.mode == "sample", leaf
            assert node.unit, leaf


def test_henan_top_level_indicators_have_three_to_five_leaves(henan):
    for top in henan.top_level[:4]:
        assert 3 <= len(henan.nodes[top].children) <= 5


def test_henan_names_the_raw_indicators_of_the_evaluation_report(henan):
    by_name = {henan.name_of(leaf): henan.nodes[leaf] for leaf in henan.leaves}
    expected_units = {
        "实际使用外资额": "万美元",
        "招商引资到位资金": "亿元",
        "硕士及以上学历人才占比": "%",
        "高技能人才占比": "%",
        "孵化器及众创空间数量": "家",
        "5G 基站数量": "个",
        "高新技术企业数量": "家",
        "技术合同成交额": "亿元",
        "开办企业时间": "天",
        "开办企业环节": "个",
        "政务服务事项网上可办率": "%",
        "即办件占比": "%",
        "重点人群信用档案覆盖率": "%",
    }
    for name, unit in expected_units.items():
        assert by_name[name].unit == unit, name
        better = "lower" if name.startswith("开办企业") else "higher"
        assert by_name[name].goalposts.better == better, name


def test_henan_slow_statistics_carry_forward_and_the_rest_reweights(henan):
    for leaf in henan.leaves:
        node = henan.nodes[leaf]
        under_innovation = _ancestor(henan, leaf, "innovation_environment")
        assert node.missing == ("carry_forward" if under_innovation else "reweight"), leaf


def _ancestor(methodology, node_id: str, ancestor: str) -> bool:
    parent = methodology.nodes[node_id].parent
    while parent is not None:
        if parent == ancestor:
            return True
        parent = methodology.nodes[parent].parent
    return False


def test_henan_overall_is_seventy_thirty_of_objective_and_satisfaction(henan):
    objective_leaves = [leaf for leaf in henan.leaves if henan.nodes[leaf].part == "objective"]
    survey_leaves = henan.nodes["satisfaction"].children
    rng = np.random.default_rng(3)
    records = [
        (unit, leaf, float(rng.uniform(1, 100)))
        for unit in ("甲", "乙", "丙", "丁")
        for leaf in (*objective_leaves, *survey_leaves)
    ]
    result = evaluate(henan, Observations.from_records(records))
    for unit in ("甲", "乙", "丙", "丁"):
        survey = np.mean([r[2] for r in records if r[0] == unit and r[1] in survey_leaves])
        assert result.score(unit, "satisfaction") == pytest.approx(survey)
        expected = 0.7 * result.score(unit, "objective") + 0.3 * survey
        assert result.score(unit) == pytest.approx(expected)
        assert 0 <= result.score(unit) <= 100
