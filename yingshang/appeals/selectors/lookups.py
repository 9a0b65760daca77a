"""Reads the appeal API needs around the module's selectors: the list's text search and keyset
page, the records a request names by id (the zone, the enterprise, the department to dispatch
to, an appeal's extension or rating), and the version a request read.

Everything goes through `appeals_visible_to`, so an id the caller may not see is "not found"
exactly as in the detail selector.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404

from yingshang.appeals.models import Appeal, Extension, Rating
from yingshang.appeals.selectors.appeals import (
    AppealFilters,
    appeal_list,
    appeals_visible_to,
    require_reader,
)
from yingshang.kernel import access
from yingshang.kernel.models import Department, Enterprise, Zone
from yingshang.kernel.versioning import check_version
from yingshang.lib.paging import Page, keyset_page

NOUN = "该诉求"
NOT_FOUND = "未找到该诉求"


def appeal_page(
    *,
    user: Any,
    filters: AppealFilters | None = None,
    q: str = "",
    after: int | None = None,
    limit: int = 50,
) -> Page[Appeal]:
    """One page of the list, newest first; `q` matches the number's beginning or the title."""
    appeals = appeal_list(user=user, filters=filters or AppealFilters())
    text = q.strip()
    if text:
        appeals = appeals.filter(Q(number__istartswith=text) | Q(title__icontains=text))
    return keyset_page(appeals, after=after, limit=limit)


def intake_zone(user: Any, zone_id: int | None) -> Zone:
    """The zone an appeal is registered in: the caller's own, or (administrators) the one named."""
    require_reader(user)
    return access.requested_zone(user, zone_id)


def intake_enterprise(*, zone: Zone, enterprise_id: int | None) -> Enterprise | None:
    """The enterprise an appeal is about, among the zone's; the intake service decides whether
    the caller may name it."""
    if enterprise_id is None:
        return None
    enterprise = Enterprise.objects.filter(zone=zone, pk=enterprise_id).first()
    if enterprise is None:
        raise ValidationError({"enterprise_id": "市场主体不存在或不属于该功能区"})
    return enterprise


def visible_appeal(user: Any, appeal_id: int) -> Appeal:
    require_reader(user)
    appeal = appeals_visible_to(user).filter(pk=appeal_id).first()
    if appeal is None:
        raise Http404(NOT_FOUND)
    return appeal


def dispatch_department(*, user: Any, appeal_id: int, department_id: int) -> Department | None:
    """The department of the appeal's zone to dispatch to; None when the id names none of them
    (the workflow then refuses the dispatch after checking the caller's role)."""
    appeal = visible_appeal(user, appeal_id)
    return Department.objects.filter(zone_id=appeal.zone_id, pk=department_id).first()


def appeal_at_version(*, user: Any, appeal_id: int, version: int) -> Appeal:
    """The appeal, refused with 409 when it changed since the caller read `version`.

    For the writes whose services take no version (extensions, disputes): the caller decided on
    what it read, so a change in between is a conflict to show rather than to overwrite.
    """
    appeal = visible_appeal(user, appeal_id)
    check_version(appeal, version, noun=NOUN)
    return appeal


def extension_of(*, user: Any, appeal_id: int, extension_id: int, version: int) -> Extension:
    appeal = appeal_at_version(user=user, appeal_id=appeal_id, version=version)
    extension = Extension.objects.filter(appeal=appeal, pk=extension_id).first()
    if extension is None:
        raise Http404("未找到该延期申请")
    return extension


def rating_of(*, user: Any, appeal_id: int, rating_id: int, version: int) -> Rating:
    appeal = appeal_at_version(user=user, appeal_id=appeal_id, version=version)
    rating = Rating.objects.filter(appeal=appeal, pk=rating_id).first()
    if rating is None:
        raise Http404("未找到该评价")
    return rating
