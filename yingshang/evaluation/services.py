"""Writes of the evaluation module: check, then do, then record the audit event.

Uploads and runs are all-or-nothing: a file with any bad row stores nothing and reports every
bad row; a run whose data do not fit its methodology is not published.
"""

import io
from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from yingshang.audit.services import record_event, snapshot
from yingshang.core.evaluation import (
    DataError,
    EvaluationResult,
    Methodology,
    MethodologyError,
    Observations,
    RowProblem,
    check_against,
    evaluate,
)
from yingshang.core.evaluation.loading import methodology_from_text, preset_text
from yingshang.evaluation.access import require_evaluation_writer
from yingshang.evaluation.models import (
    INDICATOR_MAX_LENGTH,
    PERIOD_MAX_LENGTH,
    UNIT_MAX_LENGTH,
    Dataset,
    DatasetKind,
    EvaluationRun,
    MethodologyVersion,
    Observation,
    UnitScore,
)
from yingshang.evaluation.selectors import (
    combined_observations,
    dataset_observations,
    finite_or_none,
    methodology_of,
)
from yingshang.kernel.models import User, Zone
from yingshang.kernel.versioning import bump_version, check_version

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
TOO_LARGE = f"文件过大 (不超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB)"
BAD_KIND = "数据类型应为 指标数据 (indicators) 或 满意度调查 (survey)"
MAX_METHODOLOGY_CHARS = 1_000_000
BATCH_SIZE = 5_000
# Row problems listed one by one; past this the rest are counted.
MAX_LISTED_PROBLEMS = 500

VERB_METHODOLOGY_SAVED = "evaluation.methodology_saved"
VERB_DATASET_UPLOADED = "evaluation.dataset_uploaded"
VERB_RUN_CREATED = "evaluation.run_created"
VERB_RUN_UPDATED = "evaluation.run_updated"
VERB_RUN_DELETED = "evaluation.run_deleted"


class DataRejected(ValidationError):
    """A data file (or data that do not fit a methodology): `problems` lists every bad row."""

    def __init__(self, problems: list[RowProblem], *, field: str = "file", source: str = ""):
        self.problems = list(problems)
        self.source = source
        listed = [str(p) for p in self.problems[:MAX_LISTED_PROBLEMS]]
        if len(self.problems) > MAX_LISTED_PROBLEMS:
            listed.append(f"……另有 {len(self.problems) - MAX_LISTED_PROBLEMS} 处问题")
        prefix = f"{source}：" if source else ""
        super().__init__({field: [prefix + line for line in listed]})


def _methodology_rejected(exc: MethodologyError, field: str) -> ValidationError:
    return ValidationError({field: list(exc.problems) or [str(exc)]})


# --- methodologies ---------------------------------------------------------------------------


def _methodology_text(text: str | None, preset: str | None) -> str:
    if bool(text and text.strip()) == bool(preset):
        raise ValidationError("请提供评价方法文本或选择一个预置方法 (二者选一)")
    if preset:
        try:
            return preset_text(preset)
        except MethodologyError as exc:
            raise _methodology_rejected(exc, "preset") from exc
    assert text is not None
    if len(text) > MAX_METHODOLOGY_CHARS:
        raise ValidationError({"text": [f"评价方法文本过长 (不超过 {MAX_METHODOLOGY_CHARS} 字符)"]})
    return text


def save_methodology(
    *, actor: User, zone: Zone, text: str | None = None, preset: str | None = None
) -> MethodologyVersion:
    """Store a methodology's exact text; the same text saved again returns the stored row.

    A preset is stored once for every zone (zone = None); a zone's own text belongs to it.
    """
    version, _created = store_methodology(actor=actor, zone=zone, text=text, preset=preset)
    return version


def store_methodology(
    *, actor: User, zone: Zone, text: str | None = None, preset: str | None = None
) -> tuple[MethodologyVersion, bool]:
    """As `save_methodology`, also saying whether the text was new (True) or already stored."""
    require_evaluation_writer(actor, zone)
    source = _methodology_text(text, preset)
    try:
        methodology = methodology_from_text(source, source=f"预置方法 {preset}" if preset else "")
    except MethodologyError as exc:
        raise _methodology_rejected(exc, "preset" if preset else "text") from exc
    owner = None if preset else zone
    lookup = {"zone": owner, "code": methodology.id, "digest": methodology.digest}
    existing = MethodologyVersion.objects.filter(**lookup).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            version = MethodologyVersion.objects.create(
                **lookup,
                name=methodology.name,
                version=methodology.version,
                source_text=source,
                is_preset=bool(preset),
                preset=preset or "",
                created_by=actor,
            )
            record_event(
                actor=actor,
                verb=VERB_METHODOLOGY_SAVED,
                obj=version,
                zone=zone,
                after=snapshot(version, ["code", "name", "version", "digest", "preset"]),
            )
    except IntegrityError:
        # Saved by someone else at the same moment: theirs is the same text.
        return MethodologyVersion.objects.get(**lookup), False
    return version, True


# --- datasets --------------------------------------------------------------------------------


def _read_upload(uploaded_file: Any) -> bytes:
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {"file": [f"文件过大 (不超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB)"]}
        )
    content = uploaded_file.read()
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {"file": [f"文件过大 (不超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB)"]}
        )
    if not content:
        raise ValidationError({"file": ["文件为空"]})
    return content


