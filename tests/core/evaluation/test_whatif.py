"""What-if re-evaluation and the best-moves search.

Expectations are computed in the tests from the distance-to-frontier formula
100 x (worst - y) / (worst - best) and plain weighted means, independently of the engine.
"""

import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yingshang.core.evaluation import Observations, evaluate, parse_methodology
from yingshang.core.evaluation.engine import group_index
from yingshang.core.evaluation.ranking import display_round
from yingshang.core.evaluation.whatif import (
    _Search,
    _singles,
    best_moves,
    what_if,
)

FORMAT = "yingshang-methodology/1"


def two_pillars():
    """overall = mean(开办企业，开放环境); 开办企业 = days (fixed 21 -> 1 day);
    开放环境 = mean(fdi, talent), both sample goalposts, higher is better."""
    return parse_methodology(
        {
            "format": FORMAT,
            "id": "wi",
            "name": "测试",
            "indicators": [
                {
                    "id": "start",
                    "name": "开办企业",
                    "children": [
                        {
                            "id": "days",
                            "name": "开办企业时间",
                            "unit": "天",
                            "goalposts": {"best": 1, "worst": 21},
                        }
                    ],
                },
                {
                    "id": "open",
                    "name": "开放环境",
                    "children": [
                        {
                            "id": "fdi",
                            "name": "实际使用外资额",
                            "unit": "万美元",
                            "goalposts": {"from": "sample", "better": "higher"},
                        },
                        {
                            "id": "talent",
                            "name": "硕士及以上学历人才占比",
                            "unit": "%",
                            "goalposts": {"from": "sample", "better": "higher"},
                        },
                    ],
                },
            ],
        }
    )


DATA = {
    "甲": {"days": 3.0, "fdi": 12000.0, "talent": 9.0},
    "乙": {"days": 11.0, "fdi": 9422.0, "talent": 6.2},
    "丙": {"days": 6.0, "fdi": 8000.0, "talent": 4.0},
    "丁": {"days": 16.0, "fdi": 10000.0, "talent": 8.0},
}


def observations(data=DATA) -> Observations:
    return Observations.from_records(
        [(u, leaf, v) for u, row in data.items() for leaf, v in row.items()]
    )


def expected_scores(data, posts=None):
    """{unit: {node: score}} by the formula; `posts` freezes the sample goalposts
    {leaf: (best, worst)}; otherwise they are the sample's max and min."""
    units = list(data)
    posts = dict(posts or {})
    for leaf in ("fdi", "talent"):
        values = [data[u][leaf] for u in units]
        posts.setdefault(leaf, (max(values), min(values)))
    posts["days"] = (1.0, 21.0)
    scores = {}
    for u in units:
        row = {}
        for leaf, (best, worst) in posts.items():
            y = min(max(data[u][leaf], min(best, worst)), max(best, worst))
            row[leaf] = 100 * (worst - y) / (worst - best)
        row["start"] = row["days"]
        row["open"] = (row["fdi"] + row["talent"]) / 2
        row["overall"] = (row["start"] + row["open"]) / 2
        scores[u] = row
    return scores


def expected_ranks(scores, node):
    return {u: 1 + sum(scores[v][node] > scores[u][node] for v in scores) for u in scores}


def moved_pairs(before, after):
    pairs = set()
    for node in ("overall", "start", "days", "open", "fdi", "talent"):
        ranks_before, ranks_after = expected_ranks(before, node), expected_ranks(after, node)
        for u in before:
            if abs(before[u][node] - after[u][node]) > 1e-9 or ranks_before[u] != ranks_after[u]:
                pairs.add((u, node))
    return pairs


def test_changing_a_fixed_goalpost_value_moves_exactly_its_path():
    changed_data = {**DATA, "乙": {**DATA["乙"], "days": 2.0}}
    outcome = what_if(two_pillars(), observations(), unit="乙", changes={"days": 2.0})
    before, after = expected_scores(DATA), expected_scores(changed_data)
    shifts = outcome.shifts()
    assert {(s.unit, s.node) for s in shifts} == moved_pairs(before, after)
    assert shifts[0].unit == "乙"
    for s in shifts:
        assert s.score_before == pytest.approx(before[s.unit][s.node])
        assert s.score_after == pytest.approx(after[s.unit][s.node])
        assert s.rank_after == expected_ranks(after, s.node)[s.unit]
    days = next(s for s in shifts if s.node == "days" and s.unit == "乙")
    assert (days.score_before, days.score_after) == (pytest.approx(50.0), pytest.approx(95.0))
    assert days.rank_change == expected_ranks(before, "days")["乙"] - 1


