"""The problem ledger (问题台账): registering and editing problems (the likely duplicates are
read by `selectors.problems.duplicate_hints`).

A problem's code is "WT{year}-{n:04d}" numbered per zone and year of discovery; its due date
follows from its grade's time limit (the zone's RectificationSettings) through the calendar.
A problem from an evaluation's weakness registered without a department takes the lead
department of its indicator in the zone's division of work (`IndicatorDepartment`), when the
zone has a row for it; otherwise its department is left to be assigned.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from yingshang.audit.services import changed_fields, snapshot
from yingshang.calendars.selectors import load_calendar
from yingshang.core.rectification.grades import deadline_for
from yingshang.kernel.models import Department, User, Zone
from yingshang.kernel.versioning import bump_version, check_version, lock_version
from yingshang.rectification import events
from yingshang.rectification.models import Problem, ProblemSource, ProblemStatus
from yingshang.rectification.selectors.indicator_departments import division_for, division_of_work
from yingshang.rectification.selectors.reference import department_of_zone
from yingshang.rectification.services.permissions import require_writer
from yingshang.rectification.services.settings import grade_limits

NOUN = "该问题"
EDITABLE_FIELDS = frozenset(
    {
        "title",
        "description",
        "evidence",
        "source",
        "source_ref",
        "indicator",
        "indicator_name",
        "grade",
        "status",
        "department",
        "reported_on",
        "due_on",
    }
)


def next_problem_code(zone: Zone, year: int) -> str:
    prefix = f"WT{year}-"
    codes = Problem.objects.filter(zone=zone, code__startswith=prefix).values_list(
        "code", flat=True
    )
    numbers = [int(code[len(prefix) :]) for code in codes if code[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def _set_due(problem: Problem, zone: Zone) -> None:
    limits = grade_limits(zone)
    limit = limits.get(problem.grade)
    if limit is None:
        raise ValidationError({"grade": f"功能区未设定 {problem.grade} 类问题的办理时限"})
    problem.due_on, problem.due_provisional = deadline_for(
        problem.reported_on, limit, load_calendar()
    )


def _check_department(zone: Zone, department: Department | None) -> None:
    if department is not None and department.zone_id != zone.pk:
        raise ValidationError({"department": "责任部门须为本功能区的部门"})


def proposed_department(*, zone: Zone, source: str, indicator: str) -> Department | None:
    """The lead department the zone's division of work names for an evaluation weakness's
    indicator; None for other sources, or when the zone names none (待指定牵头部门)."""
    if source != ProblemSource.EVALUATION or not indicator:
        return None
    division = division_for(division_of_work(zone), [indicator])
    return division.lead if division else None


@transaction.atomic
def create_problem(
    *,
    actor: User | None,
    zone: Zone,
    title: str,
    source: str,
    grade: str,
    reported_on: dt.date,
    description: str = "",
    evidence: str = "",
    source_ref: str = "",
    indicator: str = "",
    indicator_name: str = "",
    evaluation_run: Any = None,
    department: Department | int | None = None,
) -> Problem:
    require_writer(actor, zone)
    if isinstance(department, int):
        # An id from an API caller is resolved after the permission check, so that a caller
        # who may not write learns nothing about the zone's departments.
        department = department_of_zone(zone=zone, department_id=department, field="department_id")
    _check_department(zone, department)
    if source not in ProblemSource.values:
        raise ValidationError({"source": f"未知的问题来源: {source}"})
    if department is None:
        department = proposed_department(zone=zone, source=source, indicator=indicator)
    problem = Problem(
        zone=zone,
        code=next_problem_code(zone, reported_on.year),
        title=(title or "").strip(),
        description=description,
        evidence=evidence,
        source=source,
        source_ref=source_ref,
        indicator=indicator,
        indicator_name=indicator_name,
        evaluation_run=evaluation_run,
        grade=grade,
        department=department,
        reported_on=reported_on,
        created_by=actor,
    )
    if not problem.title:
        raise ValidationError({"title": "请填写问题"})
    if grade not in {"A", "B", "C"}:
        raise ValidationError({"grade": f"未知的问题分级: {grade}"})
    _set_due(problem, zone)
    problem.full_clean()
    problem.save()
    events.problem_registered(actor=actor, problem=problem, after=snapshot(problem))
    return problem


@transaction.atomic
def update_problem(
    *, actor: User, problem: Problem, expected_version: int, reason: str = "", **fields: Any
) -> Problem:
    """Edit a problem if nobody saved since `expected_version`; a new grade or discovery date
    recomputes the due date unless one is given."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(f"未知字段: {', '.join(sorted(unknown))}")
    locked = lock_version(Problem.objects, pk=problem.pk, expected_version=None, noun=NOUN)
    require_writer(actor, locked.zone_id)
    check_version(locked, expected_version, noun=NOUN)
    if "status" in fields and fields["status"] not in ProblemStatus.values:
        raise ValidationError({"status": "未知的问题状态"})
    _check_department(locked.zone, fields.get("department"))
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    if ("grade" in fields or "reported_on" in fields) and "due_on" not in fields:
        _set_due(locked, locked.zone)
    locked.full_clean()
    old, new = changed_fields(before, snapshot(locked))
    if not new:
        return locked
    bump_version(locked)
    locked.save()
    events.problem_updated(actor=actor, problem=locked, before=old, after=new, reason=reason)
    return locked
