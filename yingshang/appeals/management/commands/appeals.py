"""`yingshang appeals SUBCOMMAND`: the appeals module's command line.

- `router-eval --data FILE --text COL[,COL] --label COL [--folds K] [--seed S]`: stratified
  K-fold cross-validation of the router as configured on a labelled .csv or .xlsx file; the
  last line is `macro-F1 0.xxx accuracy 0.xxx`. Needs no database.
- `deadline --kind KIND --received YYYY-MM-DD`: the acceptance and handling deadlines of a kind,
  `accept YYYY-MM-DD handle YYYY-MM-DD`.

Errors are one Chinese line on stderr and a non-zero exit.
"""

import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yingshang.lib.tabular.errors import FileProblem
from yingshang.lib.tabular.readers import read_rows


class Command(BaseCommand):
    help = "诉求模块：router-eval（路由交叉验证）、deadline（受理与办理期限）"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        evaluate = sub.add_parser("router-eval", help="对带类别的留言文件做分层 K 折交叉验证")
        evaluate.add_argument("--data", required=True, type=Path, help="数据文件（.csv 或 .xlsx）")
        evaluate.add_argument("--text", required=True, help="文本列，多列用逗号分隔（依次拼接）")
        evaluate.add_argument("--label", required=True, help="类别列")
        evaluate.add_argument("--folds", type=int, default=5, help="折数（默认 5）")
        evaluate.add_argument("--seed", type=int, default=0, help="分折的随机种子（默认 0）")
        evaluate.add_argument("--config", type=Path, help="另一份路由配置（默认：随平台发布的）")
        evaluate.add_argument(
            "--without-corpus", action="store_true", help="不用未标注语料（快速检查用，效果较差）"
        )
        deadline = sub.add_parser("deadline", help="某类诉求的受理与办理期限")
        deadline.add_argument("--kind", required=True, help="诉求类型")
        deadline.add_argument("--received", required=True, help="收到日期 YYYY-MM-DD")

    from_argv = False

    def run_from_argv(self, argv: list[str]) -> None:
        self.from_argv = True
        super().run_from_argv(argv)

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            if not self.from_argv:
                raise
            # On the command line: one Chinese line, without Django's "CommandError:" prefix.
            sys.stderr.write(f"{exc}\n")
            sys.exit(exc.returncode or 1)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "deadline":
            self._deadline(options["kind"], options["received"])
        else:
            self._router_eval(options)

    def _deadline(self, kind: str, received: str) -> None:
        from yingshang.appeals.services.deadlines import deadlines_for

        try:
            day = date.fromisoformat(received)
        except ValueError:
            raise CommandError(f"收到日期“{received}”无效，应为 YYYY-MM-DD") from None
        try:
            accept, handle = deadlines_for(kind=kind, received=day)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"accept {accept.isoformat()} handle {handle.isoformat()}")

    def _router_eval(self, options: dict[str, Any]) -> None:
        from yingshang.appeals.routing_data import KEYWORDS, shipped_config
        from yingshang.core.appeals.routing import RouterConfigError, RouterError, cross_validate

        columns = [c.strip() for c in options["text"].split(",") if c.strip()]
        if not columns:
            raise CommandError("请用 --text 指定至少一个文本列")
        texts, labels = read_labelled(options["data"], columns, options["label"].strip())
        try:
            config = shipped_config(
                options["config"] or KEYWORDS, with_corpus=not options["without_corpus"]
            )
            result = cross_validate(
                config, texts, labels, folds=options["folds"], seed=options["seed"]
            )
        except (RouterError, RouterConfigError) as exc:
            raise CommandError(str(exc)) from None
        for line in report_lines(result):
            self.stdout.write(line)


def read_labelled(path: Path, columns: list[str], label: str) -> tuple[list[str], list[str]]:
    """Joined text columns and the label of every row with a label."""
    from yingshang.core.appeals.routing.text import join_fields, normalise

    try:
        rows = read_rows(path)
        _, header = next(rows, (1, ()))
        names = [normalise(h) for h in header]
        missing = [c for c in [*columns, label] if normalise(c) not in names]
        if missing:
            raise CommandError(f"文件 {path.name} 中没有列：{'、'.join(missing)}")
        where = [names.index(normalise(c)) for c in columns]
        at = names.index(normalise(label))
        texts, labels = [], []
        for _, cells in rows:
            cells = list(cells) + [None] * (len(names) - len(cells))
            value = normalise(cells[at])
            if value:
                texts.append(join_fields(cells[i] for i in where))
                labels.append(value)
    except FileProblem as exc:
        raise CommandError(str(exc)) from None
    if not labels:
        raise CommandError(f"文件 {path.name} 中没有带类别的行")
    return texts, labels


def report_lines(result: Any) -> list[str]:
    lines = [f"{result.folds} 折交叉验证（种子 {result.seed}），共 {len(result.proposals)} 条"]
    lines.append("类别\t精确率\t召回率\tF1\t条数")
    for c in result.per_class:
        lines.append(f"{c.label}\t{c.precision:.3f}\t{c.recall:.3f}\t{c.f1:.3f}\t{c.support}")
    lines.append(
        f"规则命中 {result.rule_hits} 条；转人工（置信度低于阈值）{result.triage_rate:.1%}，"
        f"其余的准确率 {result.confident_accuracy:.3f}"
    )
    lines.append(f"top-2 {result.top2:.3f}")
    lines.append(f"macro-F1 {result.macro_f1:.3f} accuracy {result.accuracy:.3f}")
    return lines
