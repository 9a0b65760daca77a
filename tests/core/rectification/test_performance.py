"""Department scores for the monthly 效能考核, computed by hand."""

import pytest

from yingshang.core.rectification.performance import (
    DEFAULT_SCORE_WEIGHTS,
    DepartmentMonth,
    ScoreError,
    components,
    department_score,
    parse_score_weights,
    rank_departments,
)


def month(department: str, **figures) -> DepartmentMonth:
    base = {"assigned": 10, "done_on_time": 10, "overdue": 0, "closed": 10, "returned": 0}
    base.update(figures)
    base.setdefault("mean_workdays_to_close", 10.0)
    return DepartmentMonth(department=department, month="2025-10", **base)


def test_default_weights() -> None:
    assert DEFAULT_SCORE_WEIGHTS == {
        "on_time": 40.0,
        "closure": 25.0,
        "not_overdue": 20.0,
        "first_pass": 10.0,
        "speed": 5.0,
    }


def test_a_perfect_month_scores_100() -> None:
    assert department_score(month("行政审批局")) == 100.0


def test_a_hand_computed_month() -> None:
    # 10 assigned, 6 on time, 2 overdue, 7 closed, 3 returned, closure in 20 working days
    m = month(
        "市场监管局", done_on_time=6, overdue=2, closed=7, returned=3, mean_workdays_to_close=20.0
    )
    assert components(m) == {
        "on_time": 0.6,
        "closure": 0.7,
        "not_overdue": 0.8,
        "first_pass": 0.7,
        "speed": 0.75,  # 15 / 20
    }
    # (40*0.6 + 25*0.7 + 20*0.8 + 10*0.7 + 5*0.75) / 100 * 100 = 24 + 17.5 + 16 + 7 + 3.75
    assert department_score(m) == 68.25


def test_custom_weights_and_reference() -> None:
    m = month("住建局", done_on_time=5, closed=4, mean_workdays_to_close=30.0)
    # on_time only: 5/10
    assert (
        department_score(
            m, {"on_time": 1, "closure": 0, "not_overdue": 0, "first_pass": 0, "speed": 0}
        )
        == 50.0
    )
    # closure 3, speed 1 with reference 10 over 30 days -> (3*0.4 + 1*(10/30)) / 4
    weights = {"on_time": 0, "closure": 3, "not_overdue": 0, "first_pass": 0, "speed": 1}
    assert department_score(m, weights, reference_workdays=10) == round(
        100 * (3 * 0.4 + 1 / 3) / 4, 2
    )
    # missing weights keep their defaults
    assert parse_score_weights({"speed": 0}) == {**DEFAULT_SCORE_WEIGHTS, "speed": 0.0}


def test_edge_cases() -> None:
    assert department_score(month("空", assigned=0, done_on_time=0, closed=0)) == 100.0
    nothing_closed = month(
        "甲", closed=0, done_on_time=0, overdue=10, returned=0, mean_workdays_to_close=None
    )
    # only first_pass (10) scores: no on-time, no closure, all overdue, no speed
    assert department_score(nothing_closed) == 10.0
    fast = month("乙", mean_workdays_to_close=0.0)
    assert components(fast)["speed"] == 1.0
    # inconsistent figures are clamped, never above 100 or below 0
    odd = month("丙", done_on_time=15, overdue=20, returned=30, closed=12)
    assert 0.0 <= department_score(odd) <= 100.0
    assert components(odd)["not_overdue"] == 0.0 and components(odd)["on_time"] == 1.0


@pytest.mark.parametrize(
    ("weights", "fragment"),
    [
        ({"speedy": 1}, "未知的考核项"),
        ({"on_time": -1}, "不能为负数"),
        ({"on_time": "40"}, "必须是数字"),
        ({k: 0 for k in DEFAULT_SCORE_WEIGHTS}, "不能全部为 0"),
    ],
)
def test_weights_are_checked(weights: dict, fragment: str) -> None:
    with pytest.raises(ScoreError, match=fragment):
        parse_score_weights(weights)


def test_figures_are_checked() -> None:
    with pytest.raises(ScoreError, match="不能为负数"):
        month("甲", overdue=-1)
    with pytest.raises(ScoreError, match="平均办结工作日"):
        month("甲", mean_workdays_to_close=-2.0)
    with pytest.raises(ScoreError, match="参考办结工作日"):
        department_score(month("甲"), reference_workdays=0)


def test_ranking_with_ties() -> None:
    best = month("乙局")
    tied_a = month(
        "甲局", done_on_time=6, overdue=2, closed=7, returned=3, mean_workdays_to_close=20.0
    )
    tied_b = month(
        "丙局", done_on_time=6, overdue=2, closed=7, returned=3, mean_workdays_to_close=20.0
    )
    worst = month("丁局", done_on_time=0, overdue=10, closed=0, mean_workdays_to_close=None)
    ranked = rank_departments([worst, tied_b, best, tied_a])
    assert [(rank, m.department, score) for rank, m, score in ranked] == [
        (1, "乙局", 100.0),
        (2, "丙局", 68.25),  # equal scores share the better rank, listed by name
        (2, "甲局", 68.25),
        (4, "丁局", 10.0),
    ]
    all_equal = rank_departments([month("甲"), month("乙"), month("丙")])
    assert [rank for rank, _, _ in all_equal] == [1, 1, 1]
    assert rank_departments([]) == []
