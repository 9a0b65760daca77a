"""Who may read and write evaluations: the kernel's role sets, applied by the selectors (reads)
and once by each service (writes)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.evaluation.helpers import indicator_rows, publish, upload
from yingshang.evaluation import selectors
from yingshang.evaluation.models import EvaluationRun, MethodologyVersion
from yingshang.evaluation.services import delete_run, save_methodology, upload_dataset
from yingshang.kernel.access import EVALUATION_READERS, EVALUATION_WRITERS, has_role
from yingshang.kernel.models import Role

READ = {Role.ADMIN, Role.OFFICE, Role.LEADER, Role.DEPARTMENT}
WRITE = {Role.ADMIN, Role.OFFICE}


@pytest.mark.parametrize("role", list(Role))
def test_roles_that_read_and_write(users, role):
    user = users[role]
    assert has_role(user, *EVALUATION_READERS) == (role in READ)
    assert has_role(user, *EVALUATION_WRITERS) == (role in WRITE)


@pytest.mark.parametrize("role", [Role.ENTERPRISE, Role.SUPERVISOR])
def test_enterprise_and_supervisor_may_not_read(users, role):
    for read in (
        selectors.runs_visible_to,
        selectors.datasets_visible_to,
        selectors.methodologies_visible_to,
    ):
        with pytest.raises(PermissionDenied):
            read(users[role])


@pytest.mark.parametrize("role", [Role.LEADER, Role.DEPARTMENT, Role.ENTERPRISE, Role.SUPERVISOR])
def test_only_office_and_admin_write(users, zone, role):
    with pytest.raises(PermissionDenied):
        save_methodology(actor=users[role], zone=zone, preset="henan-zone")
    assert not MethodologyVersion.objects.exists()


def test_office_writes_in_its_own_zone_only(users, zone, other_zone):
    office = users[Role.OFFICE]
    assert upload_dataset(
        actor=office, zone=zone, name="本区", uploaded_file=upload(indicator_rows())
    )
    with pytest.raises(Http404):
        upload_dataset(actor=office, zone=other_zone, name="外区", uploaded_file=upload([]))
    foreign = publish(other_zone, users[Role.ADMIN])
    with pytest.raises(Http404):
        delete_run(actor=office, run_id=foreign.pk)
    assert EvaluationRun.objects.filter(pk=foreign.pk).exists()


def test_department_staff_read_the_whole_zone(users, zone, other_zone):
    mine = publish(zone, users[Role.OFFICE])
    publish(other_zone, users[Role.ADMIN])
    assert list(selectors.runs_visible_to(users[Role.DEPARTMENT])) == [mine]
    assert set(selectors.runs_visible_to(users[Role.ADMIN])) == set(EvaluationRun.objects.all())


def test_methodologies_are_the_zones_own_and_the_shared_presets(users, zone, other_zone):
    office, admin = users[Role.OFFICE], users[Role.ADMIN]
    own = publish(zone, office).methodology
    foreign = publish(other_zone, admin).methodology
    preset = MethodologyVersion.objects.create(
        zone=None, code="p", name="预置", digest="d" * 64, source_text="", is_preset=True
    )
    visible = set(selectors.methodologies_visible_to(users[Role.LEADER]))
    assert visible == {own, preset}
    assert foreign not in visible
    assert set(selectors.methodologies_visible_to(admin)) == {own, foreign, preset}


def test_an_inactive_office_user_may_do_nothing(users, zone):
    office = users[Role.OFFICE]
    office.is_active = False
    assert not has_role(office, *EVALUATION_READERS)
    with pytest.raises(PermissionDenied):
        selectors.runs_visible_to(office)
    with pytest.raises(PermissionDenied):
        upload_dataset(actor=office, zone=zone, name="x", uploaded_file=upload(indicator_rows()))


def test_anonymous_may_do_nothing():
    assert not has_role(AnonymousUser(), *EVALUATION_READERS)
    with pytest.raises(PermissionDenied):
        selectors.runs_visible_to(AnonymousUser())
