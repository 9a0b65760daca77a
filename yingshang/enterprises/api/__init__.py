"""The enterprise registry over HTTP (/api/registry/). Same access rules as the pages.

One module per resource: `org` (the zones and departments enterprises are registered under)
and `enterprises` (the registry itself, with each enterprise's history).
"""

from ninja import Router

from yingshang.enterprises.api import enterprises, org

router = Router(tags=["市场主体库"])
router.add_router("", org.router)
router.add_router("", enterprises.router)

__all__ = ["router"]
