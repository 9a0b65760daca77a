"""The channels an appeal arrives by and the default kinds with their time limits.

Kinds are data (AppealKind rows, one table a zone may change); `DEFAULT_KINDS` is what the
platform ships, from the reference's rules:

| code | 名称 | 受理审查 | 办理时限 | source |
| --- | --- | --- | --- | --- |
| emergency | 应急类 | 当日 | 当日 | a bureau's 12345 rule: answered the same day |
| enquiry | 咨询 | 3 WD | 3 WD | 12345 rule: same day, else ≤3 working days |
| help | 求助 | 3 WD | 3 WD | same |
| suggestion | 建议批评 | 3 WD | 13 WD | 12345 rule: ≤13 working days |
| complaint | 投诉举报 | 3 WD | 13 WD | same; acceptance 3 WD: 豫政办〔2024〕67号 |
| grade_c | C类（简单） | 3 WD | 5 WD | 许昌 2025: C 5 working days |
| grade_b | B类（跨部门） | 3 WD | 15 WD | 许昌 2025: B 15 working days |
| grade_a | A类（复杂、历史遗留） | 3 WD | 1 month | 许昌 2025: A one-month campaign |
"""

from dataclasses import dataclass
from enum import StrEnum

from yingshang.core.appeals.clocks import HandlingLimit, LimitUnit


class Channel(StrEnum):
    ONLINE = "online"
    HOTLINE_12345 = "hotline_12345"
    WINDOW = "window"
    VISIT = "visit"
    SUPERVISOR = "supervisor"
    PHONE = "phone"
    LETTER = "letter"
    EMAIL = "email"


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.ONLINE: "网上投诉平台",
    Channel.HOTLINE_12345: "12345热线",
    Channel.WINDOW: "“办不成事”反映窗口",
    Channel.VISIT: "万人助万企走访",
    Channel.SUPERVISOR: "营商环境监督员",
    Channel.PHONE: "来电",
    Channel.LETTER: "来信",
    Channel.EMAIL: "电子邮件",
}


@dataclass(frozen=True)
class KindRule:
    code: str
    name: str
    acceptance_workdays: int
    limit: HandlingLimit


DEFAULT_KINDS: tuple[KindRule, ...] = (
    KindRule("emergency", "应急类", 0, HandlingLimit(0, LimitUnit.SAME_DAY)),
    KindRule("enquiry", "咨询", 3, HandlingLimit(3)),
    KindRule("help", "求助", 3, HandlingLimit(3)),
    KindRule("suggestion", "建议批评", 3, HandlingLimit(13)),
    KindRule("complaint", "投诉举报", 3, HandlingLimit(13)),
    KindRule("grade_c", "C类（简单）", 3, HandlingLimit(5)),
    KindRule("grade_b", "B类（跨部门）", 3, HandlingLimit(15)),
    KindRule("grade_a", "A类（复杂、历史遗留）", 3, HandlingLimit(1, LimitUnit.MONTHS)),
)
