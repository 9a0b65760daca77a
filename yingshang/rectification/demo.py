"""The demo's rectification: the zone's division of work per indicator, a plan drafted from the
latest evaluation, a ledger fed by several sources, and tasks in every workflow state, some of
them overdue and one waiting for a decision on its extension.

The story, `today` being T (its data in `demo_story`): over the last months the ledger filled
from appeals, supervisors, surveys, instructions, inspections and visits, and tasks taken from
it were assigned, worked, and closed on time or late. The plan (整改提升工作方案) is drafted from
the run on T-35, each item and each weakness given its departments by the zone's division of
work, approved, and published on T-30 (which assigns its tasks); its tasks are at various
stages. The daily sweep has run every morning since, so the three tasks that ran past their
deadline (one never started, one being worked, one returned) were marked, supervised and later
circulated on the days those steps fell due.

Everything goes through the services in the order it happened, each step inside `stamp(day,
n)` (the n-th step of that day; the demo builder makes it the moment the services' clock
reads), so rows, task records, notifications and audit events carry the story's dates. The same
zone and the same `today` give the same data.
"""

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from functools import partial

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from yingshang.core.rectification.workflow import Action
from yingshang.evaluation.public import EvaluationRun, latest_run
from yingshang.kernel.models import Department, Role, User, Zone
from yingshang.rectification import demo_story as story_data
from yingshang.rectification.models import (
    Extension,
    IndicatorDepartment,
    Plan,
    PlanItem,
    Problem,
    Task,
)

Stamp = Callable[[dt.date, int], AbstractContextManager[object]]
DivisionRow = tuple[str, str, str, Sequence[str]]
"""(indicator code, indicator name, lead department code, supporting department codes)"""

OVERNIGHT, DAYTIME = 0, 1
DEPARTMENT_ACTIONS = frozenset({Action.START, Action.REPORT, Action.SUBMIT})
LEADER_ACTIONS = frozenset({Action.ACCEPT, Action.CLOSE})
EVIDENCE = b"%PDF-1.4\n% demo evidence\n"


def _unstamped(day: dt.date, index: int) -> AbstractContextManager[object]:
    return nullcontext()


@dataclass
class DemoRectification:
    plan: Plan
    problems: list[Problem] = field(default_factory=list)  # the ones not drafted from the run
    tasks: dict[str, Task] = field(default_factory=dict)  # by the story's name for each
    extension: Extension | None = None
    sweep_summary: object = None


class _Agenda:
    """The story's steps, played in the order they happened: by day, the morning sweep first,
    then the day's work in the order it was put down. A step may put down later ones."""

    def __init__(self) -> None:
        self._queue: list[tuple[int, int, int, Callable[[], object]]] = []
        self._count = 0
        self._playing: int | None = None

    def add(self, day: int, do: Callable[[], object], *, phase: int = DAYTIME) -> None:
        if day > 0 or (self._playing is not None and day < self._playing):
            raise ValueError(f"演示情节的第 {day} 天不在今天之前、当前进度之后")
        heapq.heappush(self._queue, (day, phase, self._count, do))
        self._count += 1

    def play(self, *, today: dt.date, stamp: Stamp) -> None:
        steps_of_day: Counter[int] = Counter()
        while self._queue:
            day, _phase, _order, do = heapq.heappop(self._queue)
            self._playing = day
            with stamp(today + dt.timedelta(days=day), steps_of_day[day]):
                do()
            steps_of_day[day] += 1


def _department_workers(zone: Zone) -> dict[str, tuple[Department, User]]:
    """Each department with a department account, by code, with its first one."""
    workers: dict[str, tuple[Department, User]] = {}
    users = User.objects.filter(zone=zone, role=Role.DEPARTMENT, is_active=True).select_related(
        "department"
    )
    for user in users.order_by("department__sort_order", "department__code", "id"):
        if user.department_id and user.department.code not in workers:
            workers[user.department.code] = (user.department, user)
    return workers


