"""Reads of the organisation, scoped through `access`."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from yingshang.kernel.access import departments_visible_to
from yingshang.kernel.models import Department, Role, User, Zone


def user_profile(*, user: User) -> User:
    """The user with the zone, department and enterprise it belongs to."""
    return User.objects.select_related("zone", "department", "enterprise").get(pk=user.pk)


def departments_for(*, user: User, zone_id: int | None = None) -> QuerySet[Department]:
    """The departments the user may see, of one zone when `zone_id` is given."""
    departments = departments_visible_to(user=user)
    return departments.filter(zone_id=zone_id) if zone_id is not None else departments


def office_contacts(*, zone_id: int) -> QuerySet[User]:
    """The office staff of a zone: whom enterprises and supervisors may call."""
    return (
        User.objects.filter(zone_id=zone_id, role=Role.OFFICE, is_active=True)
        .select_related("department")
        .order_by("department__sort_order", "full_name", "username")
    )


def colleagues_of(*, user: User) -> QuerySet[User]:
    """The other active members of the user's department."""
    return (
        User.objects.filter(department_id=user.department_id, is_active=True)
        .exclude(pk=user.pk)
        .order_by("full_name", "username")
    )


def office_department(*, zone_id: int) -> Department | None:
    """The department the zone's business-environment office sits in, if one is marked."""
    return Department.objects.filter(zone_id=zone_id, is_office=True).first()


def active_department_count(*, zone_id: int) -> int:
    return Department.objects.filter(zone_id=zone_id, is_active=True).count()


@dataclass(frozen=True)
class PlatformCounts:
    """The size of the whole platform, for the administrator's home page."""

    zones: int
    hosted_zones: int
    departments: int
    users_by_role: dict[str, int]

    @property
    def users(self) -> int:
        return sum(self.users_by_role.values())


def platform_counts() -> PlatformCounts:
    """Zones, departments and users by role (every role listed, with 0 where none)."""
    users_by_role = dict.fromkeys(Role.values, 0)
    for role, count in User.objects.values_list("role").annotate(n=Count("pk")).order_by():
        users_by_role[role] = count
    return PlatformCounts(
        zones=Zone.objects.count(),
        hosted_zones=Zone.objects.filter(hosted=True).count(),
        departments=Department.objects.count(),
        users_by_role=users_by_role,
    )
