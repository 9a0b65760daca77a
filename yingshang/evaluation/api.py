"""Evaluations over HTTP (/api/evaluation/). Same access rules as the pages.

Office staff and administrators save methodologies, upload data and publish runs; leaders and
department staff read their zone's runs and their analyses; enterprise users and supervisors
get 403; another zone's records are 404.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Query, Router, Status, UploadedFile

from yingshang.core.evaluation import ROOT, EvaluationResult
from yingshang.core.evaluation.diagnosis import standing, standings, weaknesses
from yingshang.core.evaluation.loading import methodology_from_text, preset_names, preset_text
from yingshang.core.evaluation.robustness import Robustness, UncertaintySettings, monte_carlo
from yingshang.core.evaluation.weighting import SCHEME_LABELS, compare_weightings
from yingshang.core.evaluation.whatif import best_moves as search_best_moves
from yingshang.core.evaluation.whatif import what_if as simulate_what_if
from yingshang.evaluation import selectors
from yingshang.evaluation.access import require_evaluation_reader, require_evaluation_writer
from yingshang.evaluation.models import Dataset, EvaluationRun, MethodologyVersion
from yingshang.evaluation.schemas import (
    BestMovesQuery,
    DatasetKindValue,
    DatasetOut,
    MethodologyDetailOut,
    MethodologyIn,
    MethodologyOut,
    MoveOut,
    NodeOut,
    PresetOut,
    RobustnessOut,
    RobustnessQuery,
    RunIn,
    RunOut,
    RunPatchIn,
    RunSummaryOut,
    ScoreOut,
    ScoresQuery,
    StandingsOut,
    UnitQuery,
    WeaknessQuery,
    WeightingsOut,
    WhatIfIn,
    WhatIfOut,
    finite,
)
from yingshang.evaluation.services import (
    delete_run,
    rename_run,
    run_evaluation,
    store_methodology,
    upload_dataset,
)
from yingshang.kernel.access import requested_zone
from yingshang.kernel.models import User, Zone
from yingshang.lib.files import DOCX, XLSX, attachment
from yingshang.lib.schemas import error_responses

router = Router(tags=["营商环境评价"])

LIST_LIMIT = 200


def _zone_for_write(user: User, zone_id: int | None) -> Zone:
    require_evaluation_writer(user)
    return requested_zone(user, zone_id)


def _unit_of(run: EvaluationRun, result: EvaluationResult, unit: str) -> str:
    chosen = unit or run.focus_unit
    if not chosen:
        raise ValidationError({"unit": ["请指定参评单位 (本次评价未识别出本区)"]})
    if chosen not in result.units:
        raise ValidationError({"unit": [f"本次评价中没有参评单位 {chosen}"]})
    return chosen


# --- methodologies ---------------------------------------------------------------------------


@router.get(
    "/presets",
    response={200: list[PresetOut], **error_responses(401, 403)},
    summary="预置评价方法",
    description="平台自带的评价方法, 创建评价方法时以 preset 引用。",
)
def list_presets(request: HttpRequest) -> list[dict]:
    require_evaluation_reader(request.auth)
    presets = []
    for name in preset_names():
        methodology = methodology_from_text(preset_text(name))
        presets.append({"name": name, "title": methodology.name, "version": methodology.version})
    return presets


@router.get(
    "/methodologies",
    response={200: list[MethodologyOut], **error_responses(401, 403)},
    summary="评价方法列表",
    description="本功能区保存的评价方法和共用的预置方法, 最新在前 (最多 200 条)。",
)
def list_methodologies(request: HttpRequest) -> QuerySet[MethodologyVersion]:
    return selectors.methodologies_visible_to(request.auth)[:LIST_LIMIT]


@router.get(
    "/methodologies/{methodology_id}",
    response={200: MethodologyDetailOut, **error_responses(401, 403, 404)},
    summary="评价方法详情",
    description="含原样保存的 YAML 文本和指标树 (各指标的权重及占总分的比重)。",
)
def methodology_detail(request: HttpRequest, methodology_id: int) -> dict:
    version = selectors.get_methodology(user=request.auth, methodology_id=methodology_id)
    methodology = selectors.methodology_of(version)
    nodes = [
        NodeOut(
            id=node.id,
            name=node.name,
            parent=node.parent,
            depth=methodology.depth(node.id),
            weight=node.weight,
            path_weight=methodology.path_weight(node.id),
            is_leaf=node.is_leaf,
            unit=node.unit,
        )
        for node in methodology.nodes.values()
    ]
    return {
        "methodology": version,
        "source_text": version.source_text,
        "description": methodology.description,
        "nodes": nodes,
    }


@router.post(
    "/methodologies",
    response={200: MethodologyOut, 201: MethodologyOut, **error_responses(401, 403, 422)},
    summary="保存评价方法",
    description=(
        "提交 YAML 文本 (text) 或预置方法名 (preset) 之一。文本原样保存, 评价结果永不漂移; "
        "同一文本再次保存返回已有记录 (200), 新保存返回 201。方法有误时 422 列出每处问题。"
        "仅限营商办与系统管理员。"
    ),
)
def create_methodology(request: HttpRequest, payload: MethodologyIn) -> Status[MethodologyVersion]:
    zone = _zone_for_write(request.auth, payload.zone_id)
    version, created = store_methodology(
        actor=request.auth, zone=zone, text=payload.text, preset=payload.preset
    )
    return Status(201 if created else 200, version)


# --- datasets --------------------------------------------------------------------------------


@router.get(
    "/datasets",
    response={200: list[DatasetOut], **error_responses(401, 403)},
    summary="评价数据列表",
    description="本功能区上传的指标数据和满意度调查数据, 最新在前 (最多 200 条)。",
)
def list_datasets(request: HttpRequest) -> QuerySet[Dataset]:
    return selectors.datasets_visible_to(request.auth)[:LIST_LIMIT]


@router.get(
    "/datasets/{dataset_id}",
    response={200: DatasetOut, **error_responses(401, 403, 404)},
    summary="评价数据详情",
)
def dataset_detail(request: HttpRequest, dataset_id: int) -> Dataset:
    return selectors.get_dataset(user=request.auth, dataset_id=dataset_id)


@router.post(
    "/datasets",
    response={201: DatasetOut, **error_responses(401, 403, 422)},
    summary="上传评价数据",
    description=(
        "multipart/form-data 上传 CSV (UTF-8 或 GB18030) 或 Excel (.xlsx, 第一个工作表) 文件, "
        "长表格式: 列 unit/单位, indicator/指标, value/数值, 可选 period/期间, group/分组。"
        "任何一行有误则整份文件不保存, 422 的 errors.file 逐行列出问题 (表头为第 1 行)。"
        "仅限营商办与系统管理员。"
    ),
)
def add_dataset(
    request: HttpRequest,
    file: File[UploadedFile],
    name: Form[str] = "",
    kind: Form[DatasetKindValue] = "indicators",
    zone_id: Form[int | None] = None,
) -> Status[Dataset]:
    zone = _zone_for_write(request.auth, zone_id)
    dataset = upload_dataset(
        actor=request.auth, zone=zone, name=name, uploaded_file=file, kind=kind
    )
    return Status(201, dataset)


# --- runs ------------------------------------------------------------------------------------


@router.get(
    "/runs",
    response={200: list[RunOut], **error_responses(401, 403)},
    summary="评价结果列表",
    description="本功能区发布的评价, 最新在前 (最多 200 条)。",
)
def list_runs(request: HttpRequest) -> QuerySet[EvaluationRun]:
    return selectors.runs_visible_to(request.auth)[:LIST_LIMIT]


@router.post(
    "/runs",
    response={201: RunOut, **error_responses(401, 403, 404, 422)},
    summary="开展评价",
    description=(
        "用评价方法评价指标数据 (及满意度调查数据) 的一期, 发布各单位各指标的得分与排名。"
        "数据与方法不符 (未知指标、重复、取对数的指标非正数等) 时 422 逐行列出问题。"
        "仅限营商办与系统管理员。"
    ),
)
def add_run(request: HttpRequest, payload: RunIn) -> Status[EvaluationRun]:
    user = request.auth
    require_evaluation_writer(user)
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
    description="总分排名、各指标的前沿值与平均值, 以及各末级指标使用的目标值。",
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
    description="传读取时的 version; 若期间他人已修改, 返回 409。仅限营商办与系统管理员。",
)
def change_run(request: HttpRequest, run_id: int, payload: RunPatchIn) -> EvaluationRun:
    selectors.get_run(user=request.auth, run_id=run_id)
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
    response={204: None, **error_responses(401, 403, 404)},
    summary="撤回评价",
    description="删除一次评价及其得分 (审计日志保留记录)。仅限营商办与系统管理员。",
)
def remove_run(request: HttpRequest, run_id: int) -> Status[None]:
    selectors.get_run(user=request.auth, run_id=run_id)
    delete_run(actor=request.auth, run_id=run_id)
    return Status(204, None)


@router.get(
    "/runs/{run_id}/scores",
    response={200: list[ScoreOut], **error_responses(401, 403, 404)},
    summary="各单位各指标得分 (长表)",
    description="发布的得分与排名, 每行一个单位的一个指标; 可按单位或指标筛选。",
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


# --- analyses of a run -----------------------------------------------------------------------


def _standings(run: EvaluationRun, unit: str, pick: Callable) -> dict:
    result = selectors.run_result(run)
    chosen = _unit_of(run, result, unit)
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
    description="失分最多 (by=weighted_gap) 或排名最靠后 (by=rank) 的指标, 已在前沿的指标不列。",
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
        "假设某单位若干末级指标的原始值改为给定数值, 重新评价并返回该单位得分与排名的变化。"
        "不修改任何数据。"
    ),
)
def what_if(request: HttpRequest, run_id: int, payload: WhatIfIn) -> dict:
    run = selectors.get_run(user=request.auth, run_id=run_id)
    result = selectors.run_result(run)
    unit = _unit_of(run, result, payload.unit)
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
    description="搜索改进一至三项末级指标的方案, 按名次上升和总分提高排序, 并给出改进难度。",
)
def best_moves(request: HttpRequest, run_id: int, query: Query[BestMovesQuery]) -> list[dict]:
    run = selectors.get_run(user=request.auth, run_id=run_id)
    result = selectors.run_result(run)
    unit = _unit_of(run, result, query.unit)
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
        "随机扰动权重、标准化方法、加总方法并轮流剔除一项指标, 重复评价 runs 次 (最多 2000), "
        "给出各单位排名的中位数与 5%-95% 区间, 以及各项假设对排名的影响。"
    ),
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


# --- reports ---------------------------------------------------------------------------------


def _report(request: HttpRequest, run_id: int, unit: str, kind: str) -> HttpResponse:
    # Imported on use: the report builders load python-docx and matplotlib.
    from yingshang.evaluation.reports import build_docx, build_xlsx

    run = selectors.get_run(user=request.auth, run_id=run_id)
    result = selectors.run_result(run)
    chosen = _unit_of(run, result, unit)
    build, content_type = (build_docx, DOCX) if kind == "docx" else (build_xlsx, XLSX)
    content = build(
        result=result,
        unit=chosen,
        previous=selectors.previous_result(run),
        trend=selectors.trend_results(run),
        zone_name=run.zone.name,
        title=run.title,
    )
    return attachment(content, f"{run.title}-{chosen}.{kind}", content_type)


@router.get(
    "/runs/{run_id}/report.docx",
    response={200: None, **error_responses(401, 403, 404, 422)},
    summary="下载评价报告 (Word)",
    description="按评价报告的格式生成一个参评单位 (默认本区) 的中文评价报告。",
    openapi_extra={"responses": {200: {"description": "Word 文件", "content": {DOCX: {}}}}},
)
def report_docx(request: HttpRequest, run_id: int, query: Query[UnitQuery]) -> HttpResponse:
    return _report(request, run_id, query.unit, "docx")


@router.get(
    "/runs/{run_id}/report.xlsx",
    response={200: None, **error_responses(401, 403, 404, 422)},
    summary="下载评价结果 (Excel)",
    description="一个参评单位 (默认本区) 的评价结果工作簿, 含各级得分、排名与差距。",
    openapi_extra={"responses": {200: {"description": "Excel 文件", "content": {XLSX: {}}}}},
)
def report_xlsx(request: HttpRequest, run_id: int, query: Query[UnitQuery]) -> HttpResponse:
    return _report(request, run_id, query.unit, "xlsx")
