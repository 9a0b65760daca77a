"""The evaluation workbook: rankings, scores, the focus unit's diagnosis, weaknesses, goalposts,
every intermediate table, and a native Excel chart.

Scores are written as the displayed (half-up rounded) values, so the workbook agrees with the
Word report to the last digit; the unrounded values stay available on the 中间表 sheets. No
Django here: it takes an `EvaluationResult` and plain arguments and returns the .xlsx bytes.
"""

import io
import math
import re
from collections.abc import Sequence

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from yingshang.core.evaluation import diagnosis
from yingshang.core.evaluation.methodology import OBJECTIVE, ROOT, SATISFACTION
from yingshang.core.evaluation.result import EvaluationResult, table_label
from yingshang.lib.tabular.safe import workbook

from .text import (
    combination_text,
    meaningful_trend,
    rank_change_text,
    ranking_order,
    score_change_shown,
)

SHEET_RANKING = "总体排名"
SHEET_SCORES = "指标得分"
SHEET_DIAGNOSIS = "本区诊断"
SHEET_COMPARISON = "一级指标对比"
SHEET_WEAKNESSES = "短板弱项"
SHEET_TREND = "历年走势"
SHEET_GOALPOSTS = "目标值"
SHEET_ABOUT = "说明"
INTERMEDIATE_PREFIX = "中间表-"
MAX_SHEET_NAME = 31

COLUMN_LABELS = {
    "unit": "单位",
    "leaf": "末级指标",
    "node": "指标",
    "mode": "目标值来源",
    "better": "方向",
    "best": "最优值",
    "worst": "最差值",
    "frontier": "前沿值",
    "average": "平均值",
}
DIRECTION_LABELS = {"higher": "越高越好", "lower": "越低越好"}
MODE_LABELS = {"fixed": "固定目标值", "sample": "取自参评单位", "percentile": "取自样本百分位"}
IDENTITY_MODE = "原值计分"
# Cells of the intermediate tables that hold an engine code, written in words.
VALUE_LABELS = {"mode": {**MODE_LABELS, "identity": IDENTITY_MODE}, "better": DIRECTION_LABELS}
# Columns whose cells name an indicator by its code: its name goes in a column beside them.
CODE_COLUMNS = frozenset({"leaf", "node"})
NAME_COLUMN = ("指标名称", "name")
_FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def sheet_name(label: str, taken: set[str]) -> str:
    """A valid, unique worksheet name (at most 31 characters, none of []:*?/\\)."""
    base = _FORBIDDEN_IN_SHEET_NAMES.sub("_", label)[:MAX_SHEET_NAME]
    name, counter = base, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f"_{counter}"
        name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        counter += 1
    taken.add(name)
    return name


