"""Rectification over HTTP (/api/rectification/). Same access rules as the pages.

The office (营商办) and administrators keep the problem ledger, draft plans and create and assign
tasks; leaders approve plans, accept, return and close tasks and decide extensions; department
staff see and work the tasks their department leads or supports; enterprise users and
supervisors get 403; another zone's records are 404. A task's state changes only through
`POST /tasks/{id}/transitions`.

One module per resource; each endpoint parses its request and calls one selector (reads,
scoped) or one service (writes, which check the permissions).
"""

from ninja import Router

from yingshang.rectification.api import (
    extensions,
    notifications,
    performance,
    plans,
    problems,
    tasks,
)

RESOURCES = (problems, plans, tasks, extensions, performance, notifications)
ROUTERS = tuple(resource.router for resource in RESOURCES)
"""The resources' routers, in the order of the OpenAPI document."""

router = Router(tags=["整改落实"])
for resource_router in ROUTERS:
    router.add_router("", resource_router)
