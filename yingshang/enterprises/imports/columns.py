"""The import template's columns, their English aliases, and the mapping of a header row."""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from yingshang.lib.tabular.errors import HEADER_ROW, RowError


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: str
    max_length: int = 0
    required: bool = False
    help: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("统一社会信用代码", "uscc", "uscc", 18, True, "18位, 含校验码; 同一文件内不得重复"),
    Column("名称", "name", "text", 200, True, "市场主体名称"),
    Column("主体类型", "entity_type", "choice", help="新增时留空为“企业”"),
    Column("登记状态", "status", "choice", help="新增时留空为“存续”"),
    Column("成立日期", "founded_on", "date", help="YYYY-MM-DD 或 YYYY/MM/DD, 或 Excel 日期"),
    Column("注册资本(万元)", "registered_capital", "decimal", help="非负数, 最多两位小数"),
    Column("住所", "address", "text", 255),
    Column("功能区", "zone", "zone", help="功能区编码或名称; 留空则为导入时选择的功能区"),
    Column("行业代码", "industry_code", "industry", 5, help="GB/T 4754-2017, 如 6513 或 C3919"),
    Column("企业规模", "size_class", "choice"),
    Column("从业人数", "employees", "int", help="非负整数"),
    Column("年营业收入(万元)", "annual_revenue", "decimal", help="非负数, 最多两位小数"),
    Column("年纳税额(万元)", "tax_paid", "decimal", help="非负数, 最多两位小数"),
    Column("年研发投入(万元)", "rd_expense", "decimal", help="非负数, 最多两位小数"),
    Column("信用风险分类", "credit_risk_class", "choice"),
    Column("法定代表人", "legal_representative", "text", 50),
    Column("联系人", "contact_name", "text", 50),
    Column("联系电话", "contact_phone", "text", 30),
    Column("电子邮箱", "contact_email", "email", 254),
    Column(
        "资质",
        "qualifications",
        "qualifications",
        help="资质名称或编码, 可加有效期止, 多个用分号分隔, 如 高新技术企业:2027-12-31;瞪羚企业",
    ),
)

HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS)
REQUIRED_FIELDS = frozenset(c.field for c in COLUMNS if c.required)


def normalize_header(text: str) -> str:
    """Full-width to half-width (（万元） -> (万元)), spaces dropped, Latin letters lower-cased."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


_BY_HEADER: dict[str, Column] = {}
for _column in COLUMNS:
    _BY_HEADER[normalize_header(_column.header)] = _column
    _BY_HEADER[normalize_header(_column.field)] = _column


@dataclass(frozen=True)
class MappedColumn:
    index: int
    column: Column
    written: str


@dataclass(frozen=True)
class HeaderMap:
    columns: tuple[MappedColumn, ...]
    errors: tuple[RowError, ...]

    def written(self, field: str) -> str:
        """The header of `field` as the file spells it (the template's if absent)."""
        for mapped in self.columns:
            if mapped.column.field == field:
                return mapped.written
        return next(c.header for c in COLUMNS if c.field == field)

    def has(self, field: str) -> bool:
        return any(m.column.field == field for m in self.columns)


def _cell_text(value: object) -> str:
    return "" if value is None else str(value).strip()


def map_headers(cells: Sequence[object]) -> HeaderMap:
    """Match a header row to the template's columns; unknown, repeated, missing ones are errors."""
    mapped: list[MappedColumn] = []
    errors: list[RowError] = []
    seen: dict[str, str] = {}
    for index, cell in enumerate(cells):
        written = _cell_text(cell)
        if not written:
            continue
        column = _BY_HEADER.get(normalize_header(written))
        if column is None:
            errors.append(RowError(HEADER_ROW, written, "未知的列, 请使用导入模板的列名"))
        elif column.field in seen:
            errors.append(RowError(HEADER_ROW, written, f"与“{seen[column.field]}”列重复"))
        else:
            seen[column.field] = written
            mapped.append(MappedColumn(index, column, written))
    for column in COLUMNS:
        if column.required and column.field not in seen:
            errors.append(RowError(HEADER_ROW, column.header, "缺少必填列"))
    return HeaderMap(columns=tuple(mapped), errors=tuple(errors))
