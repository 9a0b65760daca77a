"""/api/evaluation/runs/{id}/…: analyses of a published run. They read the run and compute;
nothing is stored.

Standings and weaknesses of one unit, the what-if of new raw values, the best moves, the
robustness of the ranking (Monte Carlo) and the alternative weightings.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router

from yingshang.core.evaluation import EvaluationResult
from yingshang.core.evaluation.diagnosis import standing, standings, weaknesses
from yingshang.core.evaluation.robustness import Robustness, UncertaintySettings, monte_carlo
from yingshang.core.evaluation.weighting import SCHEME_LABELS, compare_weightings
from yingshang.core.evaluation.whatif import best_moves as search_best_moves
from yingshang.core.evaluation.whatif import what_if as simulate_what_if
from yingshang.evaluation import selectors
from yingshang.evaluation.api.common import operation_id, unit_of
from yingshang.evaluation.api.schemas import finite
from yingshang.evaluation.api.schemas.analysis import (
    BestMovesQuery,
    MoveOut,
    RobustnessOut,
    RobustnessQuery,
    StandingsOut,
    WeaknessQuery,
    WeightingsOut,
    WhatIfIn,
    WhatIfOut,
)
from yingshang.evaluation.api.schemas.runs import UnitQuery
from yingshang.evaluation.models import EvaluationRun
from yingshang.lib.schemas import error_responses

router = Router()


def _standings(run: EvaluationRun, unit: str, pick: Callable) -> dict:
    result = selectors.run_result(run)
    chosen = unit_of(run, result, unit)
    previous = selectors.previous_result(run)
    if previous is not None and chosen not in previous.units:
        previous = None
    return {
        "unit": chosen,
        "period": run.period,
        "previous_period": previous.period if previous is not None else None,
        "items": pick(result, chosen, previous),
    }


@router.get(
    "/runs/{run_id}/standings",
    response={200: StandingsOut, **error_responses(401, 403, 404, 422)},
    summary="单位各指标得分、排名与差距",
    description="一个参评单位在每个指标上的得分、排名、较前沿值与平均值的差距和较上期的变化。",
    operation_id=operation_id("unit_standings"),
)
def unit_standings(request: HttpRequest, run_id: int, query: Query[UnitQuery]) -> dict:
    run = selectors.get_run(user=request.auth, run_id=run_id)
    return _standings(
        run, query.unit, lambda result, unit, prev: standings(result, unit, previous=prev)
    )


@router.get(
    "/runs/{run_id}/weaknesses",
    response={200: StandingsOut, **error_responses(401, 403, 404, 422)},
    summary="短板弱项",
    description="失分最多 (by=weighted_gap) 或排名最靠后 (by=rank) 的指标，已在前沿的指标不列。",
    operation_id=operation_id("unit_weaknesses"),
)
def unit_weaknesses(request: HttpRequest, run_id: int, query: Query[WeaknessQuery]) -> dict:
    run = selectors.get_run(user=request.auth, run_id=run_id)

    def pick(result: EvaluationResult, unit: str, prev: EvaluationResult | None) -> list:
        rows = weaknesses(
            result, unit, by=query.by, leaves_only=query.leaves_only, limit=query.limit
        )
        # The list itself ignores the previous period; each row gets its change added.
        return [standing(result, unit, row.node, previous=prev) for row in rows]

    return _standings(run, query.unit, pick)


@router.post(
    "/runs/{run_id}/what-if",
    response={200: WhatIfOut, **error_responses(401, 403, 404, 422)},
    summary="假设分析",
    description=(
        "假设某单位若干末级指标的原始值改为给定数值，重新评价并返回该单位得分与排名的变化。"
        "不修改任何数据。"
    ),
    operation_id=operation_id("what_if"),
)
def what_if(request: HttpRequest, run_id: int, payload: WhatIfIn) -> dict:
    run = selectors.get_run(user=request.auth, run_id=run_id)
    result = selectors.run_result(run)
    unit = unit_of(run, result, payload.unit)
    unknown = sorted(set(payload.changes) - set(result.leaves))
    if unknown:
        raise ValidationError({"changes": [f"没有末级指标 {leaf}" for leaf in unknown]})
    outcome = simulate_what_if(
        selectors.run_methodology(run),
        selectors.run_observations(run),
        unit=unit,
        changes=payload.changes,
        period=run.period,
        freeze_goalposts=payload.freeze_goalposts,
        base=result,
    )
    before, after = outcome.base, outcome.changed
    return {
        "unit": unit,
        "changes": dict(payload.changes),
        "overall_before": finite(before.score(unit)),
        "overall_after": finite(after.score(unit)),
        "rank_before": before.rank(unit) or None,
        "rank_after": after.rank(unit) or None,
        "shifts": outcome.shifts(unit=unit),
    }


@router.get(
    "/runs/{run_id}/best-moves",
    response={200: list[MoveOut], **error_responses(401, 403, 404, 422)},
    summary="最优改进方案",
    description="搜索改进一至三项末级指标的方案，按名次上升和总分提高排序，并给出改进难度。",
    operation_id=operation_id("best_moves"),
)
def best_moves(request: HttpRequest, run_id: int, query: Query[BestMovesQuery]) -> list[dict]:
    run = selectors.get_run(user=request.auth, run_id=run_id)
    result = selectors.run_result(run)
    unit = unit_of(run, result, query.unit)
    methodology = selectors.run_methodology(run)
    moves = search_best_moves(
        methodology,
        selectors.run_observations(run),
        unit=unit,
        period=run.period,
        max_indicators=query.max_indicators,
        limit=query.limit,
    )
    return [
        {
            "changes": [
                {
                    "indicator": leaf,
                    "name": methodology.name_of(leaf),
                    "from_value": before,
                    "to_value": after,
                }
                for leaf, (before, after) in move.changes.items()
            ],
            "score_gain": move.score_gain,
            "rank_before": move.rank_before,
            "rank_after": move.rank_after,
            "rank_gain": move.rank_gain,
            "effort": move.effort,
            "description": move.description,
        }
        for move in moves
    ]


def _rank_or_none(value: float) -> float | None:
    number = finite(value)
    return None if number is None or number <= 0 else number


@router.get(
    "/runs/{run_id}/robustness",
    response={200: RobustnessOut, **error_responses(401, 403, 404, 422)},
    summary="排名稳健性 (蒙特卡洛)",
    description=(
        "随机扰动权重、标准化方法、加总方法并轮流剔除一项指标，重复评价 runs 次 (最多 2000), "
        "给出各单位排名的中位数与 5%-95% 区间，以及各项假设对排名的影响。"
    ),
    operation_id=operation_id("robustness"),
)
def robustness(request: HttpRequest, run_id: int, query: Query[RobustnessQuery]) -> dict:
    run = selectors.get_run(user=request.auth, run_id=run_id)
    outcome = monte_carlo(
        selectors.run_result(run), UncertaintySettings(runs=query.runs, seed=query.seed)
    )
    units = [
        {
            "unit": unit,
            "nominal_rank": int(outcome.nominal_rank[i]) or None,
            "median_rank": _rank_or_none(outcome.median_rank[i]),
            "rank_p05": _rank_or_none(outcome.rank_p05[i]),
            "rank_p95": _rank_or_none(outcome.rank_p95[i]),
        }
        for i, unit in enumerate(outcome.units)
    ]
    labels = Robustness.SENSITIVITY_LABELS
    sensitivity = [
        {"assumption": key, "label": labels.get(key, key), "index": finite(value)}
        for key, value in outcome.sensitivity.items()
    ]
    return {"runs": outcome.runs, "units": units, "sensitivity": sensitivity}


@router.get(
    "/runs/{run_id}/weightings",
    response={200: WeightingsOut, **error_responses(401, 403, 404)},
    summary="不同赋权方法的比较",
    description="按方法设定权重、等权、熵权法、CRITIC 与主成分分析分别计算总分与排名。",
    operation_id=operation_id("weightings"),
)
def weightings(request: HttpRequest, run_id: int) -> dict:
    run = selectors.get_run(user=request.auth, run_id=run_id)
    comparison = compare_weightings(selectors.run_result(run))
    schemes = list(comparison.schemes)
    units = []
    for i, unit in enumerate(comparison.units):
        units.append(
            {
                "unit": unit,
                "scores": {s: finite(comparison.overall[i, k]) for k, s in enumerate(schemes)},
                "ranks": {s: int(comparison.ranks[i, k]) or None for k, s in enumerate(schemes)},
            }
        )
    return {
        "schemes": [{"scheme": s, "label": SCHEME_LABELS.get(s, s)} for s in schemes],
        "units": units,
    }
