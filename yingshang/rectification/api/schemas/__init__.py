"""The rectification API's schemas, one module per resource; every name is also here."""

from yingshang.rectification.api.schemas.common import ActionValue, DepartmentRefOut
from yingshang.rectification.api.schemas.extensions import DecisionIn, ExtensionIn, ExtensionOut
from yingshang.rectification.api.schemas.notifications import NotificationOut, NotificationQuery
from yingshang.rectification.api.schemas.performance import PerformanceQuery, PerformanceRowOut
from yingshang.rectification.api.schemas.plans import (
    PlanDetailOut,
    PlanDraftIn,
    PlanItemOut,
    PlanOut,
    VersionIn,
)
from yingshang.rectification.api.schemas.problems import (
    DuplicateHintOut,
    ProblemIn,
    ProblemOut,
    ProblemPatchIn,
    ProblemQuery,
)
from yingshang.rectification.api.schemas.tasks import (
    AssignIn,
    AttachmentOut,
    RecordOut,
    TaskDetailOut,
    TaskIn,
    TaskOut,
    TaskQuery,
)

__all__ = [
    "ActionValue",
    "AssignIn",
    "AttachmentOut",
    "DecisionIn",
    "DepartmentRefOut",
    "DuplicateHintOut",
    "ExtensionIn",
    "ExtensionOut",
    "NotificationOut",
    "NotificationQuery",
    "PerformanceQuery",
    "PerformanceRowOut",
    "PlanDetailOut",
    "PlanDraftIn",
    "PlanItemOut",
    "PlanOut",
    "ProblemIn",
    "ProblemOut",
    "ProblemPatchIn",
    "ProblemQuery",
    "RecordOut",
    "TaskDetailOut",
    "TaskIn",
    "TaskOut",
    "TaskQuery",
    "VersionIn",
]
