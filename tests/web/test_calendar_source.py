"""The calendar page says where a year's holidays come from in words, not as the name of the
package that seeded them."""

import pytest

from yingshang.calendars import services
from yingshang.calendars.models import CalendarYear
from yingshang.calendars.seeding import chinesecalendar_source, is_package_source
from yingshang.kernel.models import Role

URL = "/calendar/"
pytestmark = pytest.mark.django_db


def banner(client, year: int) -> str:
    html = client.get(URL, {"year": str(year)}).content.decode()
    start = html.index('<div class="ys-banner')
    return html[start : html.index("</div>", start)]


def test_seeded_year_names_the_state_council_notice(client_for):
    assert CalendarYear.objects.get(year=2025).source == chinesecalendar_source()
    text = banner(client_for(Role.ENTERPRISE), 2025)
    assert "（来源：国务院办公厅关于2025年部分节假日安排的通知及本区的调整）" in text
    assert "chinesecalendar" not in text


def test_the_page_never_shows_the_package_name(client_for):
    html = client_for(Role.OFFICE).get(URL, {"year": "2024"}).content.decode()
    assert "国务院办公厅关于2024年部分节假日安排的通知" in html
    assert "chinesecalendar" not in html


def test_a_source_an_administrator_wrote_is_shown_as_written(client_for, users):
    services.publish_year(actor=users[Role.ADMIN], year=2027, source="豫政办明电〔2026〕1号")
    text = banner(client_for(Role.OFFICE), 2027)
    assert "（来源：豫政办明电〔2026〕1号）" in text


def test_a_published_year_without_a_source_names_the_notice(client_for, users):
    services.publish_year(actor=users[Role.ADMIN], year=2028)
    text = banner(client_for(Role.OFFICE), 2028)
    assert "（来源：国务院办公厅关于2028年部分节假日安排的通知及本区的调整）" in text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("chinesecalendar 1.11.0", True),
        ("chinesecalendar", True),
        ("chinesecalendarx 1.0", False),
        ("国务院办公厅关于2025年部分节假日安排的通知", False),
        ("", False),
    ],
)
def test_is_package_source(source, expected):
    assert is_package_source(source) is expected
