"""The rating of a handled appeal (好差评): five levels, 差评 the last two (国办发〔2019〕51号).

What a rating leads to (`outcome`):
- a 差评 (不满意 or 非常不满意) starts a rectification clock (差评整改, 5 or 15 working days, the
  zone's rule) and may be disputed by the handling department (申诉复核);
- a 差评 given for a subjective reason (主观原因: the handling itself, not a limit of law or
  policy) also reopens the case (重新办理), with the reopen counted.

A dispute is reviewed by the office or a leader: upheld, the 差评 stands; overturned, it no
longer counts and its rectification clock is cancelled.
"""

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    DISSATISFIED = "dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied"


LEVEL_LABELS: dict[Level, str] = {
    Level.VERY_SATISFIED: "非常满意",
    Level.SATISFIED: "满意",
    Level.BASICALLY_SATISFIED: "基本满意",
    Level.DISSATISFIED: "不满意",
    Level.VERY_DISSATISFIED: "非常不满意",
}

BAD_LEVELS = frozenset({Level.DISSATISFIED, Level.VERY_DISSATISFIED})
SATISFIED_LEVELS = frozenset(Level) - BAD_LEVELS
"""满意率 counts these (非常满意、满意、基本满意)."""


class DisputeState(StrEnum):
    NONE = "none"
    PENDING = "pending"
    UPHELD = "upheld"
    OVERTURNED = "overturned"


DISPUTE_LABELS: dict[DisputeState, str] = {
    DisputeState.NONE: "未申诉",
    DisputeState.PENDING: "申诉复核中",
    DisputeState.UPHELD: "复核维持差评",
    DisputeState.OVERTURNED: "复核撤销差评",
}


class RatingError(ValueError):
    """A bad rating, with a Chinese message."""


def parse_level(value: str) -> Level:
    """A level from its code or its Chinese label."""
    text = (value or "").strip()
    for level, label in LEVEL_LABELS.items():
        if text in (level.value, label):
            return level
    names = "、".join(LEVEL_LABELS.values())
    raise RatingError(f"未知的评价等级：“{value}”（可选：{names}）")


def is_bad(level: Level | str) -> bool:
    return Level(level) in BAD_LEVELS


@dataclass(frozen=True)
class RatingOutcome:
    bad: bool
    rectify: bool
    reopen: bool


def outcome(level: Level | str, *, subjective: bool = False, reason: str = "") -> RatingOutcome:
    """What a rating starts; a 差评 needs a reason."""
    level = Level(level)
    bad = level in BAD_LEVELS
    if bad and not reason.strip():
        raise RatingError(f"评价为“{LEVEL_LABELS[level]}”时请填写原因")
    return RatingOutcome(bad=bad, rectify=bad, reopen=bad and subjective)


def may_dispute(level: Level | str, state: DisputeState | str) -> bool:
    """Only a 差评 can be disputed, once."""
    return is_bad(level) and DisputeState(state) is DisputeState.NONE
