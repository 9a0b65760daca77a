"""Publishing a run (the scores and ranks of one period), renaming it and withdrawing it."""

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from yingshang.core.evaluation import (
    DataError,
    EvaluationResult,
    Methodology,
    check_against,
    evaluate,
)
from yingshang.evaluation import events
from yingshang.evaluation.models import (
    Dataset,
    DatasetKind,
    EvaluationRun,
    MethodologyVersion,
    UnitScore,
)
from yingshang.evaluation.selectors import (
    combined_observations,
    dataset_observations,
    finite_or_none,
    methodology_of,
)
from yingshang.evaluation.services.common import DataRejected, bulk_create, require_writer
from yingshang.kernel.models import User, Zone
from yingshang.kernel.versioning import ConflictError, bump_version, check_version

TITLE_MAX_LENGTH = 200


def _check_inputs(
    zone: Zone, methodology: MethodologyVersion, dataset: Dataset, survey: Dataset | None
) -> None:
    errors: dict[str, list[str]] = {}
    if methodology.zone_id not in (None, zone.pk):
        errors["methodology"] = ["评价方法不属于本功能区"]
    if dataset.zone_id != zone.pk:
        errors["dataset"] = ["指标数据不属于本功能区"]
    elif dataset.kind != DatasetKind.INDICATORS:
        errors["dataset"] = ["请选择指标数据 (而不是满意度调查)"]
    if survey is not None:
        if survey.zone_id != zone.pk:
            errors["survey"] = ["满意度调查数据不属于本功能区"]
        elif survey.kind != DatasetKind.SURVEY:
            errors["survey"] = ["请选择满意度调查数据"]
    if errors:
        raise ValidationError(errors)


def _chosen_period(dataset: Dataset, period: str | None) -> str:
    periods = sorted(dataset.periods or [""])
    if period is None or period == "":
        return periods[-1]
    if period not in periods:
        listed = "、".join(p for p in periods if p) or "无"
        raise ValidationError({"period": [f"数据中没有期间 {period} (可选: {listed})"]})
    return period


def _check_data(methodology: Methodology, dataset: Dataset, survey: Dataset | None) -> None:
    checks = [("dataset", dataset)] + ([("survey", survey)] if survey is not None else [])
    for field, data in checks:
        try:
            check_against(methodology, dataset_observations(data), source=data.name)
        except DataError as exc:
            raise DataRejected(exc.problems, field=field, source=data.name) from exc


def _focus_unit(zone: Zone, result: EvaluationResult, focus_unit: str | None) -> str:
    """The hosted zone's label in the data: as given, else its name or code if present."""
    if focus_unit:
        if focus_unit not in result.units:
            raise ValidationError({"focus_unit": [f"参评单位中没有 {focus_unit}"]})
        return focus_unit
    for label in (zone.name, zone.code):
        if label in result.units:
            return label
    return ""


def _default_title(methodology: Methodology, period: str) -> str:
    return f"{methodology.name}（{period}）" if period else methodology.name


def _json_by_node(result: EvaluationResult, values: Any) -> dict[str, float | None]:
    return {node: finite_or_none(float(values[j])) for j, node in enumerate(result.nodes)}


def _score_rows(run: EvaluationRun, result: EvaluationResult) -> Iterator[UnitScore]:
    for unit, node, score, rank, _frontier, _average in result.long_rows():
        yield UnitScore(run=run, unit=unit, node=node, score=score, rank=rank)


def run_evaluation(
    *,
    actor: User,
    zone: Zone,
    methodology: MethodologyVersion,
    dataset: Dataset,
    survey: Dataset | None = None,
    period: str | None = None,
    focus_unit: str | None = None,
    title: str = "",
) -> EvaluationRun:
    """Evaluate a period of the data (default: the latest) and publish the scores and ranks."""
    require_writer(actor, zone)
    _check_inputs(zone, methodology, dataset, survey)
    chosen = _chosen_period(dataset, period)
    core_methodology = methodology_of(methodology)
    _check_data(core_methodology, dataset, survey)
    result = evaluate(core_methodology, combined_observations(dataset, survey), period=chosen)
    if not result.units:
        raise ValidationError({"period": [f"期间 {chosen or '(未分期)'} 没有数据"]})
    label = (title or "").strip() or _default_title(core_methodology, chosen)
    with transaction.atomic():
        run = EvaluationRun.objects.create(
            zone=zone,
            title=label[:TITLE_MAX_LENGTH],
            methodology=methodology,
            dataset=dataset,
            survey=survey,
            period=chosen,
            focus_unit=_focus_unit(zone, result, focus_unit),
            unit_count=len(result.units),
            ranked_count=result.ranked_count,
            goalposts=result.goalposts_used(),
            frontier=_json_by_node(result, result.frontier),
            average=_json_by_node(result, result.average),
            created_by=actor,
        )
        bulk_create(UnitScore, _score_rows(run, result))
        events.run_published(actor=actor, run=run)
    return run


def _locked_run(run_id: int) -> EvaluationRun:
    return EvaluationRun.objects.select_for_update().select_related("zone").get(pk=run_id)


@transaction.atomic
def rename_run(
    *, actor: User, run_id: int, expected_version: int, title: str, reason: str = ""
) -> EvaluationRun:
    """Change a run's title if nobody changed it since `expected_version`."""
    run = _locked_run(run_id)
    require_writer(actor, run.zone)
    check_version(run, expected_version, noun="该评价")
    label = (title or "").strip()
    if not label or len(label) > TITLE_MAX_LENGTH:
        raise ValidationError({"title": [f"标题不能为空，且不超过 {TITLE_MAX_LENGTH} 个字符"]})
    if label == run.title:
        return run
    before = run.title
    run.title = label
    bump_version(run)
    run.save(update_fields=["title", "version"])
    events.run_renamed(actor=actor, run=run, before=before, reason=reason)
    return run


@transaction.atomic
def delete_run(*, actor: User, run_id: int, reason: str = "") -> None:
    """Withdraw a published run with its scores; the audit event keeps what it was."""
    run = _locked_run(run_id)
    require_writer(actor, run.zone)
    events.run_withdrawn(actor=actor, run=run, reason=reason)
    try:
        with transaction.atomic():
            run.delete()
    except ProtectedError as exc:
        # A rectification plan drafted from the run keeps its figures; the run must stay.
        raise ConflictError("该评价结果已被整改方案引用，不能撤回") from exc
