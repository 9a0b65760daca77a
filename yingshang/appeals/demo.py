"""The demo's appeals (诉求): about sixty cases of the demo zone in every state of the workflow,
raised over the last eight weeks through every channel, by the enterprise account's own
enterprise, other enterprises of the zone, employees, anonymous callers and the supervisor.

The story (its data in `demo_story`, the messages from the shipped corpus in `demo_texts`):
cases are received, accepted, dispatched to the department that owns the matter, handled,
answered, visited and rated, and filed; some are still waiting for a decision, one was deemed
accepted by the sweep, one refused with a leader's approval, one merged as a duplicate, one sent
back to be dispatched again, one suspended, one overdue and urged, one due soon, one extended and
one waiting for its extension; the enterprise account's own case at 市场监管 was reopened after a
subjective 不满意, another 差评 is being rectified and a third was overturned on review. The
daily sweep has run every morning since the first case arrived.

Every step goes through the services in the order it happened, inside `stamp(day, n)` (the n-th
step of that day; the demo builder makes it the moment the services' clock reads), so the cases'
dates, history rows, notifications and audit events carry the story's days. The same zone and
the same `today` give the same data.
"""

import datetime as dt
import heapq
import itertools
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from functools import partial

from django.utils import timezone

from yingshang.appeals import demo_story as story_data
from yingshang.appeals.demo_story import Case, Course, Step
from yingshang.appeals.demo_texts import DemoText, TextPool, demo_corpus
from yingshang.appeals.models import Appeal, Extension, Rating
from yingshang.appeals.services import extensions, feedback, handling, intake, workflow
from yingshang.appeals.services.sweep import sweep
from yingshang.calendars.selectors import load_calendar
from yingshang.core.appeals.kinds import Channel
from yingshang.kernel.models import Department, Enterprise, EnterpriseStatus, Role, User, Zone

Stamp = Callable[[dt.date, int], AbstractContextManager[object]]
OVERNIGHT, DAYTIME = 0, 1
COURSE = ("receive", "accept", "dispatch", "start", "reply", "visit", "rate", "close")
PACE = {"emergency": 0, "enquiry": 1, "help": 1, "grade_c": 3, "grade_b": 9, "grade_a": 12}
"""Working days from taking a case up to answering it, by kind (the rest: 6), within its limit."""
DEFAULT_PACE = 6
CALENDAR_SPAN = 160  # calendar days either side of the last day, enough for the story's dates
PHONE_PREFIX = "1360000"


def _unstamped(day: dt.date, index: int) -> AbstractContextManager[object]:
    return nullcontext()


def course_steps(course: Course, kind: str) -> tuple[Step, ...]:
    """The usual course up to `course.until`, ending on `course.ends`: accepted and dispatched
    the working day after receipt, taken up the next, answered at the kind's pace, visited the
    working day after the answer and rated then, filed the next (an emergency within its day)."""
    pace = PACE.get(kind, DEFAULT_PACE)
    if kind == "emergency":
        offsets = (0, 0, 0, 0, 0, 1, 1, 2)
    else:
        offsets = (0, 1, 1, 2, 2 + pace, 3 + pace, 3 + pace, 4 + pace)
    taken = offsets[: COURSE.index(course.until) + 1]
    first = course.ends + taken[-1]
    level = course.level
    return tuple(
        Step(action, first - offset, level if action == "rate" else "")
        for action, offset in zip(COURSE, taken, strict=False)
    )


@dataclass
class DemoAppeals:
    appeals: dict[str, Appeal] = field(default_factory=dict)  # by the story's name for each
    sweeps: int = 0


class _Days:
    """The story's working days: `day(0)` is the last working day (today, or the working day
    before a day off), `day(n)` n working days before it, `day(-n)` n after it."""

    def __init__(self, today: dt.date):
        calendar = load_calendar()
        span = [today + dt.timedelta(days=n) for n in range(-CALENDAR_SPAN, CALENDAR_SPAN)]
        self._days = [d for d in span if calendar.is_workday(d)]
        self._last = max(i for i, d in enumerate(self._days) if d <= today)

    def __call__(self, offset: int) -> dt.date:
        return self._days[self._last - offset]


