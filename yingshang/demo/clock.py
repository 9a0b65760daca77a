"""The demo's clock. The services stamp their rows and audit events with `timezone.now()`; while
the demo plays its story, "now" is the moment of the story's step, so that a task assigned 60
days ago shows an assignment event 60 days old, not one made at build time.

The story is told in days relative to the day of the build (`today`). On a past day the steps
happen in office hours, a few minutes apart, in the order given; on the day of the build they
happen in the hour before the build started, so no event lies in the future.
"""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

DAY_STARTS = dt.time(8, 30)
STEP_GAP = dt.timedelta(minutes=7)
TODAY_STEPS = 100
"""The most steps on the day of the build: they are spaced out over the hour before it began."""


class StoryClock:
    def __init__(self, *, today: dt.date, started: dt.datetime | None = None) -> None:
        self.today = today
        self.started = timezone.localtime(started or timezone.now())
        if self.started.date() < today:
            raise ValueError("演示数据的日期不能晚于生成时间")

    def moment(self, day: dt.date, index: int = 0) -> dt.datetime:
        """When the day's `index`-th step (from 0) happens."""
        if day > self.today:
            raise ValueError(f"演示数据中的 {day.isoformat()} 晚于今天 {self.today.isoformat()}")
        zone = timezone.get_current_timezone()
        if day < self.today or self.started.date() > self.today:
            return dt.datetime.combine(day, DAY_STARTS, tzinfo=zone) + index * STEP_GAP
        if index >= TODAY_STEPS:
            raise ValueError(f"演示数据当天的步骤超过 {TODAY_STEPS} 个")
        midnight = dt.datetime.combine(day, dt.time(0), tzinfo=zone)
        window = min(self.started - midnight, dt.timedelta(hours=1))
        return self.started - window + window * (index + 1) / (TODAY_STEPS + 1)

    @contextmanager
    def on(self, day: dt.date, index: int = 0) -> Iterator[dt.datetime]:
        """Within the block, `timezone.now()` (and so `localdate()`, `auto_now_add` and the
        audit trail) is the moment of that step."""
        moment = self.moment(day, index).astimezone(dt.UTC)
        # Process-wide, like Django's own clock: the demo is built in one thread, and nothing
        # else runs in the build's process meanwhile.
        real_now = timezone.now
        timezone.now = lambda: moment  # type: ignore[assignment]
        try:
            yield moment
        finally:
            timezone.now = real_now  # type: ignore[assignment]
