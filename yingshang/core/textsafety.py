"""Writing names and other free text to CSV and Excel files so that no cell becomes a formula.

A unit, enterprise or problem name such as ``=HYPERLINK("http://x","y")`` is user input. Opened
in Excel or WPS, a cell holding it would run as a formula (OWASP "CSV injection"). The platform
writes every export through this module, so the rule lives in one place:

- CSV has no cell types: whatever a spreadsheet reads as a formula is one. Text beginning with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is therefore written with a leading
  single quote (OWASP's rule), which spreadsheets show as text. Numbers, dates and None are
  written as they are: ``-3.5`` as a number is a value, not a formula.
- In .xlsx a cell stored as a string is never evaluated, so text needs no quote there (the
  file keeps the exact name). What matters is that XlsxWriter's ``write()`` stores a string
  beginning with ``=`` as a formula and one looking like a URL as a hyperlink; `workbook()`
  turns both off, so ``write()``, ``write_row()`` and ``write_string()`` all store text.

The quote is part of the CSV cell: a program that reads such a file back sees ``'=...``, as
Excel shows it. The .xlsx exports keep the text exact, so an exported workbook imports back
unchanged.
"""

import csv
from collections.abc import Iterable
from typing import IO, Any

# OWASP: the characters a spreadsheet may read as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Always applied to a new XlsxWriter workbook: text stays text, never a formula or a link.
WORKBOOK_OPTIONS: dict[str, bool] = {"strings_to_formulas": False, "strings_to_urls": False}


def safe_text(value: Any) -> Any:
    """`value` for a CSV cell: text starting like a formula gets a leading quote; any other
    value (numbers, dates, None) is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_text(value) for value in row]


class SafeCsvWriter:
    """`csv.writer` whose rows have their text cells escaped by `safe_text`."""

    def __init__(self, handle: IO[str], **options: Any):
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(handle: IO[str], **options: Any) -> SafeCsvWriter:
    """A CSV writer on `handle` (options as for `csv.writer`) that escapes formula-like text."""
    return SafeCsvWriter(handle, **options)


def workbook(target: Any, options: dict[str, Any] | None = None) -> Any:
    """An XlsxWriter workbook on `target` (a path or binary stream) whose strings are stored as
    text, never as formulas or links, whatever `options` say."""
    import xlsxwriter  # here, not at load: only the exports need it

    return xlsxwriter.Workbook(target, {**(options or {}), **WORKBOOK_OPTIONS})
