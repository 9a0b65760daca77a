"""Text to numbers without a tokenizer: character n-grams and keyword scores, in pure Python
over dictionaries (faster per message than a vectorizer call, and the same code fits and
predicts). Chinese needs no segmentation for this: a word of two or three characters is its
own n-gram, and longer keywords are found by the lexicon's prefix walk."""

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

_SPACE = re.compile(r"\s+")


def normalise(text: object) -> str:
    """NFKC (full-width letters and digits to half-width) and runs of white space to one."""
    if text is None:
        return ""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", str(text))).strip()


def join_fields(values: Iterable[object]) -> str:
    return " ".join(part for part in (normalise(v) for v in values) if part)


def codes(text: str):  # -> numpy.ndarray of uint64
    """The text's code points plus one (so that no character is 0), as unsigned 64-bit ints."""
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64) + 1


def packed_keys(points, low: int, high: int):  # -> numpy.ndarray of uint64
    """Every n-gram (low ≤ n ≤ high ≤ 3) of a code array as one integer: 21 bits a character
    (Unicode needs 21), so n-grams of different lengths never share a key."""
    import numpy as np

    parts = []
    size = len(points)
    for n in range(low, high + 1):
        if size < n:
            continue
        key = points[: size - n + 1].copy()
        for k in range(1, n):
            key = (key << np.uint64(21)) | points[k : size - n + 1 + k]
        parts.append(key)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)


class NgramSpace:
    """The n-gram vocabulary and inverse document frequencies of a corpus (sublinear TF-IDF,
    l2-normalised, as scikit-learn's smooth idf). N-grams are packed into integers and looked up
    by binary search, which is several times faster in numpy than hashing each substring."""

    MAX_N = 3

    def __init__(self, keys, idf, low: int, high: int):
        """`keys`: the packed n-grams (see `packed_keys`), `idf` one value each."""
        import numpy as np

        if not 1 <= low <= high <= self.MAX_N:
            raise ValueError(f"n-gram lengths must lie within 1..{self.MAX_N}")
        keys = np.asarray(keys, dtype=np.uint64)
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.idf_array = np.asarray(idf, dtype=np.float64)[order]
        self.low, self.high = low, high

    @property
    def terms(self) -> list[str]:
        return [unpack(int(k)) for k in self.keys]

    def __len__(self) -> int:
        return len(self.keys)

    @classmethod
    def fit(cls, texts: Sequence[str], low: int, high: int, min_df: int) -> "NgramSpace":
        import numpy as np

        parts = [np.unique(packed_keys(codes(t), low, high)) for t in texts]
        n = len(texts)
        if parts:
            keys, df = np.unique(np.concatenate(parts), return_counts=True)
        else:
            keys, df = np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
        keep = df >= min_df
        keys, df = keys[keep], df[keep]
        idf = np.log((1 + n) / (1 + df)) + 1
        return cls(keys, idf, low, high)

    def vector(self, text: str):  # -> tuple[numpy.ndarray, numpy.ndarray]
        """Column indices and TF-IDF values of one text (l2 norm 1; empty when nothing is known)."""
        import numpy as np

        found = packed_keys(codes(text), self.low, self.high)
        empty = np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        if not found.size or not self.keys.size:
            return empty
        # Sorted, distinct needles: fewer searches, and each starts near the last one.
        grams, counts = np.unique(found, return_counts=True)
        at = np.searchsorted(self.keys, grams)
        at[at == len(self.keys)] = 0
        hit = self.keys[at] == grams
        if not hit.any():
            return empty
        columns, counts = at[hit], counts[hit]
        values = (1.0 + np.log(counts)) * self.idf_array[columns]
        return columns.astype(np.int32), (values / np.sqrt(values @ values)).astype(np.float32)

    def matrix(self, texts: Sequence[str]):  # -> scipy.sparse.csr_matrix
        import numpy as np
        from scipy import sparse

        pairs = [self.vector(text) for text in texts]
        indptr = np.cumsum([0, *(len(c) for c, _ in pairs)])
        indices = np.concatenate([c for c, _ in pairs]) if pairs else np.zeros(0, np.int32)
        data = np.concatenate([v for _, v in pairs]) if pairs else np.zeros(0, np.float32)
        return sparse.csr_matrix((data, indices, indptr), shape=(len(texts), len(self)))


def unpack(key: int) -> str:
    chars = []
    while key:
        chars.append(chr((key & 0x1FFFFF) - 1))
        key >>= 21
    return "".join(reversed(chars))


_BASE = 0x9E3779B97F4A7C15  # an odd 64-bit multiplier for the rolling hash


def _rolling(points, length: int):  # -> numpy.ndarray of uint64
    """A polynomial hash (mod 2^64) of every substring of `length` code points."""
    import numpy as np

    count = len(points) - length + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    value = points[:count].copy()
    with np.errstate(over="ignore"):
        for k in range(1, length):
            value = value * np.uint64(_BASE) + points[k : k + count]
    return value


class Lexicon:
    """Keyword scores per class: every occurrence of a word adds 1 + 0.3 × its length (a longer
    word is more specific) to each class that lists it. Substrings are found by a 64-bit
    rolling hash per word length and a binary search, in numpy."""

    def __init__(self, words: Mapping[str, Sequence[str]], labels: Sequence[str]):
        import numpy as np

        self.labels = list(labels)
        position = {label: i for i, label in enumerate(self.labels)}
        vocabulary: dict[str, int] = {}
        cells: list[tuple[int, int, float]] = []
        for label, items in words.items():
            if label not in position:
                continue
            for word in items:
                row = vocabulary.setdefault(word, len(vocabulary))
                cells.append((row, position[label], 1 + 0.3 * len(word)))
        self.words = list(vocabulary)
        self.weights = np.zeros((len(self.words), len(self.labels)))
        for row, column, weight in cells:
            self.weights[row, column] += weight
        # Per length: the sorted hashes of its words and their rows.
        self.tables: list[tuple[int, object, object]] = []
        for length in sorted({len(w) for w in self.words}):
            rows = [i for i, w in enumerate(self.words) if len(w) == length]
            hashes = np.array(
                [int(_rolling(codes(self.words[i]), length)[0]) for i in rows], dtype=np.uint64
            )
            order = np.argsort(hashes)
            self.tables.append((length, hashes[order], np.asarray(rows)[order]))

    def counts(self, text: str):  # -> numpy.ndarray
        """How often each word occurs in the text."""
        import numpy as np

        points = codes(text)
        found = []
        for length, hashes, rows in self.tables:
            value = _rolling(points, length)
            if not value.size:
                continue
            at = np.searchsorted(hashes, value)
            at[at == len(hashes)] = 0
            found.append(rows[at[hashes[at] == value]])
        hits = np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
        return np.bincount(hits, minlength=len(self.words)).astype(np.float64)

    def scores(self, text: str):  # -> numpy.ndarray
        import numpy as np

        if not self.words:
            return np.zeros(len(self.labels))
        return self.counts(text) @ self.weights

    def matrix(self, texts: Sequence[str]):  # -> numpy.ndarray
        import numpy as np

        if not self.words or not texts:
            return np.zeros((len(texts), len(self.labels)))
        return np.vstack([self.counts(t) for t in texts]) @ self.weights