def _value(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


class _Book:
    """The workbook being written and its shared cell formats."""

    def __init__(self, result: EvaluationResult, unit: str, zone_name: str, scope: str):
        self.result = result
        self.unit = unit
        self.zone_name = zone_name
        self.scope = scope
        self.methodology = result.methodology
        self.decimals = result.methodology.ranking.decimals
        self.buffer = io.BytesIO()
        self.workbook: Workbook = workbook(self.buffer, {"in_memory": True})
        self.names: set[str] = set()
        number = "0" if self.decimals == 0 else "0." + "0" * self.decimals
        base = {"font_name": "等线", "font_size": 10, "valign": "vcenter"}
        self.header = self.workbook.add_format(
            {
                **base,
                "bold": True,
                "bg_color": "#DDEBF7",
                "border": 1,
                "align": "center",
                "text_wrap": True,
            }
        )
        self.text = self.workbook.add_format({**base, "border": 1})
        self.number = self.workbook.add_format({**base, "border": 1, "num_format": number})
        self.signed = self.workbook.add_format(
            {**base, "border": 1, "num_format": f"+{number};-{number};{number}"}
        )
        self.integer = self.workbook.add_format({**base, "border": 1, "num_format": "0"})
        self.raw = self.workbook.add_format({**base, "border": 1, "num_format": "General"})
        highlight = {"bold": True, "bg_color": "#FCE4D6"}
        self.focus_text = self.workbook.add_format({**base, "border": 1, **highlight})
        self.focus_number = self.workbook.add_format(
            {**base, "border": 1, "num_format": number, **highlight}
        )
        self.focus_integer = self.workbook.add_format(
            {**base, "border": 1, "num_format": "0", **highlight}
        )
        self.title = self.workbook.add_format({**base, "bold": True, "font_size": 14})

    def sheet(self, label: str) -> Worksheet:
        return self.workbook.add_worksheet(sheet_name(label, self.names))

    def shown(self, value: float | None) -> float | None:
        value = _value(value)
        return None if value is None else self.result.displayed(value)

    def name(self, node: str) -> str:
        return self.methodology.name_of(node)

    def headline_nodes(self) -> list[str]:
        present = [n for n in (ROOT, OBJECTIVE, SATISFACTION) if n in self.methodology.nodes]
        return [*present, *self.methodology.top_level]

    def write_header(self, sheet: Worksheet, row: int, labels: Sequence[str]) -> None:
        for col, label in enumerate(labels):
            sheet.write_string(row, col, label, self.header)

    def write_cell(self, sheet: Worksheet, row: int, col: int, value, fmt) -> None:
        """Blank for None; write() would turn None into an empty string cell anyway."""
        if value is None:
            sheet.write_blank(row, col, None, fmt)
        else:
            sheet.write(row, col, value, fmt)

    def close(self) -> bytes:
        self.workbook.close()
        return self.buffer.getvalue()


# --- sheets ------------------------------------------------------------------------------------


def _ranking_sheet(book: _Book) -> None:
    result = book.result
    sheet = book.sheet(SHEET_RANKING)
    nodes = book.headline_nodes()
    book.write_header(sheet, 0, ["排名", "单位", *(book.name(n) for n in nodes)])
    root = result.node_index(ROOT)
    for row, i in enumerate(ranking_order(result), start=1):
        focus = result.units[i] == book.unit
        rank = int(result.ranks[i, root]) or None
        book.write_cell(sheet, row, 0, rank, book.focus_integer if focus else book.integer)
        sheet.write_string(row, 1, result.units[i], book.focus_text if focus else book.text)
        for col, node in enumerate(nodes, start=2):
            value = book.shown(float(result.scores[i, result.node_index(node)]))
            book.write_cell(sheet, row, col, value, book.focus_number if focus else book.number)
    sheet.set_column(0, 0, 7)
    sheet.set_column(1, 1, 18)
    sheet.set_column(2, len(nodes) + 1, 12)
    sheet.freeze_panes(1, 2)
    sheet.autofilter(0, 0, len(result.units), len(nodes) + 1)


def _scores_sheet(book: _Book) -> None:
    """Units down, every node across as a pair of columns (score, rank) under a merged name."""
    result = book.result
    sheet = book.sheet(SHEET_SCORES)
    sheet.merge_range(0, 0, 1, 0, "单位", book.header)
    for j, node in enumerate(result.nodes):
        col = 1 + 2 * j
        sheet.merge_range(0, col, 0, col + 1, book.name(node), book.header)
        sheet.write_string(1, col, "得分", book.header)
        sheet.write_string(1, col + 1, "排名", book.header)
    for i, unit in enumerate(result.units):
        row = 2 + i
        focus = unit == book.unit
        sheet.write_string(row, 0, unit, book.focus_text if focus else book.text)
        for j in range(len(result.nodes)):
            score = book.shown(float(result.scores[i, j]))
            rank = int(result.ranks[i, j]) or None
            book.write_cell(
                sheet, row, 1 + 2 * j, score, book.focus_number if focus else book.number
            )
            book.write_cell(
                sheet, row, 2 + 2 * j, rank, book.focus_integer if focus else book.integer
            )
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, 2 * len(result.nodes), 9)
    sheet.set_row(0, 32)
    sheet.freeze_panes(2, 1)


