"""Rectification over HTTP (/api/rectification/). Same access rules as the pages.

The office (营商办) and administrators keep the problem ledger, draft plans and create and assign
tasks; leaders approve plans, accept, return and close tasks and decide extensions; department
staff see and work the tasks their department leads or supports; enterprise users and
supervisors get 403; another zone's records are 404. A task's state changes only through
`POST /tasks/{id}/transitions`.
"""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import File, Form, Query, Router, Status, UploadedFile

from yingshang.core.rectification.performance import DepartmentMonth, rank_departments
from yingshang.core.rectification.workflow import TransitionRefused
from yingshang.evaluation import public as evaluation
from yingshang.kernel.access import has_role, requested_zone
from yingshang.kernel.models import Department, Notification, Role, User, Zone
from yingshang.kernel.notifications import mark_read, notifications_for
from yingshang.lib.files import DOCX, XLSX, attachment
from yingshang.lib.schemas import error_responses
from yingshang.rectification import selectors
from yingshang.rectification.access import require_decider, require_reader, require_writer
from yingshang.rectification.models import (
    Extension,
    Plan,
    Problem,
    Task,
)
from yingshang.rectification.schemas import (
    ActionValue,
    AssignIn,
    DecisionIn,
    DuplicateHintOut,
    ExtensionIn,
    ExtensionOut,
    NotificationOut,
    NotificationQuery,
    PerformanceQuery,
    PerformanceRowOut,
    PlanDetailOut,
    PlanDraftIn,
    PlanOut,
    ProblemIn,
    ProblemOut,
    ProblemPatchIn,
    ProblemQuery,
    TaskDetailOut,
    TaskIn,
    TaskOut,
    TaskQuery,
    VersionIn,
)
from yingshang.rectification.services import plans as plan_services
from yingshang.rectification.services import problems as problem_services
from yingshang.rectification.services import tasks as task_services
from yingshang.rectification.services.settings import zone_settings

router = Router(tags=["整改落实"])

LIST_LIMIT = 500
PERFORMANCE_READERS = (Role.ADMIN, Role.OFFICE, Role.LEADER)


def _zone_of(user: User, zone_id: int | None) -> Zone:
    """The zone a write or a zone-wide read is about: the user's own, or the one named."""
    require_reader(user)
    return requested_zone(user, zone_id)


def _department(zone: Zone, department_id: int, field: str) -> Department:
    department = Department.objects.filter(zone=zone, pk=department_id).first()
    if department is None:
        raise ValidationError({field: "部门不存在或不属于该功能区"})
    return department


