"""Problems found in an import file: each one a row number, a column and a reason in Chinese.

Row numbers are the file's own: the header is row 1 and the first data row is row 2, so a
number points at the row a person sees in Excel.
"""

from dataclasses import dataclass, field

MAX_REPORTED_ERRORS = 1000
HEADER_ROW = 1
ECHO_CHARS = 50


def shorten(text: object, limit: int = ECHO_CHARS) -> str:
    """At most `limit` characters of what a file holds, for a message: a cell can be megabytes
    long, and a message echoing it whole would be that long too."""
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.column}: {self.reason}"


class FileProblem(ValueError):
    """The file as a whole cannot be read (missing, wrong type, damaged, undecodable)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass
class ErrorLog:
    """Keeps the first `limit` errors and counts the rest."""

    limit: int = MAX_REPORTED_ERRORS
    shown: list[RowError] = field(default_factory=list)
    hidden: int = 0

    def add(self, error: RowError) -> None:
        if len(self.shown) < self.limit:
            self.shown.append(error)
        else:
            self.hidden += 1

    def extend(self, errors: list[RowError]) -> None:
        for error in errors:
            self.add(error)

    @property
    def total(self) -> int:
        return len(self.shown) + self.hidden

    def __bool__(self) -> bool:
        return self.total > 0

    def hidden_line(self) -> str:
        return f"还有{self.hidden}处错误未显示" if self.hidden else ""
