"""The zone's division of work per evaluation indicator (指标责任部门): who leads and who supports
the rectification of each indicator. The rows are the zone's data (edited in the admin); the
services read them to propose the departments of a plan's items and of the problems drafted
from an evaluation's weaknesses."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from yingshang.kernel.models import Department, Zone
from yingshang.rectification.models import IndicatorDepartment


@dataclass(frozen=True)
class Division:
    """The departments proposed for one indicator."""

    indicator: str
    lead: Department
    supporting: tuple[Department, ...] = ()


def division_of_work(zone: Zone | int) -> dict[str, Division]:
    """The zone's rows by indicator code (two queries, whatever the number of rows); a row
    whose lead department is no longer active proposes nothing, and inactive supporting
    departments are left out."""
    rows = (
        IndicatorDepartment.objects.filter(zone=zone, lead_department__is_active=True)
        .select_related("lead_department")
        .prefetch_related("supporting_departments")
    )
    return {
        row.indicator: Division(
            indicator=row.indicator,
            lead=row.lead_department,
            supporting=tuple(
                sorted(
                    (d for d in row.supporting_departments.all() if d.is_active),
                    key=lambda d: (d.sort_order, d.code),
                )
            ),
        )
        for row in rows
    }


def division_for(divisions: Mapping[str, Division], lineage: Iterable[str]) -> Division | None:
    """The division of the first indicator of `lineage` that has one: pass an indicator followed
    by its ancestors, so that a sub-indicator with no row of its own takes its parent's."""
    for indicator in lineage:
        found = divisions.get(indicator)
        if found is not None:
            return found
    return None
