"""Notifications: in the platform for everyone, by email where the caller allows it.

Any module tells people what they must act on through `notify`; whether a zone sends email is
the module's setting, handed in as `email`. Reading marks are personal and leave no audit event:
nothing of the work changes when someone reads a message.
"""

import logging
from collections.abc import Iterable

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from yingshang.kernel.models import Department, Notification, Role, User, Zone

logger = logging.getLogger(__name__)

DEFAULT_SUBJECT = "营商环境工作平台提醒"


def department_users(department: Department | None) -> list[User]:
    if department is None:
        return []
    return list(User.objects.filter(role=Role.DEPARTMENT, department=department, is_active=True))


def office_users(zone: Zone) -> list[User]:
    return list(User.objects.filter(role=Role.OFFICE, zone=zone, is_active=True))


def leader_users(zone: Zone) -> list[User]:
    return list(User.objects.filter(role=Role.LEADER, zone=zone, is_active=True))


def notify(
    *,
    users: Iterable[User],
    verb: str,
    text: str,
    link: str = "",
    email: bool = False,
    subject: str = DEFAULT_SUBJECT,
) -> list[Notification]:
    """One notification per distinct active user; emails go out after the transaction commits."""
    seen: set[int] = set()
    recipients = []
    for user in users:
        if user.pk not in seen and user.is_active:
            seen.add(user.pk)
            recipients.append(user)
    rows = Notification.objects.bulk_create(
        [
            Notification(
                user=user,
                verb=verb,
                text=text[:500],
                link=link[:300],
                emailed=email and bool(user.email),
            )
            for user in recipients
        ]
    )
    if email:
        addresses = [user.email for user in recipients if user.email]
        if addresses:
            transaction.on_commit(lambda: send_email(addresses, text, link, subject=subject))
    return rows


def send_email(
    addresses: list[str], text: str, link: str, *, subject: str = DEFAULT_SUBJECT
) -> None:
    body = f"{text}\n\n{link}" if link else text
    try:
        send_mail(
            subject=f"{subject}：{text[:40]}",
            message=body,
            from_email=None,
            recipient_list=addresses,
        )
    except Exception:  # the in-app notification stands; email is best effort
        logger.exception("通知邮件发送失败")


def notifications_for(user: User, *, unread: bool = False) -> QuerySet[Notification]:
    """A user's own notifications, newest first."""
    notifications = Notification.objects.filter(user=user)
    return notifications.filter(read_at__isnull=True) if unread else notifications


def mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when no ids are given); returns how
    many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())
