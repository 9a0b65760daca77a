"""Diagnosis: standings, the gap sentences of the 2020 Xinxiang report, strengths, weaknesses,
previous periods and trends. Scores are built from identity leaves (raw values already on the
0-100 scale), so each displayed figure is set by the data, independently of the code."""

import numpy as np
import pytest

from yingshang.core.evaluation import Observations, evaluate, parse_methodology
from yingshang.core.evaluation.diagnosis import (
    gap_phrase,
    overview_sentences,
    performance_grade,
    standing,
    standing_sentence,
    standings,
    strengths,
    trend,
    weaknesses,
)

FORMAT = "yingshang-methodology/1"
SEED_INDICATORS = (
    ("start", "开办企业"),
    ("build", "办理建筑许可"),
    ("gov", "政务服务"),
    ("market", "市场监管"),
    ("innov", "产业创新环境"),
)
# (score, rank, frontier, average) of the zone in seed 004; 市场监管's frontier is not printed
# there, 95.00 is assumed; the satisfaction leaf's frontier and average are assumed too.
SEED_FIGURES = {
    "start": (87.29, 10, 91.29, 86.23),
    "build": (79.00, 5, 96.50, 70.14),
    "gov": (91.57, 1, 91.57, 79.13),
    "market": (82.13, 6, 95.00, 73.38),
    "innov": (77.34, 7, 83.89, 76.74),
    "sat": (77.53, 16, 90.00, 80.00),
}
# How the 17 other zones' values are dealt out per indicator (a fixed shuffle under which the
# objective half ranks 3rd and the overall 5th, as in the seed).
DEALS = {
    "start": [13, 7, 10, 12, 9, 15, 4, 0, 8, 16, 6, 3, 2, 1, 5, 14, 11],
    "build": [6, 14, 10, 3, 16, 0, 2, 13, 4, 9, 11, 5, 1, 15, 12, 8, 7],
    "gov": [7, 5, 1, 8, 10, 9, 3, 6, 12, 11, 14, 16, 4, 2, 15, 13, 0],
    "market": [7, 3, 11, 2, 1, 6, 0, 5, 12, 13, 8, 9, 4, 15, 14, 16, 10],
    "innov": [3, 13, 8, 4, 2, 15, 6, 10, 9, 11, 12, 5, 1, 0, 7, 16, 14],
    "sat": [8, 4, 7, 14, 10, 3, 12, 15, 1, 16, 6, 5, 9, 11, 0, 13, 2],
}
ZONE = "新乡高新区"


def identity_leaf(node_id: str, name: str, weight: float = 1.0) -> dict:
    return {"id": node_id, "name": name, "transform": "identity", "weight": weight}


def seed_methodology():
    # 产业创新环境 weighs double so that the objective half comes to (87.29 + 79.00 + 91.57 +
    # 82.13 + 2 x 77.34) / 6 = 82.445 -> 82.45 and the overall to 0.7 x 82.445 + 0.3 x 77.53
    # = 80.9705 -> 80.97, the seed's figures.
    return parse_methodology(
        {
            "format": FORMAT,
            "id": "seed004",
            "name": "功能区营商环境评价",
            "combination": {"objective": 0.7, "satisfaction": 0.3},
            "indicators": [
                identity_leaf(i, n, 2.0 if i == "innov" else 1.0) for i, n in SEED_INDICATORS
            ],
            "satisfaction": [identity_leaf("sat", "企业满意度调查")],
        }
    )


def column_with(score: float, rank: int, frontier: float, average: float, n: int = 18):
    """n values, best first, where the value at position `rank` is `score`, the best is
    `frontier` and the mean is `average`."""
    values = [frontier] if rank > 1 else []
    values += list(np.linspace(frontier, score, rank)[1:-1]) if rank > 2 else []
    values.append(score)
    below = n - len(values)
    spread = np.linspace(-1.0, 1.0, below)
    values += list((n * average - sum(values)) / below + spread - spread.mean())
    assert max(values[rank:]) < score
    return values


def seed_observations() -> Observations:
    records = []
    for leaf, (score, rank, frontier, average) in SEED_FIGURES.items():
        values = column_with(score, rank, frontier, average)
        others = [v for k, v in enumerate(values) if k != rank - 1]
        records.append((ZONE, leaf, score))
        for zone, k in enumerate(DEALS[leaf]):
            records.append((f"功能区{zone:02d}", leaf, float(others[k])))
    return Observations.from_records(records)


