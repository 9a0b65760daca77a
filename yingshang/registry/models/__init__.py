from yingshang.registry.models.enterprises import (
    CreditRiskClass,
    Enterprise,
    EnterpriseStatus,
    EntityType,
    Qualification,
    QualificationKind,
    SizeClass,
)
from yingshang.registry.models.org import Department, Zone
from yingshang.registry.models.users import Role, User

__all__ = [
    "CreditRiskClass",
    "Department",
    "Enterprise",
    "EnterpriseStatus",
    "EntityType",
    "Qualification",
    "QualificationKind",
    "Role",
    "SizeClass",
    "User",
    "Zone",
]
