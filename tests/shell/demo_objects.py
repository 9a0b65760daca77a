"""The demo zone the route table is walked over, built once per test module, and the demo
objects whose ids fill the routes' path parameters."""

import datetime as dt
from typing import Any

from django.db.models import Q

from tests.conftest import make_uscc
from tests.shell.routes import NO_SUCH_ID
from yingshang.appeals.models import Appeal, AppealKind, Rating
from yingshang.core.appeals.kinds import Channel
from yingshang.core.appeals.workflow import State
from yingshang.demo import reference as ref
from yingshang.demo.build import build_demo
from yingshang.evaluation.models import EvaluationRun
from yingshang.kernel.models import Department, Enterprise, Notification, User, Zone
from yingshang.rectification.models import (
    Attachment,
    Extension,
    ExtensionStatus,
    Plan,
    Problem,
    ProblemSource,
    Task,
)

DEMO_SIZE = 40
USERNAMES = {
    "admin": "admin",
    "office": "office",
    "department": "dept_scjg",
    "leader": "leader",
    "enterprise": "enterprise",
    "supervisor": "supervisor",
}
"""The demo account that stands for each role (one department of three has the column)."""

PARAMS = {
    # pages
    "pk": "enterprise",
    "token": "import_token",
    "run_id": "run",
    "unit": "unit",
    "task_id": "task",
    "attachment_id": "attachment",
    "extension_id": "extension",
    "plan_id": "plan",
    "item_id": "plan_item",
    "step": "plan_step",
    # API
    "enterprise_id": "enterprise",
    "methodology_id": "methodology",
    "dataset_id": "dataset",
    "problem_id": "problem",
    "notification_id": "notification",
    # appeals (pages and API); an appeal's extension shares `extension_id` with rectification's
    "appeal_id": "appeal",
    "rating_id": "rating",
    "service_request_id": "appeal",
}
"""Which demo object fills each path parameter by default: objects the department account's
department leads and the enterprise account's own enterprise, so that those roles are let in."""

VARIANTS = {
    # A task, its attachment, a problem and an appeal of a department the department account is
    # not in (the appeal of another enterprise than the enterprise account's).
    "other_department": {"task_id": "other_task", "attachment_id": "other_attachment"}
    | {"problem_id": "other_problem", "appeal_id": "other_appeal"},
    # Another enterprise of the same zone.
    "other_enterprise": {"pk": "other_enterprise", "enterprise_id": "other_enterprise"},
    # An enterprise, a task, a problem and an appeal of another zone.
    "other_zone": {"pk": "foreign_enterprise", "enterprise_id": "foreign_enterprise"}
    | {"task_id": "foreign_task", "problem_id": "foreign_problem", "appeal_id": "foreign_appeal"},
    # Another user's notification.
    "other_user": {"notification_id": "other_notification"},
    # The first period's run, which no plan was drafted from.
    "first_run": {"run_id": "first_run"},
    # An id that names nothing.
    "missing": {
        p: "missing"
        for p in ("task_id", "problem_id", "run_id", "plan_id", "appeal_id", "service_request_id")
    },
}
"""Rows keyed "<route> @<variant>" fill these parameters with other objects."""


def _first(queryset, order: str = "id") -> Any:
    row = queryset.order_by(order).first()
    if row is None:
        raise AssertionError(f"the demo has no {queryset.model.__name__} for the route table")
    return row


def _task_with_attachment(zone: Zone, *, led_by: Department | None, avoid: Department | None):
    tasks = Task.objects.filter(zone=zone, records__attachments__isnull=False).distinct()
    if led_by is not None:
        tasks = tasks.filter(lead_department=led_by)
    if avoid is not None:
        tasks = tasks.exclude(lead_department=avoid).exclude(supporting_departments=avoid)
    return _first(tasks)


