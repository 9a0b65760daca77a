"""`yingshang demo`: migrate, build the demo zone if it is missing, print the accounts, serve.

yingshang demo                       # 5,000 enterprises, then http://127.0.0.1:8000/
yingshang demo --size 1000000 --no-serve
yingshang demo --reset               # throw the demo database away and build it again
"""

import unicodedata
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from yingshang.demo import DEFAULT_SEED, DEFAULT_SIZE
from yingshang.demo import reference as ref
from yingshang.demo.build import (
    DemoAccount,
    Progress,
    build_demo,
    demo_accounts,
    find_demo_zone,
)
from yingshang.demo.reset import (
    ResetRefused,
    check_resettable,
    database_label,
    drop_all_tables,
)
from yingshang.web.management.commands.serve import (
    add_server_arguments,
    serve_site,
    site_url,
)

CONFIRMATION = "yes"


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def format_table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(display_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        return "  ".join(pad(cell, w) for cell, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def accounts_table(accounts: list[DemoAccount]) -> str:
    rows = [
        [a.username, a.password, a.role, a.full_name, a.unit + ("" if a.exists else "(不存在)")]
        for a in accounts
    ]
    return format_table(["用户名", "初始密码", "角色", "姓名", "部门/企业"], rows)


class Command(BaseCommand):
    help = "生成并启动演示环境: 郑州高新区、17 个省内对标功能区、各角色账号和市场主体库"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size", type=int, default=DEFAULT_SIZE, help="市场主体数量 (默认 5000)"
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="随机种子")
        parser.add_argument("--no-serve", action="store_true", help="只生成数据，不启动网站")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="删除演示数据库中的全部表并重新生成 (仅限由本命令生成的数据库，需确认)",
        )
        parser.add_argument(
            "--no-input", "--noinput", action="store_true", help="重置时不再询问确认"
        )
        add_server_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["size"] < 1:
            raise CommandError("--size 必须是正整数")
        if options["reset"]:
            self._reset(interactive=not options["no_input"])
        self.stdout.write("检查并执行数据库迁移 ...\n")
        call_command("migrate", interactive=False, verbosity=0)
        self._ensure_demo(size=options["size"], seed=options["seed"])
        url = site_url(options["host"], options["port"])
        self.stdout.write("\n演示账号 (首次登录后请修改密码；演示数据均为虚构):\n")
        self.stdout.write(accounts_table(demo_accounts()) + "\n")
        if options["no_serve"]:
            self.stdout.write(f"\n网站地址: {url} (启动: yingshang serve)\n")
        else:
            self.stdout.write("\n")
            serve_site(
                host=options["host"],
                port=options["port"],
                threads=options["threads"],
                stdout=self.stdout,
            )

    def _reset(self, *, interactive: bool) -> None:
        try:
            tables = check_resettable()
        except ResetRefused as exc:
            raise CommandError(str(exc)) from exc
        if not tables:
            return
        if interactive and not self._confirmed(
            f"将删除数据库 {database_label()} 中的全部 {len(tables)} 张表及其数据，"
            f"然后重新生成演示数据。输入 {CONFIRMATION} 继续: "
        ):
            raise CommandError("已取消，数据库未改动")
        drop_all_tables(tables)
        self.stdout.write(f"已清空数据库 {database_label()}\n")

    @staticmethod
    def _confirmed(question: str) -> bool:
        try:
            return input(question).strip().lower() == CONFIRMATION
        except EOFError:
            return False

    def _ensure_demo(self, *, size: int, seed: int) -> None:
        zone = find_demo_zone()
        if zone is not None:
            count = zone.enterprises.count()
            self.stdout.write(
                f"演示功能区 {zone.name} 已存在 ({count} 个市场主体)ï¼直接使用；"
                "如需重新生成请加 --reset\n"
            )
            return
        self.stdout.write(
            f"正在生成演示数据: {ref.HOSTED_ZONE['name']}, {len(ref.PEER_ZONES)} 个对标功能区，"
            f"{len(ref.DEPARTMENTS)} 个部门，{size} 个市场主体 (种子 {seed}) ...\n"
        )
        report = build_demo(size=size, seed=seed, progress=self._progress(size))
        self.stdout.write(
            f"完成: {report.enterprises} 个市场主体，{report.qualifications} 条资质，"
            f"用时 {report.seconds:.1f} 秒\n"
        )

    def _progress(self, total: int) -> Progress:
        step = max(total // 10, 50_000)

        def report(done: int, size: int) -> None:
            if done % step < 5_000 and done < size:
                self.stdout.write(f"  已写入 {done}/{size}\n")

        return report
