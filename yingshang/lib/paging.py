"""Keyset paging, newest first: `WHERE pk < cursor ORDER BY pk DESC LIMIT n`.

No COUNT(*) and no OFFSET: a page costs the same at row one million as at row one, and a row
added between two requests neither repeats nor hides a row of the next page. The cursor of the
next page is the key of the last row shown; None means there is no next page.
"""

from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


@dataclass(frozen=True)
class Page(Generic[M]):
    items: list[M]
    next_cursor: int | None


def keyset_page(
    queryset: QuerySet[M],
    *,
    after: int | None = None,
    limit: int = PAGE_SIZE,
    max_limit: int = MAX_PAGE_SIZE,
) -> Page[M]:
    """One page of `queryset`, newest (highest pk) first, continuing below `after`.

    `limit` is clamped to 1..`max_limit`. One row more than the page is read, to know whether
    a next page exists without counting.
    """
    limit = max(1, min(limit, max_limit))
    if after is not None:
        queryset = queryset.filter(pk__lt=after)
    rows = list(queryset.order_by("-pk")[: limit + 1])
    next_cursor = rows[limit - 1].pk if len(rows) > limit else None
    return Page(items=rows[:limit], next_cursor=next_cursor)
