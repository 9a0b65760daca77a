"""What the rectification schemas share: the code lists as literal types, their descriptions, and
a department as the API names it."""

import re
from typing import Any, Literal

from ninja import Field, Schema

from yingshang.core.rectification.workflow import ACTION_LABELS, STATE_LABELS, Action, State
from yingshang.rectification.models import Grade, ListKind, ProblemSource, ProblemStatus

GradeValue = Literal[tuple(Grade.values)]
SourceValue = Literal[tuple(ProblemSource.values)]
ProblemStatusValue = Literal[tuple(ProblemStatus.values)]
ListKindValue = Literal[tuple(ListKind.values)]
StateValue = Literal[tuple(s.value for s in State)]
ActionValue = Literal[tuple(a.value for a in Action)]
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _choices(pairs: Any) -> str:
    return "; ".join(f"{value} {label}" for value, label in pairs)


GRADE_DESCRIPTION = "分级: " + _choices(Grade.choices)
SOURCE_DESCRIPTION = "来源: " + _choices(ProblemSource.choices)
STATUS_DESCRIPTION = "状态: " + _choices(ProblemStatus.choices)
STATE_DESCRIPTION = "任务状态: " + _choices((s.value, STATE_LABELS[s]) for s in State)
ACTION_DESCRIPTION = "操作: " + _choices((a.value, ACTION_LABELS[a]) for a in Action)


def _label(user: Any) -> str:
    return str(user) if user is not None else "系统"


class DepartmentRefOut(Schema):
    id: int
    name: str = Field(description="部门名称")
