"""Versioned updates: concurrent edits never silently overwrite each other.

A record that people edit carries `version`. An edit names the version it started from; the
update locks the row (`select_for_update`, so exactly one of two simultaneous saves wins),
refuses with `StaleVersionError` (HTTP 409 in the API) when someone saved in between, and bumps
the version when it saves.
"""

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

M = TypeVar("M", bound=models.Model)


class ConflictError(ValidationError):
    """The change conflicts with the record's current state or with the records that refer to
    it (HTTP 409): refresh, or change those first."""


class StaleVersionError(ConflictError):
    """Someone else saved the record after this edit began."""


def check_version(obj: Any, expected_version: int, *, noun: str = "该记录") -> None:
    """Refuse unless `obj` still has the version the edit started from."""
    if obj.version != expected_version:
        raise StaleVersionError(
            f"{noun}已被他人修改 (当前版本 %(current)s，您编辑的是版本 %(yours)s)，请刷新后重试",
            params={"current": obj.version, "yours": expected_version},
        )


def lock_version(
    queryset: models.QuerySet[M], *, pk: int, expected_version: int | None, noun: str = "该记录"
) -> M:
    """The row locked for update, after checking its version (None: the caller has no version
    to compare, e.g. a workflow step that only needs the lock). Raises DoesNotExist as `get`."""
    obj = queryset.select_for_update().get(pk=pk)
    if expected_version is not None:
        check_version(obj, expected_version, noun=noun)
    return obj


def bump_version(obj: Any) -> None:
    """The next version, set before the save that records the change."""
    obj.version += 1