class _Agenda:
    """The story's steps, played in the order they happened: by date, the morning sweep first,
    then the day's work in the order it was put down."""

    def __init__(self) -> None:
        self._queue: list[tuple[dt.date, int, int, Callable[[], object]]] = []
        self._order = itertools.count()

    def add(self, day: dt.date, do: Callable[[], object], *, phase: int = DAYTIME) -> None:
        heapq.heappush(self._queue, (day, phase, next(self._order), do))

    def play(self, stamp: Stamp) -> None:
        steps_of_day: Counter[dt.date] = Counter()
        while self._queue:
            day, _phase, _order, do = heapq.heappop(self._queue)
            with stamp(day, steps_of_day[day]):
                do()
            steps_of_day[day] += 1


@dataclass(frozen=True)
class _Applicant:
    actor: User
    enterprise: Enterprise | None
    name: str
    phone: str
    anonymous: bool = False


class _People:
    """Who takes part: the office, the leader, a worker for each department, the enterprise
    account, the supervisor, and the other enterprises and the people who raise cases."""

    def __init__(self, zone: Zone):
        users = User.objects.filter(zone=zone, is_active=True).select_related("enterprise")
        by_role: dict[str, User] = {}
        self.workers: dict[int, User] = {}
        for user in users.order_by("id"):
            by_role.setdefault(user.role, user)
            if user.role == Role.DEPARTMENT and user.department_id:
                self.workers.setdefault(user.department_id, user)
        missing = {Role.OFFICE, Role.LEADER, Role.ENTERPRISE, Role.SUPERVISOR} - set(by_role)
        if missing:
            raise ValueError(f"功能区 {zone.name} 缺少演示账号：{'、'.join(sorted(missing))}")
        self.office, self.leader = by_role[Role.OFFICE], by_role[Role.LEADER]
        self.account, self.supervisor = by_role[Role.ENTERPRISE], by_role[Role.SUPERVISOR]
        self.departments = {d.code: d for d in Department.objects.filter(zone=zone)}
        self.codes = {d.pk: code for code, d in self.departments.items()}
        self._enterprises = itertools.cycle(
            Enterprise.objects.filter(zone=zone, status=EnterpriseStatus.ACTIVE)
            .exclude(pk=self.account.enterprise_id)
            .order_by("id")[:40]
        )
        self._people = itertools.cycle(enumerate(story_data.PEOPLE, start=1))

    def department(self, code: str) -> Department:
        if code not in self.departments:
            raise ValueError(f"演示功能区没有编码为 {code} 的部门")
        return self.departments[code]

    def worker(self, department_id: int | None) -> User:
        if department_id not in self.workers:
            raise ValueError("承办部门没有部门账号，无法办理演示诉求")
        return self.workers[department_id]

    def applicant(self, case: Case, text: DemoText) -> _Applicant:
        who = case.applicant
        if who == story_data.AUTO and case.channel == Channel.SUPERVISOR:
            who = story_data.SUPERVISOR
        elif who == story_data.AUTO:
            who = story_data.PERSON if text.department == "rsj" else story_data.ENTERPRISE
        if who == story_data.OWN:
            user = self.account
            return _Applicant(user, user.enterprise, user.full_name, user.phone)
        if who == story_data.ENTERPRISE:
            firm = next(self._enterprises)
            return _Applicant(self.office, firm, firm.contact_name, firm.contact_phone)
        if who == story_data.SUPERVISOR:
            watcher = self.supervisor
            return _Applicant(self.office, None, watcher.full_name, watcher.phone)
        if who == story_data.ANONYMOUS:
            return _Applicant(self.office, None, "", "", anonymous=True)
        number, name = next(self._people)
        return _Applicant(self.office, None, name, f"{PHONE_PREFIX}{number:04d}")


