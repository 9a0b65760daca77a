"""Counting the monthly figures from task records: by hand, and against a transcription of the
Django selector's loop (selectors.department_performance) on random histories."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yingshang.core.rectification.performance import DepartmentMonth
from yingshang.core.rectification.performance_counts import (
    COUNTED_ACTIONS,
    TaskHistory,
    Tick,
    count_department_months,
    histories_from_records,
    month_key,
    month_range,
    task_ticks,
)
from yingshang.core.rectification.workflow import Action
from yingshang.core.workdays import WorkCalendar

D = dt.date
# 2025 as published: Qingming Friday 04-04 off; Labour Day 05-01..05-05 off, Sunday 04-27 worked.
CAL = WorkCalendar.build(
    off_days=[D(2025, 4, 4), *(D(2025, 5, day) for day in range(1, 6))],
    extra_workdays=[D(2025, 4, 27)],
    published_years=[2025],
)


def history(task_id, department, deadline, *events) -> TaskHistory:
    return TaskHistory(task_id, department, deadline, tuple(events))


def figures(m: DepartmentMonth) -> tuple:
    return (m.assigned, m.done_on_time, m.overdue, m.closed, m.returned, m.mean_workdays_to_close)


# The selector's own test (tests/rectification/test_performance_selector.py), in plain rows.
ON_TIME = history(
    1,
    "scjg",
    D(2025, 3, 31),
    ("assign", D(2025, 3, 3)),
    ("start", D(2025, 3, 4)),
    ("submit", D(2025, 3, 20)),
    ("return", D(2025, 3, 21)),
    ("submit", D(2025, 3, 28)),
    ("accept", D(2025, 4, 2)),
    ("close", D(2025, 4, 3)),
)
LATE = history(2, "scjg", D(2025, 3, 14), ("assign", D(2025, 3, 3)))


def test_the_selector_example_by_hand() -> None:
    rows = count_department_months(
        [ON_TIME, LATE],
        departments=["xzsp", "scjg"],
        month_from=D(2025, 3, 1),
        month_to=D(2025, 4, 30),
        today=D(2025, 6, 1),
        calendar=CAL,
    )
    by_key = {(m.department, m.month): m for m in rows}
    assert [(m.department, m.month) for m in rows] == [
        ("xzsp", "2025-03"),
        ("xzsp", "2025-04"),
        ("scjg", "2025-03"),
        ("scjg", "2025-04"),
    ]
    # March: two assigned, one return, the late task overdue (deadline 03-14), nothing on time.
    assert figures(by_key[("scjg", "2025-03")]) == (2, 0, 1, 0, 1, None)
    # April: accepted (last submission 03-28 <= 03-31) and closed 23 working days after 03-03
    # (20 in March after the 3rd, then 04-01..04-03; Qingming falls after).
    april = by_key[("scjg", "2025-04")]
    assert figures(april) == (0, 1, 0, 1, 0, 23)
    assert (april.timed_closures, april.workdays_to_close_total) == (1, 23)
    assert figures(by_key[("xzsp", "2025-03")]) == (0, 0, 0, 0, 0, None)


def test_months_outside_the_range_are_left_out() -> None:
    rows = count_department_months(
        [ON_TIME, LATE],
        departments=["scjg"],
        month_from=D(2025, 4, 1),
        month_to=D(2025, 4, 30),
        today=D(2025, 6, 1),
        calendar=CAL,
    )
    assert [(m.month, m.assigned, m.closed, m.overdue) for m in rows] == [("2025-04", 0, 1, 0)]


def test_a_deadline_not_yet_passed_is_not_overdue() -> None:
    rows = count_department_months(
        [LATE],
        departments=["scjg"],
        month_from=D(2025, 3, 1),
        month_to=D(2025, 3, 31),
        today=D(2025, 3, 14),  # the deadline itself: not yet overdue
        calendar=CAL,
    )
    assert rows[0].overdue == 0
    later = count_department_months(
        [LATE],
        departments=["scjg"],
        month_from=D(2025, 3, 1),
        month_to=D(2025, 3, 31),
        today=D(2025, 3, 15),
        calendar=CAL,
    )
    assert later[0].overdue == 1


def test_ticks_of_a_task_done_late_reopened_and_closed_twice() -> None:
    task = history(
        7,
        "zj",
        D(2025, 4, 10),
        ("assign", D(2025, 4, 1)),
        ("submit", D(2025, 4, 14)),  # after the deadline
        ("accept", D(2025, 4, 15)),  # not on time
        ("close", D(2025, 4, 16)),
        ("reopen", D(2025, 4, 17)),  # changes nothing
        ("submit", D(2025, 4, 18)),
        ("accept", D(2025, 4, 21)),
        ("close", D(2025, 4, 22)),
    )
    # (04-01, 04-16]: 04-02, 04-03, 04-07..04-11, 04-14..04-16 = 10 (04-04 Qingming)
    # (04-01, 04-22]: + 04-17, 04-18, 04-21, 04-22 = 14
    assert task_ticks(task, today=D(2025, 6, 1), calendar=CAL) == [
        Tick("2025-04", "assigned"),
        Tick("2025-04", "closed", 10),
        Tick("2025-04", "closed", 14),
        Tick("2025-04", "overdue"),
    ]
    (april,) = count_department_months(
        [task],
        departments={"zj": "住建局"},
        month_from=D(2025, 4, 1),
        month_to=D(2025, 4, 1),
        today=D(2025, 6, 1),
        calendar=CAL,
    )
    assert april.department == "住建局"
    assert figures(april) == (1, 0, 1, 2, 0, 12.0)


def test_on_time_counts_the_last_submission_before_acceptance() -> None:
    task = history(
        8,
        "zj",
        D(2025, 4, 10),
        ("assign", D(2025, 4, 1)),
        ("submit", D(2025, 4, 9)),
        ("return", D(2025, 4, 10)),
        ("submit", D(2025, 4, 11)),  # the resubmission is late
        ("accept", D(2025, 4, 14)),
    )
    ticks = task_ticks(task, today=D(2025, 6, 1), calendar=CAL)
    assert Tick("2025-04", "done_on_time") not in ticks
    # A submission on the deadline itself is on time.
    on_the_day = TaskHistory(8, "zj", D(2025, 4, 11), task.events)
    assert task_ticks(on_the_day, today=D(2025, 6, 1), calendar=CAL) == [
        Tick("2025-04", "assigned"),
        Tick("2025-04", "returned"),
        Tick("2025-04", "done_on_time"),
    ]
    assert Tick("2025-04", "overdue") in ticks
    # Without any deadline nothing is on time and nothing is overdue.
    undated = TaskHistory(9, "zj", None, task.events)
    assert [t.count for t in task_ticks(undated, today=D(2025, 6, 1), calendar=CAL)] == [
        "assigned",
        "returned",
    ]


def test_a_closure_without_an_assignment_on_record_is_not_timed() -> None:
    legacy = history(10, "zj", None, ("close", D(2025, 4, 3)))
    timed = history(11, "zj", None, ("assign", D(2025, 4, 1)), ("close", D(2025, 4, 3)))
    (april,) = count_department_months(
        [legacy, timed],
        departments=["zj"],
        month_from=D(2025, 4, 1),
        month_to=D(2025, 4, 30),
        today=D(2025, 6, 1),
        calendar=CAL,
    )
    assert (april.closed, april.timed_closures, april.workdays_to_close_total) == (2, 1, 2)
    assert april.mean_workdays_to_close == 2.0


def test_out_of_order_dates_count_zero_days() -> None:
    odd = history(12, "zj", None, ("assign", D(2025, 4, 10)), ("close", D(2025, 4, 3)))
    assert task_ticks(odd, today=D(2025, 6, 1), calendar=CAL)[-1] == Tick("2025-04", "closed", 0)


def test_other_departments_are_ignored() -> None:
    rows = count_department_months(
        [history(1, "gone", None, ("assign", D(2025, 4, 1)))],
        departments=["zj"],
        month_from=D(2025, 4, 1),
        month_to=D(2025, 4, 30),
        today=D(2025, 6, 1),
        calendar=CAL,
    )
    assert figures(rows[0]) == (0, 0, 0, 0, 0, None)


def test_month_helpers() -> None:
    assert month_key(D(2025, 3, 9)) == "2025-03"
    assert month_range(D(2024, 11, 20), D(2025, 2, 1)) == [
        "2024-11",
        "2024-12",
        "2025-01",
        "2025-02",
    ]
    assert month_range(D(2025, 3, 1), D(2025, 2, 28)) == []
    assert [a.value for a in COUNTED_ACTIONS] == SELECTOR_ACTIONS


def test_histories_from_records_groups_consecutive_rows() -> None:
    rows = [
        (1, "assign", D(2025, 3, 3), D(2025, 3, 31), "scjg"),
        (1, Action.SUBMIT, D(2025, 3, 20), D(2025, 3, 31), "scjg"),
        (2, "assign", D(2025, 3, 3), None, "xzsp"),
    ]
    assert list(histories_from_records(iter(rows))) == [
        history(1, "scjg", D(2025, 3, 31), ("assign", D(2025, 3, 3)), ("submit", D(2025, 3, 20))),
        history(2, "xzsp", None, ("assign", D(2025, 3, 3))),
    ]
    assert list(histories_from_records([])) == []


# --- the selector, transcribed -------------------------------------------------------------

SELECTOR_ACTIONS = ["assign", "submit", "return", "accept", "close", "reopen"]  # its filter


def selector(records, departments, month_from, month_to, today, calendar):
    """selectors.department_performance's loop, copied with only the Django parts taken out
    (records as plain rows with local days, departments as keys)."""
    months = month_range(month_from, month_to)
    wanted = set(months)
    figures_ = {
        (d, m): dict.fromkeys(("assigned", "done_on_time", "overdue", "closed", "returned"), 0)
        for d in departments
        for m in months
    }
    close_days: dict = {}
    records = [r for r in records if r[1] in SELECTOR_ACTIONS]

    def bump(department_id, month, name):
        key = (department_id, month)
        if month in wanted and key in figures_:
            figures_[key][name] += 1

    def finish(deadline, department_id, accepted_in_time):
        if deadline is not None and deadline < today and not accepted_in_time:
            bump(department_id, month_key(deadline), "overdue")

    current = None
    task_facts = (None, 0)
    assigned_day = last_submit = None
    accepted_in_time = False
    for task_id, action, day, deadline, department_id in records:
        if task_id != current:
            if current is not None:
                finish(*task_facts, accepted_in_time)
            current, task_facts = task_id, (deadline, department_id)
            assigned_day = last_submit = None
            accepted_in_time = False
        month = month_key(day)
        if action == "assign":
            assigned_day = day
            bump(department_id, month, "assigned")
        elif action == "submit":
            last_submit = day
        elif action == "return":
            bump(department_id, month, "returned")
        elif action == "accept":
            if deadline is not None and last_submit is not None and last_submit <= deadline:
                accepted_in_time = True
                bump(department_id, month, "done_on_time")
        elif action == "close":
            bump(department_id, month, "closed")
            if assigned_day is not None and month in wanted:
                close_days.setdefault((department_id, month), []).append(
                    max(calendar.workdays_between(assigned_day, day).days, 0)
                )
    if current is not None:
        finish(*task_facts, accepted_in_time)
    result = []
    for department in departments:
        for month in months:
            days = close_days.get((department, month))
            f = figures_[(department, month)]
            mean = round(sum(days) / len(days), 1) if days else None
            counted = (f["assigned"], f["done_on_time"], f["overdue"], f["closed"], f["returned"])
            result.append((department, month, *counted, mean))
    return result


days_2025 = st.dates(min_value=D(2025, 1, 1), max_value=D(2025, 7, 31))
task_strategy = st.tuples(
    st.sampled_from(["a", "b", "other"]),
    st.none() | days_2025,
    st.lists(st.tuples(st.sampled_from([a.value for a in Action]), days_2025), max_size=9),
)


@settings(max_examples=300, deadline=None)
@given(
    tasks=st.lists(task_strategy, max_size=8),
    first=st.sampled_from([D(2025, 1, 1), D(2025, 2, 15), D(2025, 4, 1)]),
    last=st.sampled_from([D(2025, 3, 31), D(2025, 5, 20), D(2025, 7, 1)]),
    today=days_2025,
)
def test_the_same_figures_as_the_selector(tasks, first, last, today) -> None:
    records = []
    for task_id, (department, deadline, events) in enumerate(tasks):
        # ordered by task, then time, as the selector's query orders them
        for action, day in sorted(events, key=lambda e: e[1]):
            records.append((task_id, action, day, deadline, department))
    expected = selector(records, ["a", "b"], first, last, today, CAL)
    for fed in (records, [r for r in records if r[1] in COUNTED_ACTIONS]):
        got = count_department_months(
            histories_from_records(fed),
            departments=["a", "b"],
            month_from=first,
            month_to=last,
            today=today,
            calendar=CAL,
        )
        assert [(m.department, m.month, *figures(m)) for m in got] == expected
        for m in got:
            assert m.timed_closures is not None and m.timed_closures <= m.closed
            if m.timed_closures:
                assert m.mean_workdays_to_close == round(
                    m.workdays_to_close_total / m.timed_closures, 1
                )
            else:
                assert m.mean_workdays_to_close is None


@pytest.mark.parametrize("bad", [-1, True, 1.5])
def test_department_month_refuses_bad_sums(bad) -> None:
    from yingshang.core.rectification.performance import ScoreError

    with pytest.raises(ScoreError):
        DepartmentMonth("甲", "2025-04", 1, 0, 0, 1, 0, 2.0, bad, 2)
    with pytest.raises(ScoreError):
        DepartmentMonth("甲", "2025-04", 1, 0, 0, 1, 0, 2.0, 1, bad)
    with pytest.raises(ScoreError, match="同时"):
        DepartmentMonth("甲", "2025-04", 1, 0, 0, 1, 0, 2.0, 1, None)
    with pytest.raises(ScoreError, match="多于"):
        DepartmentMonth("甲", "2025-04", 1, 0, 0, 1, 0, 2.0, 2, 4)


def test_a_task_without_counted_records_is_not_counted() -> None:
    # The selector never fetches such a task, so its passed deadline is not overdue either.
    started = history(13, "zj", D(2025, 4, 1), ("start", D(2025, 3, 20)))
    assert task_ticks(started, today=D(2025, 6, 1), calendar=CAL) == []
    reopened = history(14, "zj", D(2025, 4, 1), ("reopen", D(2025, 3, 20)))
    assert task_ticks(reopened, today=D(2025, 6, 1), calendar=CAL) == [Tick("2025-04", "overdue")]
