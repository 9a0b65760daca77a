"""The enterprise's fields in the groups and order in which every screen shows them."""

BASIC = (
    "name",
    "uscc",
    "entity_type",
    "status",
    "founded_on",
    "registered_capital",
    "legal_representative",
    "zone",
    "address",
)
OPERATIONS = (
    "industry_code",
    "industry_section",
    "size_class",
    "employees",
    "annual_revenue",
    "tax_paid",
    "rd_expense",
    "credit_risk_class",
)
CONTACTS = ("contact_name", "contact_phone", "contact_email")
RECORD = ("version", "created_at", "updated_at")

ENTERPRISE_FIELD_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("基本信息", BASIC),
    ("行业与经营", OPERATIONS),
    ("联系方式", CONTACTS),
    ("记录", RECORD),
)

# What an edit may change: the code identifies the record, the zone moves only by import or admin.
EDITABLE_FIELDS: tuple[str, ...] = tuple(
    name
    for _title, names in ENTERPRISE_FIELD_GROUPS
    for name in names
    if name not in ("uscc", "zone", *RECORD)
)
