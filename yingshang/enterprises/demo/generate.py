"""Synthetic enterprise rows for the demo registry. Plain Python, no Django.

`generate_enterprises(seed, size)` streams plain dict rows: the same seed gives the same rows,
and a longer run starts with the rows of a shorter one. Distributions follow what a high-tech
zone's registry looks like: mostly small and micro companies in software, manufacturing,
research and trade, many 个体工商户, most of them 存续, founded mostly in the last ten years.

The parts of a row come from their own modules: `distributions` (types, statuses, sizes,
industries, founding years), `finance` (employees and money), `names`, `contacts` (address,
phone), `codes` (uscc) and `qualifications`. Every draw comes from one random generator in a
fixed order, so moving code between them must keep the order of the calls below.
"""

import itertools
import random
from collections.abc import Iterable, Iterator
from typing import TypeVar

from yingshang.enterprises.demo import vocabulary as ref
from yingshang.enterprises.demo.codes import DIVISIONS, OLD_SPACE, CodePermutation, make_uscc
from yingshang.enterprises.demo.contacts import address, mobile
from yingshang.enterprises.demo.distributions import (
    ACTIVE,
    COMPANY,
    ENTITY_TYPES,
    INDIVIDUAL,
    SIZES,
    STATUSES,
    credit_class,
    founded_on,
    industry_table,
)
from yingshang.enterprises.demo.finance import finance, nice_capital, size_class_of
from yingshang.enterprises.demo.names import entity_name, person_name
from yingshang.enterprises.demo.qualifications import QUALIFICATION_RULES, Profile, qualifications
from yingshang.enterprises.demo.rows import ENTERPRISE_FIELDS, EnterpriseRow, QualificationRow
from yingshang.enterprises.demo.weighted import Weighted, money

__all__ = [
    "CHUNK_SIZE",
    "ENTERPRISE_FIELDS",
    "OLD_SPACE",
    "QUALIFICATION_RULES",
    "CodePermutation",
    "EnterpriseRow",
    "QualificationRow",
    "Weighted",
    "chunked",
    "generate_enterprises",
    "is_showcase",
    "size_class_of",
]

CHUNK_SIZE = 5_000
T = TypeVar("T")


def _enterprise(rng: random.Random, perm: CodePermutation, index: int) -> EnterpriseRow:
    entity_type = ENTITY_TYPES.pick(rng)
    founded = founded_on(rng, entity_type)
    status = STATUSES[INDIVIDUAL if entity_type == INDIVIDUAL else COMPANY].pick(rng)
    industry_code, section, words = industry_table(entity_type).pick(rng)
    size = SIZES[entity_type].pick(rng)
    figures = finance(rng, entity_type, size, section)
    legal = person_name(rng)
    profile = Profile(entity_type, status, section, size, founded, figures.revenue)
    with_email = entity_type != INDIVIDUAL and rng.random() < 0.5
    return EnterpriseRow(
        uscc=make_uscc(perm, index, entity_type, founded, DIVISIONS.pick(rng)),
        name=entity_name(rng, entity_type, words, size),
        entity_type=entity_type,
        status=status,
        founded_on=founded,
        registered_capital=nice_capital(figures.capital) if figures.capital else None,
        address=address(rng, entity_type),
        industry_code=industry_code,
        industry_section=section,
        size_class=size,
        employees=figures.employees,
        annual_revenue=money(figures.revenue),
        tax_paid=money(figures.tax),
        rd_expense=None if figures.rd is None else money(figures.rd),
        credit_risk_class=credit_class(rng, status),
        legal_representative=legal,
        contact_name=legal if rng.random() < 0.5 else person_name(rng),
        contact_phone=mobile(rng),
        contact_email=f"contact{index + 1}@example.com" if with_email else "",
        qualifications=qualifications(rng, profile),
    )


def generate_enterprises(seed: int, size: int) -> Iterator[EnterpriseRow]:
    """`size` enterprise rows, the same for the same seed (and a prefix of any longer run)."""
    rng = random.Random(seed)
    perm = CodePermutation.draw(rng)
    for index in range(size):
        yield _enterprise(rng, perm, index)


def chunked(rows: Iterable[T], size: int = CHUNK_SIZE) -> Iterator[list[T]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def is_showcase(row: EnterpriseRow) -> bool:
    """An enterprise worth binding the demo's enterprise account to: a small, active company
    with a valid 高新技术企业 certificate."""
    if row["entity_type"] != COMPANY or row["status"] != ACTIVE or row["size_class"] != "small":
        return False
    return any(
        q["kind"] == "high_tech" and (q["valid_until"] is None or q["valid_until"] >= ref.AS_OF)
        for q in row["qualifications"]
    )
