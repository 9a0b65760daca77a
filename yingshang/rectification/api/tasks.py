"""Tasks (整改任务) over HTTP: the list, one task with its records, creating and assigning, and
the workflow actions (`POST /tasks/{id}/transitions`, the only way a task's state changes)."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import File, Form, Query, Router, Status, UploadedFile

from yingshang.lib.schemas import error_responses
from yingshang.rectification.api.common import LIST_LIMIT, operation_id
from yingshang.rectification.api.schemas.common import ActionValue
from yingshang.rectification.api.schemas.tasks import (
    AssignIn,
    TaskDetailOut,
    TaskIn,
    TaskOut,
    TaskQuery,
)
from yingshang.rectification.models import Task
from yingshang.rectification.selectors import reference
from yingshang.rectification.selectors import tasks as selectors
from yingshang.rectification.services import task_intake
from yingshang.rectification.services import tasks as services

router = Router()


@router.get(
    "/tasks",
    response={200: list[TaskOut], **error_responses(401, 403, 422)},
    summary="整改任务列表",
    description=(
        "营商办与领导看本功能区的任务，部门只看本部门牵头或配合的任务。"
        "可按状态、部门 (牵头或配合)、牵头部门、清单、是否超期、是否即将到期筛选 (最多 500 条)。"
    ),
    operation_id=operation_id("list_tasks"),
)
def list_tasks(request: HttpRequest, query: Query[TaskQuery]) -> QuerySet[Task]:
    filters = selectors.TaskFilters(
        state=query.state,
        lead_department=query.lead_department,
        department=query.department,
        list_kind=query.list_kind,
        overdue=query.overdue,
        due_soon=query.due_soon,
    )
    return selectors.task_list(user=request.auth, filters=filters, with_relations=True)[:LIST_LIMIT]


@router.post(
    "/tasks/assign",
    response={200: list[TaskOut], **error_responses(401, 403, 404, 422)},
    summary="批量交办任务",
    description="把若干草稿任务交办给牵头部门并开始计时。仅限营商办与系统管理员。",
    operation_id=operation_id("assign_tasks"),
)
def assign_tasks(request: HttpRequest, payload: AssignIn) -> list[Task]:
    user = request.auth
    ids = sorted(set(payload.task_ids))
    services.assign_tasks(
        actor=user, task_ids=ids, deadline=payload.deadline, limit_workdays=payload.limit_workdays
    )
    return [selectors.task_detail(user=user, task_id=pk) for pk in ids]


@router.get(
    "/tasks/{task_id}",
    response={200: TaskDetailOut, **error_responses(401, 403, 404)},
    summary="整改任务详情",
    description="含办理记录 (附件) 与延期申请。",
    operation_id=operation_id("task_detail"),
)
def task_detail(request: HttpRequest, task_id: int) -> Task:
    return selectors.task_detail(user=request.auth, task_id=task_id)


@router.post(
    "/tasks",
    response={201: TaskOut, **error_responses(401, 403, 404, 422)},
    summary="新建整改任务",
    description=(
        "定责任、定时限、定标准、定措施。新任务为草稿，交办后开始计时。仅限营商办与系统管理员。"
    ),
    operation_id=operation_id("create_task"),
)
def create_task(request: HttpRequest, payload: TaskIn) -> Status[Task]:
    user = request.auth
    zone = reference.requested_zone(user, payload.zone_id)
    task = task_intake.create_task_by_reference(
        actor=user,
        zone=zone,
        title=payload.title,
        references=task_intake.TaskReferences(
            lead_department_id=payload.lead_department_id,
            supporting_department_ids=payload.supporting_department_ids,
            plan_id=payload.plan_id,
            plan_item_id=payload.plan_item_id,
            responsible_person_id=payload.responsible_person_id,
            problem_ids=payload.problem_ids,
        ),
        deadline=payload.deadline,
        limit_workdays=payload.limit_workdays,
        list_kind=payload.list_kind,
        measure=payload.measure,
        standard=payload.standard,
        responsible_leader=payload.responsible_leader,
    )
    return Status(201, selectors.task_detail(user=user, task_id=task.pk))


@router.post(
    "/tasks/{task_id}/transitions",
    response={200: TaskDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="办理任务 (流程操作)",
    description=(
        "multipart/form-data: action 操作, expected_version 读取时的版本号, text 说明或理由，"
        "files 附件 (可多个)。报送进展与提请验收须填写整改情况，提请验收须附佐证材料，"
        "退回与重新整改须填写理由。流程不允许时 422 说明原因；期间他人已办理则 409。"
    ),
    operation_id=operation_id("transition_task"),
)
def transition_task(
    request: HttpRequest,
    task_id: int,
    action: Form[ActionValue],
    expected_version: Form[int],
    text: Form[str] = "",
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Task:
    user = request.auth
    services.transition(
        actor=user,
        task_id=task_id,
        action=action,
        expected_version=expected_version,
        text=text,
        files=list(files or ()),
    )
    return selectors.task_detail(user=user, task_id=task_id)
