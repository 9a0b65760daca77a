"""Who sees which appeal, and the applicant's numbers masked for those who do not handle it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from yingshang.appeals.selectors.appeals import (
    AppealFilters,
    appeal_detail,
    appeal_list,
    display_rows,
)
from yingshang.core.appeals.masking import mask_id, mask_phone
from yingshang.kernel.models import Role


def ids(user, **filters) -> set[int]:
    return set(
        appeal_list(user=user, filters=AppealFilters(**filters)).values_list("pk", flat=True)
    )


def test_a_department_sees_only_the_appeals_dispatched_to_it(
    dispatched, make_appeal, department_user, other_department_user, office
):
    waiting = make_appeal()
    assert ids(department_user) == {dispatched.pk}
    assert ids(other_department_user) == set()
    assert ids(office) == {dispatched.pk, waiting.pk}
    with pytest.raises(Http404):
        appeal_detail(user=other_department_user, appeal_id=dispatched.pk)


def test_an_enterprise_sees_only_its_own(make_appeal, enterprise_user, make_user, zone):
    from tests.conftest import make_uscc
    from yingshang.kernel.models import Enterprise

    own = make_appeal()
    neighbour = Enterprise.objects.create(uscc=make_uscc(), name="邻居公司", zone=zone)
    theirs = make_appeal(enterprise=neighbour)
    assert ids(enterprise_user) == {own.pk}
    with pytest.raises(Http404):
        appeal_detail(user=enterprise_user, appeal_id=theirs.pk)


def test_another_zone_and_supervisors_see_nothing(make_appeal, make_user, other_zone, users):
    make_appeal()
    assert ids(make_user(Role.OFFICE, zone=other_zone)) == set()
    with pytest.raises(PermissionDenied):
        appeal_list(user=users[Role.SUPERVISOR])


def test_filters(dispatched, make_appeal, office):
    make_appeal(channel="window")
    assert ids(office, state="dispatched") == {dispatched.pk}
    assert len(ids(office, channel="window")) == 1
    assert ids(office, kind="complaint") == ids(office)


def test_numbers_are_masked_for_those_who_do_not_handle_the_case(make_appeal, office, leader):
    make_appeal(anonymous=True)
    [whole] = display_rows(user=office)
    assert (whole.phone, whole.id_number, whole.applicant) == (
        "13812345678",
        "410105199001011234",
        "张三",
    )
    [masked] = display_rows(user=leader)
    assert (masked.phone, masked.id_number, masked.applicant) == (
        "138****5678",
        "410105********1234",
        "匿名",
    )
    assert masked.channel == "来电" and masked.state == "待受理"


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("13812345678", "138****5678"), ("0371-6789", "*****6789"), ("123", "***"), ("", "")],
)
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked


def test_mask_id():
    assert mask_id("41010519900101123X") == "410105********123X"
    assert mask_id("12345") == "*2345"
