"""What every rectification read shares: who may read rectification at all."""

from typing import Any

from django.core.exceptions import PermissionDenied

from yingshang.kernel.access import RECTIFICATION_READERS, has_role

READ_DENIED = "无权访问整改工作：仅限营商办、领导和部门"


def require_reader(user: Any) -> None:
    """Enterprise users and supervisors may not use rectification (403); the reads scope the
    rest, so another zone's or department's records are not found."""
    if not has_role(user, *RECTIFICATION_READERS):
        raise PermissionDenied(READ_DENIED)
