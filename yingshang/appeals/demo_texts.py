"""The demo appeals' words: titles and contents taken from the shipped corpus of citizen messages
(`routing_data/corpus.jsonl.gz`), those that read as enterprise and business-environment
matters, in a fixed shuffled order, each with the department of the demo zone that owns it.

The corpus was published anonymised with placeholder places (A市, A3区, 西地省); they are read as
the demo zone's city and district. Messages that name people, quote numbers or touch crimes
are left out, and contents are cut to their first sentences, so no name or number of a person
reaches the demo. The selection depends on the corpus and `TEXT_SEED` only, so every build
shows the same messages.
"""

import gzip
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from yingshang.appeals.routing_data import CORPUS

TEXT_SEED = 2026
CONTENT_CHARS = 160
MIN_CONTENT = 30
OPENING_CHARS = 60
SUBJECT_CHARS = 7

# What makes a message an enterprise matter (in its title), and what makes it a household one.
BUSINESS_WORDS = (
    "企业", "公司", "审批", "办证", "执照", "工资", "招聘", "用电", "用水", "商户", "个体",
    "厂", "店铺", "经营", "税", "发票", "许可", "营业", "社保",
)  # fmt: skip
# An enterprise speaking in the content's opening, where the title does not say so.
OPENING_WORDS = ("我公司", "本公司", "我们公司", "企业", "商户", "个体户", "营业执照", "经营户")
HOUSEHOLD_WORDS = (
    "小区", "业主", "物业", "楼盘", "开发商", "买房", "购房", "房屋", "宿舍", "住房", "棚改",
    "征收", "学校", "教师", "小学", "中学", "幼儿园", "学生", "医院", "村", "居民", "住宅",
    "车位", "驾校", "公交", "地铁", "退休", "老人", "孩子", "禁摩", "取暖", "危房", "家园",
)  # fmt: skip
# People's names come with these words in the corpus (a title, a relative, a call to someone),
# numbers with the masks and long digit runs; crimes are not the business environment's.
PERSONAL = re.compile(
    r"[*＊]|\d{7,}|电话|手机|微信|QQ|身份证|我叫|姓名|先生|女士|小姐|老板|法人|法定代表人|"
    r"董事长|经理|厅长|处长|科长|局长|书记|主任|师傅|老师|同志|姐|哥|叔|任职|负责人|镇长|县长|"
    r"市长|区长|省长|病|诈骗|集资|融资|传销|涉黄|赌|毒|打人|斗殴|死|违纪|感谢|谢谢大家"
)
# Only the corpus's city, districts and province can be read as the demo's; others are left out.
OTHER_PLACES = re.compile(r"[B-Z]\d*[市县区镇]|A\d*县|A\d+市")
PLACES = ((re.compile(r"西地省"), "河南省"), (re.compile(r"A市"), "郑州市"))
DISTRICT = re.compile(r"A\d+区")
SENTENCE_END = "。！？!?；"
CASE_NUMBER = re.compile(r"[（(]?\d{4}[）)]?[\u4e00-\u9fff]?\d{0,4}[民刑行执][初终]\d+号?\s*")

MARKET_WORDS = (
    "无证", "执照", "消费者", "退货", "缺斤少两", "虚假", "产品", "欺骗", "经营地点异常",
    "经营异常", "垄断",
)  # fmt: skip
# The department that owns a message, by the first rule whose word its title (else its content)
# contains: the demo zone's department code (yingshang/demo/reference.py) and the router's
# first-level category (routing_data/taxonomy.csv) the matter belongs to.
OWNERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("xfdd", "城乡建设", ("消防", "起火")),
    ("gaj", "政法", ("交警", "落户", "派出所")),
    ("swj", "经济管理", ("税", "发票")),
    ("rsj", "劳动和社会保障", ("工资", "欠薪", "社保", "劳动", "招聘", "员工", "职工", "职称")),
    ("jjfz", "经济管理", ("用电", "供电", "电费", "停电", "招商", "招标")),
    ("zjj", "城乡建设", ("自来水", "用水", "供水", "停水", "水质")),
    ("sthj", "环境保护", ("污染", "排污", "噪音", "烟尘", "搅拌", "异味", "刺鼻")),
    (
        "zhzf",
        "城乡建设",
        ("占道", "违章建筑", "私搭私建", "违建", "人行道", "店外经营", "僵尸车", "乱停乱放"),
    ),
    ("zrgh", "国土资源", ("用地", "土地", "规划", "不动产")),
    ("xzsp", "党务政务", ("审批", "许可证", "办证", "证照")),
    ("scjg", "商贸旅游", MARKET_WORDS),
    ("kjj", "科技与信息产业", ("科技", "创新", "专利", "研发")),
)
FALLBACK_OWNER = ("jjfz", "经济管理")

# The kind a message reads as, by its title.
KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("enquiry", ("咨询", "请问", "如何", "何时", "吗", "？", "?", "是否")),
    ("suggestion", ("建议", "请求", "希望", "加快")),
    ("complaint", ("投诉", "举报", "拖欠", "违规", "无证", "不给", "扣发")),
)
FALLBACK_KIND = "complaint"


