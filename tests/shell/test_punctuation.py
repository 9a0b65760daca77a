"""Chinese text on screen uses full-width punctuation: no half-width comma, semicolon, question
or exclamation mark between Chinese words, in templates or in the platform's string literals."""

import io
import re
import tokenize
from pathlib import Path

import pytest

import yingshang

ROOT = Path(yingshang.__file__).parent
CJK = r"[\u4e00-\u9fa5）”]"
HALF_WIDTH = re.compile(CJK + r"[,;?!] ?(?=[\u4e00-\u9fa5（“])")
AFTER_LATIN = re.compile(r"[A-Za-z0-9)}], (?=[\u4e00-\u9fa5])")


def _sources(suffix: str) -> list[Path]:
    return sorted(
        p
        for p in ROOT.rglob(f"*{suffix}")
        if "migrations" not in p.parts and "vendor" not in p.parts
    )


def _string_literals(path: Path) -> list[tuple[int, str]]:
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    kinds = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    return [(tok.start[0], tok.string) for tok in tokens if tok.type in kinds]


def _is_docstring_prose(text: str) -> bool:
    # English prose naming Chinese terms ("催办 before the deadline, 督办 after it") is code
    # documentation, not screen text.
    return bool(re.search(r"[A-Za-z]{3,} [a-z]{2,} [a-z]{2,}", text))


@pytest.mark.parametrize("path", _sources(".html"), ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_use_full_width_punctuation(path):
    text = re.sub(r"<[^>]*>", " ", path.read_text(encoding="utf-8"))
    assert HALF_WIDTH.findall(text) == []


@pytest.mark.parametrize("path", _sources(".py"), ids=lambda p: str(p.relative_to(ROOT)))
def test_string_literals_use_full_width_punctuation(path):
    bad = [
        (line, literal[:60])
        for line, literal in _string_literals(path)
        if not _is_docstring_prose(literal)
        and (HALF_WIDTH.search(literal) or AFTER_LATIN.search(literal))
    ]
    assert bad == []


def test_the_rule_sees_a_half_width_comma():
    assert HALF_WIDTH.search("标题不能为空" + ", " + "且不超过 200 个字符")
    assert AFTER_LATIN.search("YYYY-MM-DD, 如 2025-10-01")
    assert not HALF_WIDTH.search("标题不能为空，且不超过 200 个字符")
