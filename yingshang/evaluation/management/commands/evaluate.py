"""`yingshang evaluate --methodology FILE_OR_PRESET --data FILE [--period P] --out FILE`.

Scores and ranks every unit of a long-form data file (unit, indicator, value[, period]) with a
methodology (a YAML file or a preset name) and writes the long table unit, node, score, rank,
frontier, average to .csv or .xlsx. Works on files only: no database, so it runs before
`migrate`. Any invalid input exits non-zero with every problem listed in Chinese.
"""

from pathlib import Path
from typing import Any

import numpy as np
from django.core.management.base import BaseCommand, CommandError, CommandParser

from yingshang.core.evaluation import (
    DataError,
    EvaluationResult,
    Methodology,
    MethodologyError,
    Observations,
    check_against,
    evaluate,
    load_methodology,
)
from yingshang.core.evaluation.reading import read_observations, write_long_table, write_tables

OUTPUT_SUFFIXES = (".csv", ".xlsx")


class Command(BaseCommand):
    help = "按评价方法对数据文件评分、排名，输出长表 unit,node,score,rank,frontier,average"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--methodology", required=True, help="评价方法：YAML 文件路径或预置方法名（如 db2020）"
        )
        parser.add_argument(
            "--data",
            required=True,
            type=Path,
            help="数据文件（.csv 或 .xlsx，列 unit,indicator,value[,period]）",
        )
        parser.add_argument("--period", help="评价期间（默认：数据中最新的期间）")
        parser.add_argument("--out", required=True, type=Path, help="输出文件（.csv 或 .xlsx）")
        parser.add_argument("--survey", type=Path, help="企业满意度数据文件（与数据文件格式相同）")
        parser.add_argument("--tables", type=Path, help="把每张中间表另存为 CSV 的目录")

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        if out.suffix.lower() not in OUTPUT_SUFFIXES:
            raise CommandError(f"输出文件必须是 .csv 或 .xlsx，而不是 {out.suffix or out.name}")
        methodology = _methodology(options["methodology"])
        observations = _read_checked(methodology, options["data"], "")
        period = _period(observations, options["period"])
        if options["survey"] is not None:
            observations = _with_survey(methodology, observations, options["survey"], period)
        result = evaluate(methodology, observations, period=period)
        _write(result, out, options["tables"])
        self.stdout.write(_summary(result, out), style_func=_plain)


def _plain(text: str) -> str:
    return text


def _methodology(name: str) -> Methodology:
    try:
        return load_methodology(name)
    except MethodologyError as exc:
        raise CommandError(str(exc)) from exc


def _read_checked(methodology: Methodology, path: Path, label: str) -> Observations:
    try:
        observations = read_observations(path)
        check_against(methodology, observations, source=str(path))
    except DataError as exc:
        raise CommandError(f"{label}{exc}") from exc
    return observations


def _with_survey(
    methodology: Methodology, observations: Observations, survey: Path, period: str
) -> Observations:
    answers = _read_checked(methodology, survey, "满意度")
    if set(answers.period.tolist()) == {""} and period:
        # Survey results without a period belong to the period being evaluated.
        answers = Observations(
            answers.unit,
            answers.indicator,
            np.full(len(answers), period, dtype=object),
            answers.value,
            answers.row,
            answers.groups,
        )
    merged = observations.concat(answers)
    try:
        check_against(methodology, merged, source="数据文件与满意度文件合并后")
    except DataError as exc:
        raise CommandError(str(exc)) from exc
    return merged


def _period(observations: Observations, wanted: str | None) -> str:
    available = [p for p in observations.periods if p]
    if len(observations) == 0:
        raise CommandError("数据文件没有任何数据行")
    if wanted is None:
        return observations.latest_period()
    if wanted not in observations.periods:
        if not available:
            raise CommandError(f"数据文件没有期间列（period），不能指定期间 {wanted}")
        raise CommandError(f"数据中没有期间 {wanted}（可用的期间：{'、'.join(available)}）")
    return wanted


def _write(result: EvaluationResult, out: Path, tables: Path | None) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_long_table(result, out)
        if tables is not None:
            write_tables(result, tables)
    except OSError as exc:
        raise CommandError(f"无法写入输出文件：{exc}") from exc


def _summary(result: EvaluationResult, out: Path) -> str:
    period = f"期间 {result.period}" if result.period else "数据未分期间"
    return (
        f"评价完成：{len(result.units)} 个单位（参与排名 {result.ranked_count} 个），"
        f"{len(result.nodes)} 个指标节点，{period}；结果已写入 {out}"
    )
