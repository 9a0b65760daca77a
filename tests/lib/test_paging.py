"""Keyset paging: newest first, every row exactly once, no count; back by the previous cursor
to the same pages."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_uscc
from yingshang.kernel.models import Enterprise
from yingshang.lib.paging import bounded_count, keyset_chunks, keyset_page


@pytest.fixture
def rows(zone):
    return [
        Enterprise.objects.create(uscc=make_uscc(), name=f"分页{n}有限公司", zone=zone)
        for n in range(7)
    ]


@pytest.mark.parametrize("limit", [1, 3, 7, 10])
def test_pages_walk_every_row_once_newest_first(rows, limit):
    seen, after = [], None
    while True:
        page = keyset_page(Enterprise.objects.all(), after=after, limit=limit)
        seen += [e.pk for e in page.items]
        assert len(page.items) <= limit
        if page.next_cursor is None:
            break
        assert page.next_cursor == page.items[-1].pk
        after = page.next_cursor
    assert seen == sorted((e.pk for e in rows), reverse=True)


def test_the_last_full_page_has_no_next_cursor(rows):
    page = keyset_page(Enterprise.objects.all(), limit=len(rows))
    assert len(page.items) == len(rows) and page.next_cursor is None


def test_limit_is_clamped(rows):
    assert len(keyset_page(Enterprise.objects.all(), limit=0).items) == 1
    assert len(keyset_page(Enterprise.objects.all(), limit=99, max_limit=2).items) == 2


def test_filters_of_the_queryset_hold_on_every_page(rows):
    wanted = Enterprise.objects.filter(pk__in=[rows[1].pk, rows[4].pk])
    first = keyset_page(wanted, limit=1)
    second = keyset_page(wanted, after=first.next_cursor, limit=1)
    assert [first.items[0], second.items[0]] == [rows[4], rows[1]]
    assert second.next_cursor is None


@pytest.mark.django_db
def test_an_empty_queryset_is_one_empty_page():
    page = keyset_page(Enterprise.objects.none())
    assert page.items == [] and page.next_cursor is None


# --- going back -----------------------------------------------------------------------------

ROWS = 30


@pytest.fixture
def many(zone):
    return [
        Enterprise.objects.create(uscc=make_uscc(), name=f"翻页{n}有限公司", zone=zone)
        for n in range(ROWS)
    ]


def _walk_forward(queryset, limit):
    pages = [keyset_page(queryset, limit=limit)]
    while pages[-1].next_cursor is not None:
        pages.append(keyset_page(queryset, after=pages[-1].next_cursor, limit=limit))
    return pages


def _keys(page):
    return [row.pk for row in page.items]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kept=st.sets(st.integers(min_value=0, max_value=ROWS - 1)),
    limit=st.integers(min_value=1, max_value=ROWS + 2),
)
def test_forwards_then_backwards_shows_the_same_pages(many, kept, limit):
    """Over any subset of the rows (gaps in the keys) and any page size: the pages read back
    by the previous cursors are the pages read forwards, in reverse, down to the first one."""
    queryset = Enterprise.objects.filter(pk__in=[many[i].pk for i in kept])
    forward = _walk_forward(queryset, limit)
    assert forward[0].is_first and all(not page.is_first for page in forward[1:])
    backward = [forward[-1]]
    while not backward[-1].is_first:
        backward.append(keyset_page(queryset, before=backward[-1].prev_cursor, limit=limit))
    assert [_keys(p) for p in backward] == [_keys(p) for p in reversed(forward)]
    assert [p.next_cursor for p in backward] == [p.next_cursor for p in reversed(forward)]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(limit=st.integers(min_value=1, max_value=8), steps=st.lists(st.booleans(), max_size=12))
def test_any_walk_of_next_and_previous_stays_on_the_forward_pages(many, limit, steps):
    queryset = Enterprise.objects.all()
    forward = [_keys(p) for p in _walk_forward(queryset, limit)]
    at, page = 0, keyset_page(queryset, limit=limit)
    for go_next in steps:
        if go_next and page.next_cursor is not None:
            at, page = at + 1, keyset_page(queryset, after=page.next_cursor, limit=limit)
        elif not go_next and not page.is_first:
            at, page = at - 1, keyset_page(queryset, before=page.prev_cursor, limit=limit)
        assert _keys(page) == forward[at]
        assert page.is_first == (at == 0)


def test_going_back_to_the_top_after_deletions_gives_a_full_first_page(many):
    queryset = Enterprise.objects.all()
    second = keyset_page(queryset, after=keyset_page(queryset, limit=10).next_cursor, limit=10)
    Enterprise.objects.filter(pk__in=[e.pk for e in many[-3:]]).delete()
    back = keyset_page(queryset, before=second.prev_cursor, limit=10)
    assert back.is_first and _keys(back) == _keys(keyset_page(queryset, limit=10))
    assert len(back.items) == 10


def test_after_and_before_together_are_refused(many):
    with pytest.raises(ValueError):
        keyset_page(Enterprise.objects.all(), after=many[5].pk, before=many[1].pk)


def test_bounded_count(many):
    queryset = Enterprise.objects.filter(pk__in=[e.pk for e in many[:12]])
    assert bounded_count(queryset, limit=12) == 12
    assert bounded_count(queryset, limit=11) is None
    assert bounded_count(Enterprise.objects.none()) == 0


@pytest.mark.parametrize("size", [1, 3, 7, 100])
def test_chunks_walk_every_row_once_in_key_order(rows, size):
    chunks = list(keyset_chunks(Enterprise.objects.all(), fields=("pk", "name"), size=size))
    assert all(0 < len(chunk) <= size for chunk in chunks)
    walked = [row["pk"] for chunk in chunks for row in chunk]
    assert walked == sorted(Enterprise.objects.values_list("pk", flat=True))
    assert set(chunks[0][0]) == {"pk", "name"}


def test_chunks_of_nothing_are_none(db):
    assert list(keyset_chunks(Enterprise.objects.none(), fields=("pk",), size=5)) == []
