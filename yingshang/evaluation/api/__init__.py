"""Evaluations over HTTP (/api/evaluation/). Same access rules as the pages.

Office staff and administrators save methodologies, upload data and publish runs; leaders and
department staff read their zone's runs and their analyses; enterprise users and supervisors
get 403; another zone's records are 404. One module per resource; each has a router without
tags of its own, so every endpoint carries this router's tag.
"""

from ninja import Router

from yingshang.evaluation.api import analysis, datasets, methodologies, reports, runs

router = Router(tags=["营商环境评价"])
for resource in (methodologies, datasets, runs, analysis, reports):
    router.add_router("", resource.router)

__all__ = ["router"]
