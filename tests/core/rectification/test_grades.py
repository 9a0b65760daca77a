"""Grade limits and deadlines from the day of assignment, across the 2025 National Day holiday."""

import datetime as dt

import pytest

from yingshang.core.rectification.grades import (
    DEFAULT_GRADE_LIMITS,
    GradeLimit,
    GradeLimitError,
    deadline_for,
    dump_grade_limits,
    parse_grade_limits,
)
from yingshang.core.workdays import WorkCalendar

D = dt.date

# National Day 2025 (国办发明电〔2024〕12号): 10-01..10-08 off, Sunday 09-28 and Saturday 10-11
# worked. Only 2025 is published, so 2026 answers are provisional.
CAL = WorkCalendar.build(
    off_days=[D(2025, 10, day) for day in range(1, 9)],
    extra_workdays=[D(2025, 9, 28), D(2025, 10, 11)],
    published_years=[2025],
)


def test_defaults() -> None:
    assert {
        "A": GradeLimit(1, "months"),
        "B": GradeLimit(15, "workdays"),
        "C": GradeLimit(5, "workdays"),
    } == DEFAULT_GRADE_LIMITS
    assert DEFAULT_GRADE_LIMITS["B"].label == "15个工作日"
    assert DEFAULT_GRADE_LIMITS["A"].label == "1个月"


@pytest.mark.parametrize(
    ("start", "limit", "expected"),
    [
        # Monday 09-29: 09-30 (1), holiday, 10-09 (2), 10-10 (3), Sat 10-11 worked (4), 10-13 (5)
        (D(2025, 9, 29), GradeLimit(5, "workdays"), D(2025, 10, 13)),
        # ... 10-14 (6) to 10-17 (9), 10-20 (10) to 10-24 (14), 10-27 (15)
        (D(2025, 9, 29), GradeLimit(15, "workdays"), D(2025, 10, 27)),
        # Friday 09-26: Sunday 09-28 is worked (1), 09-29 (2), 09-30 (3)
        (D(2025, 9, 26), GradeLimit(3, "workdays"), D(2025, 9, 30)),
        (D(2025, 9, 30), GradeLimit(1, "workdays"), D(2025, 10, 9)),
        # calendar days end on the day even when it is a holiday
        (D(2025, 9, 29), GradeLimit(5, "calendar_days"), D(2025, 10, 4)),
        # months: same day, holiday moves to the next working day
        (D(2025, 9, 8), GradeLimit(1, "months"), D(2025, 10, 9)),
        (D(2025, 9, 1), GradeLimit(1, "months"), D(2025, 10, 9)),
        (D(2025, 9, 15), GradeLimit(1, "months"), D(2025, 10, 15)),
        # clamped to the month end: 08-31 -> 09-30 (Tuesday, worked)
        (D(2025, 8, 31), GradeLimit(1, "months"), D(2025, 9, 30)),
        (D(2025, 1, 31), GradeLimit(1, "months"), D(2025, 2, 28)),
        # clamped to 11-30, a Sunday -> Monday 12-01
        (D(2025, 10, 31), GradeLimit(1, "months"), D(2025, 12, 1)),
        # Sunday 09-28 is a worked weekend day, so it stays
        (D(2025, 8, 28), GradeLimit(1, "months"), D(2025, 9, 28)),
        (D(2025, 7, 15), GradeLimit(3, "months"), D(2025, 10, 15)),
    ],
)
def test_deadline_for(start: dt.date, limit: GradeLimit, expected: dt.date) -> None:
    assert deadline_for(start, limit, CAL) == (expected, False)


def test_months_across_the_year_end_are_provisional() -> None:
    # 2026-02-28 is a Saturday; 2026 is not published -> Monday 03-02, provisional
    assert deadline_for(D(2025, 12, 31), GradeLimit(2, "months"), CAL) == (D(2026, 3, 2), True)
    # 12-10 + 15 working days is 12-31, still in 2025; 12-11 + 15 reaches into 2026
    assert deadline_for(D(2025, 12, 10), GradeLimit(15, "workdays"), CAL) == (
        D(2025, 12, 31),
        False,
    )
    assert deadline_for(D(2025, 12, 11), GradeLimit(15, "workdays"), CAL) == (D(2026, 1, 1), True)


def test_parse_accepts_the_stored_forms() -> None:
    parsed = parse_grade_limits(
        {"a": {"limit": 1, "unit": "months"}, " B ": [15, "workdays"], "C": 5}
    )
    assert parsed == DEFAULT_GRADE_LIMITS
    assert parse_grade_limits(dump_grade_limits(DEFAULT_GRADE_LIMITS)) == DEFAULT_GRADE_LIMITS
    assert parse_grade_limits({"D": GradeLimit(30, "calendar_days"), "E": {"limit": "7"}}) == {
        "D": GradeLimit(30, "calendar_days"),
        "E": GradeLimit(7, "workdays"),
    }


@pytest.mark.parametrize(
    ("mapping", "fragment"),
    [
        ({}, "至少需要设置一个"),
        ([("A", 1)], "对应表"),
        ({"": {"limit": 1}}, "不能为空"),
        ({"A": {"limit": 0, "unit": "workdays"}}, "等级 A"),
        ({"A": {"limit": -3}}, "等级 A"),
        ({"A": {"limit": 1.5}}, "正整数"),
        ({"A": {"limit": True}}, "正整数"),
        ({"A": {"limit": 2, "unit": "weeks"}}, "未知的期限单位"),
        ({"A": {"unit": "months"}}, "缺少期限"),
        ({"A": {"limit": 1, "units": "months"}}, "无法识别"),
        ({"A": "15天"}, "格式不正确"),
        ({"a": 1, "A": 2}, "重复"),
        ({"B": {"limit": 100, "unit": "months"}}, "1 到 36个月"),
    ],
)
def test_parse_refuses_with_chinese_messages(mapping: object, fragment: str) -> None:
    with pytest.raises(GradeLimitError, match=fragment):
        parse_grade_limits(mapping)  # type: ignore[arg-type]


def test_grade_limit_checks_itself() -> None:
    with pytest.raises(GradeLimitError, match="未知的期限单位"):
        GradeLimit(5, "days")
    with pytest.raises(GradeLimitError, match="期限必须在"):
        GradeLimit(0)
