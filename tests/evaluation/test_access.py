"""Who may read and write evaluations."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from yingshang.evaluation.access import (
    can_read_evaluations,
    can_write_evaluations,
    require_evaluation_reader,
    require_evaluation_writer,
)
from yingshang.kernel.models import Role

READ = {Role.ADMIN, Role.OFFICE, Role.LEADER, Role.DEPARTMENT}
WRITE = {Role.ADMIN, Role.OFFICE}


@pytest.mark.parametrize("role", list(Role))
def test_roles_that_read_and_write(users, role):
    user = users[role]
    assert can_read_evaluations(user) == (role in READ)
    assert can_write_evaluations(user) == (role in WRITE)


@pytest.mark.parametrize("role", [Role.ENTERPRISE, Role.SUPERVISOR])
def test_enterprise_and_supervisor_may_not_read(users, role):
    with pytest.raises(PermissionDenied):
        require_evaluation_reader(users[role])


@pytest.mark.parametrize("role", [Role.LEADER, Role.DEPARTMENT, Role.ENTERPRISE, Role.SUPERVISOR])
def test_only_office_and_admin_write(users, zone, role):
    with pytest.raises(PermissionDenied):
        require_evaluation_writer(users[role], zone)


def test_office_writes_in_its_own_zone_only(users, zone, other_zone):
    require_evaluation_writer(users[Role.OFFICE], zone)
    with pytest.raises(PermissionDenied):
        require_evaluation_writer(users[Role.OFFICE], other_zone)
    require_evaluation_writer(users[Role.ADMIN], other_zone)


def test_an_inactive_office_user_may_do_nothing(users, zone):
    office = users[Role.OFFICE]
    office.is_active = False
    assert not can_read_evaluations(office)
    with pytest.raises(PermissionDenied):
        require_evaluation_writer(office, zone)


def test_anonymous_may_do_nothing():
    assert not can_read_evaluations(AnonymousUser())
    with pytest.raises(PermissionDenied):
        require_evaluation_reader(AnonymousUser())
