"""The demo's enterprise account has a renewal to see to: one qualification that runs out
within the month and one that has run out, counted from the day the demo ends."""

import datetime as dt

import pytest

from yingshang.kernel.models import Qualification, User

pytestmark = pytest.mark.django_db


def test_the_enterprise_account_has_an_expiring_and_an_expired_qualification(demo):
    enterprise = User.objects.get(username="enterprise").enterprise
    ends = list(
        Qualification.objects.filter(enterprise=enterprise, valid_until__isnull=False).values_list(
            "valid_until", flat=True
        )
    )
    soon = demo.today + dt.timedelta(days=30)
    assert any(demo.today <= until <= soon for until in ends), ends
    assert any(until < demo.today for until in ends), ends
    for qualification in Qualification.objects.filter(enterprise=enterprise):
        assert qualification.valid_from < (qualification.valid_until or dt.date.max)
