"""Reads of the appeal pages: the lists of each role by state group with their clocks, one
appeal with everything its page shows, the actions the viewer may take, and the choices the
forms offer (kinds, departments, the enterprise an office names by its credit code).

Everything is scoped through `appeals_visible_to`; the clocks are read with the core's
`read_clock` over the working-day calendar.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from yingshang.appeals.models import Appeal, AppealKind, AppealSettings
from yingshang.appeals.selectors.appeals import (
    AppealFilters,
    AppealRow,
    appeal_detail,
    appeal_list,
    appeals_visible_to,
    display_row,
)
from yingshang.calendars.selectors import load_calendar
from yingshang.core.appeals.clocks import ClockReading, ClockStatus, read_clock
from yingshang.core.appeals.ratings import DISPUTE_LABELS, LEVEL_LABELS, DisputeState, may_dispute
from yingshang.core.appeals.workflow import (
    ACCEPTANCE_STATES,
    ACTION_LABELS,
    HANDLING_CLOCK_STATES,
    Action,
    Attempt,
    State,
    TransitionRefused,
    allowed_actions,
    check_role,
)
from yingshang.core.rectification.codes import ExtensionStatus
from yingshang.kernel.access import APPEAL_DECIDERS, has_role
from yingshang.kernel.models import Department, Enterprise, Role, Zone
from yingshang.lib.paging import Page, bounded_count, keyset_page

PAGE_SIZE = 30
DUE_SOON_DAYS = 1  # AppealSettings' default, for a zone that has not saved its own


@dataclass(frozen=True)
class Group:
    code: str
    label: str
    states: frozenset[State]
    clock: str  # which clock the list shows: "acceptance", "handling", "visit" or ""


S = State
OFFICE_GROUPS = (
    Group("review", "待受理审查", frozenset({S.RECEIVED, S.REJECTION_PENDING}), "acceptance"),
    Group("dispatch", "待转办", frozenset({S.ACCEPTED, S.SENT_BACK}), "handling"),
    Group("handling", "办理中", frozenset({S.DISPATCHED, S.HANDLING, S.SUSPENDED}), "handling"),
    Group("visit", "待回访", frozenset({S.REPLIED}), "visit"),
    Group("rating", "待评价归档", frozenset({S.VISITED, S.RATED}), ""),
    Group("finished", "已办结", frozenset({S.CLOSED, S.REJECTED, S.MERGED}), ""),
)
LEADER_GROUPS = (
    Group("approval", "不予受理待审批", frozenset({S.REJECTION_PENDING}), "acceptance"),
    *OFFICE_GROUPS,
)
DEPARTMENT_GROUPS = (
    Group("todo", "待签收", frozenset({S.DISPATCHED}), "handling"),
    Group("handling", "办理中", frozenset({S.HANDLING, S.SUSPENDED}), "handling"),
    Group("replied", "已答复", frozenset({S.REPLIED, S.VISITED, S.RATED, S.CLOSED}), ""),
    Group("sent_back", "已退回", frozenset({S.SENT_BACK}), ""),
)
ENTERPRISE_GROUPS = (
    Group("open", "办理中", frozenset(State) - {S.CLOSED, S.REJECTED, S.MERGED}, ""),
    Group("finished", "已办结", frozenset({S.CLOSED, S.REJECTED, S.MERGED}), ""),
)


def groups_for(user: Any) -> tuple[Group, ...]:
    if has_role(user, Role.DEPARTMENT):
        return DEPARTMENT_GROUPS
    if has_role(user, Role.ENTERPRISE):
        return ENTERPRISE_GROUPS
    if has_role(user, Role.LEADER):
        return LEADER_GROUPS
    return OFFICE_GROUPS


# Clocks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clock:
    """A clock as a page shows it: its name, deadline and, while it runs, its reading."""

    name: str
    deadline: dt.date | None
    reading: ClockReading | None = None
    note: str = ""

    @property
    def overdue(self) -> bool:
        return self.reading is not None and self.reading.status is ClockStatus.OVERDUE

    @property
    def due_soon(self) -> bool:
        return self.reading is not None and self.reading.status is ClockStatus.DUE_SOON

    @property
    def label(self) -> str:
        if self.reading is None:
            return self.note
        if self.overdue:
            return f"已超期 {self.reading.workdays_overdue} 个工作日"
        return f"剩余 {self.reading.workdays_left} 个工作日"


def _due_soon_days(zone_id: int) -> int:
    rule = AppealSettings.objects.filter(zone_id=zone_id).first()
    return rule.due_soon_days if rule else DUE_SOON_DAYS


def _reading(deadline: dt.date | None, today: dt.date, soon: int) -> ClockReading | None:
    return None if deadline is None else read_clock(deadline, today, load_calendar(), soon)


def acceptance_clock(appeal: Appeal, today: dt.date, soon: int) -> Clock:
    running = State(appeal.state) in ACCEPTANCE_STATES
    if running:
        reading = _reading(appeal.acceptance_deadline, today, soon)
        return Clock("受理审查", appeal.acceptance_deadline, reading)
    if appeal.deemed_accepted:
        note = "视为受理"
    elif appeal.accepted_on:
        note = f"{appeal.accepted_on.isoformat()} 受理"
    else:
        note = "已停止"
    return Clock("受理审查", appeal.acceptance_deadline, note=note)


def handling_clock(appeal: Appeal, today: dt.date, soon: int) -> Clock:
    state = State(appeal.state)
    if appeal.handling_deadline is None:
        return Clock("办理", None, note="受理后起算")
    if state in HANDLING_CLOCK_STATES:
        reading = _reading(appeal.handling_deadline, today, soon)
        return Clock("办理", appeal.handling_deadline, reading)
    if state is State.SUSPENDED:
        return Clock("办理", appeal.handling_deadline, note="已中止，时限暂停计算")
    if appeal.replied_on:
        return Clock("办理", appeal.handling_deadline, note=f"{appeal.replied_on.isoformat()} 答复")
    return Clock("办理", appeal.handling_deadline, note="已停止")


def visit_clock(appeal: Appeal, today: dt.date, soon: int) -> Clock:
    if appeal.visit_deadline is None:
        return Clock("回访", None, note="答复后下一个工作日")
    if State(appeal.state) is State.REPLIED:
        return Clock("回访", appeal.visit_deadline, _reading(appeal.visit_deadline, today, soon))
    return Clock("回访", appeal.visit_deadline, note="已回访")


CLOCKS = {"acceptance": acceptance_clock, "handling": handling_clock, "visit": visit_clock}


def appeal_clocks(appeal: Appeal, today: dt.date) -> list[Clock]:
    soon = _due_soon_days(appeal.zone_id)
    return [read(appeal, today, soon) for read in CLOCKS.values()]


# Lists -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListRow:
    row: AppealRow
    state: str  # the state code, for the progress marks
    clock: Clock | None


@dataclass(frozen=True)
class ListPage:
    groups: list[tuple[Group, int | None]]  # each group with its bounded count
    group: Group
    rows: list[ListRow]
    page: Page[Appeal]


def _group(user: Any, code: str) -> Group:
    groups = groups_for(user)
    return next((g for g in groups if g.code == code), groups[0])


def _matching(user: Any, filters: AppealFilters, q: str) -> QuerySet[Appeal]:
    appeals = appeal_list(user=user, filters=filters)
    text = q.strip()
    if text:
        appeals = appeals.filter(Q(number__istartswith=text) | Q(title__icontains=text))
    return appeals


def list_page(
    *,
    user: Any,
    group: str = "",
    filters: AppealFilters | None = None,
    q: str = "",
    after: int | None = None,
    before: int | None = None,
    today: dt.date,
) -> ListPage:
    """One keyset page of a state group of the viewer's appeals, newest first, with the clock
    the group is about; the groups' counts stop at the bounded count's limit."""
    chosen = _group(user, group)
    matching = _matching(user, filters or AppealFilters(), q)
    counts = [
        (g, bounded_count(matching.filter(state__in=[s.value for s in g.states])))
        for g in groups_for(user)
    ]
    page = keyset_page(
        matching.filter(state__in=[s.value for s in chosen.states]),
        after=after,
        before=before,
        limit=PAGE_SIZE,
    )
    soons: dict[int, int] = {}
    rows = []
    for appeal in page.items:
        soon = soons.setdefault(appeal.zone_id, _due_soon_days(appeal.zone_id))
        clock = CLOCKS[chosen.clock](appeal, today, soon) if chosen.clock else None
        rows.append(ListRow(display_row(appeal, user=user), appeal.state, clock))
    return ListPage(groups=counts, group=chosen, rows=rows, page=page)


# One appeal --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingView:
    rating: Any
    level: str
    dispute: str
    may_dispute: bool
    may_review: bool


@dataclass
class DetailPage:
    appeal: Appeal
    row: AppealRow
    clocks: list[Clock]
    records: list[Any]
    extensions: list[Any]
    visits: list[Any]
    ratings: list[RatingView]
    actions: list[Action] = field(default_factory=list)
    may_request_extension: bool = False
    may_decide_extension: bool = False
    duplicates: list[Any] = field(default_factory=list)


def _attempt(user: Any, appeal: Appeal) -> Attempt:
    return Attempt(
        role=user.role,
        in_lead_department=bool(
            user.department_id and user.department_id == appeal.lead_department_id
        ),
        own_enterprise=bool(user.enterprise_id and user.enterprise_id == appeal.enterprise_id),
    )


def actions_for(user: Any, appeal: Appeal) -> list[Action]:
    """The workflow actions the state allows and the viewer's role may take (the service checks
    again when the form is sent)."""
    if has_role(user, Role.ADMIN) is False and user.zone_id != appeal.zone_id:
        return []
    shown = []
    for action in allowed_actions(appeal.state):
        try:
            check_role(action, _attempt(user, appeal))
        except TransitionRefused:
            continue
        shown.append(action)
    return shown


def _handles(user: Any, appeal: Appeal) -> bool:
    if has_role(user, Role.DEPARTMENT):
        return user.department_id == appeal.lead_department_id
    return has_role(user, Role.OFFICE, Role.ADMIN)


def detail_page(*, user: Any, appeal_id: int, today: dt.date) -> DetailPage:
    appeal = appeal_detail(user=user, appeal_id=appeal_id)
    extensions = list(appeal.extensions.select_related("requested_by", "decided_by"))
    pending = any(e.status == ExtensionStatus.PENDING for e in extensions)
    handles = _handles(user, appeal)
    decider = has_role(user, *APPEAL_DECIDERS)
    ratings = [
        RatingView(
            rating=r,
            level=LEVEL_LABELS.get(r.level, r.level),
            dispute=DISPUTE_LABELS.get(DisputeState(r.dispute_state), r.dispute_state),
            may_dispute=handles and may_dispute(r.level, r.dispute_state),
            may_review=decider and r.dispute_state == DisputeState.PENDING,
        )
        for r in appeal.ratings.select_related("rectification")
    ]
    return DetailPage(
        appeal=appeal,
        row=display_row(appeal, user=user),
        clocks=appeal_clocks(appeal, today),
        records=list(appeal.records.select_related("actor")),
        extensions=extensions,
        visits=list(appeal.visits.select_related("visitor")),
        ratings=ratings,
        actions=actions_for(user, appeal),
        may_request_extension=handles
        and not pending
        and appeal.handling_deadline is not None
        and State(appeal.state) in HANDLING_CLOCK_STATES,
        may_decide_extension=decider and pending,
        duplicates=list(appeals_visible_to(user).filter(merged_into=appeal).only("id", "number")),
    )


def action_label(action: Action | str) -> str:
    return ACTION_LABELS[Action(action)]


# Form choices ------------------------------------------------------------------------------


def kind_choices(zone: Zone) -> list[tuple[str, str]]:
    """The zone's kinds: the platform's defaults, overridden by the zone's own rows."""
    kinds = {k.code: k for k in AppealKind.objects.filter(zone=None)}
    kinds.update({k.code: k for k in AppealKind.objects.filter(zone=zone)})
    ordered = sorted(kinds.values(), key=lambda k: (k.order, k.id))
    return [(k.code, k.name) for k in ordered]


def zone_departments(zone_id: int) -> QuerySet[Department]:
    return Department.objects.filter(zone_id=zone_id).order_by("id")


def enterprise_by_uscc(zone: Zone, uscc: str) -> Enterprise | None:
    return Enterprise.objects.filter(zone=zone, uscc=uscc.strip().upper()).first()


def appeal_id_by_number(user: Any, number: str) -> int | None:
    """The visible appeal of that number (the merge form names its target by number)."""
    text = number.strip()
    if not text:
        return None
    return appeals_visible_to(user).filter(number=text).values_list("pk", flat=True).first()
