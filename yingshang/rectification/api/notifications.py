"""The caller's own notifications over HTTP (the kernel's notifications, under the path the
rectification API has always given them)."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Query, Router

from yingshang.kernel.models import Notification
from yingshang.kernel.notifications import mark_read, notifications_for
from yingshang.lib.schemas import error_responses
from yingshang.rectification.api.common import LIST_LIMIT, operation_id
from yingshang.rectification.api.schemas.notifications import NotificationOut, NotificationQuery

router = Router()


@router.get(
    "/notifications",
    response={200: list[NotificationOut], **error_responses(401)},
    summary="我的通知",
    description="发给本人的通知 (交办、催办、督办、退回、延期审批等)ï¼最新在前 (最多 500 条)。",
    operation_id=operation_id("list_notifications"),
)
def list_notifications(
    request: HttpRequest, query: Query[NotificationQuery]
) -> QuerySet[Notification]:
    return notifications_for(request.auth, unread=bool(query.unread))[:LIST_LIMIT]


@router.post(
    "/notifications/{notification_id}/read",
    response={200: NotificationOut, **error_responses(401, 404)},
    summary="标记通知为已读",
    operation_id=operation_id("read_notification"),
)
def read_notification(request: HttpRequest, notification_id: int) -> Notification:
    notification = notifications_for(request.auth).filter(pk=notification_id).first()
    if notification is None:
        raise Http404
    mark_read(user=request.auth, notification_ids=[notification.pk])
    notification.refresh_from_db()
    return notification
