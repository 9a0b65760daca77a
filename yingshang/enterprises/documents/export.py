"""Exporting the enterprise registry to .xlsx with the import template's columns, so that an
exported file imports back unchanged. Streams: rows are read from the database in chunks and
written by XlsxWriter in constant-memory mode."""

import datetime as dt
from collections.abc import Iterable
from typing import Any, BinaryIO

from django.utils import timezone

from yingshang.enterprises.imports.columns import COLUMNS, HEADERS
from yingshang.enterprises.imports.template import DATA_SHEET
from yingshang.enterprises.selectors.enterprises import EnterpriseFilters, filtered_enterprises
from yingshang.kernel.models import (
    CreditRiskClass,
    Enterprise,
    EnterpriseStatus,
    EntityType,
    User,
)

CHUNK_SIZE = 2000
_LABELS: dict[str, dict[str, str]] = {
    "entity_type": dict(EntityType.choices),
    "status": dict(EnterpriseStatus.choices),
    "credit_risk_class": dict(CreditRiskClass.choices),
}
_AMOUNTS = frozenset({"registered_capital", "annual_revenue", "tax_paid", "rd_expense"})


def _qualifications(enterprise: Enterprise) -> str:
    parts = []
    for held in enterprise.qualifications.all():
        until = held.valid_until
        parts.append(f"{held.kind.name}:{until.isoformat()}" if until else held.kind.name)
    return ";".join(parts)


def _cell(enterprise: Enterprise, field: str) -> Any:
    if field == "zone":
        return enterprise.zone.name
    if field == "qualifications":
        return _qualifications(enterprise)
    if field == "size_class":
        return enterprise.get_size_class_display()
    value = getattr(enterprise, field)
    if field in _LABELS:
        return _LABELS[field].get(value, value)
    return value


def write_enterprises_xlsx(enterprises: Iterable[Enterprise], out: BinaryIO | str) -> int:
    """Write one sheet with the template's columns; returns the number of rows."""
    # Here, not at load: only this download needs XlsxWriter.
    from yingshang.lib.tabular.safe import workbook as safe_workbook

    workbook = safe_workbook(out, {"constant_memory": True})
    sheet = workbook.add_worksheet(DATA_SHEET)
    bold = workbook.add_format({"bold": True})
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    money = workbook.add_format({"num_format": "0.00"})
    for index, column in enumerate(COLUMNS):
        sheet.set_column(index, index, max(12, len(column.header) * 2 + 2))
    sheet.write_row(0, 0, HEADERS, bold)
    count = 0
    for count, enterprise in enumerate(enterprises, start=1):
        for index, column in enumerate(COLUMNS):
            value = _cell(enterprise, column.field)
            if value is None or value == "":
                continue
            if isinstance(value, dt.date):
                sheet.write_datetime(count, index, value, date)
            elif column.field in _AMOUNTS:
                sheet.write_number(count, index, float(value), money)
            elif isinstance(value, int):
                sheet.write_number(count, index, value)
            else:
                sheet.write_string(count, index, str(value))
    workbook.close()
    return count


def export_enterprises(*, user: User, filters: EnterpriseFilters, out: BinaryIO | str) -> int:
    """Export what `user` may see under `filters`, oldest first."""
    enterprises = (
        filtered_enterprises(user=user, filters=filters)
        .select_related("zone")
        .prefetch_related("qualifications__kind")
        .order_by("id")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    return write_enterprises_xlsx(enterprises, out)


def export_file_name() -> str:
    return f"市场主体_{timezone.localdate():%Y%m%d}.xlsx"
