"""The Chinese evaluation report as a Word document, shaped like a provincial evaluation notice.

Every sentence and gap figure comes from `yingshang.core.evaluation.diagnosis`, so the document
says exactly what the pages and the API say; the parts in `docx_sections` only lay them out in
the office's Word form (`yingshang.lib.docx`). No Django here: it takes an `EvaluationResult`
and plain arguments and returns the .docx bytes.
"""

from collections.abc import Sequence

from yingshang.core.evaluation import diagnosis
from yingshang.core.evaluation.result import EvaluationResult

from .docx_sections.appendix import appendix
from .docx_sections.changes import changes
from .docx_sections.overview import overview, title_block
from .docx_sections.weaknesses import weaknesses
from .docx_writer import ReportWriter
from .text import meaningful_trend


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
    heading = title or f"{zone_name}营商环境评价报告"
    trend = meaningful_trend(trend)
    writer = ReportWriter(result, unit, zone_name, scope)
    writer.set_title_property(heading)
    standings = {s.node: s for s in diagnosis.standings(result, unit, previous=previous)}
    title_block(writer, heading)
    overview(writer, standings)
    weaknesses(writer)
    changes(writer, standings, previous, trend)
    appendix(writer)
    return writer.to_bytes()
