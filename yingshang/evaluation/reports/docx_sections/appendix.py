"""附录: every unit's overall ranking (the unit in bold) and the goalposts used."""

from yingshang.core.evaluation.methodology import OBJECTIVE, ROOT, SATISFACTION

from ..docx_writer import ReportWriter
from ..text import DASH, ranking_order

GOALPOST_HEADER = ("末级指标", "计量单位", "方向", "目标值来源", "最优值", "最差值")
DIRECTION_LABELS = {"higher": "越高越好", "lower": "越低越好"}
SOURCE_LABELS = {"fixed": "固定目标值", "sample": "取自参评单位", "percentile": "取自样本百分位"}


def appendix(writer: ReportWriter) -> None:
    writer.heading("附录", 1)
    _ranking(writer)
    _goalposts(writer)


def _ranking(writer: ReportWriter) -> None:
    result, methodology = writer.result, writer.methodology
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


def _goalposts(writer: ReportWriter) -> None:
    methodology = writer.methodology
    writer.heading("附表2　目标值（前沿值计算依据）", 2)
    rows = [
        [
            writer.name(leaf),
            methodology.nodes[leaf].unit or DASH,
            DIRECTION_LABELS.get(str(used["better"]), str(used["better"])),
            SOURCE_LABELS.get(str(used["mode"]), "原值计分"),
            writer.shown(used["best"]),
            writer.shown(used["worst"]),
        ]
        for leaf, used in writer.result.goalposts_used().items()
    ]
    writer.table(GOALPOST_HEADER, rows)