def _departments(zone: Zone, ids: list[int], field: str) -> list[Department]:
    found = list(Department.objects.filter(zone=zone, pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({field: "部分部门不存在或不属于该功能区"})
    return found


def _get(queryset: QuerySet, pk: int) -> Any:
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def _refused(exc: TransitionRefused) -> ValidationError:
    return ValidationError(exc.message)


# --- problems --------------------------------------------------------------------------------


def _problems(user: User, query: ProblemQuery) -> QuerySet[Problem]:
    require_reader(user)
    problems = selectors.problems_visible_to(user).select_related("department", "created_by")
    if query.status:
        problems = problems.filter(status=query.status)
    if query.grade:
        problems = problems.filter(grade=query.grade)
    if query.source:
        problems = problems.filter(source=query.source)
    if query.department is not None:
        problems = problems.filter(department_id=query.department)
    return problems


@router.get(
    "/problems",
    response={200: list[ProblemOut], **error_responses(401, 403, 422)},
    summary="问题台账",
    description="可按状态、分级、来源、责任部门筛选; 最新发现的在前 (最多 500 条)。",
)
def list_problems(request: HttpRequest, query: Query[ProblemQuery]) -> QuerySet[Problem]:
    return _problems(request.auth, query)[:LIST_LIMIT]


@router.get(
    "/problems.xlsx",
    response={200: None, **error_responses(401, 403, 422)},
    summary="导出问题台账 (Excel)",
    description="与问题台账列表相同的筛选条件, 导出为 Excel 工作簿。",
    openapi_extra={"responses": {200: {"description": "Excel 文件", "content": {XLSX: {}}}}},
)
def export_problems(request: HttpRequest, query: Query[ProblemQuery]) -> HttpResponse:
    # Imported on use: the builder loads the spreadsheet library.
    from yingshang.rectification.documents.ledger_xlsx import build_ledger_xlsx

    content = build_ledger_xlsx(_problems(request.auth, query))
    return attachment(content, f"问题台账-{timezone.localdate():%Y%m%d}.xlsx", XLSX)


@router.get(
    "/problems/{problem_id}",
    response={200: ProblemOut, **error_responses(401, 403, 404)},
    summary="问题详情",
)
def problem_detail(request: HttpRequest, problem_id: int) -> Problem:
    require_reader(request.auth)
    return _get(selectors.problems_visible_to(request.auth), problem_id)


@router.get(
    "/problems/{problem_id}/duplicates",
    response={200: list[DuplicateHintOut], **error_responses(401, 403, 404)},
    summary="可能重复的问题",
    description="台账中与该问题文字相近的问题 (字符二元组 Jaccard 相似度, 最相近在前), 仅作提示。",
)
def problem_duplicates(request: HttpRequest, problem_id: int) -> list[dict]:
    require_reader(request.auth)
    problem = _get(selectors.problems_visible_to(request.auth), problem_id)
    hints = problem_services.duplicate_hints(
        zone=problem.zone,
        title=problem.title,
        description=problem.description,
        exclude_id=problem.pk,
    )
    return [
        {
            "id": hint.problem.pk,
            "code": hint.problem.code,
            "title": hint.problem.title,
            "similarity": hint.similarity,
        }
        for hint in hints
    ]


@router.post(
    "/problems",
    response={201: ProblemOut, **error_responses(401, 403, 404, 422)},
    summary="登记问题",
    description=(
        "登记一个问题, 编号 (WT年份-序号) 自动生成, 整改时限按分级时限和工作日历推算。"
        "仅限营商办与系统管理员。"
    ),
)
def create_problem(request: HttpRequest, payload: ProblemIn) -> Status[Problem]:
    user = request.auth
    zone = _zone_of(user, payload.zone_id)
    require_writer(user, zone)
    department = None
    if payload.department_id is not None:
        department = _department(zone, payload.department_id, "department_id")
    problem = problem_services.create_problem(
        actor=user,
        zone=zone,
        title=payload.title,
        source=payload.source,
        grade=payload.grade,
        reported_on=payload.reported_on,
        description=payload.description,
        evidence=payload.evidence,
        source_ref=payload.source_ref,
        indicator=payload.indicator,
        indicator_name=payload.indicator_name,
        department=department,
    )
    return Status(201, Problem.objects.get(pk=problem.pk))


@router.patch(
    "/problems/{problem_id}",
    response={200: ProblemOut, **error_responses(401, 403, 404, 409, 422)},
    summary="修改问题",
    description=(
        "只改传入的字段; 传读取时的 version, 期间他人已修改则返回 409。仅限营商办与系统管理员。"
    ),
)
def change_problem(request: HttpRequest, problem_id: int, payload: ProblemPatchIn) -> Problem:
    user = request.auth
    require_reader(user)
    problem = _get(selectors.problems_visible_to(user), problem_id)
    require_writer(user, problem.zone_id)
    fields = payload.dict(exclude_unset=True)
    version = fields.pop("version")
    if "department_id" in fields:
        department_id = fields.pop("department_id")
        fields["department"] = (
            None
            if department_id is None
            else _department(problem.zone, department_id, "department_id")
        )
    problem_services.update_problem(actor=user, problem=problem, expected_version=version, **fields)
    return Problem.objects.get(pk=problem.pk)


# --- plans -----------------------------------------------------------------------------------


def _plan(user: User, plan_id: int) -> Plan:
    require_reader(user)
    return _get(selectors.plans_visible_to(user), plan_id)


def _plan_detail(plan_id: int) -> Plan:
    return Plan.objects.prefetch_related(
        "items__supporting_departments",
        "items__problems",
        "items__tasks",
        "items__lead_department",
    ).get(pk=plan_id)


@router.get(
    "/plans",
    response={200: list[PlanOut], **error_responses(401, 403)},
    summary="整改方案列表",
    description="本功能区的整改方案 (部门只见已印发的), 最新在前。",
)
def list_plans(request: HttpRequest) -> QuerySet[Plan]:
    require_reader(request.auth)
    return selectors.plans_visible_to(request.auth).select_related("created_by")[:LIST_LIMIT]


@router.get(
    "/plans/{plan_id}",
    response={200: PlanDetailOut, **error_responses(401, 403, 404)},
    summary="整改方案详情",
    description="含各指标的评价情况 (冻结的得分、排名等) 与任务分工。",
)
def plan_detail(request: HttpRequest, plan_id: int) -> Plan:
    plan = _plan(request.auth, plan_id)
    return _plan_detail(plan.pk)


@router.post(
    "/plans",
    response={201: PlanDetailOut, **error_responses(401, 403, 404, 422)},
    summary="由评价生成整改方案草稿",
    description=(
        "按一次评价生成整改提升工作方案草稿: 每个一级指标一项, 冻结本区的得分与排名, "
        "短板弱项登记为问题。仅限营商办与系统管理员。"
    ),
)
def draft_plan(request: HttpRequest, payload: PlanDraftIn) -> Status[Plan]:
    user = request.auth
    require_reader(user)
    run = evaluation.get_run(user=user, run_id=payload.run_id)
    plan = plan_services.draft_plan_from_run(actor=user, run=run, weak_limit=payload.weak_limit)
    return Status(201, _plan_detail(plan.pk))


@router.post(
    "/plans/{plan_id}/submission",
    response={200: PlanOut, **error_responses(401, 403, 404, 409, 422)},
    summary="提交整改方案审批",
    description=(
        "把起草中的方案提交领导审批。传读取时的 version; 期间他人已修改则返回 409。"
        "仅限营商办与系统管理员。"
    ),
)
def submit_plan(request: HttpRequest, plan_id: int, payload: VersionIn) -> Plan:
    user = request.auth
    plan = _plan(user, plan_id)
    plan_services.submit_plan(actor=user, plan=plan, expected_version=payload.version)
    return Plan.objects.get(pk=plan.pk)


@router.post(
    "/plans/{plan_id}/approval",
    response={200: PlanOut, **error_responses(401, 403, 404, 409, 422)},
    summary="审批整改方案",
    description=(
        "领导 (或系统管理员) 审批已提交的方案。传读取时的 version; 期间他人已修改则返回 409。"
    ),
)
def approve_plan(request: HttpRequest, plan_id: int, payload: VersionIn) -> Plan:
    user = request.auth
    plan = _plan(user, plan_id)
    plan_services.approve_plan(actor=user, plan=plan, expected_version=payload.version)
    return Plan.objects.get(pk=plan.pk)


@router.post(
    "/plans/{plan_id}/publication",
    response={200: PlanOut, **error_responses(401, 403, 404, 409, 422)},
    summary="印发整改方案",
    description="印发已审批的方案并交办其中的任务。传读取时的 version; 期间他人已修改则返回 409。",
)
def publish_plan(request: HttpRequest, plan_id: int, payload: VersionIn) -> Plan:
    user = request.auth
    plan = _plan(user, plan_id)
    plan_services.publish_plan(actor=user, plan=plan, expected_version=payload.version)
    return Plan.objects.get(pk=plan.pk)


@router.get(
    "/plans/{plan_id}/document.docx",
    response={200: None, **error_responses(401, 403, 404)},
    summary="下载整改方案 (Word)",
    description="按整改提升工作方案的格式生成 Word 文件。",
    openapi_extra={"responses": {200: {"description": "Word 文件", "content": {DOCX: {}}}}},
)
def plan_document(request: HttpRequest, plan_id: int) -> HttpResponse:
    # Imported on use: the builder loads python-docx.
    from yingshang.rectification.documents.plan_docx import build_plan_docx

    plan = _plan(request.auth, plan_id)
    return attachment(build_plan_docx(plan), f"{plan.title}.docx", DOCX)


# --- tasks -----------------------------------------------------------------------------------


def _task_detail(task_id: int) -> Task:
    return (
        Task.objects.select_related("lead_department")
        .prefetch_related(
            "supporting_departments",
            "problems",
            "records__actor",
            "records__attachments",
            "extensions__requested_by",
            "extensions__decided_by",
        )
        .get(pk=task_id)
    )


def _task(user: User, task_id: int) -> Task:
    require_reader(user)
    return selectors.get_task(user=user, task_id=task_id)


@router.get(
    "/tasks",
    response={200: list[TaskOut], **error_responses(401, 403, 422)},
    summary="整改任务列表",
    description=(
        "营商办与领导看本功能区的任务, 部门只看本部门牵头或配合的任务。"
        "可按状态、部门、是否超期、是否即将到期筛选 (最多 500 条)。"
    ),
)
def list_tasks(request: HttpRequest, query: Query[TaskQuery]) -> QuerySet[Task]:
    user = request.auth
    require_reader(user)
    tasks = selectors.tasks_visible_to(user)
    if query.state:
        tasks = tasks.filter(state=query.state)
    if query.department is not None:
        ids = Task.objects.filter(
            Q(lead_department_id=query.department) | Q(supporting_departments__id=query.department)
        ).values("id")
        tasks = tasks.filter(id__in=ids)
    if query.overdue is not None:
        tasks = tasks.filter(overdue=query.overdue)
    if query.due_soon is not None:
        tasks = tasks.filter(due_soon=query.due_soon)
    tasks = tasks.select_related("lead_department").prefetch_related(
        "supporting_departments", "problems"
    )
    return tasks[:LIST_LIMIT]


@router.post(
    "/tasks/assign",
    response={200: list[TaskOut], **error_responses(401, 403, 404, 422)},
    summary="批量交办任务",
    description="把若干草稿任务交办给牵头部门并开始计时。仅限营商办与系统管理员。",
)
def assign_tasks(request: HttpRequest, payload: AssignIn) -> list[Task]:
    user = request.auth
    require_reader(user)
    ids = set(payload.task_ids)
    tasks = list(selectors.tasks_visible_to(user).filter(pk__in=ids))
    if len(tasks) != len(ids):
        raise Http404
    for zone_id in {task.zone_id for task in tasks}:
        require_writer(user, zone_id)
    try:
        task_services.assign_tasks(
            actor=user,
            task_ids=sorted(ids),
            deadline=payload.deadline,
            limit_workdays=payload.limit_workdays,
        )
    except TransitionRefused as exc:
        raise _refused(exc) from exc
    return [_task_detail(pk) for pk in sorted(ids)]


@router.get(
    "/tasks/{task_id}",
    response={200: TaskDetailOut, **error_responses(401, 403, 404)},
    summary="整改任务详情",
    description="含办理记录 (附件) 与延期申请。",
)
def task_detail(request: HttpRequest, task_id: int) -> Task:
    task = _task(request.auth, task_id)
    return _task_detail(task.pk)


@router.post(
    "/tasks",
    response={201: TaskOut, **error_responses(401, 403, 404, 422)},
    summary="新建整改任务",
    description=(
        "定责任、定时限、定标准、定措施。新任务为草稿, 交办后开始计时。仅限营商办与系统管理员。"
    ),
)
def create_task(request: HttpRequest, payload: TaskIn) -> Status[Task]:
    user = request.auth
    zone = _zone_of(user, payload.zone_id)
    require_writer(user, zone)
    plan = plan_item = None
    if payload.plan_id is not None:
        plan = selectors.plans_visible_to(user).filter(pk=payload.plan_id, zone=zone).first()
        if plan is None:
            raise ValidationError({"plan_id": "方案不存在或不属于该功能区"})
    if payload.plan_item_id is not None:
        if plan is None:
            raise ValidationError({"plan_item_id": "指定方案指标时须同时指定方案"})
        plan_item = plan.items.filter(pk=payload.plan_item_id).first()
        if plan_item is None:
            raise ValidationError({"plan_item_id": "方案中没有该指标"})
    person = None
    if payload.responsible_person_id is not None:
        person = User.objects.filter(pk=payload.responsible_person_id, zone=zone).first()
        if person is None:
            raise ValidationError({"responsible_person_id": "责任人不存在或不属于该功能区"})
    problems = list(
        selectors.problems_visible_to(user).filter(zone=zone, pk__in=payload.problem_ids)
    )
    if len(problems) != len(set(payload.problem_ids)):
        raise ValidationError({"problem_ids": "部分问题不存在或不属于该功能区"})
    task = task_services.create_task(
        actor=user,
        zone=zone,
        title=payload.title,
        lead_department=_department(zone, payload.lead_department_id, "lead_department_id"),
        deadline=payload.deadline,
        limit_workdays=payload.limit_workdays,
        plan=plan,
        plan_item=plan_item,
        list_kind=payload.list_kind,
        measure=payload.measure,
        standard=payload.standard,
        supporting_departments=_departments(
            zone, payload.supporting_department_ids, "supporting_department_ids"
        ),
        responsible_person=person,
        responsible_leader=payload.responsible_leader,
        problems=problems,
    )
    return Status(201, _task_detail(task.pk))


@router.post(
    "/tasks/{task_id}/transitions",
    response={200: TaskDetailOut, **error_responses(401, 403, 404, 409, 422)},
    summary="办理任务 (流程操作)",
    description=(
        "multipart/form-data: action 操作, expected_version 读取时的版本号, text 说明或理由, "
        "files 附件 (可多个)。报送进展与提请验收须填写整改情况, 提请验收须附佐证材料, "
        "退回与重新整改须填写理由。流程不允许时 422 说明原因; 期间他人已办理则 409。"
    ),
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
    _task(user, task_id)
    try:
        task_services.transition(
            actor=user,
            task_id=task_id,
            action=action,
            expected_version=expected_version,
            text=text,
            files=list(files or ()),
        )
    except TransitionRefused as exc:
        raise _refused(exc) from exc
    return _task_detail(task_id)


# --- extensions ------------------------------------------------------------------------------


@router.post(
    "/tasks/{task_id}/extensions",
    response={201: ExtensionOut, **error_responses(401, 403, 404, 422)},
    summary="申请延期",
    description="牵头部门在时限届满前申请延期, 由领导或营商办审批。",
)
def request_extension(
    request: HttpRequest, task_id: int, payload: ExtensionIn
) -> Status[Extension]:
    user = request.auth
    _task(user, task_id)
    extension = task_services.request_extension(
        actor=user, task_id=task_id, new_deadline=payload.new_deadline, reason=payload.reason
    )
    return Status(201, Extension.objects.get(pk=extension.pk))


@router.post(
    "/extensions/{extension_id}/decision",
    response={200: ExtensionOut, **error_responses(401, 403, 404, 422)},
    summary="审批延期申请",
    description="批准后任务时限改为申请的日期; 申请人收到通知。仅限领导、营商办与系统管理员。",
)
def decide_extension(request: HttpRequest, extension_id: int, payload: DecisionIn) -> Extension:
    user = request.auth
    require_reader(user)
    visible = Extension.objects.filter(task__in=selectors.tasks_visible_to(user).values("id"))
    extension = _get(visible, extension_id)
    require_decider(user, extension.task.zone_id)
    task_services.decide_extension(
        actor=user, extension_id=extension.pk, approve=payload.approve, note=payload.note
    )
    return Extension.objects.get(pk=extension.pk)


# --- performance -----------------------------------------------------------------------------


def _month_start(month: str) -> date:
    year, number = month.split("-")
    return date(int(year), int(number), 1)


def _over_months(monthly: list[DepartmentMonth]) -> list[DepartmentMonth]:
    """One figure per department over the whole range: counts summed, the mean days to close
    weighted by the tasks closed each month."""
    grouped: dict[Any, list[DepartmentMonth]] = {}
    for metric in monthly:
        grouped.setdefault(metric.department, []).append(metric)
    combined = []
    for department, months in grouped.items():
        timed = [(m.mean_workdays_to_close, m.closed) for m in months]
        timed = [(mean, n) for mean, n in timed if mean is not None and n > 0]
        closed_timed = sum(n for _mean, n in timed)
        mean = round(sum(mean * n for mean, n in timed) / closed_timed, 1) if timed else None
        combined.append(
            DepartmentMonth(
                department=department,
                month=f"{months[0].month}~{months[-1].month}",
                assigned=sum(m.assigned for m in months),
                done_on_time=sum(m.done_on_time for m in months),
                overdue=sum(m.overdue for m in months),
                closed=sum(m.closed for m in months),
                returned=sum(m.returned for m in months),
                mean_workdays_to_close=mean,
            )
        )
    return combined


@router.get(
    "/performance",
    response={200: list[PerformanceRowOut], **error_responses(401, 403, 422)},
    summary="部门整改效能考核",
    description=(
        "month_from 至 month_to (YYYY-MM, 含) 各部门的交办、按期完成、超期、销号、退回情况与"
        "效能得分, 按得分排名 (得分相同名次相同)。仅限营商办、领导与系统管理员。"
    ),
)
def performance(request: HttpRequest, query: Query[PerformanceQuery]) -> list[dict]:
    user = request.auth
    require_reader(user)
    if not has_role(user, *PERFORMANCE_READERS):
        raise PermissionDenied("无权访问: 仅限营商办、领导和系统管理员")
    zone = _zone_of(user, query.zone_id)
    monthly = selectors.department_performance(
        zone=zone,
        month_from=_month_start(query.month_from),
        month_to=_month_start(query.month_to),
    )
    weights = zone_settings(zone).score_weights or None
    rows = []
    for rank, metric, score in rank_departments(_over_months(monthly), weights):
        department = metric.department
        rows.append(
            {
                "rank": rank,
                "department": getattr(department, "name", str(department)),
                "department_id": getattr(department, "pk", None),
                "score": score,
                "assigned": metric.assigned,
                "done_on_time": metric.done_on_time,
                "overdue": metric.overdue,
                "closed": metric.closed,
                "returned": metric.returned,
                "mean_workdays_to_close": metric.mean_workdays_to_close,
            }
        )
    return rows


# --- notifications ---------------------------------------------------------------------------


@router.get(
    "/notifications",
    response={200: list[NotificationOut], **error_responses(401)},
    summary="我的通知",
    description="发给本人的通知 (交办、催办、督办、退回、延期审批等), 最新在前 (最多 500 条)。",
)
def list_notifications(
    request: HttpRequest, query: Query[NotificationQuery]
) -> QuerySet[Notification]:
    return notifications_for(request.auth, unread=bool(query.unread))[:LIST_LIMIT]


@router.post(
    "/notifications/{notification_id}/read",
    response={200: NotificationOut, **error_responses(401, 404)},
    summary="标记通知为已读",
)
def read_notification(request: HttpRequest, notification_id: int) -> Notification:
    notification = _get(notifications_for(request.auth), notification_id)
    mark_read(user=request.auth, notification_ids=[notification.pk])
    notification.refresh_from_db()
    return notification
