"""The deadlines of a kind of appeal, from the working-day calendar.

Counting: the acceptance deadline is the kind's acceptance working days after receipt
(counted from the next day; 0: the day of receipt). The handling clock runs from acceptance
(自受理之次日起计算), so at receipt, before anyone has decided, the handling deadline is counted
from the acceptance deadline: the day the appeal is deemed accepted if nobody decides earlier,
which makes it the latest handling deadline the rules allow. An appeal accepted earlier gets its
handling deadline counted from the day of acceptance (`services.workflow`).
"""

import datetime as dt

from yingshang.appeals.models import AppealKind
from yingshang.appeals.services.settings import handling_limit, kinds_for
from yingshang.calendars.selectors import load_calendar
from yingshang.core.appeals.clocks import acceptance_deadline, handling_deadline
from yingshang.kernel.models import Zone


def kind_by_code(code: str, zone: Zone | int | None = None) -> AppealKind:
    """The kind of that code for the zone; ValueError in Chinese listing the known kinds."""
    kinds = kinds_for(zone)
    kind = kinds.get((code or "").strip())
    if kind is None:
        known = "、".join(f"{k.code}（{k.name}）" for k in kinds.values()) or "无"
        raise ValueError(f"未知的诉求类型：“{code}”（可选：{known}）")
    return kind


def handling_deadline_from(kind: AppealKind, start: dt.date) -> dt.date:
    return handling_deadline(start, handling_limit(kind), load_calendar()).date


def deadlines_for(
    *, kind: str, received: dt.date, zone: Zone | int | None = None
) -> tuple[dt.date, dt.date]:
    """(acceptance deadline, handling deadline) of an appeal of `kind` received on `received`;
    the handling deadline counted from the acceptance deadline (see the module text)."""
    rule = kind_by_code(kind, zone)
    calendar = load_calendar()
    accept = acceptance_deadline(received, calendar, rule.acceptance_workdays).date
    handle = handling_deadline(accept, handling_limit(rule), calendar).date
    return accept, handle
