"""`yingshang workdays ...`: working-day arithmetic and seeding from the command line.

    yingshang workdays add 2025-09-30 1          -> 2025-10-09
    yingshang workdays add 2026-12-31 1          -> 2027-01-01 provisional
    yingshang workdays between 2025-09-30 2025-10-12   -> 3
    yingshang workdays is-workday 2025-09-28     -> yes
    yingshang workdays seed [--overwrite]

" provisional" is appended whenever the answer looked at a year whose schedule is not
published (computed weekends-only). Bad input gives a Chinese message and exit status 1.
"""

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from yingshang.calendars import selectors, services
from yingshang.calendars.seeding import FIRST_KNOWN_YEAR, LAST_KNOWN_YEAR
from yingshang.core.workdays import WorkdayError, parse_date


def _date(raw: str) -> dt.date:
    try:
        return parse_date(raw)
    except WorkdayError as exc:
        raise CommandError(str(exc)) from None


def _count(raw: str) -> int:
    text = raw.strip()
    if not text.lstrip("-").isdigit():
        raise CommandError(f"工作日数必须是整数: “{raw}”")
    n = int(text)
    if n < 0:
        raise CommandError(f"工作日数不能为负数: {n}")
    return n


def _flag(text: str, provisional: bool) -> str:
    return f"{text} provisional" if provisional else text


class Command(BaseCommand):
    help = "工作日计算: add START N | between A B | is-workday D | seed"
    # Arithmetic on the calendar table needs no system checks, which would load every URL,
    # view and API schema (seconds) before answering.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        add = actions.add_parser("add", help="START 之次日起第 N 个工作日")
        add.add_argument("start", metavar="START", help="起算日，如 2025-09-30")
        add.add_argument("n", metavar="N", help="工作日数 (非负整数)")
        between = actions.add_parser("between", help="(A, B] 之间的工作日数")
        between.add_argument("a", metavar="A")
        between.add_argument("b", metavar="B")
        is_workday = actions.add_parser("is-workday", help="D 是否为工作日 (yes/no)")
        is_workday.add_argument("day", metavar="D")
        seed = actions.add_parser("seed", help="从 chinesecalendar 导入放假安排")
        seed.add_argument("--first-year", type=int, default=FIRST_KNOWN_YEAR)
        seed.add_argument("--last-year", type=int, default=LAST_KNOWN_YEAR)
        seed.add_argument(
            "--overwrite", action="store_true", help="覆盖管理员修改过的记录，使之与导入源一致"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        handlers = {
            "add": self._add,
            "between": self._between,
            "is-workday": self._is_workday,
            "seed": self._seed,
        }
        handlers[options["action"]](options)

    def _add(self, options: dict[str, Any]) -> None:
        start, n = _date(options["start"]), _count(options["n"])
        try:
            result = selectors.add_workdays(start, n)
        except WorkdayError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(_flag(result.date.isoformat(), result.provisional))

    def _between(self, options: dict[str, Any]) -> None:
        result = selectors.workdays_between(_date(options["a"]), _date(options["b"]))
        self.stdout.write(_flag(str(result.days), result.provisional))

    def _is_workday(self, options: dict[str, Any]) -> None:
        day = _date(options["day"])
        calendar = selectors.load_calendar()
        answer = "yes" if calendar.is_workday(day) else "no"
        self.stdout.write(_flag(answer, calendar.is_provisional(day)))

    def _seed(self, options: dict[str, Any]) -> None:
        report = services.seed_from_chinesecalendar(
            first_year=options["first_year"],
            last_year=options["last_year"],
            overwrite=options["overwrite"],
        )
        self.stdout.write(
            f"已导入 {report.year_range} 年共 {len(report.years)} 个年份"
            f" ({report.source or '无可用数据'}): 新增 {report.days_created} 天，"
            f" 更新 {report.days_updated} 天，删除 {report.days_deleted} 天，"
            f" 保留管理员修改 {report.days_kept} 天"
        )
