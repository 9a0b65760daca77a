"""Creating a task from the ids an API caller sends.

The caller's permission is checked first and the ids are resolved after it, so that a caller
who may not create tasks is refused (403) before anything about the zone's departments, plans,
people or problems is looked up; a writer who names a record that does not exist gets a
validation error on that field (422).
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from yingshang.kernel.models import User, Zone
from yingshang.rectification.models import ListKind, Task
from yingshang.rectification.selectors import reference
from yingshang.rectification.selectors.plans import plan_item_of, plan_of_zone
from yingshang.rectification.selectors.problems import problems_of_zone
from yingshang.rectification.services.permissions import require_writer
from yingshang.rectification.services.tasks import create_checked_task


@dataclass(frozen=True)
class TaskReferences:
    lead_department_id: int
    supporting_department_ids: Sequence[int] = ()
    plan_id: int | None = None
    plan_item_id: int | None = None
    responsible_person_id: int | None = None
    problem_ids: Sequence[int] = ()


@transaction.atomic
def create_task_by_reference(
    *,
    actor: User,
    zone: Zone,
    title: str,
    references: TaskReferences,
    deadline: dt.date | None = None,
    limit_workdays: int | None = None,
    list_kind: str = ListKind.TASK,
    measure: str = "",
    standard: str = "",
    responsible_leader: str = "",
) -> Task:
    require_writer(actor, zone)
    ids = references
    plan = plan_item = person = None
    if ids.plan_id is not None:
        plan = plan_of_zone(user=actor, zone=zone, plan_id=ids.plan_id, field="plan_id")
    if ids.plan_item_id is not None:
        if plan is None:
            raise ValidationError({"plan_item_id": "指定方案指标时须同时指定方案"})
        plan_item = plan_item_of(plan=plan, item_id=ids.plan_item_id, field="plan_item_id")
    if ids.responsible_person_id is not None:
        person = reference.user_of_zone(
            zone=zone, user_id=ids.responsible_person_id, field="responsible_person_id"
        )
    return create_checked_task(
        actor=actor,
        zone=zone,
        title=title,
        lead_department=reference.department_of_zone(
            zone=zone, department_id=ids.lead_department_id, field="lead_department_id"
        ),
        deadline=deadline,
        limit_workdays=limit_workdays,
        plan=plan,
        plan_item=plan_item,
        list_kind=list_kind,
        measure=measure,
        standard=standard,
        supporting_departments=reference.departments_of_zone(
            zone=zone, ids=ids.supporting_department_ids, field="supporting_department_ids"
        ),
        responsible_person=person,
        responsible_leader=responsible_leader,
        problems=problems_of_zone(user=actor, zone=zone, ids=ids.problem_ids, field="problem_ids"),
    )
