"""Valid records kept on disk between the check and the write, a chunk at a time."""

import pickle
import tempfile
from collections.abc import Iterator
from types import TracebackType

from yingshang.enterprises.imports.rows import EnterpriseRecord


class RecordSpool:
    """An anonymous temporary file of pickled chunks; memory holds one chunk at most."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self.chunks = 0

    def write(self, chunk: list[EnterpriseRecord]) -> None:
        pickle.dump([tuple(r) for r in chunk], self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.chunks += 1

    def read(self) -> Iterator[list[EnterpriseRecord]]:
        self._file.seek(0)
        for _ in range(self.chunks):
            yield [EnterpriseRecord._make(r) for r in pickle.load(self._file)]

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> "RecordSpool":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
