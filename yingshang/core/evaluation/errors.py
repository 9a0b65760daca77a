"""Errors of the evaluation core, each carrying every problem found, in Chinese."""

from dataclasses import dataclass, field


@dataclass
class MethodologyError(ValueError):
    """A methodology file that cannot be used; `problems` lists every reason found."""

    problems: list[str] = field(default_factory=list)
    source: str = ""

    def __str__(self) -> str:
        head = f"评价方法无效（{self.source}）" if self.source else "评价方法无效"
        return head + "：\n" + "\n".join(f"- {p}" for p in self.problems)


@dataclass(frozen=True)
class RowProblem:
    """One bad data row: `row` is the spreadsheet row number (the header is row 1)."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"第 {self.row} 行" if self.row else "文件"
        column = f"：{self.column}" if self.column else ""
        return f"{where}{column}：{self.reason}"


@dataclass
class DataError(ValueError):
    """A data file that cannot be evaluated; nothing of it is used."""

    problems: list[RowProblem] = field(default_factory=list)
    source: str = ""

    def __str__(self) -> str:
        head = f"数据文件无效（{self.source}）" if self.source else "数据文件无效"
        shown = self.problems[:50]
        lines = [f"- {p}" for p in shown]
        if len(self.problems) > len(shown):
            lines.append(f"- ……另有 {len(self.problems) - len(shown)} 处问题")
        return head + "：\n" + "\n".join(lines)
