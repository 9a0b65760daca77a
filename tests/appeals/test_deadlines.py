"""`deadlines_for`: the acceptance and handling deadlines of a kind, from the calendar."""

import datetime as dt

import pytest

from yingshang.appeals.models import AppealKind
from yingshang.appeals.services.deadlines import deadlines_for

D = dt.date


@pytest.mark.parametrize(
    ("kind", "received", "accept", "handle"),
    [
        # accept: 09-30, 10-09, 10-10; handle 13 WD after 10-10 -> 10-28
        ("complaint", D(2025, 9, 29), D(2025, 10, 10), D(2025, 10, 28)),
        ("suggestion", D(2025, 9, 29), D(2025, 10, 10), D(2025, 10, 28)),
        # 3 WD after 10-10: 10-11 (Saturday, worked), 10-13, 10-14
        ("enquiry", D(2025, 9, 29), D(2025, 10, 10), D(2025, 10, 14)),
        ("help", D(2025, 9, 30), D(2025, 10, 11), D(2025, 10, 15)),
        # the same day, even in the holiday
        ("emergency", D(2025, 10, 1), D(2025, 10, 1), D(2025, 10, 1)),
        # 5 WD after 09-30: 10-09, 10-10, 10-11, 10-13, 10-14
        ("grade_c", D(2025, 9, 26), D(2025, 9, 30), D(2025, 10, 14)),
        ("grade_b", D(2025, 9, 26), D(2025, 9, 30), D(2025, 10, 28)),
        # one month after 09-08 is 10-08 (off) -> 10-09
        ("grade_a", D(2025, 9, 3), D(2025, 9, 8), D(2025, 10, 9)),
    ],
)
def test_deadlines_around_national_day_2025(db, kind, received, accept, handle):
    assert deadlines_for(kind=kind, received=received) == (accept, handle)


def test_unknown_kind_lists_the_known_ones(db):
    with pytest.raises(ValueError, match="未知的诉求类型") as info:
        deadlines_for(kind="rumour", received=D(2025, 9, 29))
    assert "complaint（投诉举报）" in str(info.value)
    assert "grade_a" in str(info.value)


def test_a_zone_kind_overrides_the_default(zone):
    AppealKind.objects.create(
        zone=zone, code="complaint", name="投诉举报", acceptance_workdays=1, limit_amount=5
    )
    assert deadlines_for(kind="complaint", received=D(2025, 9, 29), zone=zone) == (
        D(2025, 9, 30),
        D(2025, 10, 14),
    )
    assert deadlines_for(kind="complaint", received=D(2025, 9, 29))[0] == D(2025, 10, 10)


def test_the_default_kinds_are_seeded(db):
    codes = list(AppealKind.objects.filter(zone=None).values_list("code", flat=True))
    assert codes == [
        "emergency",
        "enquiry",
        "help",
        "suggestion",
        "complaint",
        "grade_c",
        "grade_b",
        "grade_a",
    ]
