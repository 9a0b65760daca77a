"""`yingshang sweep [--today YYYY-MM-DD]`: the daily rectification sweep (run it from a timer)."""

from django.core.management.base import BaseCommand, CommandError

from yingshang.core.workdays import WorkdayError, parse_date
from yingshang.rectification.services.sweep import sweep


class Command(BaseCommand):
    help = "整改督办巡检：标记即将到期和超期的任务，发出催办、督办和通报通知"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--today", help="按该日期巡检（YYYY-MM-DD），默认今天")

    def handle(self, *args, **options) -> None:
        today = None
        if options.get("today"):
            try:
                today = parse_date(options["today"])
            except (WorkdayError, ValueError) as exc:
                raise CommandError(f"日期格式有误: {options['today']}（应为 YYYY-MM-DD）") from exc
        self.stdout.write(str(sweep(today=today)))
