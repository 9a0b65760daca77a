"""The demo's evaluation: the henan-zone methodology over synthetic data for the hosted zone and
its peers, one published run per period so that pages have a ranking, a previous period and a
trend to show. Deterministic: the same zones give the same data and the same scores.

`stamp(n)`, when given, is the moment of the n-th step (saving the methodology, the two uploads,
then one run per period): the demo builder dates them on its own timeline.
"""

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from django.core.files.base import ContentFile

from yingshang.evaluation.demo_data import (
    DEFAULT_PERIODS,
    DEFAULT_SEED,
    PRESET,
    province_observations,
    province_survey,
)
from yingshang.evaluation.models import Dataset, DatasetKind, EvaluationRun, MethodologyVersion
from yingshang.evaluation.services import run_evaluation, save_methodology, upload_dataset
from yingshang.kernel.models import User, Zone

Stamp = Callable[[int], AbstractContextManager[object]]


def _unstamped(step: int) -> AbstractContextManager[object]:
    return nullcontext()


@dataclass(frozen=True)
class DemoEvaluation:
    methodology: MethodologyVersion
    dataset: Dataset
    survey: Dataset
    runs: list[EvaluationRun]  # oldest period first


def _csv_file(rows: Iterable[tuple[str, str, float, str]], filename: str) -> ContentFile:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("单位", "指标", "数值", "期间"))
    for unit, indicator, value, period in rows:
        # repr keeps every digit, so the stored values are exactly the generated ones.
        writer.writerow((unit, indicator, repr(float(value)), period))
    return ContentFile(out.getvalue().encode("utf-8-sig"), name=filename)


def _run_title(period: str) -> str:
    return f"{period}年度河南省国家级功能区营商环境评价"


def build_demo_evaluation(
    *,
    zone: Zone,
    peers: Sequence[Zone],
    actor: User,
    periods: Sequence[str] = DEFAULT_PERIODS,
    seed: int = DEFAULT_SEED,
    stamp: Stamp = _unstamped,
) -> DemoEvaluation:
    """Save the preset, upload the indicator data and the survey, and publish every period.

    The units are the zones' names, the hosted zone first; `actor` is an office account of the
    hosted zone (the uploads and runs are recorded as its work).
    """
    units = [zone.name, *(peer.name for peer in peers)]
    first, last = periods[0], periods[-1]
    span = f"{first}-{last}" if first != last else first
    with stamp(0):
        methodology = save_methodology(actor=actor, zone=zone, preset=PRESET)
    with stamp(1):
        dataset = upload_dataset(
            actor=actor,
            zone=zone,
            name=f"全省国家级功能区指标数据（{span}）",
            uploaded_file=_csv_file(
                province_observations(units, periods=periods, focus=zone.name, seed=seed),
                f"功能区指标数据-{span}.csv",
            ),
            kind=DatasetKind.INDICATORS,
        )
    with stamp(2):
        survey = upload_dataset(
            actor=actor,
            zone=zone,
            name=f"企业满意度调查（{span}）",
            uploaded_file=_csv_file(
                province_survey(units, periods=periods, focus=zone.name, seed=seed),
                f"企业满意度调查-{span}.csv",
            ),
            kind=DatasetKind.SURVEY,
        )
    runs = []
    for step, period in enumerate(sorted(periods), start=3):
        with stamp(step):
            runs.append(
                run_evaluation(
                    actor=actor,
                    zone=zone,
                    methodology=methodology,
                    dataset=dataset,
                    survey=survey,
                    period=period,
                    focus_unit=zone.name,
                    title=_run_title(period),
                )
            )
    return DemoEvaluation(methodology, dataset, survey, runs)
