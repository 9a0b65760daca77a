"""Working days in China: Monday to Friday, minus public holidays, plus 调休 weekend days.

See `workcalendar` for the counting conventions. The schedule is handed in as data; reading it
from the chinesecalendar package is `yingshang.calendars.seeding`'s business.
"""

from yingshang.core.workdays.workcalendar import (
    HOLIDAY,
    WEEKENDS_ONLY,
    WORKDAY,
    DeadlineUnit,
    WorkCalendar,
    WorkdayCount,
    WorkdayError,
    WorkdayResult,
    day_kind_problem,
    parse_date,
)

__all__ = [
    "HOLIDAY",
    "WEEKENDS_ONLY",
    "WORKDAY",
    "DeadlineUnit",
    "WorkCalendar",
    "WorkdayCount",
    "WorkdayError",
    "WorkdayResult",
    "day_kind_problem",
    "parse_date",
]
