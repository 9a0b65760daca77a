"""Combining monthly figures into one per department: the one way (exact sums, one rounding)
against the two ways the API and the leader page used."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from yingshang.core.rectification.performance import (
    DepartmentMonth,
    combine_months,
    department_score,
    idle,
)
from yingshang.core.rectification.performance_counts import (
    TaskHistory,
    count_department_months,
    month_range,
    task_ticks,
)
from yingshang.core.rectification.workflow import Action
from yingshang.core.workdays import WorkCalendar

D = dt.date
CAL = WorkCalendar.build(off_days=[D(2025, 4, 4)], published_years=[2025])


def counts(m: DepartmentMonth) -> tuple:
    return (m.assigned, m.done_on_time, m.overdue, m.closed, m.returned)


def old_api_way(months: list[DepartmentMonth]) -> float | None:
    """api._over_months: monthly means weighted by `closed`, rounded."""
    timed = [(m.mean_workdays_to_close, m.closed) for m in months]
    timed = [(mean, n) for mean, n in timed if mean is not None and n > 0]
    closed = sum(n for _mean, n in timed)
    return round(sum(mean * n for mean, n in timed) / closed, 1) if timed else None


def test_counts_are_summed_and_the_label_spans_the_months() -> None:
    months = [
        DepartmentMonth("甲", "2026-01", 2, 1, 0, 1, 0, 10.0),
        DepartmentMonth("乙", "2026-01", 1, 0, 0, 0, 0, None),
        DepartmentMonth("甲", "2026-02", 1, 1, 1, 3, 1, 2.0),
    ]
    first, second = combine_months(months)
    assert (first.department, first.month, counts(first)) == (
        "甲",
        "2026-01~2026-02",
        (3, 2, 1, 4, 1),
    )
    assert (second.department, second.month, counts(second)) == ("乙", "2026-01", (1, 0, 0, 0, 0))
    # Hand-made months know only their means: weighted by closures, (10×1 + 2×3) / 4.
    assert first.mean_workdays_to_close == 4.0
    assert first.timed_closures is None and first.workdays_to_close_total is None
    assert second.mean_workdays_to_close is None
    assert (second.timed_closures, second.workdays_to_close_total) == (0, 0)


def test_exact_sums_win_over_rounded_means_weighted_by_closures() -> None:
    # January: 2 closed, one of them timed at 10 days (the other had no assignment on record);
    # February: 1 closed in 2 days. The period's timed closures took 10 + 2 = 12 days in all.
    months = [
        DepartmentMonth("甲", "2026-01", 2, 0, 0, 2, 0, 10.0, 1, 10),
        DepartmentMonth("甲", "2026-02", 1, 0, 0, 1, 0, 2.0, 1, 2),
    ]
    (period,) = combine_months(months)
    assert period.mean_workdays_to_close == 6.0  # 12 / 2
    assert (period.timed_closures, period.workdays_to_close_total) == (2, 12)
    assert old_api_way(months) == 7.3  # (10×2 + 2×1) / 3: the untimed closure weighs 10 days
    # ... and the score moves with it (speed = 15 / mean, at most 1: 1 either way here), so
    # take a slower department to see it.
    slow = [
        DepartmentMonth("乙", "2026-01", 3, 3, 0, 3, 0, 20.0, 2, 40),
        DepartmentMonth("乙", "2026-02", 1, 1, 0, 1, 0, 40.0, 1, 40),
    ]
    (combined,) = combine_months(slow)
    assert combined.mean_workdays_to_close == 26.7  # 80 / 3
    assert old_api_way(slow) == 25.0  # (20×3 + 40×1) / 4
    assert department_score(combined) != department_score(
        DepartmentMonth("乙", "p", 4, 4, 0, 4, 0, 25.0)
    )


def test_rounding_once_is_not_rounding_twice() -> None:
    # Monthly means 0.25 → 0.2 (banker's rounding of 0.25 is 0.2) and 1/3 → 0.3; the exact
    # period mean is (1 + 1) / 7 = 0.2857 → 0.3, the rounded means give (0.2×4 + 0.3×3) / 7
    # = 0.2429 → 0.2.
    months = [
        DepartmentMonth("甲", "2026-01", 4, 0, 0, 4, 0, round(1 / 4, 1), 4, 1),
        DepartmentMonth("甲", "2026-02", 3, 0, 0, 3, 0, round(1 / 3, 1), 3, 1),
    ]
    assert combine_months(months)[0].mean_workdays_to_close == 0.3
    assert old_api_way(months) == 0.2


def test_closures_of_unknown_duration_make_the_sums_unknown() -> None:
    months = [
        DepartmentMonth("甲", "2026-01", 1, 0, 0, 1, 0, 4.0, 1, 4),
        DepartmentMonth("甲", "2026-02", 1, 0, 0, 2, 0, None),  # closed, nothing known
        DepartmentMonth("甲", "2026-03", 1, 0, 0, 0, 0, None),  # nothing closed: no doubt
    ]
    (period,) = combine_months(months)
    assert period.mean_workdays_to_close == 4.0
    assert (period.timed_closures, period.workdays_to_close_total) == (None, None)
    (known,) = combine_months([months[0], months[2]])
    assert (known.timed_closures, known.workdays_to_close_total) == (1, 4)


def test_one_month_combines_to_itself() -> None:
    month = DepartmentMonth("甲", "2026-03", 5, 3, 1, 2, 1, 7.5, 2, 15)
    assert combine_months([month]) == [month]
    assert combine_months([]) == []


def test_idle() -> None:
    assert idle(DepartmentMonth("甲", "m", 0, 2, 0, 0, 3))  # only acceptances and returns
    assert not idle(DepartmentMonth("甲", "m", 0, 0, 1, 0, 0))
    assert not idle(DepartmentMonth("甲", "m", 0, 0, 0, 1, 0))
    assert not idle(DepartmentMonth("甲", "m", 1, 0, 0, 0, 0))


days = st.dates(min_value=D(2025, 1, 1), max_value=D(2025, 6, 30))
histories = st.lists(
    st.builds(
        lambda i, dep, deadline, events: TaskHistory(
            i, dep, deadline, tuple(sorted(events, key=lambda e: e[1]))
        ),
        st.integers(),
        st.sampled_from(["a", "b"]),
        st.none() | days,
        st.lists(st.tuples(st.sampled_from([a.value for a in Action]), days), max_size=8),
    ),
    max_size=10,
)


@settings(max_examples=200, deadline=None)
@given(histories=histories, today=days)
def test_combined_months_are_the_period_counted_at_once(histories, today) -> None:
    """Combining the months gives what counting every tick of the period at once gives."""
    first, last = D(2025, 2, 1), D(2025, 5, 31)
    monthly = count_department_months(
        histories,
        departments=["a", "b"],
        month_from=first,
        month_to=last,
        today=today,
        calendar=CAL,
    )
    combined = {m.department: m for m in combine_months(monthly)}
    wanted = set(month_range(first, last))
    for department in ("a", "b"):
        ticks = [
            t
            for h in histories
            if h.department == department
            for t in task_ticks(h, today=today, calendar=CAL)
            if t.month in wanted
        ]
        period = combined[department]
        assert period.month == "2025-02~2025-05"
        for name in ("assigned", "done_on_time", "overdue", "closed", "returned"):
            assert getattr(period, name) == sum(t.count == name for t in ticks)
        timed = [t.workdays for t in ticks if t.workdays is not None]
        assert period.timed_closures == len(timed)
        assert period.workdays_to_close_total == sum(timed)
        assert period.mean_workdays_to_close == (
            round(sum(timed) / len(timed), 1) if timed else None
        )


def counted_month(i: int) -> DepartmentMonth:
    """Month i: i assigned, i + 1 closed, i of them timed at 3 days each."""
    mean = 3.0 if i else None
    return DepartmentMonth("甲", f"2026-0{i + 1}", i, 0, 0, i + 1, 0, mean, i, 3 * i)


@given(st.permutations(range(4)))
def test_the_order_of_the_months_does_not_change_the_figures(order) -> None:
    months = [counted_month(i) for i in range(4)]
    a, b = combine_months(months)[0], combine_months([months[i] for i in order])[0]
    assert (counts(a), a.mean_workdays_to_close) == (counts(b), b.mean_workdays_to_close)
    assert (b.timed_closures, b.workdays_to_close_total, b.mean_workdays_to_close) == (6, 18, 3.0)
