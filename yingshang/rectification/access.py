"""Who may see and do what with rectification records.

The office (营商办) and administrators write the ledger, plans and tasks; leaders approve plans,
accept, return and close tasks and decide extensions; department staff work the tasks their
department leads (and see those it supports); enterprise users and supervisors are denied.
Records of another zone are answered as not found.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from yingshang.core.rectification.workflow import ACTION_LABELS, ACTORS, Action
from yingshang.kernel.access import has_role
from yingshang.kernel.models import Role, Zone

READERS = frozenset({Role.ADMIN, Role.OFFICE, Role.LEADER, Role.DEPARTMENT})
WRITERS = frozenset({Role.ADMIN, Role.OFFICE})
DECIDERS = frozenset({Role.ADMIN, Role.OFFICE, Role.LEADER})


def require_reader(user: Any) -> None:
    if not has_role(user, *READERS):
        raise PermissionDenied("无权访问整改工作：仅限营商办、领导和部门")


def require_zone(user: Any, zone: Zone | int) -> None:
    """Another zone's records do not exist for the user."""
    zone_id = zone if isinstance(zone, int) else zone.pk
    if has_role(user, Role.ADMIN):
        return
    if getattr(user, "zone_id", None) != zone_id:
        raise Http404("未找到该记录")


def require_writer(user: Any, zone: Zone | int) -> None:
    """Office or administrator of the zone."""
    require_reader(user)
    require_zone(user, zone)
    if not has_role(user, *WRITERS):
        raise PermissionDenied("无权操作：仅限营商办或系统管理员")


def require_decider(user: Any, zone: Zone | int) -> None:
    """Office, leader or administrator of the zone: approvals and decisions."""
    require_reader(user)
    require_zone(user, zone)
    if not has_role(user, *DECIDERS):
        raise PermissionDenied("无权审批：仅限领导、营商办或系统管理员")


def in_lead_department(user: Any, task: Any) -> bool:
    return (
        has_role(user, Role.DEPARTMENT)
        and user.department_id is not None
        and user.department_id == task.lead_department_id
    )


def require_task_action(user: Any, task: Any, action: Action | str) -> None:
    """The role check for a workflow action; the state checks are the core table's."""
    action = Action(action)
    require_reader(user)
    require_zone(user, task.zone_id)
    if user.role not in ACTORS[action]:
        raise PermissionDenied(f"您的角色不能{ACTION_LABELS[action]}")
    if user.role == Role.DEPARTMENT and not in_lead_department(user, task):
        raise PermissionDenied(f"只有牵头部门可以{ACTION_LABELS[action]}")


def can_request_extension(user: Any, task: Any) -> bool:
    return in_lead_department(user, task) or (
        has_role(user, *WRITERS) and (user.role == Role.ADMIN or user.zone_id == task.zone_id)
    )
