"""三、变化情况: the change against the previous period and the trend over every period."""

import math
from collections.abc import Sequence

from yingshang.core.evaluation import diagnosis
from yingshang.core.evaluation.methodology import OBJECTIVE, ROOT, SATISFACTION
from yingshang.core.evaluation.result import EvaluationResult
from yingshang.lib.docx import numbered

from .. import charts
from ..docx_writer import ReportWriter
from ..text import DASH, rank_change_text, rank_text, score_change_shown, signed_text

CHANGE_HEADER = ("指标", "本期得分", "上期得分", "得分变化", "本期排名", "上期排名", "名次变化")


def changes(
    writer: ReportWriter,
    standings: dict[str, diagnosis.Standing],
    previous: EvaluationResult | None,
    trend: Sequence[EvaluationResult] | None,
) -> None:
    writer.heading(numbered(3, "变化情况"), 1)
    if previous is None and not trend:
        writer.paragraph("本次评价未提供上期或历年评价结果，暂无变化情况。")
        return
    nodes = [
        *(n for n in (ROOT, OBJECTIVE, SATISFACTION) if n in writer.methodology.nodes),
        *writer.methodology.top_level,
    ]
    if previous is not None:
        _against_previous(writer, standings, previous, nodes)
    if trend:
        _trend(writer, trend, nodes, first=previous is None)


def _against_previous(
    writer: ReportWriter,
    standings: dict[str, diagnosis.Standing],
    previous: EvaluationResult,
    nodes: list[str],
) -> None:
    writer.heading("（一）与上期相比", 2)
    writer.paragraph(
        f"与上期（{previous.period or '上期'}）评价结果相比，本区各主要指标的得分和排名变化如下："
    )
    rows = [
        [
            standings[n].name,
            writer.num(standings[n].displayed_score),
            writer.shown(standings[n].previous_score),
            signed_text(score_change_shown(standings[n]), writer.decimals),
            rank_text(standings[n].rank),
            rank_text(standings[n].previous_rank),
            rank_change_text(standings[n].rank_change),
        ]
        for n in nodes
    ]
    writer.table(CHANGE_HEADER, rows)


def _trend(
    writer: ReportWriter, trend: Sequence[EvaluationResult], nodes: list[str], *, first: bool
) -> None:
    writer.heading("（一）历年走势" if first else "（二）历年走势", 2)
    series = {n: diagnosis.trend(trend, writer.unit, n) for n in nodes}
    periods = [period for period, _, _ in series[ROOT]]
    header = ["期间", "总体得分", "总体排名", *(writer.name(n) for n in nodes[1:])]
    rows = []
    for k, period in enumerate(periods):
        overall_score, overall_rank = series[ROOT][k][1], series[ROOT][k][2]
        row = [period or DASH, writer.shown(overall_score), rank_text(overall_rank)]
        row += [_score_and_rank(writer, series[n][k]) for n in nodes[1:]]
        rows.append(row)
    writer.table(header, rows)
    writer.picture(
        charts.trend_chart(
            periods,
            [None if s is None else writer.result.displayed(s) for _, s, _ in series[ROOT]],
            [r for _, _, r in series[ROOT]],
            ranked_count=writer.result.ranked_count,
            decimals=writer.decimals,
        ),
        f"图3　{writer.zone_name}总体得分与排名变化",
    )


def _score_and_rank(writer: ReportWriter, point: tuple[str, float | None, int | None]) -> str:
    _, score, rank = point
    if score is None or math.isnan(score):
        return DASH
    return f"{writer.shown(score)}（{rank_text(rank)}）"