def _too_long(observations: Observations) -> list[RowProblem]:
    """Values longer than the database columns, reported like any other bad row."""
    limits = (
        ("unit", observations.unit, UNIT_MAX_LENGTH),
        ("indicator", observations.indicator, INDICATOR_MAX_LENGTH),
        ("period", observations.period, PERIOD_MAX_LENGTH),
    )
    problems = []
    for column, values, limit in limits:
        for text, row in zip(values.tolist(), observations.row.tolist(), strict=True):
            if len(text) > limit:
                problems.append(RowProblem(row, column, f"内容过长 (不超过 {limit} 个字符)"))
    return sorted(problems, key=lambda p: p.row)


def parse_upload(content: bytes, filename: str) -> Observations:
    """The file's observations; DataRejected listing every bad row."""
    from yingshang.core.evaluation.reading import read_observations

    try:
        observations = read_observations(io.BytesIO(content), filename=filename)
    except DataError as exc:
        raise DataRejected(exc.problems) from exc
    if len(observations) == 0:
        raise ValidationError({"file": ["文件中没有数据行"]})
    problems = _too_long(observations)
    if problems:
        raise DataRejected(problems)
    return observations


def _observation_rows(dataset: Dataset, observations: Observations) -> Iterator[Observation]:
    for unit, indicator, period, value, row in zip(
        observations.unit.tolist(),
        observations.indicator.tolist(),
        observations.period.tolist(),
        observations.value.tolist(),
        observations.row.tolist(),
        strict=True,
    ):
        yield Observation(
            dataset=dataset, unit=unit, indicator=indicator, period=period, value=value, row=row
        )


def _bulk_create(model: type, objects: Iterable) -> None:
    batch: list = []
    for obj in objects:
        batch.append(obj)
        if len(batch) >= BATCH_SIZE:
            model.objects.bulk_create(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)


def upload_dataset(
    *,
    actor: User,
    zone: Zone,
    name: str,
    uploaded_file: Any,
    kind: str = DatasetKind.INDICATORS,
) -> Dataset:
    """Store an uploaded CSV or Excel file's values; a file with any bad row stores nothing."""
    require_evaluation_writer(actor, zone)
    if kind not in DatasetKind.values:
        raise ValidationError(
            {"kind": ["数据类型应为 指标数据 (indicators) 或 满意度调查 (survey)"]}
        )
    filename = PurePath(getattr(uploaded_file, "name", "") or "").name
    label = (name or "").strip() or PurePath(filename).stem
    if not label:
        raise ValidationError({"name": ["请填写数据名称"]})
    if len(label) > 200:
        raise ValidationError({"name": ["名称不超过 200 个字符"]})
    # Parsed before the transaction: reading a large file need not hold the write lock.
    observations = parse_upload(_read_upload(uploaded_file), filename)
    with transaction.atomic():
        dataset = Dataset.objects.create(
            zone=zone,
            name=label,
            kind=kind,
            filename=filename[:255],
            periods=list(observations.periods),
            groups=dict(observations.groups),
            unit_count=len(observations.units),
            row_count=len(observations),
            uploaded_by=actor,
        )
        _bulk_create(Observation, _observation_rows(dataset, observations))
        record_event(
            actor=actor,
            verb=VERB_DATASET_UPLOADED,
            obj=dataset,
            after=snapshot(
                dataset, ["name", "kind", "filename", "periods", "unit_count", "row_count"]
            ),
        )
    return dataset


# --- runs ------------------------------------------------------------------------------------


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
    require_evaluation_writer(actor, zone)
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
            title=label[:200],
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
        _bulk_create(UnitScore, _score_rows(run, result))
        record_event(
            actor=actor,
            verb=VERB_RUN_CREATED,
            obj=run,
            after=snapshot(
                run,
                ["title", "methodology", "dataset", "survey", "period", "focus_unit", "unit_count"],
            ),
        )
    return run


def _locked_run(run_id: int) -> EvaluationRun:
    return EvaluationRun.objects.select_for_update().select_related("zone").get(pk=run_id)


@transaction.atomic
def rename_run(
    *, actor: User, run_id: int, expected_version: int, title: str, reason: str = ""
) -> EvaluationRun:
    """Change a run's title if nobody changed it since `expected_version`."""
    run = _locked_run(run_id)
    require_evaluation_writer(actor, run.zone)
    check_version(run, expected_version, noun="该评价")
    label = (title or "").strip()
    if not label or len(label) > 200:
        raise ValidationError({"title": ["标题不能为空, 且不超过 200 个字符"]})
    if label == run.title:
        return run
    before = {"title": run.title}
    run.title = label
    bump_version(run)
    run.save(update_fields=["title", "version"])
    record_event(
        actor=actor,
        verb=VERB_RUN_UPDATED,
        obj=run,
        before=before,
        after={"title": label},
        reason=reason,
    )
    return run


@transaction.atomic
def delete_run(*, actor: User, run_id: int, reason: str = "") -> None:
    """Withdraw a published run with its scores; the audit event keeps what it was."""
    run = _locked_run(run_id)
    require_evaluation_writer(actor, run.zone)
    record_event(
        actor=actor,
        verb=VERB_RUN_DELETED,
        obj=run,
        before=snapshot(run, ["title", "methodology", "dataset", "survey", "period", "focus_unit"]),
        reason=reason,
    )
    run.delete()
