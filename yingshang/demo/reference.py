"""Reference data of the demo: the zones, departments and accounts. Plain data, no Django.
(What fictional enterprise names, people and addresses are composed from lives with the
enterprise registry's demo builder, `yingshang.enterprises.demo.vocabulary`.)

Departments carry the names that the zones' own documents use (行政审批服务局,
市场监督管理局高新区分局，自然资源规划建设局, ...). The people, enterprises, phone numbers and
addresses are invented.
"""

from typing import Final, TypedDict

from yingshang.enterprises.demo.vocabulary import AS_OF, FIRST_YEAR  # noqa: F401 (the demo's dates)


class ZoneRow(TypedDict):
    code: str
    name: str
    kind: str
    city: str
    province: str
    hosted: bool


class DepartmentRow(TypedDict):
    code: str
    name: str
    short_name: str
    is_office: bool
    sort_order: int


class AccountRow(TypedDict):
    username: str
    role: str
    full_name: str
    department: str  # department code, "" for none
    phone: str


def _zone(code: str, name: str, kind: str, city: str, hosted: bool = False) -> ZoneRow:
    return ZoneRow(code=code, name=name, kind=kind, city=city, province="河南省", hosted=hosted)


# The demo data describe the registry as of this day, whatever the day the demo is built.

HOSTED_ZONE: Final = _zone("zzgx", "郑州高新技术产业开发区", "高新区", "郑州市", hosted=True)

# Henan's national-level zones that the provincial evaluation ranks together (18 with the host).
PEER_ZONES: Final[tuple[ZoneRow, ...]] = (
    _zone("zzjk", "郑州经济技术开发区", "经开区", "郑州市"),
    _zone("zzhkg", "郑州航空港经济综合实验区", "综合实验区", "郑州市"),
    _zone("zdxq", "郑东新区", "新区", "郑州市"),
    _zone("lygx", "洛阳高新技术产业开发区", "高新区", "洛阳市"),
    _zone("xxgx", "新乡高新技术产业开发区", "高新区", "新乡市"),
    _zone("xxjk", "新乡经济技术开发区", "经开区", "新乡市"),
    _zone("aygx", "安阳高新技术产业开发区", "高新区", "安阳市"),
    _zone("hqqjk", "红旗渠经济技术开发区", "经开区", "安阳市"),
    _zone("nygx", "南阳高新技术产业开发区", "高新区", "南阳市"),
    _zone("pdsgx", "平顶山高新技术产业开发区", "高新区", "平顶山市"),
    _zone("jzgx", "焦作高新技术产业开发区", "高新区", "焦作市"),
    _zone("xygx", "信阳高新技术产业开发区", "高新区", "信阳市"),
    _zone("xcjk", "许昌经济技术开发区", "经开区", "许昌市"),
    _zone("kfjk", "开封经济技术开发区", "经开区", "开封市"),
    _zone("lhjk", "漯河经济技术开发区", "经开区", "漯河市"),
    _zone("hbjk", "鹤壁经济技术开发区", "经开区", "鹤壁市"),
    _zone("pyjk", "濮阳经济技术开发区", "经开区", "濮阳市"),
)

OFFICE_DEPARTMENT: Final = "xzsp"

_DEPARTMENTS: Final = (
    ("dzb", "党政办公室", "党政办"),
    ("jgw", "纪检监察工委", "纪工委"),
    ("zzrs", "组织和人事局", "组人局"),
    ("xzsp", "行政审批服务局", "审批局"),
    ("jjfz", "经济发展局", "经发局"),
    ("kjj", "科学技术局", "科技局"),
    ("fwy", "服务业促进局", "服务业局"),
    ("czj", "财政局", "财政局"),
    ("zrgh", "自然资源规划建设局", "自规建局"),
    ("sthj", "生态环境和安全生产监管局", "生态安监局"),
    ("zhzf", "行政综合执法局", "执法局"),
    ("shsy", "社会事业局", "社会事业局"),
    ("tjj", "统计局", "统计局"),
    ("xfj", "信访局", "信访局"),
    ("rsj", "人力资源和社会保障局", "人社局"),
    ("zjj", "住房和城乡建设局", "住建局"),
    ("scjg", "市场监督管理局高新区分局", "市场监管分局"),
    ("swj", "税务局", "税务局"),
    ("gaj", "高新公安分局", "公安分局"),
    ("xfdd", "消防救援大队", "消防大队"),
)

DEPARTMENTS: Final[tuple[DepartmentRow, ...]] = tuple(
    DepartmentRow(
        code=code,
        name=name,
        short_name=short,
        is_office=code == OFFICE_DEPARTMENT,
        sort_order=10 * (i + 1),
    )
    for i, (code, name, short) in enumerate(_DEPARTMENTS)
)


