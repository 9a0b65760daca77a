"""Code lists of the rectification records and the one way to turn them into Django choices.

Each code list is a `StrEnum` (the stored codes) with a mapping to its Chinese labels, kept with
the rules that use it:

- task states and actions: `workflow.State` / `STATE_LABELS`, `workflow.Action` / `ACTION_LABELS`;
- plan status and kind: `plan_workflow.PlanStatus` / `PLAN_STATUS_LABELS`, `PlanKind` /
  `PLAN_KIND_LABELS`;
- problem sources and status: `problems.ProblemSource` / `SOURCE_LABELS`, `ProblemStatus` /
  `PROBLEM_STATUS_LABELS`;
- grades and limit units: `grades.Grade` / `GRADE_LABELS`, `grades.LimitUnit` / `UNIT_LABELS`;
- escalation steps: `clocks.Step` / `STEP_LABELS`;
- the lists without rules of their own, here: `ListKind` (清单) and `ExtensionStatus` (延期申请).

`choices(LABELS)` gives a model field's choices; `text_choices_members(LABELS)` the members for
Django's functional TextChoices API, which keeps `Model.Status.DRAFT`, `.values` and `.labels`
working for forms, schemas and imports:

    PlanStatus = models.TextChoices("PlanStatus", text_choices_members(PLAN_STATUS_LABELS))
"""

from collections.abc import Mapping
from enum import StrEnum


class ListKind(StrEnum):
    """Stored in Task.list_kind: which of the three lists (三张清单) a task belongs to."""

    TASK = "task"
    PROBLEM = "problem"
    INNOVATION = "innovation"


LIST_KIND_LABELS: dict[ListKind, str] = {
    ListKind.TASK: "任务清单",
    ListKind.PROBLEM: "问题清单",
    ListKind.INNOVATION: "创新清单",
}


class ExtensionStatus(StrEnum):
    """Stored in Extension.status."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


EXTENSION_STATUS_LABELS: dict[ExtensionStatus, str] = {
    ExtensionStatus.PENDING: "待审批",
    ExtensionStatus.APPROVED: "已批准",
    ExtensionStatus.REJECTED: "未批准",
}


class LabelsError(ValueError):
    """A label mapping that does not cover its code list exactly."""


def _checked(labels: Mapping[StrEnum, str]) -> list[StrEnum]:
    """The members in their declared order; a member without a label (or a key of another list)
    is refused, so a code added to an enum cannot silently go missing from the choices."""
    if not labels:
        raise LabelsError("标签表为空")
    kind = type(next(iter(labels)))
    members = list(kind)
    if set(labels) != set(members) or any(type(key) is not kind for key in labels):
        missing = "、".join(m.value for m in members if m not in labels) or "无"
        raise LabelsError(f"{kind.__name__} 的标签表与代码不一致（缺少：{missing}）")
    return members


def choices(labels: Mapping[StrEnum, str]) -> list[tuple[str, str]]:
    """[(code, label), ...] in the enum's order, codes as plain str (so migrations compare and
    serialise them as before)."""
    return [(member.value, labels[member]) for member in _checked(labels)]


def text_choices_members(labels: Mapping[StrEnum, str]) -> list[tuple[str, tuple[str, str]]]:
    """[(NAME, (code, label)), ...] for `models.TextChoices("Name", ...)`."""
    return [(member.name, (member.value, labels[member])) for member in _checked(labels)]
