"""Keyset paging, newest first: `WHERE pk < cursor ORDER BY pk DESC LIMIT n`.

No COUNT(*) and no OFFSET: a page costs the same at row one million as at row one, and a row
added between two requests neither repeats nor hides a row of the next page. The cursor of the
next page is the key of the last row shown; None means there is no next page.

Going back is the same query the other way round: the previous page is the `n` rows just above
the first row shown (`WHERE pk > cursor ORDER BY pk ASC LIMIT n`), flipped to newest first. Its
cursor is the key of the first row shown; None means this is the first page. Walking forwards
and then backwards over rows that do not change shows the same pages.

Where a list shows how many rows match, `bounded_count` counts no further than a limit. A batch
job walks a table in key order, `size` rows at a time, with `keyset_chunks`.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
COUNT_LIMIT = 10_000


@dataclass(frozen=True)
class Page(Generic[M]):
    items: list[M]
    next_cursor: int | None
    prev_cursor: int | None = None
    """`before` for the previous page; None on the first page."""

    @property
    def is_first(self) -> bool:
        return self.prev_cursor is None


def keyset_page(
    queryset: QuerySet[M],
    *,
    after: int | None = None,
    before: int | None = None,
    limit: int = PAGE_SIZE,
    max_limit: int = MAX_PAGE_SIZE,
) -> Page[M]:
    """One page of `queryset`, newest (highest pk) first: the first page, the page continuing
    below `after`, or the page just above `before` (at most one of the two).

    `limit` is clamped to 1..`max_limit`. One row more than the page is read, to know whether
    a further page exists without counting. A page reached by `after` has a previous page, and
    one reached by `before` a next page (the page whose cursor led here), without a query to
    prove it.
    """
    if after is not None and before is not None:
        raise ValueError("keyset_page takes after or before, not both")
    limit = max(1, min(limit, max_limit))
    if before is not None:
        return _page_before(queryset, before=before, limit=limit)
    if after is not None:
        queryset = queryset.filter(pk__lt=after)
    rows = list(queryset.order_by("-pk")[: limit + 1])
    next_cursor = rows[limit - 1].pk if len(rows) > limit else None
    items = rows[:limit]
    prev_cursor = None if after is None else (items[0].pk if items else after)
    return Page(items=items, next_cursor=next_cursor, prev_cursor=prev_cursor)


def _page_before(queryset: QuerySet[M], *, before: int, limit: int) -> Page[M]:
    rows = list(queryset.filter(pk__gt=before).order_by("pk")[: limit + 1])
    if len(rows) <= limit:
        # Nothing further up: this is the first page, read as the first page so that it is
        # full even where rows above `before` were deleted meanwhile.
        return keyset_page(queryset, limit=limit)
    items = rows[:limit][::-1]
    return Page(items=items, next_cursor=items[-1].pk, prev_cursor=items[0].pk)


def bounded_count(queryset: QuerySet[M], *, limit: int = COUNT_LIMIT) -> int | None:
    """The number of rows of `queryset` if it is at most `limit`, else None. The database
    stops at the `limit` + 1st matching row: a count of many matches costs no more than reading
    that many rows (a filter that matches few rows of a large table still reads the table, or the
    index that serves the filter)."""
    counted = queryset.order_by().values("pk")[: limit + 1].count()
    return counted if counted <= limit else None


def keyset_chunks(
    queryset: QuerySet[M], *, fields: tuple[str, ...], size: int
) -> Iterator[list[dict]]:
    """The rows of `queryset` as dicts of `fields` (which must include "pk"), lowest key first,
    `size` at a time: each chunk is one query below the next key, so memory stays bounded and a
    row changed by the caller between chunks is neither repeated nor skipped."""
    last = 0
    while True:
        rows = list(queryset.filter(pk__gt=last).order_by("pk").values(*fields)[:size])
        if not rows:
            return
        yield rows
        last = rows[-1]["pk"]
