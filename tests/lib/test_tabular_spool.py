"""The spool keeps checked chunks on disk and gives them back in order, as records."""

from typing import NamedTuple

from yingshang.lib.tabular.spool import ChunkSpool


class Record(NamedTuple):
    row: int
    name: str
    amount: str | None = None


def test_chunks_come_back_in_order_as_records():
    chunks = [[Record(2, "甲", "1.00"), Record(3, "乙")], [Record(5, "丙", "0.50")]]
    with ChunkSpool(Record._make) as spool:
        for chunk in chunks:
            spool.write(chunk)
        assert spool.chunks == 2
        first = list(spool.read())
        again = list(spool.read())
    assert first == again == chunks
    assert all(type(r) is Record for chunk in first for r in chunk)


def test_an_empty_spool_reads_nothing():
    with ChunkSpool(Record._make) as spool:
        assert list(spool.read()) == []
