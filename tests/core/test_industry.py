import pytest

from yingshang.core.industry import SECTIONS, section_name, section_of


@pytest.mark.parametrize(
    ("code", "section"),
    [
        ("6513", "I"),
        ("C3919", "C"),
        ("3919", "C"),
        ("0111", "A"),
        ("65", "I"),
        ("7010", "K"),
        ("9700", "T"),
        ("I", "I"),
    ],
)
def test_known_codes(code, section):
    assert section_of(code) == section


@pytest.mark.parametrize("code", ["", "9", "99", "abcd", "C6513", "X12", "12345"])
def test_unknown_codes(code):
    assert section_of(code) is None


def test_divisions_cover_01_to_97_without_overlap():
    covered = [d for _n, low, high in SECTIONS.values() for d in range(low, high + 1)]
    assert sorted(covered) == list(range(1, 98))
    assert section_name("I") == "信息传输、软件和信息技术服务业"
    assert section_name("Z") == ""
