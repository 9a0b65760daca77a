"""Keyset paging: newest first, every row exactly once, no count."""

import pytest

from tests.conftest import make_uscc
from yingshang.kernel.models import Enterprise
from yingshang.lib.paging import keyset_page


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
