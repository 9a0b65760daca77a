"""Data and steps shared by the evaluation tests: a small methodology with its rows, and the
henan-zone preset fed with the demo generator's data."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from yingshang.core.evaluation import Observations, evaluate, methodology_from_text
from yingshang.evaluation import demo_data
from yingshang.evaluation.models import EvaluationRun
from yingshang.evaluation.services import run_evaluation, save_methodology, upload_dataset

METHODOLOGY = """\
format: yingshang-methodology/1
id: test-zones
name: 测试功能区评价
version: "1"
combination:
  objective: 0.7
  satisfaction: 0.3
indicators:
  - id: speed
    name: 办事效率
    children:
      - {id: days, name: 办理天数, unit: 天, goalposts: {from: sample, better: lower}}
      - {id: steps, name: 办理环节, unit: 个, goalposts: {from: sample, better: lower}}
  - id: scale
    name: 市场活力
    weight: 2
    children:
      - {id: firms, name: 新设企业数, unit: 户, goalposts: {from: sample, better: higher}}
satisfaction:
  - {id: sat, name: 企业满意度, unit: 分, transform: identity}
"""

# The first is the `zone` fixture's name, so runs find the hosted zone among the units.
UNITS = ("郑州高新技术产业开发区", "洛阳经济技术开发区", "新乡高新区", "安阳高新区")
PERIODS = ("2023", "2024")


def indicator_rows(periods=PERIODS, units=UNITS) -> list[tuple[str, str, float, str]]:
    """Values that differ per unit and period, so that units and periods rank differently."""
    rows = []
    for p, period in enumerate(periods):
        for u, unit in enumerate(units):
            rows.append((unit, "days", 3.0 + u * 2 + p * 0.5, period))
            rows.append((unit, "steps", 4.0 + (u * 3) % 5, period))
            rows.append((unit, "firms", 100.0 + ((u + p) % len(units)) * 40, period))
    return rows


def survey_rows(periods=PERIODS, units=UNITS) -> list[tuple[str, str, float, str]]:
    return [
        (unit, "sat", 70.0 + ((u * 7 + p * 3) % 20), period)
        for p, period in enumerate(periods)
        for u, unit in enumerate(units)
    ]


def csv_bytes(rows, header=("unit", "indicator", "value", "period")) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def upload(rows, name: str = "data.csv", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_bytes(rows, **kwargs), content_type="text/csv")


def expected_result(period: str = "2024"):
    """The same evaluation computed straight from the rows, without the database."""
    records = [(u, i, v, p) for u, i, v, p in indicator_rows() + survey_rows()]
    return evaluate(
        methodology_from_text(METHODOLOGY), Observations.from_records(records), period=period
    )


def publish(zone, actor, period: str | None = None, **kwargs) -> EvaluationRun:
    methodology = save_methodology(actor=actor, zone=zone, text=METHODOLOGY)
    dataset = upload_dataset(
        actor=actor, zone=zone, name="测试指标数据", uploaded_file=upload(indicator_rows())
    )
    survey = upload_dataset(
        actor=actor,
        zone=zone,
        name="测试满意度调查",
        uploaded_file=upload(survey_rows(), "survey.csv"),
        kind="survey",
    )
    return run_evaluation(
        actor=actor,
        zone=zone,
        methodology=methodology,
        dataset=dataset,
        survey=survey,
        period=period,
        **kwargs,
    )


# --- the henan-zone preset ---------------------------------------------------------------

PRESET = "henan-zone"
# The first is the `zone` fixture's name: runs find the hosted zone among the units by it.
HENAN_UNITS = (
    "郑州高新技术产业开发区",
    "洛阳高新技术产业开发区",
    "新乡高新技术产业开发区",
    "安阳高新技术产业开发区",
    "南阳高新技术产业开发区",
    "平顶山高新技术产业开发区",
    "郑州经济技术开发区",
    "洛阳经济技术开发区",
)
HENAN_PERIODS = ("2023", "2024")


def indicator_csv(units=HENAN_UNITS, periods=HENAN_PERIODS, focus=HENAN_UNITS[0]) -> bytes:
    """The henan-zone indicator data of `units`, as the long-form CSV an office uploads."""
    rows = demo_data.province_observations(units, periods=periods, focus=focus)
    return _csv_bytes(rows)


def survey_csv(units=HENAN_UNITS, periods=HENAN_PERIODS, focus=HENAN_UNITS[0]) -> bytes:
    return _csv_bytes(demo_data.province_survey(units, periods=periods, focus=focus))


def _csv_bytes(rows) -> bytes:
    handle = io.StringIO()
    writer = csv.writer(handle)
    writer.writerow(("unit", "indicator", "value", "period"))
    writer.writerows((u, i, f"{v:.10g}", p) for u, i, v, p in rows)
    return handle.getvalue().encode("utf-8")


def publish_run(*, actor, zone, with_survey=False):
    dataset = upload_dataset(
        actor=actor,
        zone=zone,
        name="2023-2024 年指标数据",
        uploaded_file=SimpleUploadedFile("指标.csv", indicator_csv()),
    )
    survey = None
    if with_survey:
        survey = upload_dataset(
            actor=actor,
            zone=zone,
            name="满意度调查",
            uploaded_file=SimpleUploadedFile("调查.csv", survey_csv()),
            kind="survey",
        )
    methodology = save_methodology(actor=actor, zone=zone, preset=PRESET)
    return run_evaluation(
        actor=actor, zone=zone, methodology=methodology, dataset=dataset, survey=survey
    )