class _Story:
    """Who does what on which day: the office runs the ledger and assigns, the lead department
    works its tasks, the leader accepts and closes."""

    def __init__(self, *, zone: Zone, office: User, leader: User, today: dt.date):
        self.zone, self.office, self.leader, self.today = zone, office, leader, today
        self.departments = {d.code: d for d in Department.objects.filter(zone=zone)}
        self.workers = _department_workers(zone)
        self.agenda = _Agenda()
        self.problems: dict[str, Problem] = {}
        self.tasks: dict[str, Task] = {}
        self.plan: Plan | None = None
        self.extension: Extension | None = None
        self.sweep_summary: object = None

    def department(self, code: str) -> Department:
        if code not in self.departments:
            raise ValueError(f"功能区 {self.zone.name} 没有编码为 {code} 的部门")
        return self.departments[code]

    def worker(self, code: str) -> User:
        """The account that works the tasks of that department."""
        if code not in self.workers:
            name = self.department(code).name
            raise ValueError(f"{name}没有部门账号，无法办理其牵头的整改任务")
        return self.workers[code][1]

    def day(self, offset: int) -> dt.date:
        return self.today + dt.timedelta(days=offset)

    def steps(self, key: str, steps: Sequence[tuple], worker: User) -> None:
        """Put down a task's steps: (action, day offset[, text])."""
        for action, on, *rest in steps:
            text = rest[0] if rest else ""
            self.agenda.add(on, partial(self._act, key, action, worker, on, text))

    def _act(self, key: str, action: Action, worker: User, on: int, text: str) -> None:
        from yingshang.rectification.services.tasks import transition

        task = Task.objects.get(pk=self.tasks[key].pk)
        if action in DEPARTMENT_ACTIONS:
            actor = worker
        elif action in LEADER_ACTIONS:
            actor = self.leader
        else:
            actor = self.office
        files = ()
        if action is Action.SUBMIT:
            name = f"{task.code}-佐证材料.pdf"
            files = (SimpleUploadedFile(name, EVIDENCE, content_type="application/pdf"),)
            text = text or "已按整改措施完成，佐证材料见附件。"
        self.tasks[key] = transition(
            actor=actor,
            task_id=task.pk,
            action=action,
            expected_version=task.version,
            text=text,
            files=files,
            today=self.day(on),
        )


def _leader(zone: Zone, leader: User | None) -> User:
    leader = leader or (
        User.objects.filter(zone=zone, role=Role.LEADER, is_active=True).order_by("id").first()
    )
    if leader is None:
        raise ValueError(f"功能区 {zone.name} 没有区领导账号，无法审批整改方案")
    return leader


def _seed_division(story: _Story, rows: Sequence[DivisionRow]) -> None:
    """The zone's division of work per indicator, as its office agreed it."""
    for indicator, name, lead, supporting in rows:
        row = IndicatorDepartment.objects.create(
            zone=story.zone,
            indicator=indicator,
            indicator_name=name,
            lead_department=story.department(lead),
        )
        row.supporting_departments.set([story.department(code) for code in supporting])


# --- the ledger and the older tasks ----------------------------------------------------------


def _register(story: _Story, row: tuple) -> None:
    from yingshang.rectification.services.problems import create_problem

    key, source, grade, code, days_ago, title, description = row
    story.problems[key] = create_problem(
        actor=story.office,
        zone=story.zone,
        title=title,
        source=source,
        grade=grade,
        reported_on=story.day(-days_ago),
        description=description,
        department=story.department(code),
    )


def _draft_task(
    story: _Story, key: str, code: str, title: str, deadline: int, problem: str | None
) -> None:
    from yingshang.rectification.services.tasks import create_task

    story.tasks[key] = create_task(
        actor=story.office,
        zone=story.zone,
        title=title,
        lead_department=story.department(code),
        deadline=story.day(deadline),
        problems=[story.problems[problem]] if problem else (),
    )


def _put_down_ledger_and_history(story: _Story) -> None:
    for row in story_data.LEDGER:
        story.agenda.add(-row[4], partial(_register, story, row))
    for key, code, title, deadline, problem, steps in story_data.HISTORY:
        story.agenda.add(
            steps[0][1], partial(_draft_task, story, key, code, title, deadline, problem)
        )
        story.steps(key, steps, story.worker(code))
    story.agenda.add(
        story_data.REGISTRATION_DRAFTED,
        partial(
            _draft_task,
            story,
            "registration_draft",
            "zrgh",
            "推行不动产登记与税费缴纳“一窗办理”",
            30,
            "registration",
        ),
    )


# --- the plan --------------------------------------------------------------------------------


def _plan_task(story: _Story, item: PlanItem, index: int) -> None:
    """The item's responsible leader, and its task led and supported by the departments the
    division of work proposed for the item."""
    from yingshang.rectification.services.plans import update_plan_item
    from yingshang.rectification.services.tasks import create_task

    plan = Plan.objects.get(pk=item.plan_id)
    item = update_plan_item(
        actor=story.office,
        item=item,
        expected_version=plan.version,
        responsible_leader=story.leader.full_name,
    )
    supporting = list(item.supporting_departments.all())
    measures = "；".join(p.title for p in item.problems.order_by("id")) or item.indicator_name
    story.tasks[f"plan_{index + 1}"] = create_task(
        actor=story.office,
        zone=story.zone,
        title=f"提升“{item.indicator_name}”指标表现",
        lead_department=item.lead_department,
        deadline=story.day(story_data.plan_task_deadline(index)),
        plan=plan,
        plan_item=item,
        measure=f"针对{measures}，制定整改措施并按月报送进展。",
        standard="指标得分达到全省平均水平以上",
        supporting_departments=supporting,
        responsible_leader=story.leader.full_name,
        problems=list(item.problems.all()),
    )


