"""The permission checks of the rectification writes, made once, in the service that writes.

The role sets are the kernel's (`RECTIFICATION_WRITERS`, `RECTIFICATION_DECIDERS`); who may take
each task action is the core workflow table (`ACTORS`), narrowed here for department staff to
the task's lead department (a supporting department sees the task but does not work it).
Another zone's records are "not found" (404), a role that may not act is "forbidden" (403).
"""

from typing import Any

from django.core.exceptions import PermissionDenied

from yingshang.core.rectification.workflow import (
    ACTION_LABELS,
    ACTORS,
    Action,
    allowed_actions,
)
from yingshang.kernel.access import (
    RECTIFICATION_DECIDERS,
    RECTIFICATION_WRITERS,
    has_role,
    require_same_zone,
    require_zone_role,
)
from yingshang.kernel.models import Role, Zone

WRITE_DENIED = "无权操作：仅限营商办或系统管理员"
DECIDE_DENIED = "无权审批：仅限领导、营商办或系统管理员"


def require_writer(user: Any, zone: Zone | int) -> None:
    """Office or administrator of the zone: the ledger, plans and tasks."""
    require_zone_role(user, zone, RECTIFICATION_WRITERS, message=WRITE_DENIED)


def require_decider(user: Any, zone: Zone | int) -> None:
    """Office, leader or administrator of the zone: approvals and decisions."""
    require_zone_role(user, zone, RECTIFICATION_DECIDERS, message=DECIDE_DENIED)


def in_lead_department(user: Any, task: Any) -> bool:
    return (
        has_role(user, Role.DEPARTMENT)
        and user.department_id is not None
        and user.department_id == task.lead_department_id
    )


def may_take(user: Any, task: Any, action: Action | str) -> bool:
    """Whether the user's role may take the action on this task (the state is not asked)."""
    action = Action(action)
    if not has_role(user, *ACTORS[action]):
        return False
    return user.role != Role.DEPARTMENT or in_lead_department(user, task)


def require_action_role(user: Any, action: Action | str) -> None:
    """The role half of `require_task_action`, for a check made once before many tasks."""
    action = Action(action)
    if not has_role(user, *ACTORS[action]):
        raise PermissionDenied(f"您的角色不能{ACTION_LABELS[action]}")


def require_task_action(user: Any, task: Any, action: Action | str) -> None:
    """The role check of a workflow action; the state checks are the core table's."""
    action = Action(action)
    require_same_zone(user, task.zone_id)
    if not has_role(user, *ACTORS[action]):
        raise PermissionDenied(f"您的角色不能{ACTION_LABELS[action]}")
    if user.role == Role.DEPARTMENT and not in_lead_department(user, task):
        raise PermissionDenied(f"只有牵头部门可以{ACTION_LABELS[action]}")


def actions_for(user: Any, task: Any) -> list[Action]:
    """The actions the table allows from the task's state that this user may take: the buttons
    a page shows are the ones `require_task_action` lets through."""
    return [action for action in allowed_actions(task.state) if may_take(user, task, action)]


def may_request_extension(user: Any, task: Any) -> bool:
    """The lead department, or the zone's office (or an administrator), asks for more time."""
    if in_lead_department(user, task):
        return True
    return has_role(user, *RECTIFICATION_WRITERS) and (
        user.role == Role.ADMIN or user.zone_id == task.zone_id
    )
