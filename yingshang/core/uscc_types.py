"""Whether a 统一社会信用代码's first two characters agree with the registry's entity type.

By GB 32100-2015 the first character is the registration authority (登记管理部门代码) and the
second the kind of entity it registered (机构类别代码): "91" is an enterprise registered by the
market regulator (工商), "92" an individual business (个体工商户), "93" a farmers' cooperative.
A mismatch is a warning, never a refusal: real registries hold old records and corrections in
progress, and the code is what the licence says.
"""

from dataclasses import dataclass

from yingshang.core.uscc import normalize

AUTHORITIES: dict[str, str] = {
    "1": "机构编制部门",
    "2": "外交部门",
    "3": "司法行政部门",
    "4": "文化部门",
    "5": "民政部门",
    "6": "旅游部门",
    "7": "宗教事务部门",
    "8": "工会",
    "9": "市场监管部门",
    "A": "中央军委改革和编制办公室",
    "N": "农业部门",
    "Y": "其他部门",
}
"""登记管理部门代码: the first character."""

KINDS: dict[str, str] = {
    "11": "机关",
    "12": "事业单位",
    "13": "中央编办直接管理机构编制的群众团体",
    "21": "外国常驻新闻机构",
    "31": "律师执业机构",
    "32": "公证处",
    "33": "基层法律服务所",
    "34": "司法鉴定机构",
    "35": "仲裁委员会",
    "41": "外国在华文化中心",
    "51": "社会团体",
    "52": "民办非企业单位",
    "53": "基金会",
    "61": "外国旅游部门常驻代表机构",
    "62": "港澳台地区旅游部门常驻内地（大陆）代表机构",
    "71": "宗教活动场所",
    "72": "宗教院校",
    "81": "基层工会",
    "91": "企业",
    "92": "个体工商户",
    "93": "农民专业合作社",
    "A1": "军队事业单位",
    "N1": "组级集体经济组织",
    "N2": "村级集体经济组织",
    "N3": "乡镇级集体经济组织",
}
"""登记管理部门代码 and 机构类别代码 together: what the first two characters stand for."""

EXPECTED_PREFIXES: dict[str, tuple[str, ...]] = {
    "company": ("91",),
    # A branch (分公司) is registered as an enterprise; a cooperative's branch as a cooperative.
    "branch": ("91", "93"),
    "individual": ("92",),
    "cooperative": ("93",),
}
"""The prefixes each of the registry's entity types (kernel EntityType values) may carry; a
type missing here ("other") is not checked."""


def holder_kind(code: str) -> str:
    """What the first two characters say the holder is: "企业" for "91…", "个体工商户" for
    "92…", the authority's other entities for an unlisted second character ("民政部门登记的其他
    主体" for "59…"), "" when the first character is no authority."""
    prefix = normalize(code)[:2]
    if prefix in KINDS:
        return KINDS[prefix]
    authority = AUTHORITIES.get(prefix[:1])
    return f"{authority}登记的其他主体" if authority else ""


@dataclass(frozen=True)
class TypeMismatch:
    """A code whose first two characters another entity type carries."""

    prefix: str
    holder: str
    expected: tuple[str, ...]

    def message(self, type_label: str) -> str:
        """The warning, in Chinese, for the entity type named `type_label` ("个体工商户")."""
        holder = f"（{self.holder}）" if self.holder else ""
        expected = "或".join(f"“{p}”" for p in self.expected)
        return (
            f"统一社会信用代码前两位为“{self.prefix}”{holder}，与主体类型“{type_label}”不符："
            f"{type_label}的代码通常以{expected}开头。请核对代码或主体类型。"
        )


def type_mismatch(code: str, entity_type: str) -> TypeMismatch | None:
    """The mismatch of `code`'s prefix with `entity_type` (an EntityType value), or None when
    they agree, when the type is not checked, or when the code is too short to tell."""
    expected = EXPECTED_PREFIXES.get(entity_type)
    if expected is None or (code or "")[:2] in expected:
        return None  # the common case, decided without normalising (imports check every row)
    prefix = normalize(code or "")[:2]
    if len(prefix) < 2 or prefix in expected:
        return None
    return TypeMismatch(prefix=prefix, holder=holder_kind(prefix), expected=expected)
