"""Duplicate hints for new problems (疑似重复问题).

Texts are normalised (full-width to half-width, lower case, whitespace and punctuation removed)
and compared as sets of character bigrams; the similarity is the Jaccard index |A ∩ B| / |A ∪ B|.
Bigrams suit Chinese, which has no spaces between words: "企业开办时间长" and "企业开办用时长"
share 企业，业开，开办 and 时长... A one-character text is its own single "bigram".
"""

import unicodedata
from collections.abc import Hashable, Iterable


class DuplicateError(ValueError):
    """Bad parameters, with a Chinese message."""


def normalise(text: str) -> str:
    """NFKC, lower case, only letters and digits (Chinese characters are letters)."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    return "".join(ch for ch in folded if ch.isalnum())


def bigrams(text: str) -> frozenset[str]:
    cleaned = normalise(text)
    if len(cleaned) < 2:
        return frozenset({cleaned}) if cleaned else frozenset()
    return frozenset(cleaned[i : i + 2] for i in range(len(cleaned) - 1))


def similarity(a: str, b: str) -> float:
    """Jaccard index of the bigram sets, 0 when either text is empty after normalising."""
    first, second = bigrams(a), bigrams(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def likely_duplicates(
    text: str,
    candidates: Iterable[tuple[Hashable, str]],
    *,
    threshold: float = 0.5,
    limit: int = 5,
) -> list[tuple[Hashable, float]]:
    """Candidates at least `threshold` similar to `text`, most similar first (ties keep the
    candidates' order), at most `limit`; similarities rounded to three decimals."""
    if not 0 < threshold <= 1:
        raise DuplicateError(f"相似度阈值必须大于 0 且不超过 1: {threshold}")
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise DuplicateError(f"返回条数必须是正整数: {limit!r}")
    own = bigrams(text)
    if not own:
        return []
    found: list[tuple[Hashable, float]] = []
    for key, other_text in candidates:
        other = bigrams(other_text)
        if not other:
            continue
        score = len(own & other) / len(own | other)
        if score >= threshold:
            found.append((key, round(score, 3)))
    found.sort(key=lambda pair: -pair[1])
    return found[:limit]