@pytest.fixture(scope="module")
def seed_result():
    result = evaluate(seed_methodology(), seed_observations())
    # The construction itself: the displayed figures are the seed's.
    for leaf, (score, rank, frontier, average) in SEED_FIGURES.items():
        assert result.displayed(result.score(ZONE, leaf)) == score
        assert result.rank(ZONE, leaf) == rank
        assert result.displayed(result.frontier_of(leaf)) == frontier
        assert result.displayed(result.average_of(leaf)) == average
    return result


SEED_SENTENCES = {
    "start": "本次评价，开办企业指标得分为87.29分，在纳入评价的18个功能区中排名第10位，"
    "较全省前沿值低4.00分，较全省平均值高1.06分。",
    "build": "本次评价，办理建筑许可指标得分为79.00分，在纳入评价的18个功能区中排名第5位，"
    "较全省前沿值低17.50分，较全省平均值高8.86分。",
    "gov": "本次评价，政务服务指标得分为91.57分，在纳入评价的18个功能区中排名第1位，"
    "较全省平均值高12.44分。",
    "innov": "本次评价，产业创新环境指标得分为77.34分，在纳入评价的18个功能区中排名第7位，"
    "较全省前沿值低6.55分，较全省平均值高0.60分。",
}


@pytest.mark.parametrize("leaf", sorted(SEED_SENTENCES))
def test_standing_sentence_reproduces_the_seed(seed_result, leaf):
    assert standing_sentence(seed_result, ZONE, leaf) == SEED_SENTENCES[leaf]


def test_market_supervision_states_its_frontier_gap(seed_result):
    # The seed prints no frontier gap for 市场监管 although it ranks 6th; off the frontier the
    # gap is always stated (95.00 - 82.13 with the assumed frontier).
    sentence = standing_sentence(seed_result, ZONE, "market")
    assert sentence.endswith("排名第6位，较全省前沿值低12.87分，较全省平均值高8.75分。")


def test_gaps_are_differences_of_displayed_scores(seed_result):
    s = standing(seed_result, ZONE, "start")
    assert s.gap_to_frontier == pytest.approx(91.29 - 87.29, abs=1e-12)
    assert s.gap_to_average == pytest.approx(87.29 - 86.23, abs=1e-12)
    assert f"{s.gap_to_frontier:.2f}" == "4.00"


def small_result(values: dict[str, float], *, decimals: int = 2):
    methodology = parse_methodology(
        {
            "format": FORMAT,
            "id": "one",
            "name": "单指标",
            "ranking": {"decimals": decimals},
            "indicators": [identity_leaf("a", "开办企业")],
        }
    )
    return evaluate(
        methodology, Observations.from_records([(u, "a", v) for u, v in values.items()])
    )


def test_gap_uses_displayed_values_not_the_rounded_unrounded_difference():
    # frontier 80.996 shows as 81.00, the score 80.004 as 80.00: the printed gap must be 1.00,
    # although the unrounded difference 0.992 rounds to 0.99.
    result = small_result({"甲": 80.996, "乙": 80.004, "丙": 60.0})
    s = standing(result, "乙", "a")
    assert round(result.frontier_of("a") - result.score("乙", "a"), 2) == 0.99
    assert gap_phrase(s).startswith("较全省前沿值低1.00分")


def test_average_gap_uses_displayed_values():
    # The average (80.996 + 80.004 + 60.005) / 3 = 73.66833 shows as 73.67; 80.004 shows as
    # 80.00: the gap is 6.33, while the unrounded difference 6.33567 would print 6.34.
    result = small_result({"甲": 80.996, "乙": 80.004, "丙": 60.005})
    assert gap_phrase(standing(result, "乙", "a")).endswith("较全省平均值高6.33分")


def test_rank_one_omits_the_frontier_clause():
    result = small_result({"甲": 90.0, "乙": 80.0, "丙": 70.0})
    assert gap_phrase(standing(result, "甲", "a")) == "较全省平均值高10.00分"


def test_equal_to_the_average_reads_chiping():
    result = small_result({"甲": 90.0, "乙": 80.0, "丙": 70.0})
    assert gap_phrase(standing(result, "乙", "a")) == "较全省前沿值低10.00分，与全省平均值持平"


def test_below_the_average_reads_di_and_labels_are_parameters():
    result = small_result({"甲": 90.0, "乙": 80.0, "丙": 70.0})
    phrase = gap_phrase(standing(result, "丙", "a"), frontier_label="前沿", average_label="均值")
    assert phrase == "较前沿低20.00分，较均值低10.00分"


