"""Rectification's notifications: the kernel's `notify`, with email when the zone's
rectification settings allow it."""

from collections.abc import Iterable

from django.conf import settings

from yingshang.kernel import notifications as kernel_notifications
from yingshang.kernel.models import Notification, User, Zone
from yingshang.kernel.notifications import department_users, leader_users, office_users

__all__ = ["department_users", "leader_users", "notify", "office_users", "send_email"]

SUBJECT = "营商环境整改提醒"


def email_allowed(zone: Zone | None) -> bool:
    if zone is None or not getattr(settings, "EMAIL_BACKEND", ""):
        return False
    from yingshang.rectification.services.settings import zone_settings

    return zone_settings(zone).email_notifications


def notify(
    *, users: Iterable[User], verb: str, text: str, link: str = "", zone: Zone | None = None
) -> list[Notification]:
    return kernel_notifications.notify(
        users=users, verb=verb, text=text, link=link, email=email_allowed(zone), subject=SUBJECT
    )


def send_email(addresses: list[str], text: str, link: str) -> None:
    kernel_notifications.send_email(addresses, text, link, subject=SUBJECT)