def _diagnosis_sheet(book: _Book, standings: list[diagnosis.Standing], with_previous: bool) -> None:
    sheet = book.sheet(SHEET_DIAGNOSIS)
    header = [
        "指标编码", "指标名称", "层级", "得分", "排名", "参评数", "前沿值", "平均值",
        "较前沿值差距", "较平均值差距", "影响总分（分）", "差距说明", "原始值", "计量单位",
    ]  # fmt: skip
    if with_previous:
        header += ["上期得分", "上期排名", "得分变化", "名次变化"]
    book.write_header(sheet, 0, header)
    for row, s in enumerate(standings, start=1):
        sheet.write_string(row, 0, s.node, book.text)
        sheet.write_string(row, 1, "　" * s.depth + s.name, book.text)
        sheet.write_number(row, 2, s.depth, book.integer)
        book.write_cell(sheet, row, 3, s.displayed_score, book.number)
        book.write_cell(sheet, row, 4, s.rank, book.integer)
        sheet.write_number(row, 5, s.ranked_count, book.integer)
        sheet.write_number(row, 6, s.displayed_frontier, book.number)
        sheet.write_number(row, 7, s.displayed_average, book.number)
        book.write_cell(sheet, row, 8, s.gap_to_frontier, book.number)
        book.write_cell(sheet, row, 9, s.gap_to_average, book.signed)
        book.write_cell(sheet, row, 10, book.shown(s.weighted_gap), book.number)
        sheet.write_string(row, 11, diagnosis.gap_phrase(s), book.text)
        book.write_cell(sheet, row, 12, _value(s.raw), book.raw)
        sheet.write_string(row, 13, s.unit_label, book.text)
        if with_previous:
            book.write_cell(sheet, row, 14, book.shown(s.previous_score), book.number)
            book.write_cell(sheet, row, 15, s.previous_rank, book.integer)
            book.write_cell(sheet, row, 16, score_change_shown(s), book.signed)
            sheet.write_string(row, 17, rank_change_text(s.rank_change), book.text)
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 1, 26)
    sheet.set_column(2, 10, 10)
    sheet.set_column(11, 11, 40)
    sheet.set_column(12, len(header) - 1, 11)
    sheet.freeze_panes(1, 2)


