"""The 2020 provincial evaluation of Xinxiang high-tech zone (seed 004): objective 82.45 (3rd),
enterprise satisfaction 77.53 (16th), overall 0.7 x 82.45 + 0.3 x 77.53 = 80.974, printed 80.97
(5th) among 18 national-level zones.

The objective and satisfaction scores are given directly (identity leaves); the other 17 zones
are made up so that the published ranks follow.
"""

import pytest

from yingshang.core.evaluation import Observations, display_round, evaluate, parse_methodology

XINXIANG = "新乡高新区"

# (objective, satisfaction) of the 17 other zones, chosen so that exactly 2 zones beat Xinxiang
# on the objective score, 15 on satisfaction and 4 overall:
#   0.7 x 90 + 0.3 x 85 = 88.5,  0.7 x 85 + 0.3 x 80 = 83.5,  0.7 x 80 + 0.3 x 88 = 82.4  (> 80.974)
#   0.7 x 75 + 0.3 x 80 = 76.5,  0.7 x 70 + 0.3 x 70 = 70.0                              (< 80.974)
OTHERS = [
    (90.0, 85.0),
    (85.0, 80.0),
    (80.0, 88.0),
    (80.0, 88.0),
    *[(75.0, 80.0)] * 11,
    (70.0, 70.0),
    (70.0, 70.0),
]


@pytest.fixture(scope="module")
def methodology():
    return parse_methodology(
        {
            "format": "yingshang-methodology/1",
            "id": "henan-zones-2020",
            "name": "河南省国家级功能区营商环境评价（2020）",
            "combination": {"objective": 0.7, "satisfaction": 0.3},
            "ranking": {"basis": "unrounded", "decimals": 2},
            "indicators": [
                {"id": "objective_score", "name": "客观指标得分", "transform": "identity"}
            ],
            "satisfaction": [
                {"id": "satisfaction_score", "name": "企业满意度得分", "transform": "identity"}
            ],
        }
    )


@pytest.fixture(scope="module")
def result(methodology):
    zones = [(XINXIANG, 82.45, 77.53)]
    zones += [(f"功能区{k:02d}", o, s) for k, (o, s) in enumerate(OTHERS, start=1)]
    records = []
    for zone, objective, satisfaction in zones:
        records.append((zone, "objective_score", objective, "2020"))
        records.append((zone, "satisfaction_score", satisfaction, "2020"))
    return evaluate(methodology, Observations.from_records(records))


def test_eighteen_zones_are_ranked(result):
    assert result.ranked_count == 18


def test_overall_is_0_7_objective_plus_0_3_satisfaction(result):
    assert result.score(XINXIANG, "objective") == pytest.approx(82.45)
    assert result.score(XINXIANG, "satisfaction") == pytest.approx(77.53)
    assert result.score(XINXIANG, "overall") == pytest.approx(80.974, abs=1e-9)


def test_the_overall_score_prints_as_80_97(result):
    assert result.displayed(result.score(XINXIANG)) == 80.97
    assert f"{result.displayed(result.score(XINXIANG)):.2f}" == "80.97"


def test_ranks_are_3rd_16th_and_5th(result):
    assert result.rank(XINXIANG, "objective") == 3
    assert result.rank(XINXIANG, "satisfaction") == 16
    assert result.rank(XINXIANG, "overall") == 5


def test_display_rounds_half_up_as_the_report_does():
    # 80.975 is stored as 80.97499999…; a printed report shows 80.98, numpy's round 80.97.
    assert display_round(80.975) == 80.98
    assert display_round(80.974) == 80.97
    assert display_round(4.005) == 4.01
