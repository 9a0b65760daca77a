import datetime as dt

import pytest
from django.utils import timezone

from tests.rectification.helpers import act, evidence
from yingshang.kernel.models import Role
from yingshang.rectification.models import TaskRecord
from yingshang.rectification.selectors.performance import (
    closure_by_month,
    department_performance,
)


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def dated(task, *days: dt.date) -> None:
    """Give the task's records (in order) the dates they would have had."""
    for record, day in zip(TaskRecord.objects.filter(task=task).order_by("id"), days, strict=True):
        TaskRecord.objects.filter(pk=record.pk).update(created_at=at(day))


@pytest.fixture
def history(users, make_task):
    office, dept, leader = users[Role.OFFICE], users[Role.DEPARTMENT], users[Role.LEADER]
    on_time = make_task(title="按期任务", limit_workdays=None, deadline=dt.date(2025, 3, 31))
    act(office, on_time, "assign", today=dt.date(2025, 3, 3))
    act(dept, on_time, "start")
    act(dept, on_time, "submit", text="完成", files=[evidence()])
    act(leader, on_time, "return", text="补充")
    act(dept, on_time, "submit", text="已补充", files=[evidence()])
    act(leader, on_time, "accept", today=dt.date(2025, 4, 2))
    act(office, on_time, "close", today=dt.date(2025, 4, 3))
    dated(
        on_time,
        dt.date(2025, 3, 3),
        dt.date(2025, 3, 4),
        dt.date(2025, 3, 20),
        dt.date(2025, 3, 21),
        dt.date(2025, 3, 28),
        dt.date(2025, 4, 2),
        dt.date(2025, 4, 3),
    )
    late = make_task(title="超期任务", limit_workdays=None, deadline=dt.date(2025, 3, 14))
    act(office, late, "assign", today=dt.date(2025, 3, 3))
    dated(late, dt.date(2025, 3, 3))
    return on_time, late


def test_department_months_from_record_dates(zone, departments, history):
    rows = department_performance(
        zone=zone, month_from=dt.date(2025, 3, 1), month_to=dt.date(2025, 4, 30)
    )
    by_key = {(row.department.code, row.month): row for row in rows}
    assert set(by_key) == {(c, m) for c in ("xzsp", "scjg") for m in ("2025-03", "2025-04")}
    march, april = by_key[("scjg", "2025-03")], by_key[("scjg", "2025-04")]
    assert (march.assigned, march.returned, march.overdue, march.done_on_time) == (2, 1, 1, 0)
    assert (april.assigned, april.done_on_time, april.closed) == (0, 1, 1)
    # 2025-03-03 to 2025-04-03: 23 working days (Qingming 4-4 falls after).
    assert april.mean_workdays_to_close == 23
    assert by_key[("xzsp", "2025-03")].assigned == 0


def test_months_outside_the_range_are_left_out(zone, history):
    rows = department_performance(
        zone=zone, month_from=dt.date(2025, 4, 1), month_to=dt.date(2025, 4, 30)
    )
    assert {row.month for row in rows} == {"2025-04"}
    assert sum(row.assigned for row in rows) == 0


def test_closure_by_month(zone, history):
    assert closure_by_month(zone) == [("2025-04", 1)]
