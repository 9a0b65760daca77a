"""Reading the problem ledger (问题台账): the filtered list (pages, API and the Excel export),
one problem, problems named by id, and the problems that read much like one."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from yingshang.core.rectification.duplicates import likely_duplicates
from yingshang.kernel.access import scoped
from yingshang.kernel.models import Zone
from yingshang.rectification.models import Problem, ProblemStatus
from yingshang.rectification.selectors.common import require_reader

PROBLEM_DEPARTMENTS = (
    "department_id",
    "tasks__lead_department_id",
    "tasks__supporting_departments__id",
)
"""A department sees the problems it is responsible for and those of the tasks it sees."""


@dataclass(frozen=True)
class ProblemFilters:
    """The ledger's filters. None or "": no filter; `q` a word of the problem's title."""

    status: str | None = None
    grade: str | None = None
    source: str | None = None
    department: int | None = None
    q: str = ""


def problems_visible_to(user: Any) -> QuerySet[Problem]:
    """Office, leaders: the zone's ledger; departments: problems assigned to them or to their
    tasks; others: none."""
    return scoped(Problem.objects.all(), user=user, departments=PROBLEM_DEPARTMENTS)


def problem_list(*, user: Any, filters: ProblemFilters = ProblemFilters()) -> QuerySet[Problem]:
    """The problems the user may see that pass the filters, newest first."""
    require_reader(user)
    problems = problems_visible_to(user).select_related("department", "created_by")
    for name in ("status", "grade", "source"):
        value = getattr(filters, name)
        if value:
            problems = problems.filter(**{name: value})
    if filters.department is not None:
        problems = problems.filter(department_id=filters.department)
    if filters.q.strip():
        problems = problems.filter(title__icontains=filters.q.strip())
    return problems


def get_problem(*, user: Any, problem_id: int) -> Problem:
    require_reader(user)
    problem = problems_visible_to(user).filter(pk=problem_id).first()
    if problem is None:
        raise Http404("未找到该问题")
    return problem


def problems_of_zone(*, user: Any, zone: Zone, ids: Iterable[int], field: str) -> list[Problem]:
    """The named problems of the zone's ledger, or a ValidationError on `field`."""
    wanted = set(ids)
    found = list(problems_visible_to(user).filter(zone=zone, pk__in=wanted))
    if len(found) != len(wanted):
        raise ValidationError({field: "部分问题不存在或不属于该功能区"})
    return found


@dataclass(frozen=True)
class DuplicateHint:
    problem: Problem
    similarity: float


def duplicate_hints(
    *,
    zone: Zone,
    title: str,
    description: str = "",
    exclude_id: int | None = None,
    user: Any = None,
) -> list[DuplicateHint]:
    """Problems of the zone's ledger that read much like this one (a hint, never a refusal);
    with `user`, only those the user may see."""
    rows = Problem.objects.all() if user is None else problems_visible_to(user)
    rows = rows.filter(zone=zone).exclude(status=ProblemStatus.DISMISSED)
    if exclude_id is not None:
        rows = rows.exclude(pk=exclude_id)
    by_id = {problem.pk: problem for problem in rows}
    candidates = [(pk, f"{p.title} {p.description}".strip()) for pk, p in by_id.items()]
    text = f"{title} {description}".strip()
    return [
        DuplicateHint(problem=by_id[pk], similarity=score)
        for pk, score in likely_duplicates(text, candidates)
    ]


def problem_duplicates(*, user: Any, problem_id: int) -> list[DuplicateHint]:
    """The hints for a problem the user may see, among the problems the user may see."""
    problem = get_problem(user=user, problem_id=problem_id)
    return duplicate_hints(
        zone=problem.zone,
        title=problem.title,
        description=problem.description,
        exclude_id=problem.pk,
        user=user,
    )
