"""Safe exports for the modules: the rule is the core's (`yingshang.core.textsafety`, which the
core's own evaluation writers use too); see there why CSV text is quoted and .xlsx text is not."""

from yingshang.core.textsafety import (
    FORMULA_STARTS,
    WORKBOOK_OPTIONS,
    SafeCsvWriter,
    csv_writer,
    safe_row,
    safe_text,
    workbook,
)

__all__ = [
    "FORMULA_STARTS",
    "WORKBOOK_OPTIONS",
    "SafeCsvWriter",
    "csv_writer",
    "safe_row",
    "safe_text",
    "workbook",
]
