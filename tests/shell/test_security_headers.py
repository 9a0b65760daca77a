"""Every response carries the platform's Content-Security-Policy."""

import pytest
from django.conf import settings


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/login/", "/api/docs", "/api/openapi.json", "/static/js/app.js"])
def test_responses_carry_the_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == settings.YINGSHANG_CSP


def test_the_policy_allows_no_inline_script():
    directives = dict(part.strip().split(" ", 1) for part in settings.YINGSHANG_CSP.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