def _move_plan(story: _Story, step: str) -> None:
    from yingshang.rectification.services import plans

    plan = Plan.objects.get(pk=story.plan.pk)
    if step == "submit":
        story.plan = plans.submit_plan(actor=story.office, plan=plan, expected_version=plan.version)
    elif step == "approve":
        story.plan = plans.approve_plan(
            actor=story.leader, plan=plan, expected_version=plan.version
        )
    else:
        story.plan = plans.publish_plan(
            actor=story.office,
            plan=plan,
            expected_version=plan.version,
            today=story.day(story_data.PLAN_PUBLISHED),
        )


def _draft_plan(story: _Story, run: EvaluationRun) -> None:
    """Draft the plan, then put down what follows from it: one task per item, the approval and
    publication, and where each task stands today."""
    from yingshang.rectification.services.plans import draft_plan_from_run

    story.plan = draft_plan_from_run(
        actor=story.office, run=run, reported_on=story.day(story_data.PLAN_DRAFTED)
    )
    items = list(story.plan.items.select_related("lead_department").order_by("order", "id"))
    for index, item in enumerate(items):
        if item.lead_department is None:
            raise ValueError(f"方案指标“{item.indicator_name}”没有牵头部门，请先设定指标责任部门")
        story.agenda.add(story_data.PLAN_DIVIDED, partial(_plan_task, story, item, index))
    story.agenda.add(story_data.PLAN_SUBMITTED, partial(_move_plan, story, "submit"))
    story.agenda.add(story_data.PLAN_APPROVED, partial(_move_plan, story, "approve"))
    story.agenda.add(story_data.PLAN_PUBLISHED, partial(_move_plan, story, "publish"))
    for index, item in enumerate(items):
        stages = story_data.PLAN_STAGES
        steps = stages[index] if index < len(stages) else []
        story.steps(f"plan_{index + 1}", steps, story.worker(item.lead_department.code))


# --- the clocks --------------------------------------------------------------------------------


def _sweep(story: _Story, offset: int) -> None:
    from yingshang.rectification.services.sweep import sweep

    story.sweep_summary = sweep(today=story.day(offset))


def _request_extension(story: _Story) -> None:
    from yingshang.rectification.services.tasks import request_extension

    task = story.tasks["extension_pending"]
    story.extension = request_extension(
        actor=story.worker(task.lead_department.code),
        task_id=task.pk,
        new_deadline=story.day(21),
        reason="平台需与人社部门系统对接，接口联调尚需两周。",
        today=story.day(story_data.EXTENSION_REQUESTED),
    )


def _latest_run(zone: Zone) -> EvaluationRun:
    run = latest_run(zone)
    if run is None:
        raise ValueError(f"功能区 {zone.name} 还没有评价结果，无法生成整改方案")
    return run


def build_demo_rectification(
    *,
    zone: Zone,
    actor_office: User,
    run: EvaluationRun | None = None,
    leader: User | None = None,
    today: dt.date | None = None,
    division: Sequence[DivisionRow] = (),
    stamp: Stamp = _unstamped,
) -> DemoRectification:
    """Create the demo's division of work (`division`), ledger, plan and tasks for `zone` (see
    the module's story); every department that leads a task needs a department account."""
    today = today or timezone.localdate()
    run = run or _latest_run(zone)
    story = _Story(zone=zone, office=actor_office, leader=_leader(zone, leader), today=today)
    _seed_division(story, division)
    _put_down_ledger_and_history(story)
    story.agenda.add(story_data.PLAN_DRAFTED, partial(_draft_plan, story, run))
    for offset in range(story_data.SWEEPS_FROM, 1):
        story.agenda.add(offset, partial(_sweep, story, offset), phase=OVERNIGHT)
    story.agenda.add(story_data.EXTENSION_REQUESTED, partial(_request_extension, story))
    story.agenda.play(today=today, stamp=stamp)
    if story.plan is None:
        raise ValueError("演示情节没有起草整改方案")
    return DemoRectification(
        plan=Plan.objects.get(pk=story.plan.pk),
        problems=list(story.problems.values()),
        tasks={key: Task.objects.get(pk=task.pk) for key, task in story.tasks.items()},
        extension=story.extension,
        sweep_summary=story.sweep_summary,
    )