def test_decimals_follow_the_methodology():
    result = small_result({"甲": 90.0, "乙": 80.04, "丙": 70.0}, decimals=1)
    assert gap_phrase(standing(result, "乙", "a")) == "较全省前沿值低10.0分，与全省平均值持平"


def weighted_tree():
    """Two top-level indicators: A (weight 3) with leaves a1, a2; B (weight 1) with leaf b."""
    return parse_methodology(
        {
            "format": FORMAT,
            "id": "tree",
            "name": "树",
            "indicators": [
                {
                    "id": "A",
                    "name": "甲类",
                    "weight": 3,
                    "children": [identity_leaf("a1", "甲一"), identity_leaf("a2", "甲二")],
                },
                {"id": "B", "name": "乙类", "weight": 1, "children": [identity_leaf("b", "乙一")]},
            ],
        }
    )


TREE_DATA = {
    # a1: the focus is 2nd of 3, 10 below the frontier; weighted gap 3/4 x 1/2 x 10 = 3.75
    # a2: the focus is 1st (frontier) -> never a weakness
    # b : the focus is 3rd of 3, 20 below the frontier; weighted gap 1/4 x 20 = 5.00
    "焦点": {"a1": 80.0, "a2": 90.0, "b": 50.0},
    "甲": {"a1": 90.0, "a2": 60.0, "b": 70.0},
    "乙": {"a1": 40.0, "a2": 70.0, "b": 60.0},
}


def tree_result(data=TREE_DATA, period=""):
    records = [(u, leaf, v, period) for u, row in data.items() for leaf, v in row.items()]
    return evaluate(weighted_tree(), Observations.from_records(records))


def test_weighted_gap_is_the_path_weight_times_the_gap():
    by_node = {s.node: s for s in standings(tree_result(), "焦点")}
    assert by_node["a1"].weighted_gap == pytest.approx(0.75 * 0.5 * 10)
    assert by_node["b"].weighted_gap == pytest.approx(0.25 * 20)
    assert by_node["a2"].weighted_gap == pytest.approx(0.0)


def test_weaknesses_by_weighted_gap_and_by_rank():
    result = tree_result()
    # A: focus (80+90)/2 = 85, 甲 75, 乙 55 -> rank 1, on the frontier: not a weakness.
    # B and b both lose 1/4 x 20 = 5.00 (ties keep tree order), a1 3.75.
    by_gap = weaknesses(result, "焦点", by="weighted_gap")
    assert [s.node for s in by_gap] == ["B", "b", "a1"]
    by_rank = weaknesses(result, "焦点", by="rank")
    assert [s.node for s in by_rank] == ["B", "b", "a1"]
    assert [s.node for s in weaknesses(result, "焦点", leaves_only=True)] == ["b", "a1"]
    assert [s.node for s in weaknesses(result, "焦点", limit=1)] == ["B"]


def test_weaknesses_orderings_differ_when_gap_and_rank_disagree():
    data = {
        # a1: rank 3 of 3 but only 2 points behind (weighted 3/8 x 2 = 0.75)
        # b : rank 2 of 3, 30 behind (weighted 1/4 x 30 = 7.5)
        "焦点": {"a1": 88.0, "a2": 95.0, "b": 60.0},
        "甲": {"a1": 90.0, "a2": 60.0, "b": 90.0},
        "乙": {"a1": 89.0, "a2": 70.0, "b": 50.0},
    }
    result = tree_result(data)
    assert [s.node for s in weaknesses(result, "焦点", leaves_only=True)] == ["b", "a1"]
    assert [s.node for s in weaknesses(result, "焦点", by="rank", leaves_only=True)] == [
        "a1",
        "b",
    ]


def test_strengths_best_rank_first_above_average_only():
    result = tree_result()
    names = [s.node for s in strengths(result, "焦点")]
    # A and a2 rank 1st, a1 2nd (80 > mean 70); b is last and below the average.
    assert names == ["a2", "A", "a1"]


def test_standings_with_previous_fill_changes():
    earlier = {
        "焦点": {"a1": 60.0, "a2": 60.0, "b": 60.0},
        "甲": {"a1": 90.0, "a2": 90.0, "b": 90.0},
        "乙": {"a1": 70.0, "a2": 70.0, "b": 70.0},
    }
    previous = tree_result(earlier, "2019")
    current = tree_result(TREE_DATA, "2020")
    rows = {s.node: s for s in standings(current, "焦点", previous=previous)}
    overall = rows["overall"]
    # 2019: focus 60, last of 3. 2020: focus 0.75 x 85 + 0.25 x 50 = 76.25; 甲 0.75 x 75 +
    # 0.25 x 70 = 73.75; 乙 0.75 x 55 + 0.25 x 60 = 56.25 -> 1st.
    assert overall.previous_score == pytest.approx(60.0)
    assert overall.previous_rank == 3
    assert overall.score == pytest.approx(76.25)
    assert overall.rank == 1
    assert overall.rank_change == 2
    assert overall.score_change == pytest.approx(16.25)
    assert [s.node for s in standings(current, "焦点")] == ["overall", "A", "a1", "a2", "B", "b"]
    assert standings(current, "焦点")[0].previous_rank is None


