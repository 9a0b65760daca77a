"""Synthetic enterprise rows for the demo registry. Plain Python, no Django.

`generate_enterprises(seed, size)` streams plain dict rows: the same seed gives the same rows,
and a longer run starts with the rows of a shorter one. Distributions follow what a high-tech
zone's registry looks like: mostly small and micro companies in software, manufacturing,
research and trade, many 个体工商户, most of them 存续, founded mostly in the last ten years.
"""

import bisect
import itertools
import math
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Generic, TypedDict, TypeVar

from yingshang.core import uscc
from yingshang.core.industry import section_of
from yingshang.enterprises.demo import vocabulary as ref

CHUNK_SIZE = 5_000
T = TypeVar("T")

# --- row types --------------------------------------------------------------------------------


class QualificationRow(TypedDict):
    kind: str  # QualificationKind.code
    certificate_no: str
    valid_from: date
    valid_until: date | None


class EnterpriseRow(TypedDict):
    uscc: str
    name: str
    entity_type: str
    status: str
    founded_on: date
    registered_capital: Decimal | None
    address: str
    industry_code: str
    industry_section: str
    size_class: str
    employees: int
    annual_revenue: Decimal
    tax_paid: Decimal
    rd_expense: Decimal | None
    credit_risk_class: str
    legal_representative: str
    contact_name: str
    contact_phone: str
    contact_email: str
    qualifications: list[QualificationRow]


ENTERPRISE_FIELDS: tuple[str, ...] = tuple(
    name for name in EnterpriseRow.__annotations__ if name != "qualifications"
)

# --- weighted choice --------------------------------------------------------------------------


