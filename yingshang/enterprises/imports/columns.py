"""The import template's columns, their English aliases, and the mapping of a header row."""

from collections.abc import Sequence
from dataclasses import dataclass

from yingshang.lib.tabular.headers import HeaderMap as GenericHeaderMap
from yingshang.lib.tabular.headers import HeaderMatcher


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: str
    max_length: int = 0
    required: bool = False
    help: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("统一社会信用代码", "uscc", "uscc", 18, True, "18位，含校验码；同一文件内不得重复"),
    Column("名称", "name", "text", 200, True, "市场主体名称"),
    Column("主体类型", "entity_type", "choice", help="新增时留空为“企业”"),
    Column("登记状态", "status", "choice", help="新增时留空为“存续”"),
    Column("成立日期", "founded_on", "date", help="YYYY-MM-DD 或 YYYY/MM/DD，或 Excel 日期"),
    Column("注册资本(万元)", "registered_capital", "decimal", help="非负数，最多两位小数"),
    Column("住所", "address", "text", 255),
    Column("功能区", "zone", "zone", help="功能区编码或名称；留空则为导入时选择的功能区"),
    Column("行业代码", "industry_code", "industry", 5, help="GB/T 4754-2017，如 6513 或 C3919"),
    Column("企业规模", "size_class", "choice"),
    Column("从业人数", "employees", "int", help="非负整数"),
    Column("年营业收入(万元)", "annual_revenue", "decimal", help="非负数，最多两位小数"),
    Column("年纳税额(万元)", "tax_paid", "decimal", help="非负数，最多两位小数"),
    Column("年研发投入(万元)", "rd_expense", "decimal", help="非负数，最多两位小数"),
    Column("信用风险分类", "credit_risk_class", "choice"),
    Column("法定代表人", "legal_representative", "text", 50),
    Column("联系人", "contact_name", "text", 50),
    Column("联系电话", "contact_phone", "text", 30),
    Column("电子邮箱", "contact_email", "email", 254),
    Column(
        "资质",
        "qualifications",
        "qualifications",
        help="资质名称或编码，可加有效期止，多个用分号分隔，如 高新技术企业:2027-12-31;瞪羚企业",
    ),
)

HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS)
REQUIRED_FIELDS = frozenset(c.field for c in COLUMNS if c.required)


HeaderMap = GenericHeaderMap[Column]
_MATCHER = HeaderMatcher(COLUMNS)


def map_headers(cells: Sequence[object]) -> HeaderMap:
    """Match a header row to the template's columns; unknown, repeated, missing ones are errors."""
    return _MATCHER.match(cells)