def test_shifts_of_one_unit_and_every_node():
    outcome = what_if(two_pillars(), observations(), unit="乙", changes={"days": 2.0})
    assert {s.unit for s in outcome.shifts(unit="丙")} <= {"丙"}
    every = outcome.shifts(unit="乙", only_moved=False)
    assert [s.node for s in every] == ["overall", "start", "days", "open", "fdi", "talent"]
    assert [s.name for s in every][:3] == ["总体表现", "开办企业", "开办企业时间"]


def test_sample_goalposts_follow_the_changed_data():
    changed_data = {**DATA, "乙": {**DATA["乙"], "fdi": 15000.0}}
    outcome = what_if(two_pillars(), observations(), unit="乙", changes={"fdi": 15000.0})
    after = expected_scores(changed_data)
    for u in DATA:
        assert outcome.changed.score(u, "fdi") == pytest.approx(after[u]["fdi"])
        assert outcome.changed.score(u) == pytest.approx(after[u]["overall"])
    # The frontier moved to 乙: every fdi score above the worst (丙's 8000) fell.
    assert {(s.unit, s.node) for s in outcome.shifts()} == moved_pairs(expected_scores(DATA), after)
    assert {s.unit for s in outcome.shifts() if s.node == "fdi"} == {"甲", "乙", "丁"}


def test_frozen_goalposts_keep_the_base_frontier():
    changed_data = {**DATA, "乙": {**DATA["乙"], "fdi": 15000.0}}
    outcome = what_if(
        two_pillars(), observations(), unit="乙", changes={"fdi": 15000.0}, freeze_goalposts=True
    )
    frozen = expected_scores(changed_data, {"fdi": (12000.0, 8000.0), "talent": (9.0, 4.0)})
    for u in DATA:
        assert outcome.changed.score(u) == pytest.approx(frozen[u]["overall"])
    assert outcome.changed.score("乙", "fdi") == pytest.approx(100.0)
    assert {(s.unit, s.node) for s in outcome.shifts()} == moved_pairs(
        expected_scores(DATA), frozen
    )
    # Only 乙's fdi score moved; 丁 moved in rank only (乙 passed it).
    fdi = {s.unit: s for s in outcome.shifts() if s.node == "fdi"}
    assert set(fdi) == {"乙", "丁"}
    assert fdi["丁"].score_change == pytest.approx(0.0)
    assert fdi["丁"].rank_change == -1


def test_unknown_unit_or_leaf_is_refused():
    with pytest.raises(KeyError):
        what_if(two_pillars(), observations(), unit="戊", changes={"days": 2.0})
    with pytest.raises(KeyError):
        what_if(two_pillars(), observations(), unit="乙", changes={"open": 2.0})


# --- best moves ------------------------------------------------------------------------------


def frontier_value(data, leaf):
    if leaf == "days":
        return 1.0
    return max(row[leaf] for row in data.values())


def test_every_move_claims_what_a_real_re_evaluation_gives():
    methodology, obs = two_pillars(), observations()
    base = evaluate(methodology, obs)
    moves = best_moves(methodology, obs, unit="丁", limit=20)
    assert moves
    for move in moves:
        changed = evaluate(
            methodology, obs, overrides={("丁", leaf): to for leaf, (_, to) in move.changes.items()}
        )
        assert move.score_gain == pytest.approx(changed.score("丁") - base.score("丁"))
        assert move.rank_before == base.rank("丁")
        assert move.rank_after == changed.rank("丁")
        assert move.rank_gain == base.rank("丁") - changed.rank("丁")


def test_moves_never_pass_the_frontier():
    moves = best_moves(two_pillars(), observations(), unit="丁", limit=50, max_indicators=3)
    for move in moves:
        for leaf, (before, after) in move.changes.items():
            target = frontier_value(DATA, leaf)
            assert before == DATA["丁"][leaf]
            assert min(before, target) <= after <= max(before, target)
            assert after != before
            assert move.fractions[leaf] in (0.25, 0.5, 1.0)
            assert after == pytest.approx(before + move.fractions[leaf] * (target - before))


def test_a_unit_on_the_frontier_everywhere_has_no_moves():
    data = {**DATA, "甲": {"days": 1.0, "fdi": 12000.0, "talent": 9.0}}
    assert best_moves(two_pillars(), observations(data), unit="甲") == []


def test_efforts_change_the_order():
    methodology, obs = two_pillars(), observations()
    first = best_moves(methodology, obs, unit="丁", max_indicators=1)[0]
    (leaf,) = first.changes
    costly = best_moves(methodology, obs, unit="丁", max_indicators=1, efforts={leaf: 1e6})
    assert leaf not in costly[0].changes
    # Effort is per raw unit of improvement.
    move = next(m for m in costly if leaf in m.changes)
    before, after = move.changes[leaf]
    assert move.effort == pytest.approx(1e6 * abs(after - before))


