"""The CSV files the evaluation pages offer for download: the score table and the data template.

People open them in Excel, so the headers are Chinese and every indicator carries its name; its
code stays in a column of its own (指标编码), which is what a program or a re-import needs. The
command line's `--out` file is another contract, read by programs (`LONG_COLUMNS`, English), and
is written by `core.evaluation.reading`, not here.

Every cell goes through the safe CSV writer: a unit or indicator named like a formula stays text.
No Django here: plain results and methodologies in, text out.
"""

import io
from collections.abc import Iterable, Sequence

from yingshang.core.evaluation.methodology import Methodology
from yingshang.core.evaluation.result import EvaluationResult
from yingshang.lib.tabular.safe import csv_writer

# Excel opens a UTF-8 CSV with Chinese text correctly only when it starts with a BOM.
BOM = "\ufeff"

SCORE_COLUMNS = ("单位", "指标", "指标编码", "得分", "排名", "前沿值", "平均值")

# The data reader (`core.evaluation.reading`) knows 单位，指标编码，数值，期间 and 分组 and skips
# the columns it does not know: 指标名称 and 计量单位 are there for the person filling it in.
TEMPLATE_COLUMNS = ("单位", "指标编码", "指标名称", "计量单位", "数值", "期间", "分组")
TEMPLATE_UNITS = ("示例功能区甲", "示例功能区乙")
TEMPLATE_PERIOD = "2020"


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV for Excel: BOM, CRLF, None as an empty cell, formula-like text quoted as text."""
    handle = io.StringIO()
    handle.write(BOM)
    writer = csv_writer(handle, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return handle.getvalue()


def score_rows(result: EvaluationResult) -> list[list[object]]:
    """One row per unit and indicator node, in the columns of `SCORE_COLUMNS`: the long table's
    figures (`reading.long_table_rows`) with each node's name beside its code."""
    # Here, not at import: the reading module brings openpyxl and xlsxwriter with it.
    from yingshang.core.evaluation.reading import long_table_rows

    name_of = result.methodology.name_of
    return [
        [unit, name_of(node), node, score, rank, frontier, average]
        for unit, node, score, rank, frontier, average in long_table_rows(result)
    ]


def score_csv(result: EvaluationResult) -> str:
    return csv_text(SCORE_COLUMNS, score_rows(result))


def template_rows(
    methodology: Methodology, *, leaves: Sequence[str] | None = None
) -> list[list[str]]:
    """One row per leaf (all of the methodology's, or `leaves`) for each example unit, the value
    left to fill in."""
    chosen = methodology.leaves if leaves is None else tuple(leaves)
    rows = []
    for unit in TEMPLATE_UNITS:
        for leaf in chosen:
            node = methodology.nodes[leaf]
            rows.append([unit, leaf, node.name, node.unit, "", TEMPLATE_PERIOD, ""])
    return rows


def template_csv(methodology: Methodology, *, leaves: Sequence[str] | None = None) -> str:
    return csv_text(TEMPLATE_COLUMNS, template_rows(methodology, leaves=leaves))
