from yingshang.kernel.models.enterprises import (
    CreditRiskClass,
    Enterprise,
    EnterpriseStatus,
    EntityType,
    Qualification,
    QualificationKind,
    SizeClass,
)
from yingshang.kernel.models.notifications import Notification
from yingshang.kernel.models.org import Department, Zone
from yingshang.kernel.models.users import Role, User

__all__ = [
    "CreditRiskClass",
    "Department",
    "Enterprise",
    "EnterpriseStatus",
    "EntityType",
    "Notification",
    "Qualification",
    "QualificationKind",
    "Role",
    "SizeClass",
    "User",
    "Zone",
]