@dataclass(frozen=True)
class Weighted(Generic[T]):
    """A fixed weighted choice, picked with one random number."""

    values: tuple[T, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def of(cls, pairs: Iterable[tuple[T, float]]) -> "Weighted[T]":
        items = [(value, weight) for value, weight in pairs if weight > 0]
        values = tuple(value for value, _ in items)
        return cls(values, tuple(itertools.accumulate(weight for _, weight in items)))

    def pick(self, rng: random.Random) -> T:
        index = bisect.bisect_right(self.cumulative, rng.random() * self.cumulative[-1])
        return self.values[min(index, len(self.values) - 1)]


def _uniform(values: Sequence[T]) -> Weighted[T]:
    return Weighted.of((value, 1.0) for value in values)


def _lognormal(rng: random.Random, median: float, sigma: float, low: float, high: float) -> float:
    """Log-normal around `median`, clipped to [low, high]."""
    return min(high, max(low, median * math.exp(sigma * rng.gauss(0.0, 1.0))))


def _money(amount: float) -> Decimal:
    return Decimal(f"{amount:.2f}")


# --- distributions ----------------------------------------------------------------------------

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


def _years(growth: float) -> Weighted[int]:
    """Founding years, each year `growth` times as many as the year before."""
    last = ref.AS_OF.year
    share_of_last = ref.AS_OF.timetuple().tm_yday / 365
    return Weighted.of(
        (year, growth ** (year - ref.FIRST_YEAR) * (share_of_last if year == last else 1.0))
        for year in range(ref.FIRST_YEAR, last + 1)
    )


FOUNDING_YEARS = {COMPANY: _years(1.13), INDIVIDUAL: _years(1.2)}
# uscc "登记管理机关行政区划码": mostly the city's, some the zone's and the district's.
DIVISIONS = Weighted.of([("410100", 0.90), ("410172", 0.06), ("410102", 0.04)])
REGISTRATION_TYPE = {COMPANY: "1", BRANCH: "1", OTHER: "1", INDIVIDUAL: "2", COOPERATIVE: "3"}
NEW_CODES_SINCE = date(2015, 10, 1)

# --- composition tables -----------------------------------------------------------------------


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
SURNAMES = Weighted.of(ref.SURNAMES)
GIVEN = _uniform(ref.GIVEN_CHARS)
TRADE_FIRST = _uniform(ref.TRADE_NAME_FIRST)
TRADE_SECOND = _uniform(ref.TRADE_NAME_SECOND)
COMPANY_PREFIXES = Weighted.of(ref.COMPANY_PREFIXES)
INDIVIDUAL_PREFIXES = Weighted.of(ref.INDIVIDUAL_PREFIXES)
ROADS = _uniform(ref.ROADS)
BUILDINGS = _uniform(ref.BUILDINGS)
PARENT_CITIES = _uniform(ref.BRANCH_PARENT_CITIES)
MOBILE_PREFIXES = _uniform(ref.MOBILE_PREFIXES)

# --- unified social credit codes --------------------------------------------------------------

MA_SPACE = 31**7
OLD_SPACE = 10**8
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


@dataclass(frozen=True)
class CodePermutation:
    """Bijections from row numbers to organisation parts, so that codes never repeat."""

    ma_factor: int
    ma_offset: int
    old_factor: int
    old_offset: int

    @classmethod
    def draw(cls, rng: random.Random) -> "CodePermutation":
        ma_factor = rng.randrange(1, MA_SPACE)
        while ma_factor % 31 == 0:
            ma_factor = rng.randrange(1, MA_SPACE)
        old_factor = rng.randrange(1, OLD_SPACE)
        while math.gcd(old_factor, OLD_SPACE) != 1:
            old_factor = rng.randrange(1, OLD_SPACE)
        return cls(ma_factor, rng.randrange(MA_SPACE), old_factor, rng.randrange(OLD_SPACE))

    def new_style(self, index: int) -> str:
        """Post-2015 codes: "MA" and seven characters of the code set."""
        n = (self.ma_factor * index + self.ma_offset) % MA_SPACE
        chars = []
        for _ in range(7):
            n, digit = divmod(n, 31)
            chars.append(uscc.CHARSET[digit])
        return "MA" + "".join(reversed(chars))

    def old_style(self, index: int) -> str:
        """Pre-2015 codes embed the 组织机构代码: eight digits and its GB 11714 check."""
        digits = f"{(self.old_factor * index + self.old_offset) % OLD_SPACE:08d}"
        total = sum(int(d) * w for d, w in zip(digits, ORG_CODE_WEIGHTS, strict=True))
        check = 11 - total % 11
        return digits + ("X" if check == 10 else "0" if check == 11 else str(check))


def make_uscc(
    perm: CodePermutation, index: int, entity_type: str, founded_on: date, division: str
) -> str:
    type_digit = REGISTRATION_TYPE[entity_type]
    old = type_digit == "1" and founded_on < NEW_CODES_SINCE
    org = perm.old_style(index) if old else perm.new_style(index)
    return uscc.complete(f"9{type_digit}{division}{org}")


# --- parts of a row ---------------------------------------------------------------------------


def person_name(rng: random.Random) -> str:
    given = GIVEN.pick(rng)
    if rng.random() < 0.7:
        given += GIVEN.pick(rng)
    return SURNAMES.pick(rng) + given


def mobile(rng: random.Random) -> str:
    return f"{MOBILE_PREFIXES.pick(rng)}{rng.randrange(10**8):08d}"


def _trade_name(rng: random.Random) -> str:
    first, second = TRADE_FIRST.pick(rng), TRADE_SECOND.pick(rng)
    if second == first:
        second = TRADE_SECOND.pick(rng)
    return first + second


def _founded_on(rng: random.Random, entity_type: str) -> date:
    years = FOUNDING_YEARS[INDIVIDUAL if entity_type == INDIVIDUAL else COMPANY]
    year = years.pick(rng)
    start = date(year, 1, 1)
    end = min(date(year, 12, 31), ref.AS_OF)
    return start + timedelta(days=rng.randrange((end - start).days + 1))


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
    """How a 个体工商户 names itself: 张记, 老王, or a trade name."""
    roll = rng.random()
    if roll < 0.25:
        return f"{SURNAMES.pick(rng)}记"
    if roll < 0.4:
        return f"老{SURNAMES.pick(rng)}"
    return _trade_name(rng)


def _name(rng: random.Random, entity_type: str, words: tuple[str, ...], size: str) -> str:
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


def _address(rng: random.Random, entity_type: str) -> str:
    road = f"{ROADS.pick(rng)}{rng.randint(1, 199)}号"
    if entity_type == INDIVIDUAL:
        return f"郑州市高新技术产业开发区{road}{rng.randint(1, 30)}号门面房"
    building = BUILDINGS.pick(rng) if rng.random() < 0.6 else ""
    floor = rng.randint(1, 24)
    return (
        f"河南省郑州市高新技术产业开发区{road}{building}"
        f"{rng.randint(1, 12)}号楼{floor}层{floor * 100 + rng.randint(1, 30)}号"
    )


def _nice_capital(amount: float) -> Decimal:
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


def _finance(rng: random.Random, entity_type: str, size: str, section: str) -> Finance:
    if entity_type == INDIVIDUAL:
        employees = round(_lognormal(rng, 2.0, 0.6, 1, 8))
        revenue = _lognormal(rng, 25.0, 0.8, 1.0, 299.99)
        return Finance(
            employees, revenue, revenue * _lognormal(rng, 0.015, 0.4, 0.0, 0.05), None, None
        )
    employees = round(_lognormal(rng, *EMPLOYEES[size]))
    revenue = _lognormal(rng, *REVENUE[size])
    tax = revenue * _lognormal(rng, 0.04, 0.5, 0.002, 0.15)
    if section in TECH_SECTIONS:
        ratio = _lognormal(rng, 0.035 if section == "C" else 0.06, 0.6, 0.0, 0.4)
        rd = 0.0 if size == "micro" and rng.random() < 0.3 else revenue * ratio
    else:
        rd = 0.0 if rng.random() < 0.8 else revenue * _lognormal(rng, 0.01, 0.6, 0.0, 0.1)
    capital = None if entity_type == BRANCH else _lognormal(rng, CAPITAL_MEDIAN[size], 0.9, 1, 1e6)
    return Finance(employees, revenue, tax, rd, capital)


# --- qualifications ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """What decides which qualifications an enterprise holds."""

    entity_type: str
    status: str
    section: str
    size: str
    founded_on: date
    revenue: float

    @property
    def tech(self) -> bool:
        return self.section in TECH_SECTIONS


def _high_tech_chance(p: Profile, held: set[str]) -> float:
    factor = {"micro": 0.6, "small": 1.5, "medium": 1.9, "large": 1.7}[p.size]
    return (0.31 if p.tech else 0.015) * factor


def _specialized_chance(p: Profile, held: set[str]) -> float:
    if p.size not in ("small", "medium"):
        return 0.0
    return 0.28 if p.tech else 0.07


def _little_giant_chance(p: Profile, held: set[str]) -> float:
    return 0.12 if "specialized" in held and p.tech else 0.0


def _sme_tech_chance(p: Profile, held: set[str]) -> float:
    if not p.tech or p.size == "large":
        return 0.0
    return 0.35 * {"micro": 0.9, "small": 1.2, "medium": 1.0}[p.size]


def _above_scale_chance(p: Profile, held: set[str]) -> float:
    if p.size in ("medium", "large"):
        return 1.0
    return 0.4 if p.size == "small" and p.revenue >= 1000 else 0.0


def _gazelle_chance(p: Profile, held: set[str]) -> float:
    young = p.founded_on.year >= 2014
    return 0.06 if p.tech and young and p.size in ("small", "medium") else 0.0


def _innovative_chance(p: Profile, held: set[str]) -> float:
    return 0.08 if p.tech and p.size != "large" else 0.0


@dataclass(frozen=True)
class QualificationRule:
    kind: str
    chance: Callable[[Profile, set[str]], float]
    years: Weighted[int]
    month: int
    term_years: int | None  # None: no end; 0: to the end of the year
    cert_prefix: str
    cert_digits: int

    def issue(self, rng: random.Random, p: Profile) -> QualificationRow | None:
        year = self.years.pick(rng)
        valid_from = date(year, self.month, rng.randint(1, 28))
        if valid_from <= p.founded_on or valid_from > ref.AS_OF:
            return None
        if self.term_years is None:
            valid_until = None
        elif self.term_years == 0:
            valid_until = date(year, 12, 31)
        else:
            valid_until = valid_from.replace(year=year + self.term_years) - timedelta(days=1)
        number = f"{rng.randrange(10**self.cert_digits):0{self.cert_digits}d}"
        certificate = f"{self.cert_prefix}{year}{number}" if self.cert_digits else ""
        return QualificationRow(
            kind=self.kind,
            certificate_no=certificate,
            valid_from=valid_from,
            valid_until=valid_until,
        )


def _issue_years(pairs: str) -> Weighted[int]:
    return Weighted.of((int(y), float(w)) for y, w in (item.split(":") for item in pairs.split()))


QUALIFICATION_RULES = (
    QualificationRule(
        "high_tech",
        _high_tech_chance,
        _issue_years("2021:6 2022:14 2023:27 2024:27 2025:26"),
        11,
        3,
        "GR",
        8,
    ),
    QualificationRule(
        "specialized",
        _specialized_chance,
        _issue_years("2021:10 2022:15 2023:25 2024:25 2025:25"),
        9,
        3,
        "ZJTX",
        5,
    ),
    QualificationRule(
        "little_giant",
        _little_giant_chance,
        _issue_years("2021:15 2022:20 2023:25 2024:20 2025:20"),
        7,
        3,
        "XJR",
        4,
    ),
    QualificationRule(
        "sme_tech", _sme_tech_chance, _issue_years("2025:25 2026:75"), 4, 0, "KJXZX", 9
    ),
    QualificationRule(
        "above_scale",
        _above_scale_chance,
        _issue_years("2016:5 2018:10 2020:15 2022:20 2024:25 2025:25"),
        1,
        None,
        "",
        0,
    ),
    QualificationRule("gazelle", _gazelle_chance, _issue_years("2025:50 2026:50"), 6, 1, "DL", 4),
    QualificationRule(
        "innovative_sme",
        _innovative_chance,
        _issue_years("2023:20 2024:30 2025:30 2026:20"),
        3,
        3,
        "CXZX",
        5,
    ),
)


def _qualifications(rng: random.Random, p: Profile) -> list[QualificationRow]:
    if p.entity_type != COMPANY or p.status != ACTIVE:
        return []
    held: set[str] = set()
    rows: list[QualificationRow] = []
    for rule in QUALIFICATION_RULES:
        chance = rule.chance(p, held)
        if chance <= 0 or rng.random() >= chance:
            continue
        row = rule.issue(rng, p)
        if row is not None:
            held.add(rule.kind)
            rows.append(row)
    return rows


# --- rows -------------------------------------------------------------------------------------


def _industry_table(entity_type: str) -> Weighted[tuple[str, str, tuple[str, ...]]]:
    if entity_type in (INDIVIDUAL, COOPERATIVE):
        return INDUSTRIES[entity_type]
    return INDUSTRIES[COMPANY]


def _credit_class(rng: random.Random, status: str) -> str:
    if status == "revoked":
        return "D"
    if status == "deregistered":
        return ""
    return CREDIT_CLASSES.pick(rng)


def _enterprise(rng: random.Random, perm: CodePermutation, index: int) -> EnterpriseRow:
    entity_type = ENTITY_TYPES.pick(rng)
    founded_on = _founded_on(rng, entity_type)
    status = STATUSES[INDIVIDUAL if entity_type == INDIVIDUAL else COMPANY].pick(rng)
    industry_code, section, words = _industry_table(entity_type).pick(rng)
    size = SIZES[entity_type].pick(rng)
    finance = _finance(rng, entity_type, size, section)
    legal = person_name(rng)
    profile = Profile(entity_type, status, section, size, founded_on, finance.revenue)
    with_email = entity_type != INDIVIDUAL and rng.random() < 0.5
    return EnterpriseRow(
        uscc=make_uscc(perm, index, entity_type, founded_on, DIVISIONS.pick(rng)),
        name=_name(rng, entity_type, words, size),
        entity_type=entity_type,
        status=status,
        founded_on=founded_on,
        registered_capital=_nice_capital(finance.capital) if finance.capital else None,
        address=_address(rng, entity_type),
        industry_code=industry_code,
        industry_section=section,
        size_class=size,
        employees=finance.employees,
        annual_revenue=_money(finance.revenue),
        tax_paid=_money(finance.tax),
        rd_expense=None if finance.rd is None else _money(finance.rd),
        credit_risk_class=_credit_class(rng, status),
        legal_representative=legal,
        contact_name=legal if rng.random() < 0.5 else person_name(rng),
        contact_phone=mobile(rng),
        contact_email=f"contact{index + 1}@example.com" if with_email else "",
        qualifications=_qualifications(rng, profile),
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
