"""Oversized request bodies are refused with 413 and a Chinese message, on pages and the API."""

import pytest
from django.conf import settings

# A small limit keeps the tests fast; the check is the same one Django makes at 10 MB.
LIMIT = 1024


@pytest.fixture
def small_limit(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = LIMIT


def test_the_platform_names_its_body_limit():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 10 * 1024 * 1024


def test_oversized_json_body_to_the_api_is_413_with_a_chinese_detail(api_as, users, small_limit):
    from yingshang.kernel.models import Role

    api = api_as(users[Role.ADMIN])
    response = api.post("/api/registry/enterprises", {"name": "x" * (2 * LIMIT)})
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "请求内容过大 (上限 1 KB)"}


@pytest.mark.django_db
def test_oversized_form_post_to_a_page_is_413_with_chinese_text(client, small_limit):
    response = client.post("/login/", {"username": "u", "password": "x" * (2 * LIMIT)})
    assert response.status_code == 413
    text = response.content.decode()
    assert "请求内容过大" in text
    assert "<html" in text


@pytest.mark.django_db
def test_oversized_form_post_is_refused_before_the_csrf_check(small_limit):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "u", "password": "x" * (2 * LIMIT)})
    assert response.status_code == 413


@pytest.mark.django_db
def test_a_request_under_the_limit_still_works(client, small_limit):
    response = client.post("/login/", {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200
    assert "请求内容过大" not in response.content.decode()
    response = client.post("/api/registry/enterprises", "{}", content_type="application/json")
    assert response.status_code == 401
    assert response.json()["detail"] == "未登录或令牌无效"
