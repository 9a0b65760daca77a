"""二、短板弱项: the indicators that cost the most points, the worst ranked, the leaves to work
on first, and the strengths."""

from collections.abc import Sequence

from yingshang.core.evaluation import diagnosis
from yingshang.lib.docx import numbered

from ..docx_writer import ReportWriter
from ..text import DASH, rank_text, signed_text

WEAKNESS_HEADER = ("序号", "指标", "得分", "排名", "影响总分（分）", "差距")
STRENGTH_HEADER = ("序号", "指标", "得分", "排名", "较平均值", "说明")


def _weakness_rows(writer: ReportWriter, items: Sequence[diagnosis.Standing]) -> list[list[str]]:
    return [
        [
            str(position),
            item.name,
            writer.num(item.displayed_score),
            rank_text(item.rank),
            writer.shown(item.weighted_gap),
            diagnosis.gap_phrase(item) or DASH,
        ]
        for position, item in enumerate(items, start=1)
    ]


def _strength_rows(writer: ReportWriter, items: Sequence[diagnosis.Standing]) -> list[list[str]]:
    return [
        [
            str(position),
            item.name,
            writer.num(item.displayed_score),
            rank_text(item.rank),
            signed_text(item.gap_to_average, writer.decimals),
            diagnosis.gap_phrase(item) or DASH,
        ]
        for position, item in enumerate(items, start=1)
    ]


def weaknesses(writer: ReportWriter) -> None:
    result, unit = writer.result, writer.unit
    writer.heading(numbered(2, "短板弱项"), 1)
    scope = f"{result.ranked_count}个{writer.scope}"
    blocks = (
        (
            "（一）按对总分的影响",
            "按“指标在总分中的权重×与前沿值的差距”排序，本区失分最多的指标如下：",
            _weakness_rows(writer, diagnosis.weaknesses(result, unit, by="weighted_gap")),
            WEAKNESS_HEADER,
        ),
        (
            "（二）按排名",
            f"按在{scope}中的排名排序，本区排名最靠后的指标如下：",
            _weakness_rows(writer, diagnosis.weaknesses(result, unit, by="rank")),
            WEAKNESS_HEADER,
        ),
        (
            "（三）末级指标短板",
            "末级指标中对总分影响最大的差距如下，可作为整改提升的重点：",
            _weakness_rows(
                writer, diagnosis.weaknesses(result, unit, by="weighted_gap", leaves_only=True)
            ),
            WEAKNESS_HEADER,
        ),
        (
            "（四）优势指标",
            "本区得分高于全省平均值、排名靠前的指标如下：",
            _strength_rows(writer, diagnosis.strengths(result, unit, by="rank")),
            STRENGTH_HEADER,
        ),
    )
    for heading, intro, rows, header in blocks:
        writer.heading(heading, 2)
        if not rows:
            writer.paragraph("无。")
            continue
        writer.paragraph(intro)
        writer.table(header, rows)
