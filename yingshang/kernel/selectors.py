"""Reads of the organisation, scoped through `access`."""

from yingshang.kernel.models import User


def user_profile(*, user: User) -> User:
    """The user with the zone, department and enterprise it belongs to."""
    return User.objects.select_related("zone", "department", "enterprise").get(pk=user.pk)
