"""Unified social credit codes (统一社会信用代码) that look real and never repeat: the 登记管理
机关 division, the registration type, then a 组织机构代码 before 2015 or an "MA" code after."""

import math
import random
from dataclasses import dataclass
from datetime import date

from yingshang.core import uscc
from yingshang.enterprises.demo.distributions import (
    BRANCH,
    COMPANY,
    COOPERATIVE,
    INDIVIDUAL,
    OTHER,
)
from yingshang.enterprises.demo.weighted import Weighted

# uscc "登记管理机关行政区划码": mostly the city's, some the zone's and the district's.
DIVISIONS = Weighted.of([("410100", 0.90), ("410172", 0.06), ("410102", 0.04)])
REGISTRATION_TYPE = {COMPANY: "1", BRANCH: "1", OTHER: "1", INDIVIDUAL: "2", COOPERATIVE: "3"}
NEW_CODES_SINCE = date(2015, 10, 1)

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
