"""The evaluation engine, step by step: ranks, frontier, average and the result's tables. Every
expected value is worked out here by hand from the published formulas (distance to frontier,
weighted means, competition ranks), never by calling the engine."""

import pytest
from pytest import approx

from tests.core.evaluation.helpers import FIXED_0_100, build, group, leaf, obs
from yingshang.core.evaluation import evaluate

# --- ranks, frontier, average ----------------------------------------------------------------


def test_ties_share_the_better_rank():
    m = build([leaf("s", transform="identity")])
    r = evaluate(m, obs([("A", "s", 90), ("B", "s", 80), ("C", "s", 80), ("D", "s", 70)]))
    assert [r.rank(u) for u in "ABCD"] == [1, 2, 2, 4]


DISPLAY_CASE = [("A", "s", 80.004), ("B", "s", 80.001), ("C", "s", 79.996), ("D", "s", 79.994)]


def test_unrounded_basis_separates_scores_that_display_alike():
    m = build([leaf("s", transform="identity")], ranking={"basis": "unrounded", "decimals": 2})
    r = evaluate(m, obs(DISPLAY_CASE))
    assert [r.rank(u) for u in "ABCD"] == [1, 2, 3, 4]


def test_displayed_basis_ties_scores_that_display_alike():
    # A, B and C all print as 80.00, D as 79.99.
    m = build([leaf("s", transform="identity")], ranking={"basis": "displayed", "decimals": 2})
    r = evaluate(m, obs(DISPLAY_CASE))
    assert [r.rank(u) for u in "ABCD"] == [1, 1, 1, 4]
    assert r.score("A") == approx(80.004)  # scores stay unrounded


def test_displayed_basis_with_one_decimal():
    m = build([leaf("s", transform="identity")], ranking={"basis": "displayed", "decimals": 1})
    r = evaluate(m, obs([("A", "s", 80.04), ("B", "s", 79.96), ("C", "s", 79.94)]))
    assert [r.rank(u) for u in "ABC"] == [1, 1, 3]


def test_frontier_and_average_ignore_units_without_a_score():
    m = build([leaf("x", goalposts=FIXED_0_100), leaf("y", goalposts=FIXED_0_100)])
    r = evaluate(m, obs([("A", "x", 40), ("B", "x", 70), ("C", "y", 20), ("A", "y", 60)]))
    assert r.frontier_of("x") == 70.0
    assert r.average_of("x") == approx(55.0)
    assert r.rank("C", "x") == 0
    assert r.ranks[:, r.node_index("x")].tolist() == [2, 1, 0]
    overall = {"A": 50.0, "B": 70.0, "C": 20.0}
    assert r.average_of() == approx(sum(overall.values()) / 3)
    assert [r.rank(u) for u in "ABC"] == [2, 1, 3]


# --- the result's tables ---------------------------------------------------------------------


@pytest.fixture
def small_result():
    m = build(
        [
            group(
                "p",
                [
                    leaf("x", goalposts={"best": 1, "worst": 18}),
                    leaf("y", goalposts={"from": "sample", "better": "higher"}),
                ],
            )
        ],
        missing="mean",
    )
    return evaluate(m, obs([("A", "x", 0.5), ("A", "y", 4), ("B", "x", 9), ("C", "y", 10)]))


def test_tables_hold_every_intermediate_step(small_result):
    tables = small_result.tables()
    assert set(tables) == {
        "raw",
        "imputed",
        "treated",
        "normalised",
        "level_1",
        "level_2",
        "scores",
        "ranks",
        "goalposts",
        "frontier_average",
    }
    assert tables["level_1"][0] == ["unit", "p"]
    assert tables["level_2"][0] == ["unit", "x", "y"]
    assert [row[1:] for row in tables["level_2"][1]] == [row[3:] for row in tables["scores"][1]]
    header, rows = tables["raw"]
    assert header == ["unit", "x", "y"]
    assert rows == [["A", 0.5, 4.0], ["B", 9.0, None], ["C", None, 10.0]]
    assert tables["imputed"][1] == [
        ["A", 0.5, 4.0],
        ["B", 9.0, 7.0],
        ["C", (0.5 + 9) / 2, 10.0],
    ]
    treated = tables["treated"][1]
    assert treated[0][1] == 1.0  # 0.5 is better than the best: clipped to 1
    normalised = dict((row[0], row[1:]) for row in tables["normalised"][1])
    assert normalised["B"] == approx([100 * (18 - 9) / 17, 100 * (7 - 4) / 6])
    assert tables["scores"][0] == ["unit", "overall", "p", "x", "y"]
    p_scores = {row[0]: row[2] for row in tables["scores"][1]}
    assert p_scores["A"] == approx((100 + 0) / 2)
    assert tables["ranks"][0] == ["unit", "overall", "p", "x", "y"]
    assert tables["goalposts"] == (
        ["leaf", "mode", "better", "best", "worst"],
        [["x", "fixed", "lower", 1.0, 18.0], ["y", "sample", "higher", 10.0, 4.0]],
    )
    frontier = {row[0]: row[1:] for row in tables["frontier_average"][1]}
    assert frontier["x"][0] == 100.0


def test_ranks_table_leaves_unranked_cells_empty():
    m = build([leaf("x", goalposts=FIXED_0_100), leaf("y", goalposts=FIXED_0_100)])
    r = evaluate(m, obs([("A", "x", 30), ("B", "x", 40), ("B", "y", 40)]))
    header, rows = r.tables()["ranks"]
    assert header == ["unit", "overall", "x", "y"]
    assert rows == [["A", 2, 2, None], ["B", 1, 1, 1]]


def test_long_rows_one_per_unit_and_node_root_first(small_result):
    rows = list(small_result.long_rows())
    assert len(rows) == 3 * 4
    assert [row[:2] for row in rows[:4]] == [("A", "overall"), ("A", "p"), ("A", "x"), ("A", "y")]
    assert all(len(row) == 6 for row in rows)
    by_key = {(row[0], row[1]): row for row in rows}
    _, _, score, rank, frontier, _ = by_key[("A", "x")]
    assert (score, rank, frontier) == (100.0, 1, 100.0)
    assert isinstance(rank, int)
    b_overall = by_key[("B", "overall")]
    assert b_overall[3] in (1, 2, 3)


def test_long_rows_give_none_for_a_missing_score():
    m = build([leaf("x", goalposts=FIXED_0_100), leaf("y", goalposts=FIXED_0_100)])
    r = evaluate(m, obs([("A", "x", 30), ("B", "y", 40)]))
    row = next(row for row in r.long_rows() if row[:2] == ("A", "y"))
    assert row == ("A", "y", None, None, 40.0, 40.0)
