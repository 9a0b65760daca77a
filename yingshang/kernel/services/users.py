"""Writes to people's accounts."""

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from yingshang.audit.services import record_event
from yingshang.kernel.models import User


@transaction.atomic
def change_password(*, actor: User, user: User, raw_password: str, reason: str = "") -> User:
    """Set a new password (validated by the configured validators) and record who changed it."""
    validate_password(raw_password, user=user)
    user.set_password(raw_password)
    user.save(update_fields=["password"])
    record_password_change(actor=actor, user=user, reason=reason)
    return user


def record_password_change(*, actor: User, user: User, reason: str = "") -> None:
    """The event of a password change; the password itself never enters the trail."""
    verb = "user.password_changed" if actor.pk == user.pk else "user.password_reset"
    record_event(actor=actor, verb=verb, obj=user, zone=user.zone, reason=reason)
