"""Who may see and do what: every role set of the platform and every scope rule.

Rules: an administrator sees every zone; office staff and leaders see their zone; department
staff see their zone's shared reference data but only their own department's work; an
enterprise user sees only its own enterprise; a supervisor sees what is shared with supervisors.
A record outside a user's scope is "not found" (404), never "forbidden", so that its existence
does not leak; a role that may not use a feature at all is "forbidden" (403).

Modules keep no role sets of their own: they name the sets here, scope their querysets with
`scoped` (which knows the zone, department and enterprise rules) and check writes once, in the
service, with `require_role` / `require_zone_role`.
"""

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from yingshang.kernel.models import Department, Enterprise, Role, User, Zone

M = TypeVar("M", bound=Model)

EVERYONE = frozenset(Role.values)
ZONE_WIDE = frozenset({Role.OFFICE, Role.LEADER})
"""Roles that see all of their zone's work (departments see only their own)."""

# The enterprise registry (市场主体库)
REGISTRY_READERS = frozenset({Role.ADMIN, Role.OFFICE, Role.LEADER, Role.DEPARTMENT})
REGISTRY_WRITERS = frozenset({Role.ADMIN, Role.OFFICE})
REGISTRY_LIST_READERS = REGISTRY_READERS | {Role.ENTERPRISE}
"""Who may call the enterprise list: an enterprise user gets a list of its own record."""

# Evaluation (评价): the office runs and publishes, leaders and departments read.
EVALUATION_READERS = frozenset({Role.ADMIN, Role.OFFICE, Role.LEADER, Role.DEPARTMENT})
EVALUATION_WRITERS = frozenset({Role.ADMIN, Role.OFFICE})

# Rectification (整改): the office writes the ledger, plans and tasks; leaders approve and
# decide; departments work the tasks they lead. Who may take each task action is the core's
# workflow table (`core.rectification.workflow.ACTORS`).
RECTIFICATION_READERS = frozenset({Role.ADMIN, Role.OFFICE, Role.LEADER, Role.DEPARTMENT})
RECTIFICATION_WRITERS = frozenset({Role.ADMIN, Role.OFFICE})
RECTIFICATION_DECIDERS = frozenset({Role.ADMIN, Role.OFFICE, Role.LEADER})
PERFORMANCE_READERS = frozenset({Role.ADMIN, Role.OFFICE, Role.LEADER})
"""Department performance (效能考核): not for the departments being assessed."""

# Appeals (诉求): the office takes them in, accepts and dispatches; departments handle the ones
# dispatched to them; leaders approve rejections and decide; an enterprise files and follows its
# own. Who may take each workflow action is the core's table (`core.appeals.workflow.ACTORS`).
APPEAL_READERS = frozenset({Role.ADMIN, Role.OFFICE, Role.LEADER, Role.DEPARTMENT, Role.ENTERPRISE})
APPEAL_INTAKE = frozenset({Role.ADMIN, Role.OFFICE, Role.ENTERPRISE})
APPEAL_WRITERS = frozenset({Role.ADMIN, Role.OFFICE})
APPEAL_DECIDERS = frozenset({Role.ADMIN, Role.OFFICE, Role.LEADER})
"""Extensions and rating disputes are decided by the office or a leader."""
APPEAL_HANDLERS = frozenset({Role.ADMIN, Role.OFFICE, Role.DEPARTMENT})
"""Who sees an applicant's phone and ID number whole: the people who handle the case."""

# The shell
AUDIT_READERS = frozenset({Role.ADMIN, Role.OFFICE})
NOTIFICATION_READERS = EVERYONE


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


def zone_for_page(user: User, code: str | None = None) -> Zone | None:
    """The zone a page works on (the API names zones by id: `requested_zone`).

    Everyone but an administrator: their own zone, whatever `code` says. An administrator has
    no zone of their own to be bound to: the hosted zone of `code` (a page's `?zone=`), else the
    administrator's own zone when it is hosted, else the first hosted zone in the zones' order.
    Peer zones only serve as evaluation benchmarks, so no page works on one; an unknown code,
    or no hosted zone at all, is 404.
    """
    if not has_role(user, Role.ADMIN):
        return user.zone
    hosted = Zone.objects.filter(hosted=True)
    if code:
        zone = hosted.filter(code=code).first()
    elif user.zone_id and hosted.filter(pk=user.zone_id).exists():
        zone = user.zone
    else:
        zone = hosted.first()
    if zone is None:
        raise Http404("未找到该功能区" if code else "还没有功能区")
    return zone


def scoped(
    queryset: QuerySet[M],
    *,
    user: Any,
    zone: str = "zone_id",
    departments: Sequence[str] = (),
    enterprise: str | None = None,
    zone_wide: frozenset[str] = ZONE_WIDE,
) -> QuerySet[M]:
    """The rows of `queryset` the user may see.

    Administrators see every row; `zone_wide` roles see their zone's rows; department staff see
    their zone's rows whose department field (any of `departments`) is theirs; enterprise users
    see the rows whose `enterprise` field is their enterprise; everyone else sees nothing. A
    module passes the field names of its model (for a task: the lead and the supporting
    departments); it never writes these rules itself.
    """
    if has_role(user, Role.ADMIN):
        return queryset
    zone_id = getattr(user, "zone_id", None)
    if zone_id is None or not getattr(user, "is_authenticated", False):
        return queryset.none()
    in_zone = queryset.filter(**{zone: zone_id})
    if has_role(user, *zone_wide):
        return in_zone
    if has_role(user, Role.DEPARTMENT) and departments and user.department_id is not None:
        condition = Q()
        for field in departments:
            condition |= Q(**{field: user.department_id})
        # A filter over a many-to-many field repeats rows; the id subquery keeps each once.
        return queryset.filter(pk__in=in_zone.filter(condition).values("pk"))
    if has_role(user, Role.ENTERPRISE) and enterprise and user.enterprise_id is not None:
        return in_zone.filter(**{enterprise: user.enterprise_id})
    return queryset.none()


def require_zone_role(
    user: Any, zone: Zone | int, roles: frozenset[str], *, message: str = ""
) -> None:
    """One check for a write: the user holds one of `roles` (403 otherwise) and belongs to the
    record's zone (404 otherwise: another zone's records do not exist for the user)."""
    if not has_role(user, *roles):
        names = "、".join(Role(r).label for r in sorted(roles))
        raise PermissionDenied(message or f"无权操作: 仅限 {names}")
    require_same_zone(user, zone)


def require_same_zone(user: Any, zone: Zone | int) -> None:
    """Another zone's records are "not found" for everyone but administrators."""
    zone_id = zone if isinstance(zone, int) else zone.pk
    if has_role(user, Role.ADMIN):
        return
    if getattr(user, "zone_id", None) != zone_id:
        raise Http404("未找到该记录")
