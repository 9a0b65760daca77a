"""Who is told about an appeal: the kernel's `notify` and the people of a case."""

from collections.abc import Iterable

from yingshang.appeals.models import Appeal
from yingshang.kernel import notifications as kernel_notifications
from yingshang.kernel.models import Notification, Role, User
from yingshang.kernel.notifications import department_users, leader_users, office_users

__all__ = ["applicant_users", "department_users", "leader_users", "notify", "office_users"]

SUBJECT = "营商环境诉求办理提醒"


def applicant_users(appeal: Appeal) -> list[User]:
    """The users of the appeal's enterprise (the applicant's side)."""
    if appeal.enterprise_id is None:
        return []
    return list(
        User.objects.filter(
            role=Role.ENTERPRISE, enterprise_id=appeal.enterprise_id, is_active=True
        )
    )


def appeal_link(appeal: Appeal) -> str:
    return f"/appeals/{appeal.pk}/"


def notify(
    *, users: Iterable[User], appeal: Appeal, verb: str, text: str, actor: User | None = None
) -> list[Notification]:
    """One notification per person concerned, never to the actor."""
    recipients = [user for user in users if actor is None or user.pk != actor.pk]
    return kernel_notifications.notify(
        users=recipients, verb=verb, text=text, link=appeal_link(appeal), subject=SUBJECT
    )