def test_leaf_standing_carries_the_raw_value_and_unit():
    methodology = parse_methodology(
        {
            "format": FORMAT,
            "id": "raw",
            "name": "原值",
            "indicators": [
                {
                    "id": "days",
                    "name": "开办企业时间",
                    "unit": "天",
                    "goalposts": {"best": 0.5, "worst": 100},
                }
            ],
        }
    )
    result = evaluate(methodology, Observations.from_records([("甲", "days", 5.0)]))
    s = standing(result, "甲", "days")
    assert (s.raw, s.unit_label, s.is_leaf, s.depth) == (5.0, "天", True, 1)
    assert s.score == pytest.approx(100 * (100 - 5) / 99.5)


def _with_period(values: dict[str, float], period: str):
    methodology = parse_methodology(
        {
            "format": FORMAT,
            "id": "one",
            "name": "单指标",
            "indicators": [identity_leaf("a", "开办")],
        }
    )
    records = [(u, "a", v, period) for u, v in values.items()]
    return evaluate(methodology, Observations.from_records(records))


def test_trend_is_oldest_first_with_gaps():
    others = {"甲": 60.0, "乙": 70.0}
    results = [
        _with_period({**others, "焦点": 80.0}, "2021"),
        _with_period({**others, "焦点": 50.0}, "2019"),
        _with_period(others, "2022"),
        _with_period({**others, "焦点": 65.0}, "2020"),
    ]
    rows = trend(results, "焦点", "a")
    assert [r[0] for r in rows] == ["2019", "2020", "2021", "2022"]
    assert [r[1] for r in rows] == [50.0, 65.0, 80.0, None]
    assert [r[2] for r in rows] == [3, 2, 1, None]
    assert [r[2] for r in trend(results, "焦点")] == [3, 2, 1, None]


def test_overview_reproduces_the_seed_paragraphs(seed_result):
    paragraphs = overview_sentences(seed_result, ZONE)
    assert paragraphs == [
        "本次营商环境评价，我区总体得分为80.97分，在全省18个功能区排名第5位。",
        "总体来看，我区客观指标表现优秀，企业满意度表现有待提升。"
        "5个一级指标中，办理建筑许可、政务服务、市场监管等3个指标表现优秀，"
        "开办企业、产业创新环境等2个指标表现良好。",
        "我区营商环境评价整体表现：客观指标表现得分为82.45分，排名第3位；"
        "企业满意度表现得分为77.53分，排名第16位；总体表现80.97分，排名第5位。",
        "我区营商环境评价各指标表现：开办企业得分为87.29分，排名第10位；"
        "办理建筑许可得分为79.00分，排名第5位；政务服务得分为91.57分，排名第1位；"
        "市场监管得分为82.13分，排名第6位；产业创新环境得分为77.34分，排名第7位。",
    ]


def test_overview_grades_follow_the_thresholds(seed_result):
    paragraphs = overview_sentences(
        seed_result, ZONE, thresholds=(0.1, 0.5), scope="国家级功能区", subject="本区"
    )
    assert (
        paragraphs[0]
        == "本次营商环境评价，本区总体得分为80.97分，在全省18个国家级功能区排名第5位。"
    )
    # rank/18 <= 0.1: rank 1; <= 0.5: ranks 2-9; the rest: 10 and up.
    assert paragraphs[1].endswith(
        "5个一级指标中，政务服务指标表现优秀，办理建筑许可、市场监管、产业创新环境等3个指标表现良好，"
        "开办企业指标表现有待提升。"
    )


def test_performance_grade_thirds():
    assert [performance_grade(r, 18) for r in (1, 6, 7, 12, 13, 18)] == [
        "优秀",
        "优秀",
        "良好",
        "良好",
        "有待提升",
        "有待提升",
    ]
    assert performance_grade(None, 18) is None
    assert performance_grade(2, 4, thresholds=(0.5,), labels=("前半", "后半")) == "前半"
