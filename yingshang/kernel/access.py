"""Who may see and do what. Every module scopes its reads and checks its writes through here.

Rules: an administrator sees every zone; office staff and leaders see their zone; department
staff see their zone's shared reference data but only their own department's work; an
enterprise user sees only its own enterprise; a supervisor sees what is shared with supervisors.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet

from yingshang.kernel.models import Department, Enterprise, Role, User, Zone

REGISTRY_READERS = frozenset({Role.ADMIN, Role.OFFICE, Role.LEADER, Role.DEPARTMENT})
REGISTRY_WRITERS = frozenset({Role.ADMIN, Role.OFFICE})


def has_role(user: Any, *roles: str) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active and user.role in roles


def require_role(user: Any, *roles: str) -> None:
    """Raise PermissionDenied (HTTP 403) unless the user holds one of the roles."""
    if not has_role(user, *roles):
        names = "、".join(Role(r).label for r in roles)
        raise PermissionDenied(f"无权访问: 仅限 {names}")


def role_required(*roles: str) -> Callable:
    """View decorator: login is checked by the caller's LoginRequired; this checks the role."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require_role(request.user, *roles)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def zones_visible_to(*, user: User) -> QuerySet[Zone]:
    if has_role(user, Role.ADMIN):
        return Zone.objects.all()
    if not getattr(user, "is_authenticated", False) or user.zone_id is None:
        return Zone.objects.none()
    return Zone.objects.filter(pk=user.zone_id)


def departments_visible_to(*, user: User) -> QuerySet[Department]:
    if has_role(user, Role.ADMIN):
        return Department.objects.all()
    if has_role(user, Role.OFFICE, Role.LEADER, Role.SUPERVISOR, Role.DEPARTMENT):
        return Department.objects.filter(zone_id=user.zone_id)
    return Department.objects.none()


def enterprises_visible_to(*, user: User) -> QuerySet[Enterprise]:
    if has_role(user, Role.ADMIN):
        return Enterprise.objects.all()
    if has_role(user, *REGISTRY_READERS):
        return Enterprise.objects.filter(zone_id=user.zone_id)
    if has_role(user, Role.ENTERPRISE) and user.enterprise_id is not None:
        return Enterprise.objects.filter(pk=user.enterprise_id)
    return Enterprise.objects.none()


def can_edit_enterprise(*, user: User, enterprise: Enterprise) -> bool:
    if has_role(user, Role.ADMIN):
        return True
    return has_role(user, Role.OFFICE) and enterprise.zone_id == user.zone_id


def require_enterprise_editor(*, user: User, enterprise: Enterprise) -> None:
    if not can_edit_enterprise(user=user, enterprise=enterprise):
        raise PermissionDenied("无权修改该市场主体: 仅限本功能区营商办或系统管理员")


def require_zone_member(*, user: User, zone: Zone) -> None:
    if has_role(user, Role.ADMIN):
        return
    if not getattr(user, "is_authenticated", False) or user.zone_id != zone.pk:
        raise PermissionDenied("无权访问其他功能区的数据")


def requested_zone(user: User, zone_id: int | None) -> Zone:
    """The zone a request is about: the user's own, or the one named if the user may see it
    (the caller's role rules are checked first)."""
    if zone_id is None:
        if user.zone is None:
            raise ValidationError({"zone_id": "请指定功能区"})
        return user.zone
    zone = zones_visible_to(user=user).filter(pk=zone_id).first()
    if zone is None:
        raise ValidationError({"zone_id": "功能区不存在或不在您的管辖范围内"})
    return zone
