"""The evaluation report's Word form and its writer: the document with the facts every section
needs (the result, the unit, the zone, the methodology's decimals)."""

import math

from yingshang.core.evaluation.result import EvaluationResult
from yingshang.lib.docx import DocumentForm, HeadingStyle, PageSetup, WordWriter

from .text import DASH, number_text

REPORT_FORM = DocumentForm(
    body_size=12,
    line_spacing=1.5,
    headings=(HeadingStyle(1, 16), HeadingStyle(2, 14), HeadingStyle(3, 12)),
    page=PageSetup(left=2.6, right=2.6, top=3.0, bottom=2.5),
    indent=24,
)
TITLE_SIZE = 20


class ReportWriter(WordWriter):
    """The report being written, with the facts every section needs."""

    def __init__(self, result: EvaluationResult, unit: str, zone_name: str, scope: str):
        super().__init__(REPORT_FORM)
        self.result = result
        self.unit = unit
        self.zone_name = zone_name
        self.scope = scope
        self.methodology = result.methodology
        self.decimals = result.methodology.ranking.decimals

    def num(self, value: float | None) -> str:
        return number_text(value, self.decimals)

    def shown(self, value: float | None) -> str:
        """A raw (unrounded) number, rounded half up as the report shows it."""
        if value is None or math.isnan(value):
            return DASH
        return self.num(self.result.displayed(value))

    def name(self, node: str) -> str:
        return self.methodology.name_of(node)
