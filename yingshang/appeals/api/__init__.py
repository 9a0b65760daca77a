"""Appeals over HTTP (/api/appeals/), same access rules as the pages, and the public Open311
GeoReport v2 endpoint (/api/open311/v2/, `open311_router`).

The office (营商办) and administrators take appeals in, accept, dispatch, visit, close, reopen
and merge them; leaders decide rejections, extensions and disputes; the lead department starts,
suspends, replies, sends back and asks for extensions; an enterprise user raises its own appeals
online and rates them; supervisors get 403; a case outside the caller's scope is 404. A case's
state changes only through one POST per workflow action, each with the version read (409 when
someone saved in between).

One module per resource; each endpoint parses its request and calls one selector (reads,
scoped) or one service (writes, which check the permissions), then reads the case back.
"""

from ninja import Router

from yingshang.appeals.api import appeals, extensions, feedback, handling, open311, workflow

RESOURCES = (appeals, workflow, handling, extensions, feedback)
ROUTERS = tuple(resource.router for resource in RESOURCES)
"""The resources' routers, in the order of the OpenAPI document."""

router = Router(tags=["诉求"])
for resource_router in ROUTERS:
    router.add_router("", resource_router)

open311_router = open311.router

__all__ = ["open311_router", "router"]
