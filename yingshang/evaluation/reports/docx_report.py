"""The Chinese evaluation report as a Word document, shaped like a provincial evaluation notice.

Every sentence and gap figure comes from `yingshang.core.evaluation.diagnosis`, so the document
says exactly what the pages and the API say; this module only lays them out. No Django here: it
takes an `EvaluationResult` and plain arguments and returns the .docx bytes.
"""

import io
import math
from collections.abc import Collection, Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table

from yingshang.core.evaluation import diagnosis
from yingshang.core.evaluation.methodology import OBJECTIVE, ROOT, SATISFACTION, Methodology
from yingshang.core.evaluation.ranking import display_round
from yingshang.core.evaluation.result import EvaluationResult

from . import charts

BODY_FONT = ("Times New Roman", "仿宋")
HEADING_FONT = ("Times New Roman", "黑体")
TABLE_FONT_SIZE = Pt(9)
CHINESE_ORDINALS = "一二三四五六七八九十"
DASH = "—"


# --- numbers -----------------------------------------------------------------------------------


def number_text(value: float | None, decimals: int) -> str:
    """A value already rounded for display, printed with the methodology's decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return DASH
    return f"{value + 0.0:.{decimals}f}"  # + 0.0 turns -0.0 into 0.0: never print "-0.00"


def signed_text(value: float | None, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return DASH
    if value == 0:
        return f"{0.0:.{decimals}f}"
    return f"{value:+.{decimals}f}"


def rank_text(rank: int | None) -> str:
    return f"第{rank}位" if rank else "未排名"


def rank_change_text(change: int | None) -> str:
    if change is None:
        return DASH
    if change > 0:
        return f"上升{change}位"
    if change < 0:
        return f"下降{-change}位"
    return "持平"


def combination_text(methodology: Methodology) -> str:
    """ "客观指标得分×70%＋企业满意度得分×30%" for a methodology with a combination."""
    combination = methodology.combination
    if combination is None:
        return ""
    total = combination.objective + combination.satisfaction
    objective, satisfaction = combination.objective / total, combination.satisfaction / total
    return f"客观指标得分×{objective:.0%}＋企业满意度得分×{satisfaction:.0%}"


def chinese_ordinal(index: int) -> str:
    """1 -> 一, 12 -> 十二: enough for the first-level indicators of any methodology."""
    if index <= 10:
        return CHINESE_ORDINALS[index - 1]
    tens, ones = divmod(index, 10)
    head = "" if tens == 1 else CHINESE_ORDINALS[tens - 1]
    return head + "十" + (CHINESE_ORDINALS[ones - 1] if ones else "")


# --- fonts and styles --------------------------------------------------------------------------


def set_east_asian_font(element, latin: str, east_asian: str) -> None:
    """Set rFonts on a style or run element; theme fonts would override the names, so drop them."""
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attribute), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)


def _prepare_styles(document: DocumentObject) -> None:
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    set_east_asian_font(normal.element, *BODY_FONT)
    normal.paragraph_format.line_spacing = 1.5
    for level, size in ((1, 16), (2, 14), (3, 12)):
        style = document.styles[f"Heading {level}"]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        set_east_asian_font(style.element, *HEADING_FONT)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.6)
    section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.5)


# --- building blocks ---------------------------------------------------------------------------


class _Writer:
    """The document being written, with the facts every section needs."""

    def __init__(self, result: EvaluationResult, unit: str, zone_name: str, scope: str):
        self.result = result
        self.unit = unit
        self.zone_name = zone_name
        self.scope = scope
        self.methodology = result.methodology
        self.decimals = result.methodology.ranking.decimals
        self.document = Document()
        _prepare_styles(self.document)

    def num(self, value: float | None) -> str:
        return number_text(value, self.decimals)

    def shown(self, value: float | None) -> str:
        """A raw (unrounded) number, rounded half up as the report shows it."""
        if value is None or math.isnan(value):
            return DASH
        return self.num(self.result.displayed(value))

    def name(self, node: str) -> str:
        return self.methodology.name_of(node)

    def heading(self, text: str, level: int) -> None:
        self.document.add_heading(text, level=level)

    def paragraph(self, text: str, *, indent: bool = True) -> None:
        paragraph = self.document.add_paragraph(text)
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(24)

    def caption(self, text: str) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(10.5)

    def picture(self, png: bytes, caption: str) -> None:
        self.document.add_picture(io.BytesIO(png), width=Cm(15.5))
        self.document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.caption(caption)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        bold_rows: Collection[int] = (),
    ) -> Table:
        table = self.document.add_table(rows=1 + len(rows), cols=len(header))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        # Row by row: table.cell(i, j) rescans the whole table on every call.
        table_rows = table.rows
        for cell, text in zip(table_rows[0].cells, header, strict=True):
            self._cell(cell, text, bold=True, centre=True)
        _repeat_as_header(table_rows[0])
        for i, values in enumerate(rows):
            cells = table_rows[i + 1].cells
            for j, (cell, text) in enumerate(zip(cells, values, strict=True)):
                self._cell(cell, text, bold=i in bold_rows, centre=j > 0)
        self.document.add_paragraph()
        return table

    @staticmethod
    def _cell(cell, text: str, *, bold: bool, centre: bool) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.line_spacing = 1.0
        if centre:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = TABLE_FONT_SIZE

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _repeat_as_header(row) -> None:
    """Repeat the header row on every page a long table spans."""
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


# --- sections ----------------------------------------------------------------------------------


def _title(writer: _Writer, title: str) -> None:
    paragraph = writer.document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(title)
    run.bold = True
    run.font.size = Pt(20)
    set_east_asian_font(run._element, *HEADING_FONT)
    methodology = writer.methodology
    version = f"（{methodology.version}版）" if methodology.version else ""
    period = writer.result.period or "未分期"
    info = writer.document.add_paragraph(
        f"评价方法：{methodology.name}{version}　评价期间：{period}　"
        f"参评{writer.scope}：{writer.result.ranked_count}个"
    )
    info.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if methodology.combination:
        note = writer.document.add_paragraph(f"总体得分＝{combination_text(methodology)}")
        note.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _overview(writer: _Writer, standings: dict[str, diagnosis.Standing]) -> None:
    writer.heading("一、评价情况", 1)
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


def _indicator_section(
    writer: _Writer, index: int, node: str, standings: dict[str, diagnosis.Standing]
) -> None:
    methodology = writer.methodology
    writer.heading(f"（{chinese_ordinal(index)}）{writer.name(node)}", 2)
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
        writer.table(STANDING_HEADER, [_standing_row(writer, standings[c]) for c in children])
        writer.caption(f"表{index}-2　{writer.name(node)}末级指标原始数据")
        writer.table(
            ("末级指标", "所属指标", "原始值", "计量单位", "得分", "排名"),
            [_leaf_row(writer, standings[leaf]) for leaf in leaves],
        )
    else:
        writer.caption(f"表{index}　{writer.name(node)}原始数据")
        writer.table(
            ("指标", "原始值", "计量单位", *STANDING_HEADER[1:]),
            [_leaf_standing_row(writer, standings[node])],
        )
    _missing_note(writer, leaves)


def _descends_from(methodology, node: str, ancestor: str) -> bool:
    current = methodology.nodes[node]
    while True:
        if current.id == ancestor:
            return True
        if current.parent is None:
            return False
        current = methodology.nodes[current.parent]


STANDING_HEADER = ("指标", "得分", "排名", "前沿值", "平均值", "较前沿值差距", "较平均值差距")


def _standing_row(writer: _Writer, standing: diagnosis.Standing) -> list[str]:
    return [
        standing.name,
        writer.num(standing.displayed_score),
        rank_text(standing.rank),
        writer.num(standing.displayed_frontier),
        writer.num(standing.displayed_average),
        writer.num(standing.gap_to_frontier),
        signed_text(standing.gap_to_average, writer.decimals),
    ]


def _raw_text(writer: _Writer, standing: diagnosis.Standing) -> str:
    """The raw value as given; a value the methodology filled in is marked, a gap shown as 缺失."""
    result = writer.result
    i, j = result.unit_index(writer.unit), result.leaf_index(standing.node)
    if result.observed[i, j]:
        return writer.shown(standing.raw)
    return "缺失*" if not math.isnan(result.imputed[i, j]) else "缺失"


def _leaf_row(writer: _Writer, standing: diagnosis.Standing) -> list[str]:
    parent = writer.methodology.nodes[standing.node].parent
    return [
        standing.name,
        writer.name(parent) if parent else DASH,
        _raw_text(writer, standing),
        standing.unit_label or DASH,
        writer.num(standing.displayed_score),
        rank_text(standing.rank),
    ]


def _leaf_standing_row(writer: _Writer, standing: diagnosis.Standing) -> list[str]:
    row = _standing_row(writer, standing)
    return [row[0], _raw_text(writer, standing), standing.unit_label or DASH, *row[1:]]


def _missing_note(writer: _Writer, leaves: Sequence[str]) -> None:
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


WEAKNESS_HEADER = ("序号", "指标", "得分", "排名", "影响总分（分）", "差距")
STRENGTH_HEADER = ("序号", "指标", "得分", "排名", "较平均值", "说明")


def _weakness_rows(writer: _Writer, items: Sequence[diagnosis.Standing]) -> list[list[str]]:
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


def _strength_rows(writer: _Writer, items: Sequence[diagnosis.Standing]) -> list[list[str]]:
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


def _weaknesses(writer: _Writer) -> None:
    result, unit = writer.result, writer.unit
    writer.heading("二、短板弱项", 1)
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


CHANGE_HEADER = ("指标", "本期得分", "上期得分", "得分变化", "本期排名", "上期排名", "名次变化")


def _changes(
    writer: _Writer,
    standings: dict[str, diagnosis.Standing],
    previous: EvaluationResult | None,
    trend: Sequence[EvaluationResult] | None,
) -> None:
    writer.heading("三、变化情况", 1)
    if previous is None and not trend:
        writer.paragraph("本次评价未提供上期或历年评价结果，暂无变化情况。")
        return
    nodes = [
        *(n for n in (ROOT, OBJECTIVE, SATISFACTION) if n in writer.methodology.nodes),
        *writer.methodology.top_level,
    ]
    if previous is not None:
        writer.heading("（一）与上期相比", 2)
        writer.paragraph(
            f"与上期（{previous.period or '上期'}）评价结果相比，"
            "本区各主要指标的得分和排名变化如下："
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
    if trend:
        writer.heading("（二）历年走势" if previous is not None else "（一）历年走势", 2)
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


def score_change_shown(standing: diagnosis.Standing) -> float | None:
    """The change a reader can check: this period's displayed score minus the previous one's."""
    if standing.displayed_score is None or standing.previous_score is None:
        return None
    previous = float(display_round(standing.previous_score, standing.decimals))
    return float(display_round(standing.displayed_score - previous, standing.decimals))


def _score_and_rank(writer: _Writer, point: tuple[str, float | None, int | None]) -> str:
    _, score, rank = point
    if score is None or math.isnan(score):
        return DASH
    return f"{writer.shown(score)}（{rank_text(rank)}）"


def _appendix(writer: _Writer) -> None:
    result, methodology = writer.result, writer.methodology
    writer.heading("附录", 1)
    writer.heading("附表1　参评单位总体排名", 2)
    nodes = [
        *(n for n in (ROOT, OBJECTIVE, SATISFACTION) if n in methodology.nodes),
        *methodology.top_level,
    ]
    header = ["排名", "单位", *(writer.name(n) for n in nodes)]
    rows, focus_rows = [], set()
    for position, i in enumerate(ranking_order(result)):
        rank = int(result.ranks[i, result.node_index(ROOT)])
        if result.units[i] == writer.unit:
            focus_rows.add(position)
        scores = [writer.shown(float(result.scores[i, result.node_index(n)])) for n in nodes]
        rows.append([str(rank) if rank else DASH, result.units[i], *scores])
    writer.table(header, rows, bold_rows=focus_rows)
    writer.heading("附表2　目标值（前沿值计算依据）", 2)
    direction = {"higher": "越高越好", "lower": "越低越好"}
    source = {"fixed": "固定目标值", "sample": "取自参评单位", "percentile": "取自样本百分位"}
    goal_rows = [
        [
            writer.name(leaf),
            methodology.nodes[leaf].unit or DASH,
            direction.get(str(used["better"]), str(used["better"])),
            source.get(str(used["mode"]), "原值计分"),
            writer.shown(used["best"]),
            writer.shown(used["worst"]),
        ]
        for leaf, used in result.goalposts_used().items()
    ]
    writer.table(("末级指标", "计量单位", "方向", "目标值来源", "最优值", "最差值"), goal_rows)


def meaningful_trend(
    trend: Sequence[EvaluationResult] | None,
) -> Sequence[EvaluationResult] | None:
    """A trend needs at least two periods; a single one is just this result again."""
    return trend if trend and len({r.period for r in trend}) >= 2 else None


def ranking_order(result: EvaluationResult) -> list[int]:
    """Unit indices by overall rank; unranked units last, in their listed order."""
    column = result.ranks[:, result.node_index(ROOT)]
    return sorted(range(len(result.units)), key=lambda i: (column[i] == 0, column[i], i))


# --- entry point -------------------------------------------------------------------------------


def build_docx(
    *,
    result: EvaluationResult,
    unit: str,
    previous: EvaluationResult | None = None,
    trend: Sequence[EvaluationResult] | None = None,
    zone_name: str,
    title: str,
    scope: str = "功能区",
) -> bytes:
    """The evaluation report of `unit` as .docx bytes.

    `previous` is the same data's previous period (for 三、变化情况); `trend` every period's
    result, oldest first (for the trend table and chart).
    """
    result.unit_index(unit)  # an unknown unit fails here, before any work
    title = title or f"{zone_name}营商环境评价报告"
    trend = meaningful_trend(trend)
    writer = _Writer(result, unit, zone_name, scope)
    writer.document.core_properties.title = title
    standings = {s.node: s for s in diagnosis.standings(result, unit, previous=previous)}
    _title(writer, title)
    _overview(writer, standings)
    _weaknesses(writer)
    _changes(writer, standings, previous, trend)
    _appendix(writer)
    return writer.to_bytes()
