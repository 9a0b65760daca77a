"""The office home's bars of counts: an SVG whose rect takes its width from an attribute, so
that the page needs no style attribute (the policy allows none)."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests.conftest import make_uscc
from yingshang.kernel.models import Enterprise, EnterpriseStatus, Role

BAR = re.compile(
    r'<span>([^<]+)</span>\s*<svg class="bar" aria-hidden="true" focusable="false">'
    r'<rect width="(\d+)%" height="100%" rx="4"></rect></svg>'
)


def bars(html: str) -> dict[str, int]:
    return {label: int(width) for label, width in BAR.findall(html)}


def test_widths_are_shares_of_the_total():
    buckets = [{"label": "存续", "count": 3}, {"label": "注销", "count": 1}]
    html = render_to_string("web/_bars.html", {"buckets": buckets, "total": 4})
    assert bars(html) == {"存续": 75, "注销": 25}
    assert "style=" not in html


def test_an_empty_total_draws_empty_bars():
    buckets = [{"label": "存续", "count": 0}]
    html = render_to_string("web/_bars.html", {"buckets": buckets, "total": 0})
    assert bars(html) == {"存续": 0}


@pytest.mark.django_db
def test_office_home_draws_the_status_bars(client_for, zone):
    Enterprise.objects.create(uscc=make_uscc(), name="甲", zone=zone)
    Enterprise.objects.create(
        uscc=make_uscc(), name="乙", zone=zone, status=EnterpriseStatus.DEREGISTERED
    )
    html = client_for(Role.OFFICE).get(reverse("web:home")).content.decode()
    # The fixture's enterprise and 甲 are active, 乙 is deregistered: 2 of 3 and 1 of 3.
    widths = bars(html)
    assert widths["存续"] == 67 and widths["注销"] == 33
    assert "style=" not in html
