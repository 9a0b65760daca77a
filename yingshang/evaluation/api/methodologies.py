"""/api/evaluation/presets and /methodologies: the shipped presets, the stored methodologies."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status

from yingshang.core.evaluation.loading import methodology_from_text, preset_names, preset_text
from yingshang.evaluation import selectors
from yingshang.evaluation.api.common import LIST_LIMIT, operation_id
from yingshang.evaluation.api.schemas.methodologies import (
    MethodologyDetailOut,
    MethodologyIn,
    MethodologyOut,
    NodeOut,
    PresetOut,
)
from yingshang.evaluation.models import MethodologyVersion
from yingshang.evaluation.services import store_methodology
from yingshang.kernel.access import (
    EVALUATION_READERS,
    EVALUATION_WRITERS,
    requested_zone,
    require_role,
)
from yingshang.lib.schemas import error_responses

router = Router()


@router.get(
    "/presets",
    response={200: list[PresetOut], **error_responses(401, 403)},
    summary="预置评价方法",
    description="平台自带的评价方法，创建评价方法时以 preset 引用。",
    operation_id=operation_id("list_presets"),
)
def list_presets(request: HttpRequest) -> list[dict]:
    require_role(request.auth, *EVALUATION_READERS)
    presets = []
    for name in preset_names():
        methodology = methodology_from_text(preset_text(name))
        presets.append({"name": name, "title": methodology.name, "version": methodology.version})
    return presets


@router.get(
    "/methodologies",
    response={200: list[MethodologyOut], **error_responses(401, 403)},
    summary="评价方法列表",
    description="本功能区保存的评价方法和共用的预置方法，最新在前 (最多 200 条)。",
    operation_id=operation_id("list_methodologies"),
)
def list_methodologies(request: HttpRequest) -> QuerySet[MethodologyVersion]:
    return selectors.methodologies_visible_to(request.auth)[:LIST_LIMIT]


@router.get(
    "/methodologies/{methodology_id}",
    response={200: MethodologyDetailOut, **error_responses(401, 403, 404)},
    summary="评价方法详情",
    description="含原样保存的 YAML 文本和指标树 (各指标的权重及占总分的比重)。",
    operation_id=operation_id("methodology_detail"),
)
def methodology_detail(request: HttpRequest, methodology_id: int) -> dict:
    version = selectors.get_methodology(user=request.auth, methodology_id=methodology_id)
    methodology = selectors.methodology_of(version)
    nodes = [
        NodeOut(
            id=node.id,
            name=node.name,
            parent=node.parent,
            depth=methodology.depth(node.id),
            weight=node.weight,
            path_weight=methodology.path_weight(node.id),
            is_leaf=node.is_leaf,
            unit=node.unit,
        )
        for node in methodology.nodes.values()
    ]
    return {
        "methodology": version,
        "source_text": version.source_text,
        "description": methodology.description,
        "nodes": nodes,
    }


@router.post(
    "/methodologies",
    response={200: MethodologyOut, 201: MethodologyOut, **error_responses(401, 403, 422)},
    summary="保存评价方法",
    description=(
        "提交 YAML 文本 (text) 或预置方法名 (preset) 之一。文本原样保存，评价结果永不漂移；"
        "同一文本再次保存返回已有记录 (200)ï¼新保存返回 201。方法有误时 422 列出每处问题。"
        "仅限营商办与系统管理员。"
    ),
    operation_id=operation_id("create_methodology"),
)
def create_methodology(request: HttpRequest, payload: MethodologyIn) -> Status[MethodologyVersion]:
    # The role first, as `requested_zone` asks: a leader is refused (403), not told which zones
    # exist (422).
    require_role(request.auth, *EVALUATION_WRITERS)
    zone = requested_zone(request.auth, payload.zone_id)
    version, created = store_methodology(
        actor=request.auth, zone=zone, text=payload.text, preset=payload.preset
    )
    return Status(201 if created else 200, version)
