"""The zone's departments and people as the rectification forms and the API name them."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from yingshang.kernel import access
from yingshang.kernel.access import has_role
from yingshang.kernel.models import Department, Role, User, Zone
from yingshang.rectification.selectors.common import require_reader


def requested_zone(user: Any, zone_id: int | None) -> Zone:
    """The zone a write or a zone-wide read is about: the user's own, or the one named if the
    user may see it; 403 first for those who may not use rectification."""
    require_reader(user)
    return access.requested_zone(user, zone_id)


def zone_departments(user: Any, zone: Zone | None = None) -> QuerySet[Department]:
    """The departments a form offers: the zone's, or for an administrator without a zone every
    department."""
    if zone is None:
        if has_role(user, Role.ADMIN):
            return Department.objects.order_by("zone_id", "code")
        zone = user.zone
    return Department.objects.filter(zone=zone).order_by("code")


def department_of_zone(*, zone: Zone, department_id: int, field: str) -> Department:
    department = Department.objects.filter(zone=zone, pk=department_id).first()
    if department is None:
        raise ValidationError({field: "部门不存在或不属于该功能区"})
    return department


def departments_of_zone(*, zone: Zone, ids: Iterable[int], field: str) -> list[Department]:
    wanted = set(ids)
    found = list(Department.objects.filter(zone=zone, pk__in=wanted))
    if len(found) != len(wanted):
        raise ValidationError({field: "部分部门不存在或不属于该功能区"})
    return found


def user_of_zone(*, zone: Zone, user_id: int, field: str) -> User:
    person = User.objects.filter(pk=user_id, zone=zone).first()
    if person is None:
        raise ValidationError({field: "责任人不存在或不属于该功能区"})
    return person
