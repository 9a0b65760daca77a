from django.db import models
from django.db.models import QuerySet

from yingshang.audit.models import AuditEvent


def events_for_object(*, obj: models.Model, limit: int = 50) -> QuerySet[AuditEvent]:
    """The newest events of one object, for its timeline."""
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).order_by("-id")[:limit]
