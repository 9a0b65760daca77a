import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.rectification.helpers import act
from yingshang.kernel.models import Department, Role
from yingshang.rectification.selectors.common import require_reader
from yingshang.rectification.selectors.plans import plans_visible_to
from yingshang.rectification.selectors.problems import problems_visible_to
from yingshang.rectification.selectors.tasks import get_task, overdue_tasks, tasks_visible_to
from yingshang.rectification.services import permissions
from yingshang.rectification.services.problems import create_problem
from yingshang.rectification.services.tasks import create_task


@pytest.fixture
def third_department(zone):
    return Department.objects.create(zone=zone, code="zjj", name="住房和城乡建设局")


@pytest.fixture
def tasks(users, zone, departments, third_department):
    office = users[Role.OFFICE]
    own = create_task(
        actor=office,
        zone=zone,
        title="本部门牵头",
        lead_department=departments["scjg"],
        limit_workdays=5,
    )
    supported = create_task(
        actor=office,
        zone=zone,
        title="本部门配合",
        lead_department=third_department,
        supporting_departments=[departments["scjg"]],
        limit_workdays=5,
    )
    foreign = create_task(
        actor=office,
        zone=zone,
        title="他部门任务",
        lead_department=third_department,
        limit_workdays=5,
    )
    return {"own": own, "supported": supported, "foreign": foreign}


def test_office_leader_and_admin_see_the_zone(users, tasks):
    for role in (Role.OFFICE, Role.LEADER, Role.ADMIN):
        assert set(tasks_visible_to(users[role])) == set(tasks.values())


def test_department_sees_led_and_supported_tasks_only(users, tasks):
    dept = users[Role.DEPARTMENT]
    assert set(tasks_visible_to(dept)) == {tasks["own"], tasks["supported"]}
    assert get_task(user=dept, task_id=tasks["own"].pk) == tasks["own"]
    with pytest.raises(Http404):
        get_task(user=dept, task_id=tasks["foreign"].pk)


def test_department_cannot_move_a_task_it_only_supports(users, tasks):
    office, dept = users[Role.OFFICE], users[Role.DEPARTMENT]
    act(office, tasks["supported"], "assign")
    with pytest.raises(PermissionDenied, match="只有牵头部门"):
        act(dept, tasks["supported"], "start")
    act(office, tasks["foreign"], "assign")
    with pytest.raises(Http404):
        act(dept, tasks["foreign"], "start")


@pytest.mark.parametrize("role", [Role.ENTERPRISE, Role.SUPERVISOR])
def test_enterprise_and_supervisor_see_nothing(users, tasks, role):
    user = users[role]
    assert not tasks_visible_to(user).exists()
    assert not problems_visible_to(user).exists()
    assert not plans_visible_to(user).exists()
    with pytest.raises(PermissionDenied):
        require_reader(user)
    with pytest.raises(PermissionDenied):
        get_task(user=user, task_id=tasks["own"].pk)


def test_other_zone_is_not_found(users, tasks, other_zone, make_user):
    stranger = make_user(Role.OFFICE, zone=other_zone)
    assert not tasks_visible_to(stranger).exists()
    with pytest.raises(Http404):
        get_task(user=stranger, task_id=tasks["own"].pk)
    with pytest.raises(Http404):
        act(stranger, tasks["own"], "assign")
    with pytest.raises(Http404):
        permissions.require_writer(stranger, tasks["own"].zone)


def test_writers_and_deciders(users, zone):
    permissions.require_writer(users[Role.OFFICE], zone)
    permissions.require_writer(users[Role.ADMIN], zone)
    for role in (Role.LEADER, Role.DEPARTMENT, Role.ENTERPRISE, Role.SUPERVISOR):
        with pytest.raises(PermissionDenied):
            permissions.require_writer(users[role], zone)
    permissions.require_decider(users[Role.LEADER], zone)
    with pytest.raises(PermissionDenied):
        permissions.require_decider(users[Role.DEPARTMENT], zone)


def test_the_buttons_shown_are_the_actions_allowed(users, tasks):
    """The task page offers what the service lets through: the lead department works the task,
    a supporting department does not, the office assigns."""
    office, dept = users[Role.OFFICE], users[Role.DEPARTMENT]
    assert permissions.actions_for(office, tasks["own"]) == ["assign"]
    assert permissions.actions_for(dept, tasks["own"]) == []
    act(office, tasks["own"], "assign")
    act(office, tasks["supported"], "assign")
    tasks["own"].refresh_from_db()
    tasks["supported"].refresh_from_db()
    assert permissions.actions_for(dept, tasks["own"]) == ["start", "report"]
    assert permissions.actions_for(dept, tasks["supported"]) == []
    assert permissions.actions_for(office, tasks["own"]) == []
    with pytest.raises(PermissionDenied, match="只有牵头部门"):
        permissions.require_task_action(dept, tasks["supported"], "start")


def test_department_sees_its_problems_only(users, zone, departments, third_department, tasks):
    office = users[Role.OFFICE]
    mine = create_problem(
        actor=office,
        zone=zone,
        title="登记窗口排队久",
        source="appeal",
        grade="C",
        reported_on=dt.date(2026, 9, 1),
        department=departments["scjg"],
    )
    other = create_problem(
        actor=office,
        zone=zone,
        title="施工许可材料多",
        source="appeal",
        grade="C",
        reported_on=dt.date(2026, 9, 1),
        department=third_department,
    )
    tasks["own"].problems.add(other)
    visible = set(problems_visible_to(users[Role.DEPARTMENT]))
    assert visible == {mine, other}
    tasks["own"].problems.remove(other)
    assert set(problems_visible_to(users[Role.DEPARTMENT])) == {mine}
    assert set(problems_visible_to(users[Role.LEADER])) == {mine, other}


def test_overdue_lists(users, zone, tasks, third_department):
    office = users[Role.OFFICE]
    for key in ("own", "foreign"):
        tasks[key].deadline, tasks[key].limit_workdays = dt.date(2020, 1, 6), None
        tasks[key].save()
        act(office, tasks[key], "assign", today=dt.date(2020, 1, 2))
    assert set(overdue_tasks(users[Role.DEPARTMENT])) == {tasks["own"]}
    assert set(overdue_tasks(office)) == {tasks["own"], tasks["foreign"]}


def test_admin_lists_read_only_and_checks_settings(users, zone, client):
    from yingshang.rectification.admin import RectificationSettingsForm

    client.force_login(users[Role.ADMIN])
    assert client.get("/admin/rectification/task/").status_code == 200
    assert client.get("/admin/rectification/task/add/").status_code == 403
    form = RectificationSettingsForm(
        data={
            "zone": zone.pk,
            "grade_limits": '{"A": {"limit": 3, "unit": "weeks"}}',
            "reminder_days_before": 2,
            "supervision_after_days": 1,
            "notice_after_days": 5,
            "score_weights": "{}",
        }
    )
    assert not form.is_valid()
    assert "未知的期限单位" in str(form.errors["grade_limits"])
