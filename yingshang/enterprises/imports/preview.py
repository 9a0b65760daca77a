"""Showing parsed records as text, for the preview table."""

from yingshang.enterprises.imports.columns import COLUMNS, HeaderMap
from yingshang.enterprises.imports.rows import EnterpriseRecord, Vocabulary

_RECORD_FIELD = {"zone": "zone_id"}


def _shown(field: str, value: object, vocabulary: Vocabulary) -> str:
    if value is None:
        return ""
    if field in vocabulary.choices:
        return vocabulary.choices[field].label_of.get(value, str(value))
    if field == "zone":
        return vocabulary.zones.label_of.get(value, str(value))
    if field == "qualifications":
        parts = []
        for kind, until in value:  # type: ignore[attr-defined]
            name = vocabulary.kinds.label_of.get(kind, str(kind))
            parts.append(f"{name}:{until.isoformat()}" if until else name)
        return ";".join(parts)
    return str(value)


def preview_headers(header: HeaderMap) -> list[str]:
    """The file's columns in template order, as the file spells them."""
    return [header.written(c.field) for c in COLUMNS if header.has(c.field)]


def preview_row(record: EnterpriseRecord, header: HeaderMap, vocabulary: Vocabulary) -> list[str]:
    cells = [str(record.row)]
    for column in COLUMNS:
        if header.has(column.field):
            value = getattr(record, _RECORD_FIELD.get(column.field, column.field))
            cells.append(_shown(column.field, value, vocabulary))
    return cells
