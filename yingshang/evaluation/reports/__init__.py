"""The evaluation report as Word and Excel files, built from an `EvaluationResult`.

Framework-free: these modules take a result and plain arguments and return bytes, so the web
views, the API and the command line share them and tests need no database.
"""

from .docx_report import build_docx
from .xlsx_report import build_xlsx

__all__ = ["build_docx", "build_xlsx"]
