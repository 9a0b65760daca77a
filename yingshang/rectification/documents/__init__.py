"""Documents of the rectification work: the plan as Word, the problem ledger as Excel, and
importing problems from a spreadsheet."""

from yingshang.rectification.documents.ledger_xlsx import build_ledger_xlsx
from yingshang.rectification.documents.plan_docx import build_plan_docx
from yingshang.rectification.documents.problem_import import (
    ImportOutcome,
    ImportRejected,
    import_problems,
    problem_template_xlsx,
)

__all__ = [
    "ImportOutcome",
    "ImportRejected",
    "build_ledger_xlsx",
    "build_plan_docx",
    "import_problems",
    "problem_template_xlsx",
]
