"""Shared fixtures: a zone with departments, one user per role, a few enterprises, and an API
client signed in as a user (`api_as`)."""

import itertools
import json
from typing import Any

import pytest
from django.test import Client

from yingshang.core import uscc

_serial = itertools.count(1)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    marked = marker is not None and (
        marker.kwargs.get("transaction", False) or (marker.args and marker.args[0])
    )
    return bool(marked) or bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _migration_rows(request):
    """Rows the data migrations write (qualification kinds, appeal kinds, the holiday table) are
    gone after an earlier transactional test's flush; a transactional test gets them back as
    the migrations wrote them."""
    if not _is_transactional(request):
        return
    from importlib import import_module

    from django.apps import apps

    request.getfixturevalue("transactional_db")
    import_module("yingshang.kernel.migrations.0002_qualification_kinds").seed(apps, None)
    if not apps.get_model("appeals", "AppealKind").objects.filter(zone=None).exists():
        import_module("yingshang.appeals.migrations.0002_default_kinds").seed(apps, None)
    if not apps.get_model("calendars", "CalendarYear").objects.exists():
        import_module("yingshang.calendars.migrations.0002_seed_chinesecalendar").seed_holidays(
            apps, None
        )


@pytest.fixture(autouse=True)
def _clean_cache():
    """Cached aggregates are keyed by row ids, which a rolled-back test may reuse."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client_for(client, users):
    """A test client logged in as the user of a role."""

    def login(role):
        client.force_login(users[role])
        return client

    return login


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """Calendar rows a test changes must not leak into the next test through the cache."""
    from yingshang.calendars.selectors import reset_calendar_cache

    reset_calendar_cache()
    yield
    reset_calendar_cache()


def make_uscc(n: int | None = None) -> str:
    """A valid code, distinct for each call (or for each n)."""
    number = next(_serial) if n is None else n
    return uscc.complete(f"91410100MA{number:07d}")


@pytest.fixture
def zone(db):
    from yingshang.kernel.models import Zone

    return Zone.objects.create(
        code="zzgx", name="郑州高新技术产业开发区", kind="高新区", city="郑州市", province="河南省"
    )


@pytest.fixture
def other_zone(db):
    from yingshang.kernel.models import Zone

    return Zone.objects.create(
        code="lyjk", name="洛阳经济技术开发区", kind="经开区", city="洛阳市", province="河南省"
    )


@pytest.fixture
def departments(zone):
    from yingshang.kernel.models import Department

    names = [("xzsp", "行政审批服务局", True), ("scjg", "市场监督管理局高新区分局", False)]
    return {
        code: Department.objects.create(zone=zone, code=code, name=name, is_office=office)
        for code, name, office in names
    }


@pytest.fixture
def enterprise(zone):
    from yingshang.kernel.models import Enterprise

    return Enterprise.objects.create(uscc=make_uscc(), name="郑州测试科技有限公司", zone=zone)


@pytest.fixture
def other_enterprise(other_zone):
    from yingshang.kernel.models import Enterprise

    return Enterprise.objects.create(uscc=make_uscc(), name="洛阳测试机械有限公司", zone=other_zone)


@pytest.fixture
def make_user(db):
    from yingshang.kernel.models import User

    def make(role: str, **fields):
        username = fields.pop("username", f"{role}{next(_serial)}")
        user = User(
            username=username, role=role, full_name=fields.pop("full_name", username), **fields
        )
        user.set_password("Yingshang-2026")
        user.full_clean()
        user.save()
        return user

    return make


@pytest.fixture
def users(zone, departments, enterprise, make_user):
    """One user of each role in `zone`."""
    from yingshang.kernel.models import Role

    return {
        Role.ADMIN: make_user(Role.ADMIN, is_staff=True, is_superuser=True),
        Role.OFFICE: make_user(Role.OFFICE, zone=zone, department=departments["xzsp"]),
        Role.DEPARTMENT: make_user(Role.DEPARTMENT, zone=zone, department=departments["scjg"]),
        Role.LEADER: make_user(Role.LEADER, zone=zone),
        Role.ENTERPRISE: make_user(Role.ENTERPRISE, zone=zone, enterprise=enterprise),
        Role.SUPERVISOR: make_user(Role.SUPERVISOR, zone=zone),
    }


class ApiClient:
    """A test client that authenticates with a bearer token and speaks JSON; `form` posts
    multipart data (fields and files)."""

    def __init__(self, token: str | None = None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params: Any):
        return self.client.get(path, params, headers=self.headers)

    def post(self, path: str, body: Any):
        return self.client.post(
            path, json.dumps(body), content_type="application/json", headers=self.headers
        )

    def patch(self, path: str, body: Any):
        return self.client.patch(
            path, json.dumps(body), content_type="application/json", headers=self.headers
        )

    def delete(self, path: str):
        return self.client.delete(path, headers=self.headers)

    def form(self, path: str, data: dict[str, Any]):
        return self.client.post(path, data, headers=self.headers)


@pytest.fixture
def api_client_class():
    """The class of the clients `api_as` makes. A test module overrides this fixture with a
    subclass that adds its own helpers (an upload, a workflow action)."""
    return ApiClient


@pytest.fixture
def api_as(db, api_client_class):
    """api_as(user) -> a client signed in with a fresh bearer token of that user (extra keyword
    arguments go to `issue_token`, e.g. expires_at); api_as(None) -> a client without a token."""
    from yingshang.api.services import issue_token

    def make(user, **token_fields) -> ApiClient:
        if user is None:
            return api_client_class()
        token_fields.setdefault("name", "测试")
        _token, plaintext = issue_token(user=user, **token_fields)
        return api_client_class(plaintext)

    return make
