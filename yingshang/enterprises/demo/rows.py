"""The rows the demo generator yields: plain dicts, one per enterprise."""

from datetime import date
from decimal import Decimal
from typing import TypedDict


class QualificationRow(TypedDict):
    kind: str  # QualificationKind.code
    certificate_no: str
    valid_from: date
    valid_until: date | None


class EnterpriseRow(TypedDict):
    uscc: str
    name: str
    entity_type: str
    status: str
    founded_on: date
    registered_capital: Decimal | None
    address: str
    industry_code: str
    industry_section: str
    size_class: str
    employees: int
    annual_revenue: Decimal
    tax_paid: Decimal
    rd_expense: Decimal | None
    credit_risk_class: str
    legal_representative: str
    contact_name: str
    contact_phone: str
    contact_email: str
    qualifications: list[QualificationRow]


ENTERPRISE_FIELDS: tuple[str, ...] = tuple(
    name for name in EnterpriseRow.__annotations__ if name != "qualifications"
)
