"""统一社会信用代码 (unified social credit code, GB 32100-2015).

18 characters from a 31-character set (digits and the capitals without I, O, S, V, Z); the 18th is
a check character computed from the first 17 with weights 3^(i-1) mod 31.
"""

import unicodedata
from dataclasses import dataclass

USCC_LENGTH = 18
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES = {ch: i for i, ch in enumerate(CHARSET)}
WEIGHTS = tuple(pow(3, i, 31) for i in range(USCC_LENGTH - 1))
EXCLUDED_LETTERS = "I、O、S、V、Z"


@dataclass(frozen=True)
class UsccError(ValueError):
    """Why a code is not a valid uscc, in Chinese."""

    message: str

    def __str__(self) -> str:
        return self.message


def normalize(raw: str) -> str:
    """Full-width to half-width, surrounding spaces dropped, letters upper-cased."""
    return unicodedata.normalize("NFKC", raw).strip().upper()


def check_character(body: str) -> str:
    """The 18th character for the first 17."""
    total = sum(VALUES[ch] * w for ch, w in zip(body, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def validate(raw: str) -> str:
    """Return the normalised code or raise UsccError saying what is wrong."""
    code = normalize(raw or "")
    if not code:
        raise UsccError("统一社会信用代码不能为空")
    if len(code) != USCC_LENGTH:
        raise UsccError(f"统一社会信用代码应为18位，实际为{len(code)}位")
    for position, ch in enumerate(code, start=1):
        if ch not in VALUES:
            raise UsccError(
                f"第{position}位字符“{ch}”不允许: 只能是数字和除 {EXCLUDED_LETTERS} 以外的大写字母"
            )
    expected = check_character(code[:-1])
    if code[-1] != expected:
        raise UsccError(f"校验码错误: 第18位应为“{expected}”，实际为“{code[-1]}”")
    return code


def is_valid(raw: str) -> bool:
    try:
        validate(raw)
    except UsccError:
        return False
    return True


def complete(body: str) -> str:
    """Append the check character to a 17-character body (for generating codes)."""
    body = normalize(body)
    if len(body) != USCC_LENGTH - 1 or any(ch not in VALUES for ch in body):
        raise UsccError("需要17位合法字符才能计算校验码")
    return body + check_character(body)
