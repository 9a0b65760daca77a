"""Names of the fictional enterprises and of the people behind them."""

import random

from yingshang.enterprises.demo import vocabulary as ref
from yingshang.enterprises.demo.distributions import BRANCH, COMPANY, COOPERATIVE, INDIVIDUAL
from yingshang.enterprises.demo.weighted import Weighted, uniform

SURNAMES = Weighted.of(ref.SURNAMES)
GIVEN = uniform(ref.GIVEN_CHARS)
TRADE_FIRST = uniform(ref.TRADE_NAME_FIRST)
TRADE_SECOND = uniform(ref.TRADE_NAME_SECOND)
COMPANY_PREFIXES = Weighted.of(ref.COMPANY_PREFIXES)
INDIVIDUAL_PREFIXES = Weighted.of(ref.INDIVIDUAL_PREFIXES)
PARENT_CITIES = uniform(ref.BRANCH_PARENT_CITIES)


def person_name(rng: random.Random) -> str:
    given = GIVEN.pick(rng)
    if rng.random() < 0.7:
        given += GIVEN.pick(rng)
    return SURNAMES.pick(rng) + given


def _trade_name(rng: random.Random) -> str:
    first, second = TRADE_FIRST.pick(rng), TRADE_SECOND.pick(rng)
    if second == first:
        second = TRADE_SECOND.pick(rng)
    return first + second


def _company_name(rng: random.Random, words: tuple[str, ...], size: str) -> str:
    big = size in ("medium", "large")
    roll = rng.random()
    if roll < (0.35 if big else 0.04):
        suffix = "股份有限公司"
    elif roll < (0.40 if big else 0.09):
        suffix = "有限责任公司"
    else:
        suffix = "有限公司"
    return COMPANY_PREFIXES.pick(rng) + _trade_name(rng) + rng.choice(words) + suffix


def _shop_owner(rng: random.Random) -> str:
    """How a 个体工商户 names itself: 张记，老王, or a trade name."""
    roll = rng.random()
    if roll < 0.25:
        return f"{SURNAMES.pick(rng)}记"
    if roll < 0.4:
        return f"老{SURNAMES.pick(rng)}"
    return _trade_name(rng)


def entity_name(rng: random.Random, entity_type: str, words: tuple[str, ...], size: str) -> str:
    if entity_type == COMPANY:
        return _company_name(rng, words, size)
    if entity_type == BRANCH:
        parent = PARENT_CITIES.pick(rng) + _trade_name(rng) + rng.choice(words)
        parent += "股份有限公司" if rng.random() < 0.4 else "有限公司"
        return parent + rng.choice(("郑州分公司", "郑州高新区分公司", "河南分公司"))
    if entity_type == INDIVIDUAL:
        return INDIVIDUAL_PREFIXES.pick(rng) + _shop_owner(rng) + rng.choice(words)
    if entity_type == COOPERATIVE:
        return f"郑州高新技术产业开发区{_trade_name(rng)}{rng.choice(words)}专业合作社"
    if rng.random() < 0.5:
        return f"郑州{_trade_name(rng)}{rng.choice(words)}中心（有限合伙）"
    return f"郑州高新技术产业开发区{_trade_name(rng)}{rng.choice(words)}工作室"
