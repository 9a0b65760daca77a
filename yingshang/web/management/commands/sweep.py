"""`yingshang sweep [--today YYYY-MM-DD]`: the daily clock run of every module (run it from a
timer): rectification's tasks, then appeals. One line: rectification's summary, then the
appeals' counts."""

from django.core.management.base import BaseCommand, CommandError

from yingshang.appeals.services.sweep import sweep as sweep_appeals
from yingshang.core.workdays import WorkdayError, parse_date
from yingshang.rectification.services.sweep import sweep as sweep_rectification


class Command(BaseCommand):
    help = "督办巡检：整改任务和诉求的到期提醒、催办、督办和通报，逾期未受理的诉求视为受理"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--today", help="按该日期巡检（YYYY-MM-DD），默认今天")

    def handle(self, *args, **options) -> None:
        today = None
        if options.get("today"):
            try:
                today = parse_date(options["today"])
            except (WorkdayError, ValueError) as exc:
                raise CommandError(f"日期格式有误: {options['today']}（应为 YYYY-MM-DD）") from exc
        rectification = sweep_rectification(today=today)
        appeals = sweep_appeals(today=rectification.today)
        self.stdout.write(f"{rectification}；{appeals}")