class _Story:
    def __init__(self, *, zone: Zone, today: dt.date):
        self.zone = zone
        self.day = _Days(today)
        self.people = _People(zone)
        self.agenda = _Agenda()
        self.appeals: dict[str, Appeal] = {}
        self.texts: dict[str, DemoText] = {}
        self.ratings: dict[str, Rating] = {}
        self.extensions: dict[str, Extension] = {}

    def choose_texts(self, cases: tuple[Case, ...]) -> None:
        """Each case its message: those that ask for words first, then for a department."""
        corpus = demo_corpus()
        pool = TextPool(corpus.texts)
        for case in sorted(cases, key=lambda c: (not c.words, not c.department)):
            if case.twin is not None:
                self.texts[case.key] = corpus.twins[case.twin]
            else:
                self.texts[case.key] = pool.take(
                    department=case.department, words=case.words, kind=case.kind
                )

    def kind(self, case: Case) -> str:
        return case.kind or self.texts[case.key].kind

    def steps_of(self, case: Case) -> tuple[Step, ...]:
        if isinstance(case.steps, Course):
            return course_steps(case.steps, self.kind(case))
        return case.steps

    def put_down(self, case: Case) -> dt.date:
        """The case's steps on the agenda; returns the day it was received."""
        steps = self.steps_of(case)
        for step in steps:
            self.agenda.add(self.day(step.day), partial(self.act, case, self.kind(case), step))
        return self.day(steps[0].day)

    def current(self, key: str) -> Appeal:
        return Appeal.objects.get(pk=self.appeals[key].pk)

    def sweep(self, day: dt.date) -> None:
        """The morning sweep; a case it deemed accepted is read again (its version moved)."""
        if sweep(today=day).deemed_accepted:
            self.appeals = {key: self.current(key) for key in self.appeals}

    def act(self, case: Case, kind: str, step: Step) -> None:
        if step.action == "receive":
            self.appeals[case.key] = self._receive(case, kind, step)
            return
        result = ACTIONS[step.action](self, case, self.appeals[case.key], step)
        # Actions that answer with another record changed the appeal behind it (its version).
        self.appeals[case.key] = result if isinstance(result, Appeal) else self.current(case.key)

    def _receive(self, case: Case, kind: str, step: Step) -> Appeal:
        text = self.texts[case.key]
        who = self.people.applicant(case, text)
        return intake.receive_appeal(
            actor=who.actor,
            zone=self.zone,
            kind=kind,
            title=text.title,
            content=text.content,
            channel=case.channel.value,
            enterprise=who.enterprise,
            applicant_name=who.name,
            applicant_phone=who.phone,
            anonymous=who.anonymous,
            received_on=self.day(step.day),
        )

    def worker(self, appeal: Appeal) -> User:
        return self.people.worker(appeal.lead_department_id)

    def rater(self, appeal: Appeal) -> User:
        """The enterprise rates its own case; the office rates the others on their behalf."""
        account = self.people.account
        own = appeal.enterprise_id is not None and appeal.enterprise_id == account.enterprise_id
        return account if own else self.people.office


# The actions, each (story, case, the appeal as it stands, step) -> the appeal after it.
Action = Callable[[_Story, Case, Appeal, Step], object]


def _accept(story: _Story, case: Case, appeal: Appeal, step: Step) -> Appeal:
    return workflow.accept(
        actor=story.people.office,
        appeal_id=appeal.pk,
        expected_version=appeal.version,
        today=story.day(step.day),
    )


def _dispatch(story: _Story, case: Case, appeal: Appeal, step: Step) -> Appeal:
    text = story.texts[case.key]
    return workflow.dispatch(
        actor=story.people.office,
        appeal_id=appeal.pk,
        expected_version=appeal.version,
        department=story.people.department(step.arg or text.department),
        category=text.category,
        today=story.day(step.day),
    )


def _start(story: _Story, case: Case, appeal: Appeal, step: Step) -> Appeal:
    return workflow.start(
        actor=story.worker(appeal), appeal_id=appeal.pk, expected_version=appeal.version
    )


def _send_back(story: _Story, case: Case, appeal: Appeal, step: Step) -> Appeal:
    return workflow.send_back(
        actor=story.worker(appeal),
        appeal_id=appeal.pk,
        expected_version=appeal.version,
        reason=step.text,
    )


def _propose(story: _Story, case: Case, appeal: Appeal, step: Step) -> Appeal:
    return workflow.propose_rejection(
        actor=story.people.office,
        appeal_id=appeal.pk,
        expected_version=appeal.version,
        reason=step.text,
    )


def _approve(story: _Story, case: Case, appeal: Appeal, step: Step) -> Appeal:
    return workflow.decide_rejection(
        actor=story.people.leader,
        appeal_id=appeal.pk,
        expected_version=appeal.version,
        approve=step.flag,
        note=step.text,
        today=story.day(step.day),
    )


def _suspend(story: _Story, case: Case, appeal: Appeal, step: Step) -> Appeal:
    return handling.suspend(
        actor=story.worker(appeal),
        appeal_id=appeal.pk,
        expected_version=appeal.version,
        reason=step.text,
        today=story.day(step.day),
    )


def _resume(story: _Story, case: Case, appeal: Appeal, step: Step) -> Appeal:
    return handling.resume(
        actor=story.worker(appeal),
        appeal_id=appeal.pk,
        expected_version=appeal.version,
        today=story.day(step.day),
    )


def _reply(story: _Story, case: Case, appeal: Appeal, step: Step) -> Appeal:
    code = story.people.codes.get(appeal.lead_department_id, "")
    return handling.reply(
        actor=story.worker(appeal),
        appeal_id=appeal.pk,
        expected_version=appeal.version,
        text=step.text or story_data.REPLIES.get(code, story_data.GENERAL_REPLY),
        today=story.day(step.day),
    )


