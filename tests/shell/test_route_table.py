"""Every page and every API operation, for every role, against one table of expected statuses.

The demo is built once for the module, inside an atomic block rolled back at the end; every
request runs in its own atomic block rolled back after it, so that a write an allowed role
manages to make never reaches the next request.
"""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from tests.shell import route_table
from tests.shell.demo_objects import VARIANTS, build_demo_objects, values_for
from tests.shell.routes import Route, api_routes, page_routes, request
from yingshang.audit.models import AuditEvent
from yingshang.evaluation.models import EvaluationRun
from yingshang.kernel.models import Enterprise, User, Zone
from yingshang.rectification.models import Problem

# The marker also makes pytest-django create the test database for the module fixture; each
# test then runs in a savepoint inside the module's atomic block.
pytestmark = pytest.mark.django_db

TABLE = route_table.PAGES | route_table.API
ROLES = route_table.ROLES
ROUTES = {route.key: route for route in page_routes() + api_routes()}
HINTS = "GET /api/rectification/problems/{problem_id}/duplicates"
HINTS_CONTENT = f"{HINTS} (content)"
"""The KNOWN_DEFECTS key of the hints' content check (a status cannot show a leak there)."""


def _split(key: str) -> tuple[str, str, str]:
    """A row's method, route and variant: 'registry:x @other_zone' is a GET of the page
    registry:x with the variant's objects, 'POST registry:x' a write to it, and
    'PATCH /api/...' an API operation (which carries its own method)."""
    base, _, variant = key.partition(" @")
    if base in ROUTES:
        return ROUTES[base].method, base, variant
    method, _, name = base.partition(" ")
    return method, name, variant


def _xfail(reason: str | None) -> list:
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


def _cases() -> list:
    """Every route of the project, plus the table's extra rows (other objects, page writes)."""
    keys = list(ROUTES) + [key for key in TABLE if key not in ROUTES]
    cases = []
    for key in keys:
        for role in ROLES:
            marks = _xfail(route_table.KNOWN_DEFECTS.get((key, role)))
            cases.append(pytest.param(key, role, id=f"{key}-{role}", marks=marks))
    return cases


def _counts() -> dict[str, int]:
    return {
        "zones": Zone.objects.count(),
        "users": User.objects.count(),
        "enterprises": Enterprise.objects.count(),
        "events": AuditEvent.objects.count(),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, once for the module; nothing of it outlives the module."""
    with django_db_blocker.unblock():
        before = _counts()
        with transaction.atomic():
            yield build_demo_objects()
            transaction.set_rollback(True)
        assert _counts() == before, "the route table's demo leaked out of its module"


@pytest.fixture(scope="module")
def client():
    """One client for the module: a client's first request loads the middleware, WhiteNoise's
    scan of every static file included, which would otherwise dominate the run."""
    return Client(raise_request_exception=False)


@pytest.fixture(scope="module")
def sessions(client, demo):
    """A signed-in session per role, made once: a request's changes to it are rolled back."""
    keys = {}
    for role, user in demo["users"].items():
        client.cookies.clear()  # else signing in the next user flushes this one's session
        client.force_login(user)
        keys[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.cookies.clear()
    return keys


def sign_in(client, sessions, role: str) -> None:
    client.cookies.clear()
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]


def _status(client, sessions, demo, key: str, role: str) -> int:
    method, name, variant = _split(key)
    route: Route = ROUTES[name]
    url = route.url(values_for(demo["objects"], variant))
    sign_in(client, sessions, role)
    with transaction.atomic():
        response = request(client, route, method, url, demo["objects"])
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.parametrize(("key", "role"), _cases())
def test_route_status_matches_the_table(client, sessions, demo, key, role):
    _method, name, variant = _split(key)
    assert name in ROUTES, f"table row {key!r} names no route of the project"
    assert not variant or variant in VARIANTS, f"table row {key!r}: unknown variant"
    status = _status(client, sessions, demo, key, role)
    assert key in TABLE, f"{key!r} has no row in tests/shell/route_table.py ({role}: {status})"
    assert TABLE[key][role] == status, f"{key} as {role}"


def test_a_write_that_succeeds_is_rolled_back(client, sessions, demo):
    """The administrator really withdraws the run (204); the next request still finds it."""
    delete, get = (
        "DELETE /api/evaluation/runs/{run_id} @first_run",
        "GET /api/evaluation/runs/{run_id}",
    )
    assert _status(client, sessions, demo, delete, "admin") == 204
    assert EvaluationRun.objects.filter(pk=demo["objects"]["first_run"]).exists()
    assert _status(client, sessions, demo, get + " @first_run", "admin") == 200


def test_the_table_is_well_formed():
    incomplete = {key: sorted(set(ROLES) ^ set(row)) for key, row in TABLE.items()}
    assert {key: roles for key, roles in incomplete.items() if roles} == {}
    unknown = [key for key in TABLE if _split(key)[1] not in ROUTES]
    assert unknown == [], "rows naming no route of the project"
    variants = {_split(key)[2] for key in TABLE} - {""}
    assert variants <= set(VARIANTS)
    known = set(TABLE) | {HINTS_CONTENT}
    stale = [key for key, _role in route_table.KNOWN_DEFECTS if key not in known]
    assert stale == [], "known defects naming no row"


HINT_READERS = ("admin", "office", "department", "leader")


def _hint_cases() -> list:
    return [
        pytest.param(role, marks=_xfail(route_table.KNOWN_DEFECTS.get((HINTS_CONTENT, role))))
        for role in HINT_READERS
    ]


@pytest.mark.parametrize("role", _hint_cases())
def test_duplicate_hints_name_only_problems_the_user_may_see(client, sessions, demo, role):
    """A status cannot show it: the hints of a problem the user may see must not name problems
    the user may not (their titles and codes are in the answer)."""
    objects = demo["objects"]
    sign_in(client, sessions, role)
    with transaction.atomic():
        own = Problem.objects.get(pk=objects["problem"])
        # The same wording, registered for the department the department account is not in.
        twin = Problem.objects.create(
            zone_id=own.zone_id,
            code="WT-重复-1",
            title=own.title,
            description=own.description,
            source=own.source,
            department_id=Problem.objects.get(pk=objects["other_problem"]).department_id,
            reported_on=own.reported_on,
        )
        hints = client.get(f"/api/rectification/problems/{own.pk}/duplicates").json()
        seen = {
            h["id"]: client.get(f"/api/rectification/problems/{h['id']}").status_code for h in hints
        }
        may_see_twin = client.get(f"/api/rectification/problems/{twin.pk}").status_code == 200
        transaction.set_rollback(True)
    assert {pk: status for pk, status in seen.items() if status != 200} == {}
    assert (twin.pk in seen) == may_see_twin
