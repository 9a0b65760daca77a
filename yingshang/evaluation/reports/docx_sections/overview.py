"""The title and 一、评价情况: the overview sentences, the two charts and one part per
first-level indicator (its standing, its sub-indicators' table, its raw data)."""

import math
from collections.abc import Sequence

from yingshang.core.evaluation import diagnosis
from yingshang.core.evaluation.methodology import OBJECTIVE, ROOT, SATISFACTION, Methodology
from yingshang.lib.docx import bracketed, numbered

from .. import charts
from ..docx_writer import TITLE_SIZE, ReportWriter
from ..text import DASH, combination_text, rank_text, signed_text

STANDING_HEADER = ("指标", "得分", "排名", "前沿值", "平均值", "较前沿值差距", "较平均值差距")
LEAF_HEADER = ("末级指标", "所属指标", "原始值", "计量单位", "得分", "排名")

Standings = dict[str, diagnosis.Standing]


def title_block(writer: ReportWriter, text: str) -> None:
    """The title, then the methodology, the period and the number of units evaluated."""
    writer.title(text, size=TITLE_SIZE)
    methodology = writer.methodology
    version = f"（{methodology.version}版）" if methodology.version else ""
    period = writer.result.period or "未分期"
    writer.centred(
        f"评价方法：{methodology.name}{version}　评价期间：{period}　"
        f"参评{writer.scope}：{writer.result.ranked_count}个"
    )
    if methodology.combination:
        writer.centred(f"总体得分＝{combination_text(methodology)}")


def overview(writer: ReportWriter, standings: Standings) -> None:
    writer.heading(numbered(1, "评价情况"), 1)
    for sentence in diagnosis.overview_sentences(writer.result, writer.unit, scope=writer.scope):
        writer.paragraph(sentence)
    top = writer.methodology.top_level
    labels = [writer.name(n) for n in top]
    writer.picture(
        charts.comparison_chart(
            labels,
            [standings[n].displayed_score for n in top],
            [standings[n].displayed_frontier for n in top],
            [standings[n].displayed_average for n in top],
            unit_label=writer.zone_name,
            decimals=writer.decimals,
        ),
        f"图1　{writer.zone_name}各一级指标得分与全省前沿值、平均值对比",
    )
    headline = [n for n in (ROOT, OBJECTIVE, SATISFACTION) if n in writer.methodology.nodes]
    ranked = [*headline, *top]
    writer.picture(
        charts.rank_chart(
            [writer.name(n) for n in ranked],
            [standings[n].rank for n in ranked],
            ranked_count=writer.result.ranked_count,
            scope=writer.scope,
        ),
        f"图2　{writer.zone_name}各指标排名",
    )
    sections = [*top, SATISFACTION] if writer.methodology.combination else list(top)
    for index, node in enumerate(sections, start=1):
        _indicator_section(writer, index, node, standings)


def _indicator_section(writer: ReportWriter, index: int, node: str, standings: Standings) -> None:
    methodology = writer.methodology
    writer.heading(bracketed(index, writer.name(node)), 2)
    children = methodology.nodes[node].children
    if children:
        names = "、".join(writer.name(c) for c in children)
        kind = "项指标" if node == SATISFACTION else "个二级指标"
        writer.paragraph(f"{writer.name(node)}由{names}等{len(children)}{kind}组成。")
    writer.paragraph(
        diagnosis.standing_sentence(writer.result, writer.unit, node, scope=writer.scope)
    )
    leaves = [leaf for leaf in writer.result.leaves if _descends_from(methodology, leaf, node)]
    if children and all(methodology.nodes[c].is_leaf for c in children):
        # One table says it all when the sub-indicators are themselves the raw indicators.
        writer.caption(f"表{index}　{writer.name(node)}各二级指标表现")
        writer.table(
            ("指标", "原始值", "计量单位", *STANDING_HEADER[1:]),
            [_leaf_standing_row(writer, standings[c]) for c in children],
        )
    elif children:
        writer.caption(f"表{index}-1　{writer.name(node)}各二级指标表现")
        writer.table(STANDING_HEADER, [standing_row(writer, standings[c]) for c in children])
        writer.caption(f"表{index}-2　{writer.name(node)}末级指标原始数据")
        writer.table(LEAF_HEADER, [_leaf_row(writer, standings[leaf]) for leaf in leaves])
    else:
        writer.caption(f"表{index}　{writer.name(node)}原始数据")
        writer.table(
            ("指标", "原始值", "计量单位", *STANDING_HEADER[1:]),
            [_leaf_standing_row(writer, standings[node])],
        )
    _missing_note(writer, leaves)


def _descends_from(methodology: Methodology, node: str, ancestor: str) -> bool:
    current = methodology.nodes[node]
    while True:
        if current.id == ancestor:
            return True
        if current.parent is None:
            return False
        current = methodology.nodes[current.parent]


def standing_row(writer: ReportWriter, standing: diagnosis.Standing) -> list[str]:
    return [
        standing.name,
        writer.num(standing.displayed_score),
        rank_text(standing.rank),
        writer.num(standing.displayed_frontier),
        writer.num(standing.displayed_average),
        writer.num(standing.gap_to_frontier),
        signed_text(standing.gap_to_average, writer.decimals),
    ]


def _raw_text(writer: ReportWriter, standing: diagnosis.Standing) -> str:
    """The raw value as given; a value the methodology filled in is marked, a gap shown as 缺失."""
    result = writer.result
    i, j = result.unit_index(writer.unit), result.leaf_index(standing.node)
    if result.observed[i, j]:
        return writer.shown(standing.raw)
    return "缺失*" if not math.isnan(result.imputed[i, j]) else "缺失"


def _leaf_row(writer: ReportWriter, standing: diagnosis.Standing) -> list[str]:
    parent = writer.methodology.nodes[standing.node].parent
    return [
        standing.name,
        writer.name(parent) if parent else DASH,
        _raw_text(writer, standing),
        standing.unit_label or DASH,
        writer.num(standing.displayed_score),
        rank_text(standing.rank),
    ]


def _leaf_standing_row(writer: ReportWriter, standing: diagnosis.Standing) -> list[str]:
    row = standing_row(writer, standing)
    return [row[0], _raw_text(writer, standing), standing.unit_label or DASH, *row[1:]]


def _missing_note(writer: ReportWriter, leaves: Sequence[str]) -> None:
    result = writer.result
    i = result.unit_index(writer.unit)
    imputed = [
        leaf
        for leaf in leaves
        if not result.observed[i, result.leaf_index(leaf)]
        and not math.isnan(result.imputed[i, result.leaf_index(leaf)])
    ]
    if imputed:
        names = "、".join(writer.name(leaf) for leaf in imputed)
        writer.paragraph(f"注：标*者本期数据缺失（{names}），已按评价方法的缺失值规则计分。")
