"""Reference data of the demo: the zones, departments and accounts, and the parts that fictional
enterprise names, people and addresses are composed from. Plain data, no Django.

Departments carry the names that the zones' own documents use (行政审批服务局,
市场监督管理局高新区分局, 自然资源规划建设局, ...). The people, enterprises, phone numbers and
addresses are invented.
"""

from datetime import date
from typing import Final, TypedDict


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
AS_OF: Final = date(2026, 10, 31)
FIRST_YEAR: Final = 1995

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


# --- enterprise composition -------------------------------------------------------------------

# (GB/T 4754-2017 class, weight among companies, words an enterprise name uses for it)
COMPANY_INDUSTRIES: Final[tuple[tuple[str, float, tuple[str, ...]], ...]] = (
    ("6513", 9.0, ("软件科技", "软件技术", "信息技术", "网络科技", "数字科技", "智能科技")),
    ("6511", 1.5, ("软件", "软件开发")),
    ("6520", 1.0, ("微电子", "集成电路设计", "芯片科技")),
    ("6531", 3.5, ("信息系统", "系统集成", "信息工程", "智能化工程")),
    ("6532", 1.5, ("物联网科技", "物联网技术", "智联科技")),
    ("6550", 1.5, ("数据科技", "云计算", "大数据科技")),
    ("6560", 2.5, ("信息咨询", "信息技术咨询", "数字技术")),
    ("6572", 0.8, ("动漫", "游戏科技", "数字文化")),
    ("6440", 0.6, ("网络安全技术", "信息安全技术")),
    ("6450", 0.8, ("数据服务", "互联网科技")),
    ("6432", 0.8, ("网络科技", "电子商务")),
    ("3911", 0.7, ("计算机", "电子设备")),
    ("3976", 0.6, ("光电科技", "光电子")),
    ("3989", 1.0, ("电子科技", "电子元件")),
    ("4011", 1.2, ("自动化设备", "智能装备", "自动化科技")),
    ("4014", 0.6, ("仪器仪表", "分析仪器")),
    ("4028", 0.5, ("电子测量", "测控技术")),
    ("3491", 0.5, ("机器人", "智能制造")),
    ("3562", 0.4, ("半导体设备", "精密装备")),
    ("2761", 0.8, ("生物科技", "生物医药", "生物技术")),
    ("2720", 0.6, ("药业", "制药")),
    ("3581", 0.9, ("医疗器械", "医疗设备", "医疗科技")),
    ("3841", 0.5, ("新能源科技", "电池科技")),
    ("3825", 0.4, ("光伏科技", "新能源")),
    ("2929", 0.5, ("新材料", "塑业")),
    ("3311", 0.6, ("钢结构", "机械制造")),
    ("3360", 0.3, ("表面处理", "金属科技")),
    ("7320", 3.0, ("科技", "技术研究", "工程技术")),
    ("7310", 0.8, ("科学研究", "研究院")),
    ("7340", 0.4, ("医学科技", "生命科学")),
    ("7452", 1.2, ("检测技术", "检验检测", "质量检测")),
    ("7484", 1.5, ("工程设计", "建筑设计", "规划设计")),
    ("7491", 0.8, ("工业设计", "设计")),
    ("7513", 0.8, ("新材料科技", "材料科技")),
    ("7514", 0.8, ("节能科技", "节能技术")),
    ("7516", 0.8, ("环保科技", "环境科技", "环境工程")),
    ("7519", 2.5, ("科技", "技术服务", "科技发展")),
    ("7520", 1.0, ("知识产权", "专利代理")),
    ("7530", 1.0, ("科技服务", "科技咨询", "技术转移")),
    ("7540", 0.6, ("孵化器", "创业服务", "众创空间")),
    ("5176", 3.0, ("计算机", "电子科技", "科技")),
    ("5177", 1.0, ("通讯设备", "通信技术")),
    ("5179", 3.0, ("机电设备", "仪器设备", "商贸")),
    ("5199", 3.0, ("商贸", "贸易", "供应链")),
    ("5193", 1.5, ("电子商务", "电商")),
    ("5211", 0.8, ("商业管理", "百货")),
    ("5292", 1.0, ("电子商务", "网络科技")),
    ("7212", 1.2, ("投资管理", "资产管理", "投资")),
    ("7224", 1.0, ("供应链管理", "供应链")),
    ("7231", 0.5, ("法律咨询",)),
    ("7241", 0.8, ("财务咨询", "税务师事务所", "会计服务")),
    ("7243", 1.5, ("企业管理咨询", "管理咨询")),
    ("7249", 1.5, ("信息咨询", "商务咨询")),
    ("7251", 1.0, ("文化传媒", "广告", "传媒")),
    ("7259", 0.8, ("广告", "文化传播")),
    ("7263", 0.6, ("人力资源", "劳务服务")),
    ("7269", 0.7, ("人力资源服务", "人才服务")),
    ("7299", 1.4, ("商务服务", "企业服务", "会展服务")),
    ("4790", 1.0, ("建设工程", "建筑工程")),
    ("4910", 1.2, ("电气工程", "机电工程")),
    ("4999", 1.0, ("安装工程", "工程技术")),
    ("5011", 1.3, ("装饰工程", "建筑装饰")),
    ("5012", 0.5, ("装饰设计", "家居装饰")),
    ("7010", 0.8, ("置业", "房地产开发")),
    ("7020", 0.8, ("物业服务", "物业管理")),
    ("7030", 0.4, ("房地产营销", "房产经纪")),
    ("5821", 0.9, ("物流", "国际货运代理", "供应链")),
    ("6020", 0.4, ("快递", "速递")),
    ("6210", 0.5, ("餐饮管理", "餐饮")),
    ("6110", 0.2, ("酒店管理",)),
    ("6730", 0.6, ("私募基金管理", "股权投资基金管理")),
    ("8391", 0.6, ("职业技能培训", "教育科技")),
    ("8394", 0.4, ("教育咨询", "教育科技")),
    ("8810", 0.4, ("文化艺术", "文化发展")),
    ("8930", 0.3, ("体育文化", "健身管理")),
    ("8111", 0.4, ("汽车服务",)),
    ("7722", 0.4, ("环境治理", "环保工程")),
    ("7850", 0.2, ("园林绿化", "园林工程")),
    ("8423", 0.3, ("门诊部", "医疗管理")),
    ("4416", 0.3, ("光伏电力", "新能源电力")),
    ("4420", 0.2, ("电力工程", "售电")),
)

