"""What the router is built from: keyword priors, override rules, department names, the taxonomy,
the unlabelled corpus and a few numbers. Plain data, checked once, with Chinese messages.

Two kinds of keyword configuration, on purpose different:

- **priors** (`keywords`: class → words): soft evidence. Each occurrence of a word adds
  `1 + 0.3 × len(word)` to its class's score; the scores weak-label the unlabelled corpus and are
  features of the classifier, which learns how far to trust them.
- **rules**: hard decisions an office edits. A rule names a class and words; it matches a text
  when every word of `all` occurs in it, at least one word of `any` occurs (when `any` is given)
  and no word of `none` occurs. The first matching rule, in file order, decides the class
  whatever the model says; a rule whose class the router was not trained on is skipped.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from yingshang.core.appeals.routing.text import normalise

# Taxonomy names that say nothing about a class.
GENERIC_NAMES = frozenset({"其他", "其它", "综合", "其他问题"})
MAX_TAXONOMY_WORD = 6


class RouterConfigError(ValueError):
    """The configuration cannot be used; the message is Chinese and names the place."""


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    label: str
    all: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    none: tuple[str, ...] = ()

    def matches(self, text: str) -> bool:
        return (
            all(word in text for word in self.all)
            and (not self.any or any(word in text for word in self.any))
            and not any(word in text for word in self.none)
        )


@dataclass(frozen=True, slots=True)
class CorpusEntry:
    """One unlabelled message and, when known, the official reply to it."""

    text: str
    reply: str = ""


@dataclass(frozen=True, slots=True)
class Params:
    ngram_min: int = 1
    ngram_max: int = 3
    min_df: int = 2
    weak_margin: float = 2.0  # best class score minus the second, to weak-label a message
    reply_weight: float = 1.0  # a reply's keyword scores count this much towards its message
    department_margin: float = 1.0  # departments named in a reply, the same margin
    labelled_weight: float = 5.0  # sample weight of a labelled message against a weak one
    keyword_feature_weight: float = 1.0
    svm_c: float = 0.5
    calibration_folds: int = 3
    triage_threshold: float = 0.5

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> "Params":
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            raise RouterConfigError(f"未知的路由参数：{'、'.join(unknown)}")
        values: dict[str, Any] = {}
        for key, value in data.items():
            kind = type(getattr(cls(), key))
            try:
                values[key] = kind(value)
            except (TypeError, ValueError):
                raise RouterConfigError(f"路由参数 {key} 的值无效：{value!r}") from None
        return cls(**values)


@dataclass(frozen=True, slots=True)
class RouterConfig:
    keywords: Mapping[str, tuple[str, ...]]
    rules: tuple[Rule, ...] = ()
    departments: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    corpus: tuple[CorpusEntry, ...] = ()
    params: Params = field(default_factory=Params)

    def priors(self) -> dict[str, tuple[str, ...]]:
        return {label: tuple(words) for label, words in self.keywords.items()}


def _words(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split()
    if not isinstance(value, Sequence) or not all(isinstance(w, str) and w for w in value):
        raise RouterConfigError(f"{where}：应为词语列表")
    # Matching runs on normalised text, so the words are normalised the same way.
    return tuple(dict.fromkeys(normalise(w) for w in value if normalise(w)))


def _class_words(data: object, where: str) -> dict[str, tuple[str, ...]]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise RouterConfigError(f"{where}：应为“类别: 词语列表”的映射")
    return {str(label): _words(words, f"{where}.{label}") for label, words in data.items()}


def _rule(data: object, number: int) -> Rule:
    where = f"规则第{number}条"
    if not isinstance(data, Mapping) or not data.get("class"):
        raise RouterConfigError(f"{where}：必须写明类别（class）")
    unknown = sorted(set(data) - {"name", "class", "all", "any", "none"})
    if unknown:
        raise RouterConfigError(f"{where}：未知的键 {'、'.join(map(str, unknown))}")
    rule = Rule(
        name=str(data.get("name") or f"规则{number}"),
        label=str(data["class"]),
        all=_words(data.get("all"), f"{where}.all"),
        any=_words(data.get("any"), f"{where}.any"),
        none=_words(data.get("none"), f"{where}.none"),
    )
    if not rule.all and not rule.any:
        raise RouterConfigError(f"{where}：all 与 any 至少写一项")
    return rule


def taxonomy_priors(rows: Iterable[Sequence[object]]) -> dict[str, tuple[str, ...]]:
    """Second- and third-level names as priors of their first-level class.

    A name under more than one first-level class, a generic one (其他) and a long one (longer
    than six characters, a phrase rather than a word people write) are left out.
    """
    owners: dict[str, set[str]] = {}
    for row in rows:
        cells = [normalise(c) for c in row[:3]]
        if not cells or not cells[0]:
            continue
        for name in cells[1:]:
            if name and name not in GENERIC_NAMES and len(name) <= MAX_TAXONOMY_WORD:
                owners.setdefault(name, set()).add(cells[0])
    out: dict[str, list[str]] = {}
    for name, classes in owners.items():
        if len(classes) == 1:
            out.setdefault(next(iter(classes)), []).append(name)
    return {label: tuple(words) for label, words in out.items()}


def merge_words(*maps: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    merged: dict[str, dict[str, None]] = {}
    for mapping in maps:
        for label, words in mapping.items():
            merged.setdefault(label, {}).update(dict.fromkeys(words))
    return {label: tuple(words) for label, words in merged.items()}


def build_config(
    data: Mapping[str, Any],
    *,
    taxonomy: Iterable[Sequence[object]] = (),
    corpus: Iterable[CorpusEntry] = (),
) -> RouterConfig:
    """The configuration from a parsed YAML mapping (keys keywords, rules, departments, params),
    the taxonomy rows (一级, 二级, 三级) and the corpus."""
    if not isinstance(data, Mapping):
        raise RouterConfigError("路由配置应为映射（keywords、rules、departments、params）")
    unknown = sorted(set(data) - {"format", "keywords", "rules", "departments", "params"})
    if unknown:
        raise RouterConfigError(f"路由配置中有未知的键：{'、'.join(map(str, unknown))}")
    rules = data.get("rules") or []
    if not isinstance(rules, Sequence) or isinstance(rules, str):
        raise RouterConfigError("rules：应为规则列表")
    return RouterConfig(
        keywords=merge_words(
            _class_words(data.get("keywords"), "keywords"), taxonomy_priors(taxonomy)
        ),
        rules=tuple(_rule(item, number) for number, item in enumerate(rules, start=1)),
        departments=_class_words(data.get("departments"), "departments"),
        corpus=tuple(corpus),
        params=Params.from_mapping(data.get("params") or {}),
    )