# Who leads and who supports the rectification of each evaluation indicator (指标责任部门), as
# Xinxiang's 2020 plan divides the henan-zone indicators (开办企业: 市场监督管理局高新区分局 with
# 税务局，高新公安分局，组织和人事局；办理建筑许可: 自然资源规划建设局；政务服务: 行政审批服务局;
# 市场监管: 市场监督管理局高新区分局；产业创新环境: 服务业促进局, its sub-indicators 经济发展局,
# 科学技术局，服务业促进局 (金融环境，开放环境) and 组织和人事局), and the DB2020 indicators to the
# demo zone's departments that own them. 执行合同 and 办理破产 are the courts' work and the zone
# has no court of its own: they stay to be assigned (待指定牵头部门).
# (indicator code, indicator name, lead department code, supporting department codes)
INDICATOR_DEPARTMENTS: Final[tuple[tuple[str, str, str, tuple[str, ...]], ...]] = (
    ("starting_business", "开办企业", "scjg", ("swj", "gaj", "zzrs")),
    ("construction_permits", "办理建筑许可", "zrgh", ("jjfz", "sthj", "xzsp", "zjj")),
    ("government_services", "政务服务", "xzsp", ("scjg", "swj", "rsj")),
    ("market_regulation", "市场监管", "scjg", ("jjfz", "sthj", "zhzf", "fwy")),
    ("innovation_environment", "产业创新环境", "fwy", ("jjfz", "kjj", "zzrs")),
    ("industrial_ecology", "产业生态环境", "jjfz", ("kjj", "tjj")),
    ("innovation_activity", "创新创业活跃度", "kjj", ("jjfz", "zrgh")),
    ("financial_environment", "金融环境", "fwy", ("czj", "jjfz")),
    ("opening_up", "开放环境", "fwy", ("jjfz", "scjg")),
    ("talent_services", "人才服务", "zzrs", ("rsj", "kjj")),
    # DB2020 (世界银行营商环境报告)
    ("getting_electricity", "获得电力", "jjfz", ("zrgh", "zjj")),
    ("registering_property", "登记财产", "zrgh", ("swj", "xzsp")),
    ("getting_credit", "获得信贷", "fwy", ("czj", "scjg")),
    ("protecting_minority_investors", "保护少数投资者", "scjg", ("fwy",)),
    ("paying_taxes", "纳税", "swj", ("czj",)),
    ("trading_across_borders", "跨境贸易", "fwy", ("jjfz", "scjg")),
)

# One account per role (three for departments). The enterprise account's name is its
# enterprise's contact person, filled in when the enterprise is known.
_ACCOUNTS: Final = (
    ("admin", "admin", "系统管理员", ""),
    ("office", "office", "李文静", "xzsp"),
    ("dept_scjg", "department", "王志强", "scjg"),
    ("dept_kjj", "department", "刘晓燕", "kjj"),
    ("dept_zrgh", "department", "陈国栋", "zrgh"),
    ("leader", "leader", "周建华", ""),
    ("enterprise", "enterprise", "", ""),
    ("supervisor", "supervisor", "孙丽萍", ""),
)

ACCOUNTS: Final[tuple[AccountRow, ...]] = tuple(
    AccountRow(
        username=username,
        role=role,
        full_name=full_name,
        department=department,
        phone=f"1380000{i + 1:04d}",
    )
    for i, (username, role, full_name, department) in enumerate(_ACCOUNTS)
)


def demo_password(username: str) -> str:
    """The initial password of a demo account; printed at start, to be changed after."""
    return f"Demo-{username}-2026"


# Every department has a liaison (联络员) who works its tasks on the platform. Departments
# with a demo account are worked through it; these people stand for the others. They have no
# password: nobody signs in as them.
_LIAISONS: Final = (
    ("dzb", "马晓东"),
    ("jgw", "吴文博"),
    ("zzrs", "郑雅琴"),
    ("xzsp", "钱文斌"),
    ("jjfz", "黄志远"),
    ("fwy", "杨春梅"),
    ("czj", "朱建军"),
    ("sthj", "胡海涛"),
    ("zhzf", "郭振华"),
    ("shsy", "何静怡"),
    ("tjj", "高明轩"),
    ("xfj", "林晓红"),
    ("rsj", "罗永康"),
    ("zjj", "梁志刚"),
    ("swj", "宋佳慧"),
    ("gaj", "谢国强"),
    ("xfdd", "韩立新"),
)

LIAISONS: Final[tuple[AccountRow, ...]] = tuple(
    AccountRow(
        username=f"liaison_{department}",
        role="department",
        full_name=full_name,
        department=department,
        phone=f"1390000{i + 1:04d}",
    )
    for i, (department, full_name) in enumerate(_LIAISONS)
)