def test_default_effort_is_the_normalised_points_gained():
    methodology, obs = two_pillars(), observations()
    base = evaluate(methodology, obs)
    for move in best_moves(methodology, obs, unit="丁", max_indicators=1, limit=20):
        ((leaf, (_, after)),) = move.changes.items()
        frozen = evaluate(
            methodology, obs, overrides={("丁", leaf): after}, goalposts=base.goalposts
        )
        assert move.effort == pytest.approx(frozen.score("丁", leaf) - base.score("丁", leaf))


def test_efforts_must_name_leaves():
    with pytest.raises(KeyError):
        best_moves(two_pillars(), observations(), unit="丁", efforts={"open": 1.0})


def flat_methodology():
    """overall = mean(days: sample, lower is better; fdi: sample, higher is better)."""
    return parse_methodology(
        {
            "format": FORMAT,
            "id": "flat",
            "name": "测试",
            "indicators": [
                {
                    "id": "days",
                    "name": "开办企业时间",
                    "unit": "天",
                    "goalposts": {"from": "sample", "better": "lower"},
                },
                {
                    "id": "fdi",
                    "name": "实际使用外资额",
                    "unit": "万美元",
                    "goalposts": {"from": "sample", "better": "higher"},
                },
            ],
        }
    )


FLAT = {
    # days: best 2, worst 8; fdi: best 12000, worst 8000
    "焦点": {"days": 5.0, "fdi": 9422.0},  # 50, 35.55 -> 42.775
    "甲": {"days": 2.0, "fdi": 12000.0},  # 100
    "乙": {"days": 8.0, "fdi": 8000.0},  # 0
    "丙": {"days": 3.5, "fdi": 9400.0},  # 75, 35 -> 55
}


def test_descriptions_follow_the_direction():
    moves = best_moves(
        flat_methodology(), observations(FLAT), unit="焦点", fractions=(1.0,), max_indicators=1
    )
    by_leaf = {next(iter(m.changes)): m for m in moves}
    focus_before = (50.0 + 35.55) / 2
    # days to 2: 100 and 35.55 -> 67.775, above 丙's 55 -> 2nd (was 3rd).
    gain = display_round(67.775, 2) - display_round(focus_before, 2)
    assert by_leaf["days"].description == (
        f"把开办企业时间从5.00天压缩到2.00天：总分 +{gain:.2f}，排名上升 1 位"
    )
    # fdi to 12000: 50 and 100 -> 75, 2nd.
    gain = display_round(75.0, 2) - display_round(focus_before, 2)
    assert by_leaf["fdi"].description == (
        f"把实际使用外资额从9422.00万美元提高到12000.00万美元：总分 +{gain:.2f}，排名上升 1 位"
    )


def test_combined_description_and_unchanged_rank():
    moves = best_moves(
        flat_methodology(), observations(FLAT), unit="焦点", fractions=(0.25,), max_indicators=2
    )
    # A quarter of the way on days: 5 -> 4.25 = 62.5, overall 49.025 < 55: rank unchanged.
    single = next(m for m in moves if list(m.changes) == ["days"])
    assert single.description.startswith("把开办企业时间从5.00天压缩到4.25天：总分 +")
    assert single.description.endswith("，排名不变")
    assert single.rank_gain == 0
    both = [m for m in moves if len(m.changes) == 2]
    for move in both:
        assert move.description.startswith(
            "把开办企业时间从5.00天压缩到4.25天，把实际使用外资额从9422.00万美元提高到"
        )


def test_moves_with_rank_gain_come_first():
    moves = best_moves(flat_methodology(), observations(FLAT), unit="焦点")
    gains = [m.rank_gain / m.effort for m in moves]
    assert gains == sorted(gains, reverse=True)
    assert moves[0].rank_gain > 0


def test_composites_and_their_members_are_refused():
    spec = {
        "format": FORMAT,
        "id": "comp",
        "name": "测试",
        "composites": {"合成": {"甲": 1, "乙": 1}},
        "indicators": [{"id": "a", "name": "指标", "goalposts": {"best": 100, "worst": 0}}],
    }
    methodology = parse_methodology(spec)
    obs = Observations.from_records([("甲", "a", 10.0), ("乙", "a", 20.0), ("丙", "a", 30.0)])
    for unit in ("甲", "合成"):
        with pytest.raises(ValueError):
            best_moves(methodology, obs, unit=unit)
    assert best_moves(methodology, obs, unit="丙")


def test_missing_values_are_skipped():
    records = [(u, leaf, v) for u, row in FLAT.items() for leaf, v in row.items()]
    records = [r for r in records if (r[0], r[1]) != ("焦点", "days")]
    moves = best_moves(flat_methodology(), Observations.from_records(records), unit="焦点")
    assert moves and all(list(m.changes) == ["fdi"] for m in moves)


