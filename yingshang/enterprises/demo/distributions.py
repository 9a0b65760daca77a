"""How the demo registry is composed: entity types, statuses, sizes, credit classes, industries
and founding years, each a weighted choice shaped after a high-tech zone's registry."""

import random
from collections.abc import Iterable
from datetime import date, timedelta

from yingshang.core.industry import section_of
from yingshang.enterprises.demo import vocabulary as ref
from yingshang.enterprises.demo.weighted import Weighted

COMPANY, INDIVIDUAL, BRANCH, COOPERATIVE, OTHER = (
    "company",
    "individual",
    "branch",
    "cooperative",
    "other",
)
ACTIVE = "active"
TECH_SECTIONS = frozenset("ICM")

ENTITY_TYPES = Weighted.of(
    [(COMPANY, 0.655), (INDIVIDUAL, 0.30), (BRANCH, 0.035), (COOPERATIVE, 0.002), (OTHER, 0.008)]
)
STATUSES = {
    COMPANY: Weighted.of(
        [
            (ACTIVE, 0.90),
            ("deregistered", 0.05),
            ("revoked", 0.02),
            ("suspended", 0.015),
            ("moved_out", 0.015),
        ]
    ),
    INDIVIDUAL: Weighted.of(
        [(ACTIVE, 0.84), ("deregistered", 0.11), ("revoked", 0.02), ("suspended", 0.03)]
    ),
}
SIZES = {
    COMPANY: Weighted.of([("micro", 0.60), ("small", 0.29), ("medium", 0.08), ("large", 0.03)]),
    BRANCH: Weighted.of([("micro", 0.50), ("small", 0.35), ("medium", 0.12), ("large", 0.03)]),
    INDIVIDUAL: Weighted.of([("micro", 1.0)]),
    COOPERATIVE: Weighted.of([("micro", 0.8), ("small", 0.2)]),
    OTHER: Weighted.of([("micro", 0.9), ("small", 0.1)]),
}
CREDIT_CLASSES = Weighted.of([("A", 0.55), ("B", 0.37), ("C", 0.065), ("D", 0.015)])


def _years(growth: float) -> Weighted[int]:
    """Founding years, each year `growth` times as many as the year before."""
    last = ref.AS_OF.year
    share_of_last = ref.AS_OF.timetuple().tm_yday / 365
    return Weighted.of(
        (year, growth ** (year - ref.FIRST_YEAR) * (share_of_last if year == last else 1.0))
        for year in range(ref.FIRST_YEAR, last + 1)
    )


FOUNDING_YEARS = {COMPANY: _years(1.13), INDIVIDUAL: _years(1.2)}


def _industries(
    table: Iterable[tuple[str, float, tuple[str, ...]]],
) -> Weighted[tuple[str, str, tuple[str, ...]]]:
    rows = []
    for code, weight, words in table:
        section = section_of(code)
        if section is None:
            raise ValueError(f"not a GB/T 4754 code: {code}")
        rows.append(((code, section, words), weight))
    return Weighted.of(rows)


INDUSTRIES = {
    COMPANY: _industries(ref.COMPANY_INDUSTRIES),
    INDIVIDUAL: _industries(ref.INDIVIDUAL_TRADES),
    COOPERATIVE: _industries(ref.COOPERATIVE_INDUSTRIES),
}


def founded_on(rng: random.Random, entity_type: str) -> date:
    years = FOUNDING_YEARS[INDIVIDUAL if entity_type == INDIVIDUAL else COMPANY]
    year = years.pick(rng)
    start = date(year, 1, 1)
    end = min(date(year, 12, 31), ref.AS_OF)
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def industry_table(entity_type: str) -> Weighted[tuple[str, str, tuple[str, ...]]]:
    if entity_type in (INDIVIDUAL, COOPERATIVE):
        return INDUSTRIES[entity_type]
    return INDUSTRIES[COMPANY]


def credit_class(rng: random.Random, status: str) -> str:
    if status == "revoked":
        return "D"
    if status == "deregistered":
        return ""
    return CREDIT_CLASSES.pick(rng)
