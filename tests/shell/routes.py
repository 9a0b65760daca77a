"""What the route table test walks: every page pattern of the URL resolver and every operation
of the API's OpenAPI schema, each as a `Route` that knows how to request itself."""

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from yingshang.api.root import api

# The admin site is Django's own: only its front door is part of the platform's routes.
ADMIN_NAMESPACE, ADMIN_INDEX = "admin", "admin:index"
API_NAMESPACE = "api"


@dataclass(frozen=True)
class Route:
    """One request to make: a page pattern (by URL name) or an API operation (by path)."""

    key: str  # "registry:enterprise_detail" or "GET /api/registry/enterprises/{enterprise_id}"
    method: str
    template: str  # the path with {param} placeholders
    params: tuple[str, ...]
    api: bool

    def url(self, values: dict[str, Any]) -> str:
        missing = [p for p in self.params if p not in values]
        if missing:
            raise KeyError(f"{self.key}: no demo object for path parameter(s) {missing}")
        return self.template.format(**{p: values[p] for p in self.params})


def _braced(route: str) -> str:
    """'runs/<int:run_id>/' -> 'runs/{run_id}/'."""
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            full = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), full)
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern.name or "", prefix + str(pattern.pattern)


@cache  # the schema takes a while to build
def api_routes() -> list[Route]:
    """Every operation of the API, each path with each of its methods."""
    routes: list[Route] = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        params = tuple(re.findall(r"{(\w+)}", path))
        for method in operations:
            method = method.upper()
            routes.append(Route(f"{method} {path}", method, path, params, api=True))
    return routes


def page_routes() -> list[Route]:
    """Every pattern of config/urls.py and its includes (GET), but the API's operations, which
    `api_routes` walks with their own methods, and the admin site beyond its index."""
    operation_paths = {route.template for route in api_routes()}
    routes = []
    for namespace, name, raw in _walk(get_resolver().url_patterns):
        template = "/" + _braced(raw)
        # Pages are keyed by URL name; a pattern without one by its path.
        key = (f"{namespace}:{name}" if namespace else name) if name else template
        if namespace == ADMIN_NAMESPACE and key != ADMIN_INDEX:
            continue
        if namespace == API_NAMESPACE and template in operation_paths:
            continue
        params = tuple(re.findall(r"{(\w+)}", template))
        routes.append(Route(key, "GET", template, params, api=False))
    return routes


NO_SUCH_ID = 987_654_321


class Form(dict):
    """A body sent as multipart/form-data rather than JSON."""


