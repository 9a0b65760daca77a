"""The uscc's first two characters against the registry's entity type (GB 32100-2015)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yingshang.core import uscc
from yingshang.core.uscc_types import EXPECTED_PREFIXES, KINDS, holder_kind, type_mismatch

CHECKED = sorted(EXPECTED_PREFIXES)
ALL_TYPES = [*CHECKED, "other"]

codes = st.text(alphabet=uscc.CHARSET, min_size=17, max_size=17).map(uscc.complete)


@given(code=codes, entity_type=st.sampled_from(ALL_TYPES))
def test_a_code_agrees_exactly_when_its_prefix_is_one_the_type_carries(code, entity_type):
    expected = EXPECTED_PREFIXES.get(entity_type)
    mismatch = type_mismatch(code, entity_type)
    if expected is None:
        assert mismatch is None
    else:
        assert (mismatch is None) == (code[:2] in expected)


@given(code=codes, entity_type=st.sampled_from(CHECKED))
def test_the_mismatch_names_the_prefix_what_it_stands_for_and_what_is_expected(code, entity_type):
    mismatch = type_mismatch(code, entity_type)
    if mismatch is None:
        return
    assert mismatch.prefix == code[:2]
    assert mismatch.expected == EXPECTED_PREFIXES[entity_type]
    message = mismatch.message("某类型")
    assert f"“{code[:2]}”" in message and "某类型" in message
    assert all(f"“{p}”" in message for p in mismatch.expected)
    assert "," not in message and ":" not in message  # full-width punctuation on screen


@given(body=st.text(alphabet=uscc.CHARSET, min_size=15, max_size=15))
def test_a_written_form_of_the_code_is_judged_as_the_code(body):
    """Lower case, full-width characters and surrounding spaces do not change the verdict."""
    code = uscc.complete("92" + body)
    written = " " + code.lower().translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert type_mismatch(written, "individual") is None
    assert type_mismatch(written, "company") == type_mismatch(code, "company")


def test_an_enterprise_code_for_an_individual_business_is_a_mismatch():
    mismatch = type_mismatch(uscc.complete("91410100MA0000001"), "individual")
    assert mismatch is not None and mismatch.holder == "企业"
    assert mismatch.message("个体工商户") == (
        "统一社会信用代码前两位为“91”（企业），与主体类型“个体工商户”不符："
        "个体工商户的代码通常以“92”开头。请核对代码或主体类型。"
    )


@pytest.mark.parametrize(
    ("prefix", "entity_type"),
    [
        ("91", "company"),
        ("92", "individual"),
        ("93", "cooperative"),
        ("91", "branch"),
        ("93", "branch"),
        ("12", "other"),
        ("51", "other"),
    ],
)
def test_agreeing_prefixes(prefix, entity_type):
    assert type_mismatch(prefix + "410100MA0000001", entity_type) is None


def test_too_short_to_tell_is_no_mismatch():
    assert type_mismatch("", "company") is None
    assert type_mismatch("9", "company") is None


@pytest.mark.parametrize(
    ("prefix", "holder"),
    [("92", "个体工商户"), ("12", "事业单位"), ("59", "民政部门登记的其他主体"), ("Z1", "")],
)
def test_holder_kind(prefix, holder):
    assert holder_kind(prefix) == holder


def test_every_listed_kind_starts_with_a_listed_authority():
    assert all(holder_kind(prefix[0] + "0").endswith("其他主体") for prefix in KINDS)
