"""Uploading a data file: every row checked first, then all stored or none."""

import io
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from yingshang.core.evaluation import DataError, Observations, RowProblem
from yingshang.evaluation import events
from yingshang.evaluation.models import (
    INDICATOR_MAX_LENGTH,
    PERIOD_MAX_LENGTH,
    UNIT_MAX_LENGTH,
    Dataset,
    DatasetKind,
    Observation,
)
from yingshang.evaluation.services.common import DataRejected, bulk_create, require_writer
from yingshang.kernel.models import User, Zone

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
TOO_LARGE = f"文件过大 (不超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB)"
BAD_KIND = "数据类型应为 指标数据 (indicators) 或 满意度调查 (survey)"
NAME_MAX_LENGTH = 200


def _read_upload(uploaded_file: Any) -> bytes:
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": [TOO_LARGE]})
    content = uploaded_file.read()
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": [TOO_LARGE]})
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
    from yingshang.core.evaluation.limits import FileLimits
    from yingshang.core.evaluation.reading import read_observations

    limits = FileLimits(
        max_rows=settings.YINGSHANG_IMPORT_MAX_ROWS,
        max_columns=settings.YINGSHANG_IMPORT_MAX_COLUMNS,
        max_cell_chars=settings.YINGSHANG_IMPORT_MAX_CELL_CHARS,
        max_unzipped_bytes=settings.YINGSHANG_IMPORT_MAX_UNZIPPED_BYTES,
    )
    try:
        observations = read_observations(io.BytesIO(content), filename=filename, limits=limits)
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


def upload_dataset(
    *,
    actor: User,
    zone: Zone,
    name: str,
    uploaded_file: Any,
    kind: str = DatasetKind.INDICATORS,
) -> Dataset:
    """Store an uploaded CSV or Excel file's values; a file with any bad row stores nothing."""
    require_writer(actor, zone)
    if kind not in DatasetKind.values:
        raise ValidationError({"kind": [BAD_KIND]})
    filename = PurePath(getattr(uploaded_file, "name", "") or "").name
    label = (name or "").strip() or PurePath(filename).stem
    if not label:
        raise ValidationError({"name": ["请填写数据名称"]})
    if len(label) > NAME_MAX_LENGTH:
        raise ValidationError({"name": [f"名称不超过 {NAME_MAX_LENGTH} 个字符"]})
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
        bulk_create(Observation, _observation_rows(dataset, observations))
        events.dataset_uploaded(actor=actor, dataset=dataset)
    return dataset
