"""Which qualifications (资质) a demo enterprise holds, and their certificates and terms.

Each kind has a chance that depends on the enterprise's profile (and on what it already holds:
a 小巨人 is first 专精特新), the years its certificates were issued in, and their term.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from yingshang.enterprises.demo import vocabulary as ref
from yingshang.enterprises.demo.distributions import ACTIVE, COMPANY, TECH_SECTIONS
from yingshang.enterprises.demo.rows import QualificationRow
from yingshang.enterprises.demo.weighted import Weighted


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


def qualifications(rng: random.Random, p: Profile) -> list[QualificationRow]:
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


@dataclass(frozen=True)
class AccountQualification:
    """A qualification of the enterprise account's enterprise that ends `days_left` days from
    the day the demo is built (negative: it has run out)."""

    kind: str
    cert_prefix: str
    serial: str
    term_years: int
    days_left: int

    def row(self, today: date) -> QualificationRow:
        valid_until = today + timedelta(days=self.days_left)
        valid_from = _years_before(valid_until + timedelta(days=1), self.term_years)
        return QualificationRow(
            kind=self.kind,
            certificate_no=f"{self.cert_prefix}{valid_from.year}{self.serial}",
            valid_from=valid_from,
            valid_until=valid_until,
        )


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


# Besides what it was generated with, the enterprise account's enterprise holds one
# qualification that runs out within the month and one that ran out a few weeks ago, counted
# from the day of the build, so that its home page has a renewal to remind of.
ACCOUNT_QUALIFICATIONS = (
    AccountQualification("innovative_sme", "CXZX", "04173", term_years=3, days_left=18),
    AccountQualification("gazelle", "DL", "0362", term_years=1, days_left=-20),
)


def account_qualifications(today: date) -> list[QualificationRow]:
    """The qualifications of the enterprise account's enterprise that end near `today`."""
    return [spec.row(today) for spec in ACCOUNT_QUALIFICATIONS]
