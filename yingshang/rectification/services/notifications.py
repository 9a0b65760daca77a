"""In-app notifications, and email when the zone allows it and the user has an address."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from yingshang.rectification.models import Notification
from yingshang.registry.models import Department, Role, User, Zone

logger = logging.getLogger(__name__)


def department_users(department: Department | None) -> list[User]:
    if department is None:
        return []
    return list(User.objects.filter(role=Role.DEPARTMENT, department=department, is_active=True))


def office_users(zone: Zone) -> list[User]:
    return list(User.objects.filter(role=Role.OFFICE, zone=zone, is_active=True))


def leader_users(zone: Zone) -> list[User]:
    return list(User.objects.filter(role=Role.LEADER, zone=zone, is_active=True))


def _email_allowed(zone: Zone | None) -> bool:
    if zone is None or not getattr(settings, "EMAIL_BACKEND", ""):
        return False
    from yingshang.rectification.services.settings import zone_settings

    return zone_settings(zone).email_notifications


def notify(
    *, users: Iterable[User], verb: str, text: str, link: str = "", zone: Zone | None = None
) -> list[Notification]:
    """One notification per distinct user; emails go out after the transaction commits."""
    seen: set[int] = set()
    recipients = []
    for user in users:
        if user.pk not in seen and user.is_active:
            seen.add(user.pk)
            recipients.append(user)
    email = _email_allowed(zone)
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
            transaction.on_commit(lambda: send_email(addresses, text, link))
    return rows


def send_email(addresses: list[str], text: str, link: str) -> None:
    body = f"{text}\n\n{link}" if link else text
    try:
        send_mail(
            subject=f"营商环境整改提醒：{text[:40]}",
            message=body,
            from_email=None,
            recipient_list=addresses,
        )
    except Exception:  # the in-app notification stands; email is best effort
        logger.exception("整改通知邮件发送失败")


def mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when no ids are given); returns how
    many changed. A personal reading mark, so no audit event: nothing of the work changes."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())
