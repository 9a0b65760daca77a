"""Fixtures of the rectification tests: uploads kept in a temporary folder, the office user,
tasks made as the office makes them (and a few made already), calendars, and a published
evaluation to plan from."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.rectification.helpers import RectificationClient, new_task
from yingshang.calendars.models import CalendarDay, CalendarYear, DayKind
from yingshang.kernel.models import Department, Role
from yingshang.rectification.models import Plan, Problem, Task


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Evidence files go to the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def office(users):
    return users[Role.OFFICE]


@pytest.fixture
def make_task(users, zone, departments):
    """make_task(**fields): a draft task of the zone made by the office, led by 市场监管 (the
    department user's department) with a limit of 3 working days unless told otherwise."""
    from yingshang.rectification.services.tasks import create_task

    def make(**fields):
        fields.setdefault("title", "压缩企业开办时间")
        fields.setdefault("lead_department", departments["scjg"])
        fields.setdefault("limit_workdays", 3)
        return create_task(actor=users[Role.OFFICE], zone=zone, **fields)

    return make


@pytest.fixture
def scjg_task(office, zone, departments):
    """A task led by the department user's department (市场监管), assigned, due in 30 days."""
    return new_task(office, zone, departments["scjg"], assign=True)


@pytest.fixture
def xzsp_task(office, zone, departments):
    """A task led by another department (行政审批), assigned."""
    return new_task(office, zone, departments["xzsp"], title="推行一网通办", assign=True)


@pytest.fixture
def other_zone_task(other_zone, make_user):
    """A draft task of another zone, made by that zone's office."""
    office = make_user(Role.OFFICE, zone=other_zone)
    department = Department.objects.create(zone=other_zone, code="fgw", name="发展改革局")
    return new_task(office, other_zone, department, title="洛阳的任务")


@pytest.fixture
def holidays(db):
    """2026 published, with only the National Day week off (whatever the seed holds)."""
    CalendarDay.objects.filter(date__year=2026).delete()
    CalendarYear.objects.update_or_create(year=2026, defaults={"published": True})
    for day in range(1, 8):
        CalendarDay.objects.create(date=dt.date(2026, 10, day), kind=DayKind.HOLIDAY, name="国庆节")


@pytest.fixture
def unpublished_2026(db):
    """2026 counted by weekends only: its deadlines are provisional."""
    CalendarYear.objects.update_or_create(year=2026, defaults={"published": False})


@pytest.fixture
def run(zone, office):
    """A published evaluation run of the zone."""
    from tests.evaluation.helpers import publish

    return publish(zone, office)


# --- the API ---------------------------------------------------------------------------------


@pytest.fixture
def api_client_class():
    """`api_as` (tests/conftest.py) makes clients that also take workflow actions."""
    return RectificationClient


@pytest.fixture
def assigned(users, make_task) -> Task:
    """A task of 市场监管 assigned today, due in 60 days."""
    from yingshang.rectification.services.tasks import assign_tasks

    task = make_task(limit_workdays=None, deadline=timezone.localdate() + dt.timedelta(days=60))
    assign_tasks(actor=users[Role.OFFICE], task_ids=[task.pk])
    task.refresh_from_db()
    return task


@pytest.fixture
def problem(zone, departments, users) -> Problem:
    """A problem of the ledger, stored as it is (no due date worked out)."""
    return Problem.objects.create(
        zone=zone,
        code="WT2026-0001",
        title="企业开办环节多",
        source="appeal",
        grade="B",
        department=departments["scjg"],
        reported_on=dt.date(2026, 3, 2),
        created_by=users[Role.OFFICE],
    )


@pytest.fixture
def other_zone_records(other_zone, make_user):
    """Another zone's department, office, draft task, problem and plan."""
    from yingshang.rectification.services.tasks import create_task

    department = Department.objects.create(zone=other_zone, code="lyjg", name="洛阳市场监管局")
    office = make_user(Role.OFFICE, zone=other_zone, department=department)
    task = create_task(actor=office, zone=other_zone, title="外区任务", lead_department=department)
    problem = Problem.objects.create(
        zone=other_zone,
        code="WT2026-0009",
        title="外区问题",
        source="visit",
        reported_on=dt.date(2026, 3, 2),
    )
    plan = Plan.objects.create(zone=other_zone, title="外区方案")
    return {"task": task, "problem": problem, "plan": plan}
