"""The evaluation report as Word and Excel files, built from an `EvaluationResult`.

Framework-free: these modules take a result and plain arguments and return bytes, so the web
views, the API and the command line share them and tests need no database. The builders load
python-docx, matplotlib and xlsxwriter, so they are imported on the first report, not with the
pages that offer the downloads.
"""

from typing import Any


def build_docx(**arguments: Any) -> bytes:
    """The Word report; the arguments are those of `docx_report.build_docx`."""
    from .docx_report import build_docx as build

    return build(**arguments)


def build_xlsx(**arguments: Any) -> bytes:
    """The Excel workbook; the arguments are those of `xlsx_report.build_xlsx`."""
    from .xlsx_report import build_xlsx as build

    return build(**arguments)


__all__ = ["build_docx", "build_xlsx"]
