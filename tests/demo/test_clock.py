"""The demo's clock: the moment of each step of the story, and `timezone.now()` reading it."""

import datetime as dt

import pytest
from django.utils import timezone

from yingshang.demo.clock import StoryClock

TODAY = dt.date(2026, 3, 2)
SHANGHAI = timezone.get_fixed_timezone(8 * 60)


def clock(started: dt.datetime) -> StoryClock:
    return StoryClock(today=TODAY, started=started)


def test_past_days_happen_in_office_hours_in_the_order_given():
    c = clock(dt.datetime(2026, 3, 2, 15, 0, tzinfo=SHANGHAI))
    day = TODAY - dt.timedelta(days=3)
    moments = [timezone.localtime(c.moment(day, index)) for index in range(10)]
    assert moments == sorted(set(moments))
    assert all(m.date() == day and 8 <= m.hour < 18 for m in moments)


@pytest.mark.parametrize("hour", [0, 7, 23])
def test_the_last_day_happens_before_the_build_started(hour):
    started = dt.datetime(2026, 3, 2, hour, 1, tzinfo=SHANGHAI)
    c = clock(started)
    moments = [c.moment(TODAY, index) for index in range(20)]
    assert moments == sorted(set(moments))
    assert all(timezone.localtime(m).date() == TODAY and m < started for m in moments)


def test_no_step_after_the_last_day_and_no_last_day_after_the_build():
    c = clock(dt.datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI))
    with pytest.raises(ValueError):
        c.moment(TODAY + dt.timedelta(days=1))
    with pytest.raises(ValueError):
        StoryClock(today=TODAY, started=dt.datetime(2026, 3, 1, 9, 0, tzinfo=SHANGHAI))


def test_within_a_step_the_services_clock_reads_its_moment_and_comes_back_after():
    c = clock(dt.datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI))
    day = TODAY - dt.timedelta(days=40)
    with c.on(day, 2) as moment:
        assert timezone.now() == moment == c.moment(day, 2)
        assert timezone.localdate() == day
    assert timezone.localdate() != day
    with pytest.raises(RuntimeError), c.on(day):
        raise RuntimeError
    assert timezone.localdate() != day