# What API writes send: bodies of the right shape whose content the service must refuse, so that
# an allowed role gets past the schema to the permission check and is stopped by the rules
# (404 for an id that names nothing, 409 for a stale version, 422 for a duplicate or a date in
# the past), and a denied role is stopped by the permission check (403/404). An empty body would
# be refused by the schema (422) before any permission is checked, for every signed-in role
# alike. A callable gets the demo objects. One write has nothing to refuse and really happens
# for an allowed role (rolled back): drafting a plan from the run.
STALE = {"version": NO_SUCH_ID}
API_BODIES: dict[str, Any] = {
    "POST /api/registry/enterprises": lambda o: {"name": "重复", "uscc": o["enterprise_uscc"]},
    "PATCH /api/registry/enterprises/{enterprise_id}": STALE,
    "POST /api/evaluation/methodologies": {"preset": "no-such-preset"},
    "POST /api/evaluation/datasets": Form(file=b""),
    "POST /api/evaluation/runs": {"methodology_id": NO_SUCH_ID, "dataset_id": NO_SUCH_ID},
    "PATCH /api/evaluation/runs/{run_id}": STALE | {"title": "改名"},
    "POST /api/evaluation/runs/{run_id}/what-if": {"changes": {"no-such-indicator": 1.0}},
    "POST /api/rectification/problems": {"title": "测试", "source": "appeal"}
    | {"reported_on": "2026-01-05", "department_id": NO_SUCH_ID},
    "PATCH /api/rectification/problems/{problem_id}": STALE,
    "POST /api/rectification/plans": lambda o: {"run_id": o["run"]},
    "POST /api/rectification/plans/{plan_id}/submission": STALE,
    "POST /api/rectification/plans/{plan_id}/approval": STALE,
    "POST /api/rectification/plans/{plan_id}/publication": STALE,
    "POST /api/rectification/tasks": {"title": "测试", "lead_department_id": NO_SUCH_ID},
    # The department's own task, accepted or closed long ago: nothing to assign.
    "POST /api/rectification/tasks/assign": lambda o: {"task_ids": [o["task"]]},
    "POST /api/rectification/tasks/{task_id}/transitions": Form(
        action="report", expected_version=NO_SUCH_ID, text="进展"
    ),
    "POST /api/rectification/tasks/{task_id}/extensions": {"new_deadline": "2000-01-03"}
    | {"reason": "测试"},
    # A rejection without a note.
    "POST /api/rectification/extensions/{extension_id}/decision": {"approve": False},
}
_APPEAL = "/api/appeals/{appeal_id}"
_RATING = f"{_APPEAL}/ratings/{{rating_id}}"
_REASON = STALE | {"reason": "测试"}
API_BODIES |= {
    # An unknown kind: the office and the enterprise get past the role check to 422.
    "POST /api/appeals/": {
        "kind": "no_such",
        "title": "测试",
        "content": "测试",
        "anonymous": True,
    },
    f"POST {_APPEAL}/accept": STALE,
    f"POST {_APPEAL}/rejection-proposal": _REASON,
    f"POST {_APPEAL}/rejection-decision": STALE | {"approve": False},
    f"POST {_APPEAL}/dispatch": STALE | {"department_id": NO_SUCH_ID},
    f"POST {_APPEAL}/send-back": _REASON,
    f"POST {_APPEAL}/start": STALE,
    f"POST {_APPEAL}/suspend": _REASON,
    f"POST {_APPEAL}/resume": STALE,
    f"POST {_APPEAL}/reply": STALE | {"text": "测试"},
    f"POST {_APPEAL}/close": STALE,
    f"POST {_APPEAL}/reopen": _REASON,
    f"POST {_APPEAL}/merge": STALE | {"into_id": NO_SUCH_ID},
    f"POST {_APPEAL}/extensions": _REASON | {"requested_until": "2099-01-05"},
    f"POST {_APPEAL}/extensions/{{extension_id}}/decision": STALE | {"approve": False},
    f"POST {_APPEAL}/visit": STALE | {"note": "测试"},
    f"POST {_APPEAL}/rating": STALE | {"level": "satisfied"},
    f"POST {_RATING}/dispute": _REASON,
    f"POST {_RATING}/dispute-decision": STALE | {"upheld": True, "note": "测试"},
    f"POST {_RATING}/rectification": STALE | {"note": "测试"},
}
API_QUERIES: dict[str, dict[str, str]] = {
    "GET /api/rectification/performance": {"month_from": "2026-01", "month_to": "2026-03"},
}


def _form(body: Form) -> dict[str, Any]:
    return {
        name: SimpleUploadedFile(f"{name}.csv", value) if isinstance(value, bytes) else value
        for name, value in body.items()
    }


def request(client, route: Route, method: str, url: str, objects: dict[str, Any]):
    """Make the request: pages get an empty form, API writes the body of API_BODIES."""
    if method == "GET":
        return client.get(url, API_QUERIES.get(route.key, {}))
    if not route.api:
        return client.post(url, {})
    body = API_BODIES.get(route.key)
    if callable(body):
        body = body(objects)
    if isinstance(body, Form):  # every form body is a POST
        return client.post(url, _form(body))
    payload = json.dumps(body) if body is not None else ""
    return client.generic(method, url, payload, content_type="application/json")
