"""Reads of the organisation that the home pages and the API show."""

from yingshang.kernel import selectors
from yingshang.kernel.models import Department, Role


def test_office_contacts_are_the_zones_active_office_staff(
    users, zone, other_zone, departments, make_user
):
    colleague = make_user(
        Role.OFFICE, zone=zone, full_name="王主任", department=departments["scjg"]
    )
    make_user(Role.OFFICE, zone=zone, full_name="离职", is_active=False)
    make_user(Role.OFFICE, zone=other_zone, full_name="外区")
    contacts = list(selectors.office_contacts(zone_id=zone.pk))
    assert set(contacts) == {users[Role.OFFICE], colleague}


def test_colleagues_are_the_other_active_members_of_the_department(
    users, zone, departments, make_user
):
    me = users[Role.DEPARTMENT]
    colleague = make_user(Role.DEPARTMENT, zone=zone, department=departments["scjg"])
    make_user(Role.DEPARTMENT, zone=zone, department=departments["scjg"], is_active=False)
    make_user(Role.DEPARTMENT, zone=zone, department=departments["xzsp"])
    assert list(selectors.colleagues_of(user=me)) == [colleague]


def test_office_department_and_active_department_count(zone, other_zone, departments):
    Department.objects.create(zone=zone, code="old", name="已撤销部门", is_active=False)
    assert selectors.office_department(zone_id=zone.pk) == departments["xzsp"]
    assert selectors.office_department(zone_id=other_zone.pk) is None
    assert selectors.active_department_count(zone_id=zone.pk) == 2


def test_platform_counts_list_every_role(users, other_zone):
    other_zone.hosted = False
    other_zone.save()
    counts = selectors.platform_counts()
    assert (counts.zones, counts.hosted_zones, counts.departments) == (2, 1, 2)
    assert list(counts.users_by_role) == list(Role.values)
    assert counts.users_by_role[Role.OFFICE] == 1 and counts.users == len(users)


def test_departments_for_is_scoped_then_narrowed(users, zone, other_zone, departments):
    elsewhere = Department.objects.create(zone=other_zone, code="jxj", name="经信局")
    admin, office = users[Role.ADMIN], users[Role.OFFICE]
    assert set(selectors.departments_for(user=admin)) == {*departments.values(), elsewhere}
    assert list(selectors.departments_for(user=admin, zone_id=other_zone.pk)) == [elsewhere]
    assert list(selectors.departments_for(user=office, zone_id=other_zone.pk)) == []
    assert list(selectors.departments_for(user=users[Role.ENTERPRISE])) == []
