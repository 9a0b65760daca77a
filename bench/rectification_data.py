"""The data of the rectification benchmark: one zone with 20 departments and their people, tasks
spread over a year before TODAY (every workflow state, deadlines past and future, a third with a
supporting department), the task records their states imply, one problem per five tasks linked
to its task, and audit events spread over the same year.

Everything is drawn from one `random.Random(seed)`, in a fixed order, so a seed gives the same
data on every run. Django must be set up before `build_world` is called.
"""

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

TODAY = dt.date(2026, 11, 20)  # a Friday; the sweep's "today"
NEXT_WORKDAY = dt.date(2026, 11, 23)
BATCH = 5_000
EVENT_BATCH = 10_000
VERBS = ("assign", "start", "report", "submit", "return", "accept", "close")


@dataclass
class World:
    zone: object
    departments: list
    office: object
    leader: object
    department_user: object  # of the department with the most tasks
    task_ids: tuple[int, int]  # lowest, highest


def _state_for(rng: random.Random, deadline: dt.date) -> str:
    """Old tasks are mostly closed; some are still open long after their deadline."""
    days_left = (deadline - TODAY).days
    r = rng.random()
    if days_left < -30:
        table = (
            (0.80, "closed"),
            (0.88, "accepted"),
            (0.94, "in_progress"),
            (0.97, "returned"),
            (1.0, "submitted"),
        )
    elif days_left < 0:
        table = (
            (0.35, "closed"),
            (0.50, "accepted"),
            (0.78, "in_progress"),
            (0.88, "submitted"),
            (0.95, "returned"),
            (1.0, "assigned"),
        )
    else:
        table = (
            (0.08, "draft"),
            (0.30, "assigned"),
            (0.75, "in_progress"),
            (0.85, "submitted"),
            (0.90, "returned"),
            (0.96, "accepted"),
            (1.0, "closed"),
        )
    return next(state for limit, state in table if r < limit)


def _task_dates(rng: random.Random, state: str, assigned: dt.date, deadline: dt.date) -> dict:
    if state == "draft":
        return {"assigned_on": None}
    dates: dict = {"assigned_on": assigned}
    if state in ("submitted", "accepted", "closed"):
        # done around the deadline: most on time, some late
        done = deadline + dt.timedelta(days=rng.randint(-20, 8))
        done = min(max(done, assigned + dt.timedelta(days=1)), TODAY)
        dates["submitted_on"] = done
        if state in ("accepted", "closed"):
            dates["accepted_on"] = min(done + dt.timedelta(days=rng.randint(0, 5)), TODAY)
        if state == "closed":
            dates["closed_on"] = min(dates["accepted_on"] + dt.timedelta(days=2), TODAY)
    return dates


def build_world(tasks: int, events: int, seed: int) -> World:
    from yingshang.audit.models import AuditEvent
    from yingshang.rectification.models import Task

    rng = random.Random(seed)
    zone, departments, office, leader, dept_users = _people()
    # Departments carry unequal loads, as in life: weights 1..20.
    weights = list(range(len(departments), 0, -1))
    for start in range(0, tasks, BATCH):
        rows = [
            _task(rng, n, zone, departments, weights, office)
            for n in range(start, min(start + BATCH, tasks))
        ]
        _insert_batch(rng, rows, zone, departments, office)
        print(f"  tasks {min(start + BATCH, tasks):,}/{tasks:,}", flush=True)
    low = Task.objects.order_by("id").values_list("id", flat=True).first()
    high = Task.objects.order_by("-id").values_list("id", flat=True).first()
    _insert_events(AuditEvent, zone, [office, leader, *dept_users], events, (low, high), rng)
    return World(zone, departments, office, leader, dept_users[0], (low, high))


def _people() -> tuple:
    """The zone, its departments, the office and leader accounts and one user per department."""
    from django.db import transaction

    from yingshang.demo import reference as ref
    from yingshang.kernel.models import Department, Role, User, Zone

    with transaction.atomic():
        zone = Zone.objects.create(**ref.HOSTED_ZONE)
        Department.objects.bulk_create([Department(zone=zone, **row) for row in ref.DEPARTMENTS])
        departments = list(Department.objects.filter(zone=zone).order_by("sort_order"))
        office = User.objects.create_user(
            "office", role=Role.OFFICE, zone=zone, department=departments[3], full_name="李文静"
        )
        leader = User.objects.create_user("leader", role=Role.LEADER, zone=zone, full_name="周建华")
        dept_users = [
            User.objects.create_user(
                f"dept_{d.code}", role=Role.DEPARTMENT, zone=zone, department=d, full_name=d.name
            )
            for d in departments
        ]
    return zone, departments, office, leader, dept_users


def _task(rng: random.Random, n: int, zone, departments: list, weights: list[int], office):
    """The n-th task (unsaved): its lead department, dates and state drawn from `rng`."""
    from yingshang.rectification.models import Task

    lead = rng.choices(departments, weights)[0]
    assigned = TODAY - dt.timedelta(days=rng.randint(0, 365))
    deadline = assigned + dt.timedelta(days=rng.choice((7, 14, 21, 30, 45, 60, 90)))
    state = _state_for(rng, deadline)
    return Task(
        zone=zone,
        code=f"RW{n + 1:06d}",
        title=f"整改任务{n + 1}：优化{lead.short_name}办事流程",
        measure="压缩办理时限，减少申报材料",
        lead_department=lead,
        state=state,
        deadline=deadline,
        limit_workdays=None,
        created_by=office,
        **_task_dates(rng, state, assigned, deadline),
    )


