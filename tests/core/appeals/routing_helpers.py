"""Small synthetic messages for the router: three classes, each with its own words, and an
unlabelled corpus written the same way (some with replies naming a department)."""

import random

from yingshang.core.appeals.routing import CorpusEntry, Params, RouterConfig, Rule

WORDS = {
    "城乡建设": ["物业", "小区", "电梯", "业主", "拆迁", "房屋"],
    "教育文体": ["学校", "老师", "学生", "招生", "课程", "幼儿园"],
    "交通运输": ["公交", "司机", "线路", "站台", "客运", "驾校"],
}
FILLER = "我们希望相关部门尽快处理这个问题谢谢领导关心"
DEPARTMENTS = {"城乡建设": ["住建局"], "教育文体": ["教育局"], "交通运输": ["交通运输局"]}


def message(label: str, rng: random.Random, words: int = 3) -> str:
    chosen = rng.sample(WORDS[label], words)
    filler = "".join(rng.sample(FILLER, 8))
    return f"{chosen[0]}的问题 {filler}{''.join(chosen[1:])}{filler[:3]}"


def labelled(per_class: int = 12, seed: int = 1) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    texts, labels = [], []
    for label in sorted(WORDS):
        for _ in range(per_class):
            texts.append(message(label, rng))
            labels.append(label)
    return texts, labels


def corpus(size: int = 60, seed: int = 2) -> tuple[CorpusEntry, ...]:
    rng = random.Random(seed)
    entries = []
    for i in range(size):
        label = sorted(WORDS)[i % 3]
        reply = f"经{DEPARTMENTS[label][0]}调查核实" if i % 2 else ""
        entries.append(CorpusEntry(text=message(label, rng, 2), reply=reply))
    return tuple(entries)


def config(*, rules: tuple[Rule, ...] = (), threshold: float = 0.5, **params) -> RouterConfig:
    keywords = {label: tuple(words[:3]) for label, words in WORDS.items()}
    return RouterConfig(
        keywords=keywords,
        rules=rules,
        departments={k: tuple(v) for k, v in DEPARTMENTS.items()},
        corpus=corpus(),
        params=Params(triage_threshold=threshold, calibration_folds=3, **params),
    )
