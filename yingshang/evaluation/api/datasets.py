"""/api/evaluation/datasets: the uploaded indicator data and satisfaction surveys."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import File, Form, Router, Status, UploadedFile

from yingshang.evaluation import selectors
from yingshang.evaluation.api.common import LIST_LIMIT, operation_id
from yingshang.evaluation.api.schemas.datasets import DatasetKindValue, DatasetOut
from yingshang.evaluation.models import Dataset
from yingshang.evaluation.services import upload_dataset
from yingshang.kernel.access import EVALUATION_WRITERS, requested_zone, require_role
from yingshang.lib.schemas import error_responses

router = Router()


@router.get(
    "/datasets",
    response={200: list[DatasetOut], **error_responses(401, 403)},
    summary="评价数据列表",
    description="本功能区上传的指标数据和满意度调查数据，最新在前 (最多 200 条)。",
    operation_id=operation_id("list_datasets"),
)
def list_datasets(request: HttpRequest) -> QuerySet[Dataset]:
    return selectors.datasets_visible_to(request.auth)[:LIST_LIMIT]


@router.get(
    "/datasets/{dataset_id}",
    response={200: DatasetOut, **error_responses(401, 403, 404)},
    summary="评价数据详情",
    operation_id=operation_id("dataset_detail"),
)
def dataset_detail(request: HttpRequest, dataset_id: int) -> Dataset:
    return selectors.get_dataset(user=request.auth, dataset_id=dataset_id)


@router.post(
    "/datasets",
    response={201: DatasetOut, **error_responses(401, 403, 422)},
    summary="上传评价数据",
    description=(
        "multipart/form-data 上传 CSV (UTF-8 或 GB18030) 或 Excel (.xlsx，第一个工作表) 文件，"
        "长表格式: 列 unit/单位, indicator/指标, value/数值，可选 period/期间, group/分组。"
        "任何一行有误则整份文件不保存, 422 的 errors.file 逐行列出问题 (表头为第 1 行)。"
        "仅限营商办与系统管理员。"
    ),
    operation_id=operation_id("add_dataset"),
)
def add_dataset(
    request: HttpRequest,
    file: File[UploadedFile],
    name: Form[str] = "",
    kind: Form[DatasetKindValue] = "indicators",
    zone_id: Form[int | None] = None,
) -> Status[Dataset]:
    # The role first, as `requested_zone` asks (403 rather than a 422 about the zone).
    require_role(request.auth, *EVALUATION_WRITERS)
    zone = requested_zone(request.auth, zone_id)
    dataset = upload_dataset(
        actor=request.auth, zone=zone, name=name, uploaded_file=file, kind=kind
    )
    return Status(201, dataset)
