"""Reading extension requests (延期申请): those of the tasks the user may see."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from yingshang.kernel.models import Zone
from yingshang.rectification.models import Extension, ExtensionStatus
from yingshang.rectification.selectors.common import require_reader
from yingshang.rectification.selectors.tasks import tasks_visible_to


def extensions_visible_to(user: Any) -> QuerySet[Extension]:
    return Extension.objects.filter(task__in=tasks_visible_to(user).values("pk"))


def get_extension(*, user: Any, extension_id: int) -> Extension:
    require_reader(user)
    extension = extensions_visible_to(user).filter(pk=extension_id).first()
    if extension is None:
        raise Http404("未找到该延期申请")
    return extension


def pending_extensions(*, user: Any, zone: Zone) -> QuerySet[Extension]:
    """The zone's requests waiting for a decision (the leader page)."""
    return (
        extensions_visible_to(user)
        .filter(task__zone=zone, status=ExtensionStatus.PENDING)
        .select_related("task", "requested_by")
    )