def nested_methodology():
    """Geometric aggregation with node-level mean imputation: P = geometric(x, y) imputes a
    missing x from the other units; Q = arithmetic(z)."""
    return parse_methodology(
        {
            "format": FORMAT,
            "id": "nested",
            "name": "测试",
            "indicators": [
                {
                    "id": "P",
                    "name": "甲类",
                    "weight": 2,
                    "aggregation": "geometric",
                    "missing": "mean",
                    "children": [
                        {
                            "id": "x",
                            "name": "指标x",
                            "missing": "reweight",
                            "goalposts": {"best": 0, "worst": 10},
                        },
                        {"id": "y", "name": "指标y", "goalposts": {"best": 100, "worst": 0}},
                    ],
                },
                {
                    "id": "Q",
                    "name": "乙类",
                    "aggregation": "harmonic",
                    "children": [
                        {"id": "z", "name": "指标z", "goalposts": {"best": 50, "worst": 0}},
                        {"id": "w", "name": "指标w", "goalposts": {"best": 50, "worst": 0}},
                    ],
                },
            ],
        }
    )


def test_search_predictions_equal_frozen_re_evaluation_for_any_aggregation():
    methodology = nested_methodology()
    rng = np.random.default_rng(3)
    records = []
    for k in range(12):
        for leaf, high in (("x", 10), ("y", 100), ("z", 50), ("w", 50)):
            if (k, leaf) != (0, "x"):
                records.append((f"单位{k:02d}", leaf, float(rng.uniform(0, high))))
    obs = Observations.from_records(records)
    base = evaluate(methodology, obs)
    unit = "单位00"
    assert np.isnan(base.score(unit, "x"))
    search = _Search(base, unit, group_index(obs, base.units))
    singles = _singles(base, base.unit_index(unit), (0.25, 0.5, 1.0), {})
    evaluated = search.run(singles, 2, 4)
    assert len(evaluated) > len(singles)
    for state, gain, rank_after, _ in evaluated.values():
        overrides = {(unit, base.leaves[singles[k].leaf]): singles[k].raw_to for k in state}
        frozen = evaluate(methodology, obs, overrides=overrides, goalposts=base.goalposts)
        assert gain == pytest.approx(frozen.score(unit) - base.score(unit), abs=1e-9)
        assert rank_after == frozen.rank(unit)


def many_units(n_units=1000, n_top=10, per=20):
    indicators = []
    for t in range(n_top):
        leaves = [
            {
                "id": f"l{t}_{k}",
                "name": f"指标{t}_{k}",
                "weight": 1 + k % 3,
                "goalposts": {"from": "sample", "better": "higher" if (t + k) % 2 else "lower"},
            }
            for k in range(per)
        ]
        indicators.append({"id": f"t{t}", "name": f"一级{t}", "children": leaves})
    methodology = parse_methodology(
        {"format": FORMAT, "id": "big", "name": "大", "indicators": indicators}
    )
    rng = np.random.default_rng(0)
    values = rng.uniform(1, 100, size=(n_units, len(methodology.leaves)))
    records = [
        (f"u{i:04d}", leaf, float(values[i, j]))
        for i in range(n_units)
        for j, leaf in enumerate(methodology.leaves)
    ]
    return methodology, Observations.from_records(records)


def test_search_runs_in_seconds_on_1000_units_and_200_leaves():
    methodology, obs = many_units()
    started = time.perf_counter()
    moves = best_moves(methodology, obs, unit="u0500")
    elapsed = time.perf_counter() - started
    assert moves and moves[0].rank_gain > 0
    assert elapsed < 6.0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.floats(1, 30, allow_nan=False),
            st.floats(0, 20000, allow_nan=False),
            st.floats(0, 30, allow_nan=False),
        ),
        min_size=3,
        max_size=8,
    ),
    st.integers(0, 7),
)
def test_the_best_move_never_lowers_the_overall_score(rows, pick):
    data = {f"单位{k}": {"days": d, "fdi": f, "talent": t} for k, (d, f, t) in enumerate(rows)}
    unit = f"单位{pick % len(rows)}"
    methodology, obs = two_pillars(), observations(data)
    moves = best_moves(methodology, obs, unit=unit, limit=3)
    if not moves:
        return
    changes = {leaf: after for leaf, (_, after) in moves[0].changes.items()}
    outcome = what_if(methodology, obs, unit=unit, changes=changes)
    assert outcome.changed.score(unit) >= outcome.base.score(unit) - 1e-9
    assert outcome.changed.rank(unit) <= outcome.base.rank(unit)
