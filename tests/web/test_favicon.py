"""The site's icon: linked from every page, and /favicon.ico, which browsers ask for by
themselves, sends them on to it."""

import pytest
from django.conf import settings
from django.urls import reverse

from yingshang.kernel.models import Role

ICO = f"{settings.STATIC_URL}img/favicon.ico"
SVG = f"{settings.STATIC_URL}img/favicon.svg"
pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_url_name():
    assert reverse("web:favicon") == "/favicon.ico"


@pytest.mark.parametrize("role", [None, Role.OFFICE])
def test_favicon_ico_redirects_permanently_to_the_static_icon(client, client_for, role):
    browser = client_for(role) if role else client
    response = browser.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == ICO


def test_the_icons_are_served(client):
    ico = client.get(ICO)
    assert ico.status_code == 200
    assert body(ico).startswith(b"\x00\x00\x01\x00")  # the ICO header: reserved 0, type 1
    svg = client.get(SVG)
    assert svg.status_code == 200
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert body(svg).startswith(b"<svg ")


def test_pages_link_the_icons(client, client_for):
    for response in (client.get(reverse("web:login")), client_for(Role.LEADER).get("/")):
        html = response.content.decode()
        assert f'<link rel="icon" href="{ICO}" sizes="16x16 32x32 48x48">' in html
        assert f'<link rel="icon" href="{SVG}" type="image/svg+xml">' in html
