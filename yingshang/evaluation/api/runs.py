"""/api/evaluation/runs: publishing a run, its summary, its title, withdrawing it, its scores."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status

from yingshang.core.evaluation import ROOT, EvaluationResult
from yingshang.evaluation import selectors
from yingshang.evaluation.api.common import LIST_LIMIT, operation_id
from yingshang.evaluation.api.schemas import finite
from yingshang.evaluation.api.schemas.runs import (
    RunIn,
    RunOut,
    RunPatchIn,
    RunSummaryOut,
    ScoreOut,
    ScoresQuery,
)
from yingshang.evaluation.models import EvaluationRun
from yingshang.evaluation.services import delete_run, rename_run, run_evaluation
from yingshang.kernel.access import EVALUATION_WRITERS, require_role
from yingshang.lib.schemas import error_responses

router = Router()


@router.get(
    "/runs",
    response={200: list[RunOut], **error_responses(401, 403)},
    summary="评价结果列表",
    description="本功能区发布的评价，最新在前 (最多 200 条)。",
    operation_id=operation_id("list_runs"),
)
def list_runs(request: HttpRequest) -> QuerySet[EvaluationRun]:
    return selectors.runs_visible_to(request.auth)[:LIST_LIMIT]


@router.post(
    "/runs",
    response={201: RunOut, **error_responses(401, 403, 404, 422)},
    summary="开展评价",
    description=(
        "用评价方法评价指标数据 (及满意度调查数据) 的一期，发布各单位各指标的得分与排名。"
        "数据与方法不符 (未知指标、重复、取对数的指标非正数等) 时 422 逐行列出问题。"
        "仅限营商办与系统管理员。"
    ),
    operation_id=operation_id("add_run"),
)
def add_run(request: HttpRequest, payload: RunIn) -> Status[EvaluationRun]:
    user = request.auth
    # The role first: a leader is refused (403) before the records are looked up (404).
    require_role(user, *EVALUATION_WRITERS)
    methodology = selectors.get_methodology(user=user, methodology_id=payload.methodology_id)
    dataset = selectors.get_dataset(user=user, dataset_id=payload.dataset_id)
    survey = None
    if payload.survey_id is not None:
        survey = selectors.get_dataset(user=user, dataset_id=payload.survey_id)
    run = run_evaluation(
        actor=user,
        zone=dataset.zone,
        methodology=methodology,
        dataset=dataset,
        survey=survey,
        period=payload.period,
        focus_unit=payload.focus_unit,
        title=payload.title,
    )
    return Status(201, selectors.get_run(user=user, run_id=run.pk))


def _node_summaries(result: EvaluationResult) -> list[dict]:
    methodology = result.methodology
    return [
        {
            "node": node,
            "name": methodology.name_of(node),
            "depth": methodology.depth(node),
            "frontier": finite(result.frontier[j]),
            "average": finite(result.average[j]),
        }
        for j, node in enumerate(result.nodes)
    ]


def _ranking(result: EvaluationResult) -> list[dict]:
    column = result.node_index(ROOT)
    rows = []
    for i, unit in enumerate(result.units):
        score = finite(result.scores[i, column])
        rank = int(result.ranks[i, column]) or None
        displayed = None if score is None else result.displayed(score)
        rows.append({"unit": unit, "score": score, "displayed_score": displayed, "rank": rank})
    return sorted(rows, key=lambda r: (r["rank"] is None, r["rank"] or 0, r["unit"]))


@router.get(
    "/runs/{run_id}",
    response={200: RunSummaryOut, **error_responses(401, 403, 404)},
    summary="评价结果概要",
    description="总分排名、各指标的前沿值与平均值，以及各末级指标使用的目标值。",
    operation_id=operation_id("run_summary"),
)
def run_summary(request: HttpRequest, run_id: int) -> dict:
    run = selectors.get_run(user=request.auth, run_id=run_id)
    result = selectors.run_result(run)
    return {
        "run": run,
        "goalposts": run.goalposts,
        "ranking": _ranking(result),
        "nodes": _node_summaries(result),
    }


@router.patch(
    "/runs/{run_id}",
    response={200: RunOut, **error_responses(401, 403, 404, 409, 422)},
    summary="修改评价标题",
    description="传读取时的 version; 若期间他人已修改，返回 409。仅限营商办与系统管理员。",
    operation_id=operation_id("change_run"),
)
def change_run(request: HttpRequest, run_id: int, payload: RunPatchIn) -> EvaluationRun:
    selectors.get_run(user=request.auth, run_id=run_id)  # another zone's run: 404
    rename_run(
        actor=request.auth,
        run_id=run_id,
        expected_version=payload.version,
        title=payload.title,
        reason=payload.reason,
    )
    return selectors.get_run(user=request.auth, run_id=run_id)


@router.delete(
    "/runs/{run_id}",
    response={204: None, **error_responses(401, 403, 404, 409)},
    summary="撤回评价",
    description=(
        "删除一次评价及其得分 (审计日志保留记录); 已被整改方案引用的评价不能撤回 (409)。"
        "仅限营商办与系统管理员。"
    ),
    operation_id=operation_id("remove_run"),
)
def remove_run(request: HttpRequest, run_id: int) -> Status[None]:
    selectors.get_run(user=request.auth, run_id=run_id)  # another zone's run: 404
    delete_run(actor=request.auth, run_id=run_id)
    return Status(204, None)


@router.get(
    "/runs/{run_id}/scores",
    response={200: list[ScoreOut], **error_responses(401, 403, 404)},
    summary="各单位各指标得分 (长表)",
    description="发布的得分与排名，每行一个单位的一个指标；可按单位或指标筛选。",
    operation_id=operation_id("run_scores"),
)
def run_scores(request: HttpRequest, run_id: int, query: Query[ScoresQuery]) -> list[dict]:
    run = selectors.get_run(user=request.auth, run_id=run_id)
    methodology = selectors.run_methodology(run)
    rows = selectors.run_scores(run, unit=query.unit, node=query.node)
    return [
        {
            "unit": row.unit,
            "node": row.node,
            "name": methodology.name_of(row.node) if row.node in methodology.nodes else row.node,
            "score": row.score,
            "rank": row.rank,
            "frontier": run.frontier.get(row.node),
            "average": run.average.get(row.node),
        }
        for row in rows
    ]
