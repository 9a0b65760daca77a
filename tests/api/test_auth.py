from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.api.conftest import ApiClient
from yingshang.api.models import ApiToken
from yingshang.api.services import hash_token, revoke_token
from yingshang.kernel.models import Role

UNAUTHENTICATED = "未登录或令牌无效"
CALLS = [
    ("get", "/api/me"),
    ("get", "/api/registry/zones"),
    ("get", "/api/registry/departments"),
    ("get", "/api/registry/enterprises"),
    ("post", "/api/registry/enterprises"),
    ("get", "/api/registry/enterprises/{id}"),
    ("patch", "/api/registry/enterprises/{id}"),
    ("get", "/api/registry/enterprises/{id}/history"),
]


def _call(client: ApiClient, method: str, path: str, enterprise_id: int):
    path = path.format(id=enterprise_id)
    if method == "get":
        return client.get(path)
    return getattr(client, method)(path, {"version": 1, "uscc": "x", "name": "x"})


@pytest.mark.parametrize(("method", "path"), CALLS)
def test_every_endpoint_needs_authentication(enterprise, method, path):
    response = _call(ApiClient(), method, path, enterprise.pk)
    assert response.status_code == 401
    assert response.json() == {"detail": UNAUTHENTICATED}
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(("method", "path"), CALLS)
def test_an_unknown_token_is_refused_everywhere(enterprise, method, path):
    response = _call(ApiClient("ys_not-a-real-token"), method, path, enterprise.pk)
    assert response.status_code == 401


def test_token_authenticates_and_records_its_use(users, token_for):
    office = users[Role.OFFICE]
    plaintext = token_for(office)
    response = ApiClient(plaintext).get("/api/me")
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == office.username
    assert body["role"] == "office"
    assert body["role_label"] == "营商办"
    assert body["zone"]["code"] == "zzgx"
    assert body["department"]["code"] == "xzsp"
    assert body["enterprise"] is None
    assert ApiToken.objects.get(token_hash=hash_token(plaintext)).last_used_at is not None


def test_only_the_hash_and_a_prefix_are_stored(users, token_for):
    plaintext = token_for(users[Role.OFFICE])
    token = ApiToken.objects.get()
    assert token.token_hash == hash_token(plaintext) != plaintext
    assert len(token.token_hash) == 64
    assert plaintext.startswith(token.prefix)
    assert len(token.prefix) < len(plaintext) // 2


def test_revoked_token_is_refused(users, token_for):
    plaintext = token_for(users[Role.OFFICE])
    client = ApiClient(plaintext)
    assert client.get("/api/me").status_code == 200
    revoke_token(token=ApiToken.objects.get(), actor=users[Role.ADMIN])
    assert client.get("/api/me").status_code == 401


def test_expired_token_is_refused(users, token_for):
    plaintext = token_for(users[Role.OFFICE], expires_at=timezone.now() + timedelta(hours=1))
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert ApiClient(plaintext).get("/api/me").status_code == 401


def test_token_of_an_inactive_user_is_refused(users, token_for):
    office = users[Role.OFFICE]
    plaintext = token_for(office)
    office.is_active = False
    office.save(update_fields=["is_active"])
    assert ApiClient(plaintext).get("/api/me").status_code == 401


def test_other_authorization_schemes_are_not_tokens(users, token_for):
    plaintext = token_for(users[Role.OFFICE])
    response = Client().get("/api/me", headers={"Authorization": f"Basic {plaintext}"})
    assert response.status_code == 401


def test_session_authentication_reads(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users[Role.LEADER])
    response = client.get("/api/me")
    assert response.status_code == 200
    assert response.json()["role_label"] == "领导"


def test_session_post_without_csrf_token_is_refused(users, zone):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users[Role.OFFICE])
    response = client.post(
        "/api/registry/enterprises",
        {"uscc": "91410100MA00000019", "name": "无令牌公司"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_session_post_with_csrf_token_is_accepted(users, zone):
    from tests.conftest import make_uscc

    client = Client(enforce_csrf_checks=True)
    client.force_login(users[Role.OFFICE])
    client.get("/api/docs")  # any page that renders a CSRF token sets the cookie
    csrf = client.cookies["csrftoken"].value
    response = client.post(
        "/api/registry/enterprises",
        {"uscc": make_uscc(), "name": "会话登记有限公司"},
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )
    assert response.status_code == 201, response.content


def test_bearer_token_needs_no_csrf_token(users, zone, token_for):
    from tests.conftest import make_uscc

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/registry/enterprises",
        {"uscc": make_uscc(), "name": "令牌登记有限公司"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(users[Role.OFFICE])}"},
    )
    assert response.status_code == 201, response.content


def test_anonymous_unsafe_request_is_401_not_a_csrf_error(enterprise):
    client = Client(enforce_csrf_checks=True)
    response = client.patch(
        f"/api/registry/enterprises/{enterprise.pk}", {"version": 1}, "application/json"
    )
    assert response.status_code == 401


def test_session_of_an_inactive_user_is_refused(users):
    office = users[Role.OFFICE]
    client = Client()
    client.force_login(office)
    office.is_active = False
    office.save(update_fields=["is_active"])
    assert client.get("/api/me").status_code == 401
