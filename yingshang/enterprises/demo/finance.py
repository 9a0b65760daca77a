"""An enterprise's figures: employees, revenue, tax, R&D and registered capital, consistent with
its size class."""

import math
import random
from dataclasses import dataclass
from decimal import Decimal

from yingshang.enterprises.demo.distributions import BRANCH, INDIVIDUAL, TECH_SECTIONS
from yingshang.enterprises.demo.weighted import lognormal

# (employees median, sigma, low, high), (revenue median in 万元, sigma, low, high): the bounds
# keep each size class consistent with `size_class_of`.
EMPLOYEES = {
    "micro": (5.0, 0.8, 1, 19),
    "small": (45.0, 0.6, 20, 299),
    "medium": (450.0, 0.3, 300, 999),
    "large": (1800.0, 0.6, 1000, 30_000),
}
REVENUE = {
    "micro": (60.0, 1.0, 1.0, 299.99),
    "small": (800.0, 0.5, 300.0, 1999.99),
    "medium": (8000.0, 0.7, 2000.0, 39_999.99),
    "large": (90_000.0, 0.8, 40_000.0, 5_000_000.0),
}
CAPITAL_MEDIAN = {"micro": 100.0, "small": 500.0, "medium": 3000.0, "large": 20_000.0}


def size_class_of(employees: int, revenue: float) -> str:
    """Size class from employees and revenue (万元), with the industrial thresholds of the 2017
    statistical standard (大中小微型企业划分办法)."""
    if employees >= 1000 and revenue >= 40_000:
        return "large"
    if employees >= 300 and revenue >= 2000:
        return "medium"
    if employees >= 20 and revenue >= 300:
        return "small"
    return "micro"


def nice_capital(amount: float) -> Decimal:
    """Registered capital as people choose it: 1, 2, 3 or 5 times a power of ten (万元)."""
    power = 10 ** math.floor(math.log10(amount))
    mantissa = min((1, 2, 3, 5, 10), key=lambda m: abs(m * power - amount))
    return Decimal(mantissa * power).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Finance:
    employees: int
    revenue: float
    tax: float
    rd: float | None
    capital: float | None


def finance(rng: random.Random, entity_type: str, size: str, section: str) -> Finance:
    if entity_type == INDIVIDUAL:
        employees = round(lognormal(rng, 2.0, 0.6, 1, 8))
        revenue = lognormal(rng, 25.0, 0.8, 1.0, 299.99)
        return Finance(
            employees, revenue, revenue * lognormal(rng, 0.015, 0.4, 0.0, 0.05), None, None
        )
    employees = round(lognormal(rng, *EMPLOYEES[size]))
    revenue = lognormal(rng, *REVENUE[size])
    tax = revenue * lognormal(rng, 0.04, 0.5, 0.002, 0.15)
    if section in TECH_SECTIONS:
        ratio = lognormal(rng, 0.035 if section == "C" else 0.06, 0.6, 0.0, 0.4)
        rd = 0.0 if size == "micro" and rng.random() < 0.3 else revenue * ratio
    else:
        rd = 0.0 if rng.random() < 0.8 else revenue * lognormal(rng, 0.01, 0.6, 0.0, 0.1)
    capital = None if entity_type == BRANCH else lognormal(rng, CAPITAL_MEDIAN[size], 0.9, 1, 1e6)
    return Finance(employees, revenue, tax, rd, capital)
