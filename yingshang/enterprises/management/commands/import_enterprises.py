"""`yingshang import-enterprises FILE [--zone CODE] [--dry-run]`.

Exit status 0 with "导入完成: created=N updated=N unchanged=N"; 1 when the file cannot be read
(a Chinese message on stderr) or any row is wrong: then stderr has exactly one line
"row N: <column>: <reason>" per problem (the first 1,000), stdout a summary, and the database
is unchanged. Rows imported with a warning (a uscc whose prefix another entity type carries)
are listed on stderr of a successful run, one "warning: row N: <column>: <reason>" each.
"""

from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from yingshang.enterprises.imports.service import ImportResult, import_enterprises
from yingshang.kernel.models import Zone
from yingshang.lib.tabular.errors import FileProblem
from yingshang.lib.tabular.readers import check_suffix


def _plain(text: str) -> str:
    return text


class Command(BaseCommand):
    help = "从 .xlsx 或 .csv 文件导入市场主体 (全部行校验通过才写入)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="导入文件 (.xlsx 或 .csv)")
        parser.add_argument("--zone", help="默认功能区编码: 文件未填写功能区的新主体登记到该功能区")
        parser.add_argument("--dry-run", action="store_true", help="只校验并统计，不写入")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            check_suffix(path.name)
            if not path.is_file():
                raise FileProblem(f"文件不存在: {path}")
            zone = self._zone(options["zone"])
            result = import_enterprises(
                path=path, actor=None, default_zone=zone, dry_run=options["dry_run"]
            )
        except FileProblem as exc:
            self._fail([str(exc)])
        if not result.ok:
            self._fail_rows(result)
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}", style_func=_plain)
        verb = "校验通过 (未写入)" if options["dry_run"] else "导入完成"
        self.stdout.write(f"{verb}: {result.counts_line()}", style_func=_plain)

    def _zone(self, code: str | None) -> Zone:
        if code:
            zone = Zone.objects.filter(code=code).first()
            if zone is None:
                raise FileProblem(f"功能区编码“{code}”不存在")
            return zone
        hosted = list(Zone.objects.filter(hosted=True)[:2])
        if len(hosted) != 1:
            raise FileProblem("无法确定默认功能区: 请用 --zone 指定功能区编码")
        return hosted[0]

    def _fail_rows(self, result: ImportResult) -> NoReturn:
        """stderr: only the "row N: column: reason" lines; stdout: the summary."""
        total = len(result.errors) + result.hidden_errors
        hidden = f" ({result.hidden_line})" if result.hidden_line else ""
        for error in result.errors:
            self.stderr.write(str(error), style_func=_plain)
        self.stdout.write(f"导入失败: 共{total}处错误{hidden}，未写入任何数据", style_func=_plain)
        raise SystemExit(1)

    def _fail(self, lines: list[str]) -> NoReturn:
        for line in lines:
            self.stderr.write(line, style_func=_plain)
        raise SystemExit(1)
