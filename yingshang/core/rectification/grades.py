"""Problem grades and their time limits (整改时限).

A grade (A, B, C, ...) maps to a `GradeLimit`: a number and a unit. The zone keeps its own table
as JSON (RectificationSettings.grade_limits); `parse_grade_limits` checks it and answers in
Chinese. `DEFAULT_GRADE_LIMITS` is what a new zone starts with.

Counting (`deadline_for`), always from the day of assignment (交办之日):
- "workdays": the N-th working day counted from the next day (`WorkCalendar.add_workdays`).
- "calendar_days": the start plus N days, even when that day is a holiday or weekend.
- "months": the same day N months later; a day that does not exist in that month is clamped to
  the month's last day (01-31 + 1 month -> 02-28/29); when that date is not a working day the
  deadline moves to the next working day (2025-09-08 + 1 month -> 2025-10-08, National Day
  holiday -> 2025-10-09).
The second value returned says whether the answer looked at a year whose holiday schedule is not
published (暂定, provisional).

`Grade` and `GRADE_LABELS` are the grades a problem can carry (Problem.grade); `LimitUnit` and
`UNIT_LABELS` the units of a time limit. They are the single source of the Django choices.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from yingshang.core.workdays import WorkCalendar


class Grade(StrEnum):
    """The grades of a problem. A zone's limit table (parse_grade_limits) may name other grades,
    but Problem.grade holds one character and only these three."""

    A = "A"
    B = "B"
    C = "C"


GRADE_LABELS: dict[Grade, str] = {
    Grade.A: "A类（复杂、历史遗留）",
    Grade.B: "B类（跨部门）",
    Grade.C: "C类（简单）",
}


class LimitUnit(StrEnum):
    WORKDAYS = "workdays"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"


UNITS = tuple(unit.value for unit in LimitUnit)
# Written after a number ("15个工作日"); also fine as a choice label next to the number field.
UNIT_LABELS: dict[str, str] = {
    LimitUnit.WORKDAYS: "个工作日",
    LimitUnit.CALENDAR_DAYS: "个自然日",
    LimitUnit.MONTHS: "个月",
}
MAX_LIMIT = {"workdays": 750, "calendar_days": 1100, "months": 36}
"""Upper bounds that catch typing errors (about three years whatever the unit)."""


class GradeLimitError(ValueError):
    """A bad grade-limit table, with a Chinese message."""


@dataclass(frozen=True)
class GradeLimit:
    limit: int
    unit: str = "workdays"

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise GradeLimitError(
                f"未知的期限单位: {self.unit!r}（可选：workdays 工作日、calendar_days 自然日、"
                "months 月）"
            )
        if isinstance(self.limit, bool) or not isinstance(self.limit, int):
            raise GradeLimitError(f"期限必须是整数: {self.limit!r}")
        if not 1 <= self.limit <= MAX_LIMIT[self.unit]:
            raise GradeLimitError(
                f"期限必须在 1 到 {MAX_LIMIT[self.unit]}{UNIT_LABELS[self.unit]}之间: {self.limit}"
            )

    @property
    def label(self) -> str:
        """For display: "15个工作日", "1个月"."""
        return f"{self.limit}{UNIT_LABELS[self.unit]}"

    def as_dict(self) -> dict[str, Any]:
        return {"limit": self.limit, "unit": self.unit}


DEFAULT_GRADE_LIMITS: dict[str, GradeLimit] = {
    "A": GradeLimit(1, "months"),
    "B": GradeLimit(15, "workdays"),
    "C": GradeLimit(5, "workdays"),
}


def _grade_key(raw: object) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise GradeLimitError(f"问题等级名称不能为空: {raw!r}")
    key = raw.strip().upper()
    if len(key) > 10:
        raise GradeLimitError(f"问题等级名称过长（最多 10 个字符）: {raw!r}")
    return key


def _limit_value(grade: str, raw: object) -> int:
    if isinstance(raw, bool):
        raise GradeLimitError(f"等级 {grade} 的期限必须是正整数: {raw!r}")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw.strip())
    raise GradeLimitError(f"等级 {grade} 的期限必须是正整数: {raw!r}")


def parse_grade_limits(mapping: Mapping[str, Any]) -> dict[str, GradeLimit]:
    """Check a grade table and return it as GradeLimits, keys upper-cased.

    Each value is a GradeLimit, a mapping {"limit": 15, "unit": "workdays"}, a pair
    (15, "workdays") or a bare number of working days; the unit defaults to working days.
    At least one grade is required.
    Raises GradeLimitError with a Chinese message naming the grade at fault.
    """
    if not isinstance(mapping, Mapping):
        raise GradeLimitError("问题等级期限应为“等级: 期限”的对应表")
    if not mapping:
        raise GradeLimitError("至少需要设置一个问题等级的期限")
    result: dict[str, GradeLimit] = {}
    for raw_key, raw_value in mapping.items():
        grade = _grade_key(raw_key)
        if grade in result:
            raise GradeLimitError(f"问题等级 {grade} 重复")
        if isinstance(raw_value, GradeLimit):
            result[grade] = raw_value
            continue
        if isinstance(raw_value, Mapping):
            unknown = set(raw_value) - {"limit", "unit"}
            if unknown:
                names = "、".join(sorted(map(str, unknown)))
                raise GradeLimitError(f"等级 {grade} 含有无法识别的项: {names}")
            if "limit" not in raw_value:
                raise GradeLimitError(f"等级 {grade} 缺少期限（limit）")
            raw_limit, unit = raw_value["limit"], raw_value.get("unit", "workdays")
        elif isinstance(raw_value, list | tuple) and len(raw_value) == 2:
            raw_limit, unit = raw_value
        elif isinstance(raw_value, int) and not isinstance(raw_value, bool):
            raw_limit, unit = raw_value, "workdays"
        else:
            raise GradeLimitError(f"等级 {grade} 的期限格式不正确: {raw_value!r}")
        try:
            result[grade] = GradeLimit(_limit_value(grade, raw_limit), unit)
        except GradeLimitError as error:
            raise GradeLimitError(f"等级 {grade}: {error}") from None
    return result


def dump_grade_limits(limits: Mapping[str, GradeLimit]) -> dict[str, dict[str, Any]]:
    """The JSON form stored in the zone settings (the inverse of parse_grade_limits)."""
    return {grade: limit.as_dict() for grade, limit in limits.items()}


def _add_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the end of the target month."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    next_first = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_first - dt.timedelta(days=1)).day
    return dt.date(year, month, min(start.day, last_day))


def deadline_for(start: dt.date, limit: GradeLimit, calendar: WorkCalendar) -> tuple[dt.date, bool]:
    """The deadline of a time limit counted from `start`, and whether it is provisional."""
    if limit.unit == "months":
        candidate = _add_months(start, limit.limit)
        if calendar.is_workday(candidate):
            return candidate, calendar.is_provisional(candidate)
        moved = calendar.add_workdays(candidate, 1)
        return moved.date, moved.provisional or calendar.is_provisional(candidate)
    result = calendar.deadline(start, limit.limit, limit.unit)
    return result.date, result.provisional
