"""Who sees what: the role-scoped selectors every module builds on."""

import pytest
from django.core.exceptions import PermissionDenied

from yingshang.kernel import access
from yingshang.kernel.models import Role


def test_admin_sees_every_zone_and_enterprise(users, enterprise, other_enterprise):
    admin = users[Role.ADMIN]
    assert set(access.enterprises_visible_to(user=admin)) == {enterprise, other_enterprise}
    assert access.zones_visible_to(user=admin).count() == 2


@pytest.mark.parametrize("role", [Role.OFFICE, Role.LEADER, Role.DEPARTMENT])
def test_zone_staff_see_only_their_zone(users, role, enterprise, other_enterprise):
    visible = access.enterprises_visible_to(user=users[role])
    assert enterprise in visible
    assert other_enterprise not in visible
    assert list(access.zones_visible_to(user=users[role])) == [enterprise.zone]


def test_enterprise_user_sees_only_itself(users, zone, enterprise, other_enterprise):
    from tests.conftest import make_uscc
    from yingshang.kernel.models import Enterprise

    neighbour = Enterprise.objects.create(uscc=make_uscc(), name="同区另一家公司", zone=zone)
    visible = list(access.enterprises_visible_to(user=users[Role.ENTERPRISE]))
    assert visible == [enterprise]
    assert neighbour not in visible
    assert access.departments_visible_to(user=users[Role.ENTERPRISE]).count() == 0


def test_supervisor_sees_no_enterprises(users, enterprise):
    assert access.enterprises_visible_to(user=users[Role.SUPERVISOR]).count() == 0


def test_anonymous_and_inactive_users_see_nothing(users, enterprise):
    from django.contrib.auth.models import AnonymousUser

    assert access.enterprises_visible_to(user=AnonymousUser()).count() == 0
    office = users[Role.OFFICE]
    office.is_active = False
    assert access.enterprises_visible_to(user=office).count() == 0
    assert not access.has_role(office, Role.OFFICE)


def test_require_role_names_the_allowed_roles(users):
    with pytest.raises(PermissionDenied, match="营商办"):
        access.require_role(users[Role.ENTERPRISE], Role.OFFICE)
    access.require_role(users[Role.OFFICE], Role.OFFICE)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.ADMIN, True),
        (Role.OFFICE, True),
        (Role.LEADER, False),
        (Role.DEPARTMENT, False),
        (Role.ENTERPRISE, False),
        (Role.SUPERVISOR, False),
    ],
)
def test_only_office_and_admin_edit_enterprises(users, enterprise, role, allowed):
    assert access.can_edit_enterprise(user=users[role], enterprise=enterprise) is allowed


def test_office_cannot_edit_another_zones_enterprise(users, other_enterprise):
    with pytest.raises(PermissionDenied):
        access.require_enterprise_editor(user=users[Role.OFFICE], enterprise=other_enterprise)


def test_require_zone_member(users, zone, other_zone):
    access.require_zone_member(user=users[Role.OFFICE], zone=zone)
    access.require_zone_member(user=users[Role.ADMIN], zone=other_zone)
    with pytest.raises(PermissionDenied):
        access.require_zone_member(user=users[Role.OFFICE], zone=other_zone)


def test_user_role_consistency_is_validated(zone, departments, other_zone, make_user):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="部门用户必须属于一个部门"):
        make_user(Role.DEPARTMENT, zone=zone)
    with pytest.raises(ValidationError, match="企业用户必须属于一个企业"):
        make_user(Role.ENTERPRISE, zone=zone)
    with pytest.raises(ValidationError, match="必须属于一个功能区"):
        make_user(Role.OFFICE)
    with pytest.raises(ValidationError, match="部门不属于"):
        make_user(Role.DEPARTMENT, zone=other_zone, department=departments["scjg"])