def _foreign_records(zone: Zone) -> dict[str, int]:
    """An enterprise, a task, a problem and an appeal of another zone (the demo fills only its
    own)."""
    enterprise = Enterprise.objects.create(uscc=make_uscc(), name="外区测试有限公司", zone=zone)
    department = Department.objects.create(zone=zone, code="wqbm", name="外区测试局")
    task = Task.objects.create(
        zone=zone, code="RW-外区-1", title="外区任务", lead_department=department
    )
    problem = Problem.objects.create(
        zone=zone,
        code="WT-外区-1",
        title="外区问题",
        source=ProblemSource.APPEAL,
        department=department,
        reported_on=dt.date(2026, 1, 5),
    )
    appeal = Appeal.objects.create(
        zone=zone,
        number="SQ-2026-000001",
        channel=Channel.PHONE.value,
        kind=AppealKind.objects.get(zone=None, code="complaint"),
        title="外区诉求",
        content="外区企业反映的问题。",
        enterprise=enterprise,
        applicant_name="外区企业",
        lead_department=department,
        state=State.HANDLING.value,
        received_on=dt.date(2026, 1, 5),
        acceptance_deadline=dt.date(2026, 1, 8),
        accepted_on=dt.date(2026, 1, 6),
        dispatched_on=dt.date(2026, 1, 6),
        handling_deadline=dt.date(2026, 1, 23),
    )
    return {
        "foreign_enterprise": enterprise.pk,
        "foreign_task": task.pk,
        "foreign_problem": problem.pk,
        "foreign_appeal": appeal.pk,
    }


def _appeals(zone: Zone, department: Department, own: Enterprise) -> dict[str, int]:
    """The department account's case of the enterprise account's own enterprise, being handled
    (reopened after the enterprise's 差评, which it carries), and another department's case of
    another enterprise."""
    appeals = Appeal.objects.filter(zone=zone, state=State.HANDLING.value)
    appeal = _first(
        appeals.filter(lead_department=department, enterprise=own, ratings__isnull=False)
    )
    other = _first(
        appeals.filter(enterprise__isnull=False, reopen_count=0)
        .exclude(lead_department=department)
        .exclude(enterprise=own)
    )
    return {
        "appeal": appeal.pk,
        "rating": _first(Rating.objects.filter(appeal=appeal)).pk,
        "other_appeal": other.pk,
    }


def build_demo_objects() -> dict[str, Any]:
    """Build the demo and return the users by role and the objects by name (see PARAMS)."""
    build_demo(size=DEMO_SIZE)
    zone = Zone.objects.get(code=ref.HOSTED_ZONE["code"])
    users = {role: User.objects.get(username=name) for role, name in USERNAMES.items()}
    department = users["department"].department
    own = users["enterprise"].enterprise
    run = _first(EvaluationRun.objects.filter(zone=zone), order="-id")  # the latest period
    task = _task_with_attachment(zone, led_by=department, avoid=None)
    other_task = _task_with_attachment(zone, led_by=None, avoid=department)
    their_tasks = Task.objects.filter(
        Q(lead_department=department) | Q(supporting_departments=department)
    )
    plan = _first(Plan.objects.filter(zone=zone))
    objects = {
        "enterprise": own.pk,
        "enterprise_uscc": own.uscc,
        "other_enterprise": _first(Enterprise.objects.filter(zone=zone).exclude(pk=own.pk)).pk,
        **_foreign_records(_first(Zone.objects.exclude(pk=zone.pk))),
        "import_token": "no-such-upload",
        "run": run.pk,
        "first_run": _first(EvaluationRun.objects.filter(zone=zone)).pk,
        "unit": zone.name,
        "methodology": run.methodology_id,
        "dataset": run.dataset_id,
        "task": task.pk,
        "attachment": _first(Attachment.objects.filter(record__task=task)).pk,
        "other_task": other_task.pk,
        "other_attachment": _first(Attachment.objects.filter(record__task=other_task)).pk,
        "extension": _first(
            Extension.objects.filter(task__zone=zone, status=ExtensionStatus.PENDING)
        ).pk,
        "plan": plan.pk,
        "plan_item": _first(plan.items.all()).pk,
        "plan_step": "submit",
        "problem": _first(Problem.objects.filter(zone=zone, department=department)).pk,
        "other_problem": _first(
            Problem.objects.filter(zone=zone, department__isnull=False)
            .exclude(department=department)
            .exclude(tasks__in=their_tasks)
        ).pk,
        **_appeals(zone, department, own),
        "notification": _first(Notification.objects.filter(user=users["department"])).pk,
        "other_notification": _first(Notification.objects.filter(user=users["office"])).pk,
        "missing": NO_SUCH_ID,
    }
    return {"users": users, "objects": objects, "zone": zone}


def values_for(objects: dict[str, Any], variant: str) -> dict[str, Any]:
    """The path parameter values of a row: the defaults, with the variant's replacements."""
    names = PARAMS | VARIANTS.get(variant, {})
    return {param: objects[name] for param, name in names.items()}