# (class, weight among 个体工商户, kinds of shop)
INDIVIDUAL_TRADES: Final[tuple[tuple[str, float, tuple[str, ...]], ...]] = (
    ("5213", 12.0, ("便利店", "便民店", "超市", "日用百货店")),
    ("5223", 5.0, ("水果店", "蔬菜店", "生鲜店")),
    ("5221", 2.0, ("粮油店", "粮油批发部")),
    ("5274", 3.0, ("通讯器材店", "手机店")),
    ("5273", 2.0, ("电脑经营部", "电脑耗材店")),
    ("5239", 2.5, ("服装店", "鞋店", "母婴用品店")),
    ("5251", 2.0, ("五金店", "五金建材部")),
    ("5271", 1.0, ("家电维修部", "家电经营部")),
    ("6210", 9.0, ("饭店", "家常菜馆", "烩面馆", "酒家")),
    ("6220", 6.0, ("快餐店", "面馆", "饺子馆")),
    ("6291", 6.0, ("小吃店", "早餐店", "胡辣汤店", "米线店")),
    ("6232", 1.0, ("咖啡馆", "奶茶店")),
    ("8040", 6.0, ("理发店", "美发店", "美容店")),
    ("8030", 1.5, ("干洗店",)),
    ("8111", 3.0, ("汽车维修部", "汽车美容店", "汽车装饰部")),
    ("8121", 1.0, ("电脑维修部",)),
    ("8010", 1.0, ("家政服务部",)),
    ("7249", 2.0, ("信息咨询服务部", "商务咨询服务部")),
    ("7251", 1.0, ("广告设计部", "图文快印店")),
    ("6531", 1.0, ("网络工程部",)),
    ("5012", 1.5, ("装饰工作室", "装饰部")),
    ("8393", 1.0, ("艺术培训中心",)),
)