def _insert_batch(rng: random.Random, rows: list, zone, departments: list, office) -> None:
    """One batch of tasks with their supporting departments, records and linked problems."""
    from django.db import transaction

    from yingshang.rectification.models import Problem, Task, TaskRecord

    supporting = Task.supporting_departments.through
    linked = Task.problems.through
    support_pairs, problems = [], []
    with transaction.atomic():
        created = Task.objects.bulk_create(rows, batch_size=1000)
        for task in created:
            if rng.random() < 0.33:
                other = rng.choice(departments)
                if other.pk != task.lead_department_id:
                    support_pairs.append(supporting(task_id=task.pk, department_id=other.pk))
            if task.code.endswith(("0", "5")):
                problems.append(_problem(rng, task, zone, office))
        supporting.objects.bulk_create(support_pairs, batch_size=1000)
        with _explicit_timestamp(TaskRecord, "created_at"):
            TaskRecord.objects.bulk_create(
                [r for t in created for r in _history(TaskRecord, t, office)], batch_size=2000
            )
        made = Problem.objects.bulk_create(problems, batch_size=1000)
        pairs = zip(made, [t for t in created if t.code.endswith(("0", "5"))], strict=True)
        linked.objects.bulk_create(
            [linked(task_id=t.pk, problem_id=p.pk) for p, t in pairs], batch_size=1000
        )


def _problem(rng: random.Random, task, zone, office):
    """The problem (unsaved) that a task rectifies."""
    from yingshang.rectification.models import Problem

    return Problem(
        zone=zone,
        code=f"WT{task.assigned_on.year if task.assigned_on else 2026}-{task.pk:06d}",
        title=f"问题{task.pk}：{task.title[:40]}",
        source=rng.choice(("evaluation", "appeal", "supervisor", "survey")),
        grade=rng.choice("ABC"),
        status="rectifying" if task.state != "closed" else "closed",
        department_id=task.lead_department_id,
        reported_on=task.assigned_on or TODAY,
        due_on=task.deadline,
        created_by=office,
    )


def _history(model, task, actor) -> list:
    """The task records its state implies (assign, start, submit, return, accept, close), dated
    as the task's dates say: department_performance counts from them."""
    from django.utils import timezone

    if task.assigned_on is None:
        return []

    def at(day: dt.date, hour: int):
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))

    steps = [("assign", "draft", "assigned", task.assigned_on)]
    if task.state != "assigned":
        steps.append(("start", "assigned", "in_progress", task.assigned_on))
    if task.state == "returned":
        submitted = min(task.deadline, TODAY)
        steps += [
            ("submit", "in_progress", "submitted", submitted),
            ("return", "submitted", "returned", submitted),
        ]
    if task.submitted_on:
        steps.append(("submit", "in_progress", "submitted", task.submitted_on))
    if task.accepted_on:
        steps.append(("accept", "submitted", "accepted", task.accepted_on))
    if task.closed_on:
        steps.append(("close", "accepted", "closed", task.closed_on))
    return [
        model(
            task_id=task.pk,
            action=action,
            from_state=source,
            to_state=target,
            actor=actor,
            created_at=at(day, 9 + i),
        )
        for i, (action, source, target, day) in enumerate(steps)
    ]


def _explicit_occurred_at(model):
    return _explicit_timestamp(model, "occurred_at")


@contextmanager
def _explicit_timestamp(model, name: str) -> Iterator[None]:
    """Timestamps are auto_now_add; the benchmark spreads rows over a year instead."""
    field = model._meta.get_field(name)
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


def _insert_events(model, zone, actors, events: int, task_ids, rng: random.Random) -> None:
    from django.db import transaction
    from django.utils import timezone

    start = timezone.make_aware(dt.datetime.combine(TODAY - dt.timedelta(days=365), dt.time(8)))
    span = 365 * 24 * 3600
    low, high = task_ids
    with _explicit_occurred_at(model):
        for first in range(0, events, EVENT_BATCH):
            count = min(EVENT_BATCH, events - first)
            offsets = sorted(rng.randrange(span) for _ in range(count))
            batch = []
            for offset in offsets:
                actor = rng.choice(actors)
                verb = rng.choice(VERBS)
                task = rng.randint(low, high)
                batch.append(
                    model(
                        occurred_at=start + dt.timedelta(seconds=offset),
                        actor=actor,
                        actor_label=actor.full_name,
                        zone=zone,
                        object_type="rectification.task",
                        object_id=str(task),
                        object_repr=f"RW{task:06d}",
                        verb=f"rectification.task_{verb}",
                        before={"state": "in_progress"},
                        after={"state": "submitted", "version": 2},
                    )
                )
            with transaction.atomic():
                model.objects.bulk_create(batch, batch_size=2000)
            if (first + count) % 100_000 == 0 or first + count == events:
                print(f"  audit events {first + count:,}/{events:,}", flush=True)


def refresh_statistics() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
