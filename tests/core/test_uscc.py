"""统一社会信用代码 rules, without the database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yingshang.core import uscc

# Published codes of real enterprises (from their business licences).
REAL_CODES = ["91110000600037341L", "91440300708461136T", "91350100M000100Y43"]

bodies = st.text(alphabet=uscc.CHARSET, min_size=17, max_size=17)


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_are_valid(code):
    assert uscc.validate(code) == code


def test_normalises_case_spaces_and_full_width():
    assert uscc.validate(" 91110000600037341l ") == "91110000600037341L"
    assert uscc.validate("９１１１００００６０００３７３４１Ｌ") == "91110000600037341L"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "统一社会信用代码不能为空"),
        ("9111000060003734", "统一社会信用代码应为18位，实际为16位"),
        ("91110000600037341LX", "统一社会信用代码应为18位，实际为19位"),
        ("9111000060003734IL", "第17位字符“I”不允许"),
        ("O1110000600037341L", "第1位字符“O”不允许"),
        ("91110000600037341S", "第18位字符“S”不允许"),
        ("911100006000373410", "校验码错误: 第18位应为“L”，实际为“0”"),
    ],
)
def test_errors_say_what_is_wrong(raw, message):
    with pytest.raises(uscc.UsccError) as exc:
        uscc.validate(raw)
    assert message in str(exc.value)


@given(bodies)
def test_completed_codes_are_valid(body):
    assert uscc.is_valid(uscc.complete(body))


@given(bodies, st.integers(min_value=0, max_value=16), st.sampled_from(uscc.CHARSET))
def test_any_single_substitution_is_detected(body, position, replacement):
    code = uscc.complete(body)
    if code[position] == replacement:
        return
    tampered = code[:position] + replacement + code[position + 1 :]
    # Weights 3^i mod 31 are all non-zero mod the prime 31, so one changed character always
    # changes the checksum.
    assert not uscc.is_valid(tampered)


def test_complete_refuses_bad_bodies():
    with pytest.raises(uscc.UsccError):
        uscc.complete("9111000060003734")
    with pytest.raises(uscc.UsccError):
        uscc.complete("9111000060003734I")
