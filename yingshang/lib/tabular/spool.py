"""Valid records kept on disk between the check of a file and its write, a chunk at a time.

An import checks every row before it writes any; the valid records of a large file would not
fit in memory, so each checked chunk goes to an anonymous temporary file and is read back in
the same order for the write.
"""

import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Generic, Self, TypeVar

R = TypeVar("R")


class ChunkSpool(Generic[R]):
    """An anonymous temporary file of pickled chunks; memory holds one chunk at most.

    Records are stored as plain tuples (pickling a tuple is several times faster than pickling
    a named tuple by class reference) and rebuilt with `make`, e.g. `MyRecord._make`.
    """

    def __init__(self, make: Callable[[Iterable[object]], R]) -> None:
        self._make = make
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self.chunks = 0

    def write(self, chunk: Iterable[Iterable[object]]) -> None:
        pickle.dump([tuple(r) for r in chunk], self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.chunks += 1

    def read(self) -> Iterator[list[R]]:
        self._file.seek(0)
        make = self._make
        for _ in range(self.chunks):
            yield [make(r) for r in pickle.load(self._file)]

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