def _visit(story: _Story, case: Case, appeal: Appeal, step: Step) -> Appeal:
    return feedback.visit(
        actor=story.people.office,
        appeal_id=appeal.pk,
        expected_version=appeal.version,
        note=step.text or story_data.VISIT_NOTE,
        today=story.day(step.day),
    )


def _rate(story: _Story, case: Case, appeal: Appeal, step: Step) -> None:
    story.ratings[case.key] = feedback.rate(
        actor=story.rater(appeal),
        appeal_id=appeal.pk,
        expected_version=appeal.version,
        level=step.arg or "satisfied",
        reason=step.text,
        subjective=step.flag,
        today=story.day(step.day),
    )


def _close(story: _Story, case: Case, appeal: Appeal, step: Step) -> Appeal:
    return handling.close(
        actor=story.people.office,
        appeal_id=appeal.pk,
        expected_version=appeal.version,
        today=story.day(step.day),
    )


def _reopen(story: _Story, case: Case, appeal: Appeal, step: Step) -> Appeal:
    return handling.reopen(
        actor=story.people.office,
        appeal_id=appeal.pk,
        expected_version=appeal.version,
        reason=step.text,
        today=story.day(step.day),
    )


def _merge(story: _Story, case: Case, appeal: Appeal, step: Step) -> Appeal:
    return handling.merge(
        actor=story.people.office,
        appeal_id=appeal.pk,
        expected_version=appeal.version,
        into_id=story.appeals[step.arg].pk,
    )


def _extend(story: _Story, case: Case, appeal: Appeal, step: Step) -> None:
    story.extensions[case.key] = extensions.request_extension(
        actor=story.worker(appeal),
        appeal_id=appeal.pk,
        requested_until=story.day(step.until),
        reason=step.text,
        today=story.day(step.day),
    )


def _decide(story: _Story, case: Case, appeal: Appeal, step: Step) -> None:
    extensions.decide_extension(
        actor=story.people.leader,
        extension_id=story.extensions[case.key].pk,
        approve=step.flag,
        note=step.text,
    )


def _rectified(story: _Story, case: Case, appeal: Appeal, step: Step) -> None:
    feedback.complete_rectification(
        actor=story.worker(appeal),
        rating_id=story.ratings[case.key].pk,
        note=step.text,
        today=story.day(step.day),
    )


def _dispute(story: _Story, case: Case, appeal: Appeal, step: Step) -> None:
    feedback.dispute_rating(
        actor=story.worker(appeal), rating_id=story.ratings[case.key].pk, reason=step.text
    )


def _review(story: _Story, case: Case, appeal: Appeal, step: Step) -> None:
    feedback.decide_dispute(
        actor=story.people.leader,
        rating_id=story.ratings[case.key].pk,
        upheld=step.flag,
        note=step.text,
    )


ACTIONS: dict[str, Action] = {
    "accept": _accept,
    "dispatch": _dispatch,
    "start": _start,
    "send_back": _send_back,
    "propose": _propose,
    "approve": _approve,
    "suspend": _suspend,
    "resume": _resume,
    "reply": _reply,
    "visit": _visit,
    "rate": _rate,
    "close": _close,
    "reopen": _reopen,
    "merge": _merge,
    "extend": _extend,
    "decide": _decide,
    "rectified": _rectified,
    "dispute": _dispute,
    "review": _review,
}


def build_demo_appeals(
    *,
    zone: Zone,
    today: dt.date | None = None,
    stamp: Stamp = _unstamped,
    cases: tuple[Case, ...] = story_data.CASES,
) -> DemoAppeals:
    """Create the demo's appeals for `zone` (see the module's story); the zone needs the demo's
    departments and an office, leader, enterprise and supervisor account, and every department
    a case is dispatched to a department account."""
    today = today or timezone.localdate()
    story = _Story(zone=zone, today=today)
    story.choose_texts(cases)
    first = min(story.put_down(case) for case in cases)
    # The daily sweep, every morning since the first case arrived.
    sweeps = (today - first).days
    for n in range(1, sweeps + 1):
        day = first + dt.timedelta(days=n)
        story.agenda.add(day, partial(story.sweep, day), phase=OVERNIGHT)
    story.agenda.play(stamp)
    return DemoAppeals(appeals={key: story.current(key) for key in story.appeals}, sweeps=sweeps)