COOPERATIVE_INDUSTRIES: Final = (
    ("0141", 6.0, ("蔬菜种植",)),
    ("0143", 3.0, ("花卉种植",)),
    ("0211", 1.0, ("苗木种植",)),
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _weighted(text: str) -> tuple[tuple[str, float], ...]:
    """ "王:7.1 李:7.0" -> (("王", 7.1), ("李", 7.0))."""
    pairs = (item.split(":") for item in text.split())
    return tuple((word, float(weight)) for word, weight in pairs)


TRADE_NAME_FIRST: Final = _words(
    "华 中 宇 瑞 博 鼎 汉 威 科 信 恒 金 新 天 海 正 思 明 安 远 宏 盛 聚 启 云 智 卓 德 凯 佳 "
    "嘉 弘 锦 泰 润 鑫 航 越 众 立 通 达 九 豫 中原 嵩 商 黄河 绿 青 蓝 紫 晨 星 光 创 锐 易 优 "
    "睿 永 大 万 百 千 东 西 南 北 亿 昊 浩 腾 飞 辰"
)
TRADE_NAME_SECOND: Final = _words(
    "创 达 通 源 泰 盛 晟 辰 弘 信 科 联 讯 锐 普 华 和 阳 远 航 博 瀚 域 宸 星 川 峰 图 途 迅 "
    "擎 驰 宁 安 鸿 业 邦 诚 丰 发 茂 隆 兴 利 康 健 嘉 智 云 凯 捷 旭 晖 耀 翔 恒 尚 品 众 维"
)
COMPANY_PREFIXES: Final = _weighted("郑州:0.62 河南:0.33 河南省:0.05")
BRANCH_PARENT_CITIES: Final = _words("北京 上海 深圳 杭州 武汉 广州 西安 南京 苏州")
INDIVIDUAL_PREFIXES: Final = _weighted(
    "郑州高新技术产业开发区:0.45 郑州市高新区:0.35 郑州高新技术产业开发区石佛办事处:0.07 "
    "郑州高新技术产业开发区沟赵办事处:0.07 郑州高新技术产业开发区枫杨办事处:0.06"
)

# Surnames with rough relative frequencies; given-name characters.
SURNAMES: Final = _weighted(
    "王:7.1 李:7.0 张:6.8 刘:5.4 陈:4.6 杨:3.1 赵:2.3 黄:2.2 周:2.1 吴:2.0 徐:1.6 孙:1.5 "
    "马:1.4 胡:1.3 朱:1.3 郭:1.2 何:1.1 罗:0.9 高:0.9 林:0.9 郑:0.8 梁:0.8 谢:0.7 宋:0.7 "
    "唐:0.6 许:0.6 韩:0.6 冯:0.5 邓:0.5 曹:0.5 彭:0.5 曾:0.4 田:0.4 樊:0.3 侯:0.3 牛:0.3 "
    "申:0.2 范:0.3 史:0.3 贾:0.3 袁:0.3 常:0.2"
)
GIVEN_CHARS: Final = _words(
    "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 英 华 玉 萍 红 鹏 飞 辉 "
    "宇 浩 凯 晨 欣 怡 佳 子 梓 涵 轩 博 文 思 雨 建 国 志 海 俊 帅 婷 雪 琳 晶 瑶 亮 斌 峰 宁 "
    "慧 颖 倩 彬 鑫 阳 振 东 新 春 梅 兰 燕 波 林"
)
MOBILE_PREFIXES: Final = _words("138 139 137 136 135 150 151 158 186 187")

ROADS: Final = _words(
    "科学大道 长椿路 翠竹街 莲花街 合欢街 枫杨街 冬青街 梧桐街 红松路 雪松路 石楠路 银杏路 "
    "瑞达路 金梭路 玉兰街 木兰路 檀香路 杜英街 西四环 化工路 须水河路 紫薇路 碧桃路"
)
# Where an address names a park or building after the road number ("" for none).
BUILDINGS: Final = _words(
    "数码港 科技大厦 创业中心 软件园 大学科技园 企业加速器 电子电器产业园 智慧岛 孵化园 "
    "总部港 产业园"
)