def _comparison_sheet(book: _Book, standings: dict[str, diagnosis.Standing]) -> None:
    """The top-level indicators' data and a native clustered column chart drawn from it."""
    sheet = book.sheet(SHEET_COMPARISON)
    top = book.methodology.top_level
    book.write_header(sheet, 0, ["一级指标", book.zone_name, "全省前沿值", "全省平均值"])
    for row, node in enumerate(top, start=1):
        s = standings[node]
        sheet.write_string(row, 0, s.name, book.text)
        book.write_cell(sheet, row, 1, s.displayed_score, book.number)
        sheet.write_number(row, 2, s.displayed_frontier, book.number)
        sheet.write_number(row, 3, s.displayed_average, book.number)
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, 3, 14)
    sheet.freeze_panes(1, 1)
    chart = book.workbook.add_chart({"type": "column"})
    colours = ("#C0392B", "#2C3E50", "#95A5A6")
    last = len(top)
    for col, colour in zip((1, 2, 3), colours, strict=True):
        chart.add_series(
            {
                "name": [sheet.name, 0, col],
                "categories": [sheet.name, 1, 0, last, 0],
                "values": [sheet.name, 1, col, last, col],
                "fill": {"color": colour},
                "data_labels": {"value": col == 1, "num_format": book.number.num_format},
            }
        )
    chart.set_title({"name": f"{book.zone_name}各一级指标得分与全省前沿值、平均值对比"})
    chart.set_y_axis({"name": "得分", "min": 0, "max": 100, "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 760, "height": 400})
    sheet.insert_chart(1, 5, chart)


def _weaknesses_sheet(book: _Book) -> None:
    result, unit = book.result, book.unit
    sheet = book.sheet(SHEET_WEAKNESSES)
    header = ["类别", "序号", "指标编码", "指标", "得分", "排名", "较前沿值差距", "影响总分（分）",
              "差距说明"]  # fmt: skip
    book.write_header(sheet, 0, header)
    groups = (
        ("短板：按对总分的影响", diagnosis.weaknesses(result, unit, by="weighted_gap")),
        ("短板：按排名", diagnosis.weaknesses(result, unit, by="rank")),
        (
            "末级指标短板",
            diagnosis.weaknesses(result, unit, by="weighted_gap", leaves_only=True),
        ),
        ("优势指标", diagnosis.strengths(result, unit, by="rank")),
    )
    row = 1
    for label, items in groups:
        for position, s in enumerate(items, start=1):
            sheet.write_string(row, 0, label, book.text)
            sheet.write_number(row, 1, position, book.integer)
            sheet.write_string(row, 2, s.node, book.text)
            sheet.write_string(row, 3, s.name, book.text)
            book.write_cell(sheet, row, 4, s.displayed_score, book.number)
            book.write_cell(sheet, row, 5, s.rank, book.integer)
            book.write_cell(sheet, row, 6, s.gap_to_frontier, book.number)
            book.write_cell(sheet, row, 7, book.shown(s.weighted_gap), book.number)
            sheet.write_string(row, 8, diagnosis.gap_phrase(s), book.text)
            row += 1
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 1, 6)
    sheet.set_column(2, 3, 20)
    sheet.set_column(4, 7, 12)
    sheet.set_column(8, 8, 40)
    sheet.freeze_panes(1, 0)


def _trend_sheet(book: _Book, results: Sequence[EvaluationResult]) -> None:
    sheet = book.sheet(SHEET_TREND)
    nodes = book.headline_nodes()
    series = {n: diagnosis.trend(results, book.unit, n) for n in nodes}
    sheet.write_string(0, 0, "期间", book.header)
    for k, node in enumerate(nodes):
        sheet.write_string(0, 1 + 2 * k, f"{book.name(node)}得分", book.header)
        sheet.write_string(0, 2 + 2 * k, f"{book.name(node)}排名", book.header)
    for row, (period, _, _) in enumerate(series[ROOT], start=1):
        sheet.write_string(row, 0, period, book.text)
        for k, node in enumerate(nodes):
            _, score, rank = series[node][row - 1]
            book.write_cell(sheet, row, 1 + 2 * k, book.shown(score), book.number)
            book.write_cell(sheet, row, 2 + 2 * k, rank, book.integer)
    sheet.set_column(0, 0, 10)
    sheet.set_column(1, 2 * len(nodes), 12)
    sheet.set_row(0, 32)
    sheet.freeze_panes(1, 1)
    chart = book.workbook.add_chart({"type": "line"})
    last = len(series[ROOT])
    chart.add_series(
        {
            "name": [sheet.name, 0, 1],
            "categories": [sheet.name, 1, 0, last, 0],
            "values": [sheet.name, 1, 1, last, 1],
            "marker": {"type": "circle"},
            "data_labels": {"value": True, "num_format": book.number.num_format},
        }
    )
    chart.set_title({"name": f"{book.zone_name}总体得分变化"})
    chart.set_legend({"position": "bottom"})
    sheet.insert_chart(last + 3, 0, chart)


def _goalposts_sheet(book: _Book) -> None:
    sheet = book.sheet(SHEET_GOALPOSTS)
    header = ["指标编码", "末级指标", "计量单位", "方向", "目标值来源", "最优值", "最差值", "说明"]
    book.write_header(sheet, 0, header)
    for row, (leaf, used) in enumerate(book.result.goalposts_used().items(), start=1):
        node = book.methodology.nodes[leaf]
        sheet.write_string(row, 0, leaf, book.text)
        sheet.write_string(row, 1, node.name, book.text)
        sheet.write_string(row, 2, node.unit, book.text)
        sheet.write_string(row, 3, DIRECTION_LABELS.get(str(used["better"]), ""), book.text)
        sheet.write_string(row, 4, MODE_LABELS.get(str(used["mode"]), IDENTITY_MODE), book.text)
        book.write_cell(sheet, row, 5, used["best"], book.raw)
        book.write_cell(sheet, row, 6, used["worst"], book.raw)
        description = node.goalposts.describe() if node.goalposts else "原值已为0-100分"
        sheet.write_string(row, 7, description, book.text)
    sheet.set_column(0, 1, 20)
    sheet.set_column(2, 6, 12)
    sheet.set_column(7, 7, 44)
    sheet.freeze_panes(1, 0)


def _readable_table(
    header: Sequence[str], rows: Sequence[Sequence[object]], nodes
) -> tuple[list[str], list[str], list[list[object]]]:
    """An intermediate table for people: the Chinese label and the id of each column, and its
    rows with codes in words and each indicator's name beside its code."""
    labels: list[str] = []
    ids: list[str] = []
    for column in header:
        labels.append(nodes[column].name if column in nodes else COLUMN_LABELS.get(column, column))
        ids.append(column)
        if column in CODE_COLUMNS:
            labels.append(NAME_COLUMN[0])
            ids.append(NAME_COLUMN[1])
    cells = []
    for values in rows:
        row: list[object] = []
        for column, value in zip(header, values, strict=True):
            if isinstance(value, float) and math.isnan(value):
                value = None
            words = VALUE_LABELS.get(column)
            row.append(words.get(str(value), value) if words and value is not None else value)
            if column in CODE_COLUMNS:
                row.append(nodes[value].name if value in nodes else None)
        cells.append(row)
    return labels, ids, cells


def _intermediate_sheets(book: _Book) -> None:
    """Each of `result.tables()` unrounded; row 1 names the columns, row 2 gives their ids. Codes
    in the cells (a goalpost's source and direction) are in words, and an indicator's code has
    its name beside it (the command line's `--tables` keeps the engine's codes)."""
    nodes = book.methodology.nodes
    for key, (header, rows) in book.result.tables().items():
        sheet = book.sheet(INTERMEDIATE_PREFIX + table_label(key))
        labels, ids, cells = _readable_table(header, rows, nodes)
        for col, (label, column) in enumerate(zip(labels, ids, strict=True)):
            sheet.write_string(0, col, label, book.header)
            sheet.write_string(1, col, column, book.header)
        for r, values in enumerate(cells, start=2):
            for col, value in enumerate(values):
                book.write_cell(sheet, r, col, value, book.raw)
        sheet.set_column(0, 0, 20)
        sheet.set_column(1, max(len(labels) - 1, 1), 13)
        sheet.set_row(0, 30)
        sheet.freeze_panes(2, 1)


def _about_sheet(book: _Book, title: str) -> None:
    sheet = book.sheet(SHEET_ABOUT)
    methodology = book.methodology
    sheet.write_string(0, 0, title, book.title)
    facts = [
        ("评价对象", f"{book.zone_name}（数据中的单位：{book.unit}）"),
        ("评价方法", f"{methodology.name}（{methodology.id}）"),
        ("方法版本", methodology.version or "—"),
        ("评价期间", book.result.period or "未分期"),
        ("参评单位", f"{book.result.ranked_count}个{book.scope}"),
        ("得分显示", f"保留{book.decimals}位小数，四舍五入；差距为两个显示值之差"),
    ]
    if methodology.combination:
        facts.append(("总分构成", combination_text(methodology)))
    for row, (label, text) in enumerate(facts, start=2):
        sheet.write_string(row, 0, label, book.header)
        sheet.write_string(row, 1, text, book.text)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 70)


# --- entry point -------------------------------------------------------------------------------


def build_xlsx(
    *,
    result: EvaluationResult,
    unit: str,
    previous: EvaluationResult | None = None,
    trend: Sequence[EvaluationResult] | None = None,
    zone_name: str,
    title: str,
    scope: str = "功能区",
) -> bytes:
    """The evaluation workbook for `unit` as .xlsx bytes (sheets named in Chinese)."""
    result.unit_index(unit)  # an unknown unit fails here, before any work
    title = title or f"{zone_name}营商环境评价结果"
    trend = meaningful_trend(trend)
    book = _Book(result, unit, zone_name, scope)
    book.workbook.set_properties({"title": title, "subject": result.methodology.name})
    standings = diagnosis.standings(result, unit, previous=previous)
    _ranking_sheet(book)
    _scores_sheet(book)
    _diagnosis_sheet(book, standings, previous is not None)
    _comparison_sheet(book, {s.node: s for s in standings})
    _weaknesses_sheet(book)
    if trend:
        _trend_sheet(book, trend)
    _goalposts_sheet(book)
    _intermediate_sheets(book)
    _about_sheet(book, title)
    return book.close()