@dataclass(frozen=True)
class DemoText:
    title: str
    content: str
    department: str  # the owning department's code
    category: str  # the router's first-level category
    kind: str  # the kind the title reads as


def _place(text: str) -> str:
    for pattern, name in PLACES:
        text = pattern.sub(name, text)
    return DISTRICT.sub("高新区", text)


def _clean(text: str) -> str:
    """Spaces and zero-width marks out, the placeholders read as the demo's places."""
    text = re.sub(r"[\u200b\ufeff]", "", text)
    return _place(re.sub(r"\s+", " ", text).strip())


def _cut(text: str, limit: int = CONTENT_CHARS) -> str:
    """The first sentences, up to `limit` characters (a whole sentence where there is one)."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    end = max(head.rfind(mark) for mark in SENTENCE_END)
    return head[: end + 1] if end >= MIN_CONTENT else head.rstrip("，、；：") + "……"


def _owner(text: str) -> tuple[str, str] | None:
    return next(((code, name) for code, name, words in OWNERS if _has(text, words)), None)


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def owner_of(title: str, content: str) -> tuple[str, str]:
    """(department code, category) of a message."""
    return _owner(title) or _owner(content) or FALLBACK_OWNER


def kind_of(title: str) -> str:
    return next((code for code, words in KIND_WORDS if _has(title, words)), FALLBACK_KIND)


def _business(title: str, text: str) -> int:
    """2: the title names an enterprise matter; 1: only the content's opening does; 0: neither."""
    if any(word in title for word in BUSINESS_WORDS):
        return 2
    return int(any(word in text[:OPENING_CHARS] for word in OPENING_WORDS))


def _usable(title: str, text: str) -> bool:
    whole = title + text
    return (
        len(text) >= MIN_CONTENT
        and not any(word in title + text[:CONTENT_CHARS] for word in HOUSEHOLD_WORDS)
        and PERSONAL.search(whole) is None
        and OTHER_PLACES.search(whole) is None
        and len(set(DISTRICT.findall(whole))) <= 1  # two districts would both read 高新区
    )


def _subject(title: str) -> set[str]:
    """The title's runs of `SUBJECT_CHARS` characters, places left out: two titles sharing one
    are about the same matter (the same market, the same factory)."""
    bare = re.sub(r"郑州市|高新区|河南省", "|", title)
    return {bare[i : i + SUBJECT_CHARS] for i in range(len(bare) - SUBJECT_CHARS + 1)} - {""}


def _read(path: Path) -> Iterator[tuple[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            yield item.get("title", ""), item.get("text", "")


@dataclass(frozen=True)
class DemoCorpus:
    texts: tuple[DemoText, ...]  # one message per matter, in the demo's order
    twins: tuple[DemoText, DemoText]  # the same message sent twice (a duplicate appeal)


def _text(title: str, text: str) -> DemoText:
    title, content = _clean(title), _cut(CASE_NUMBER.sub("", _clean(text)))
    return DemoText(title, content, *owner_of(title, content), kind_of(title))


@cache
def demo_corpus(path: Path = CORPUS) -> DemoCorpus:
    """The usable messages in the demo's fixed order (the same on every build): enterprise
    matters by their title first, then those whose content opens with one."""
    tiers: dict[int, list[DemoText]] = {2: [], 1: []}
    subjects: set[str] = set()
    titles: dict[str, DemoText] = {}
    twins: tuple[DemoText, DemoText] | None = None
    for raw_title, raw_text in _read(path):
        tier = _business(raw_title, raw_text)
        if not tier or not _usable(raw_title, raw_text):
            continue
        text = _text(raw_title, raw_text)
        if text.title in titles:
            twins = twins or (titles[text.title], text)
            continue
        titles[text.title] = text
        runs = _subject(text.title) | {text.content[: SUBJECT_CHARS * 3]}
        if runs & subjects:
            continue
        subjects |= runs
        tiers[tier].append(text)
    if twins is None:
        raise ValueError("演示诉求的文本中没有重复反映的诉求")
    order = random.Random(TEXT_SEED)
    for texts in tiers.values():
        order.shuffle(texts)
    chosen = [t for t in tiers[2] + tiers[1] if t not in twins]
    return DemoCorpus(tuple(chosen), twins)


class TextPool:
    """Hands out each message once: the next one, or the next of a department or with one of
    the given words (of the kind asked for, where there is one)."""

    def __init__(self, texts: tuple[DemoText, ...]):
        self._left = list(texts)

    def take(
        self, *, department: str | None = None, words: tuple[str, ...] = (), kind: str = ""
    ) -> DemoText:
        matching = [
            t
            for t in self._left
            if (department is None or t.department == department)
            and (not words or any(w in t.title + t.content for w in words))
        ]
        if not matching:
            raise ValueError(
                f"演示诉求的文本不足（部门 {department or '任意'}，{'、'.join(words)}）"
            )
        text = next((t for t in matching if t.kind == kind), matching[0])
        self._left.remove(text)
        return text
