"""How a table (or an index) keeps its items: partitions by partition key, each sorted by sort key.

DynamoDB "uses the partition key's value as input to an internal hash function", and "stores all of the items
with the same partition key value physically close together, ordered by sort key value"
(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.Partitions.html). pocketcloud keeps
exactly that shape, which makes each operation cost what it costs on DynamoDB:

* GetItem, PutItem, DeleteItem: one dictionary lookup for the partition, one for the item;
* Query: one partition, then a binary search for the first sort key in range;
* Scan: every partition, in the order of a hash of its key (an MD5 of the key's bytes; a pocketcloud model of
  DynamoDB's internal hash, so that Scan order is stable but, as on DynamoDB, not the order items were written),
  which also splits the key space into contiguous parallel-scan segments.

Sort keys order as DynamoDB orders them: Numbers numerically, Strings and Binary by their bytes
(:func:`~.values.sortable`). Keys are held as Python values: ``str``, ``Decimal`` or ``bytes``.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

Key = Any  # str | Decimal | bytes
#: An entry's position: (sort value or None, tie-breaker). Tables use (sort value, None); indexes use
#: (index sort value, table primary key) so that items sharing an index key keep a stable order.
Entry = tuple[Any, Any]


def digest(value: Key) -> bytes:
    """The hash that orders partitions for Scan (and assigns them to parallel-scan segments)."""
    if isinstance(value, bytes):
        data = b"B" + value
    elif isinstance(value, Decimal):
        data = b"N" + format(value.normalize(), "f").encode()
    else:
        data = b"S" + str(value).encode("utf-8", "surrogatepass")
    return hashlib.md5(data).digest()


def segment_of(value: Key, total: int) -> int:
    """The parallel-scan segment (0 .. total-1) a partition key falls in: contiguous ranges of the hash."""
    return int.from_bytes(digest(value), "big") * total >> 128


class Partition:
    """The entries sharing one partition key value, sorted, each with its payload."""

    __slots__ = ("entries", "payloads")

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.payloads: dict[Entry, Any] = {}

    def put(self, entry: Entry, payload: Any) -> bool:
        """Store; True when the entry is new."""
        if entry in self.payloads:
            self.payloads[entry] = payload
            return False
        bisect.insort(self.entries, entry)
        self.payloads[entry] = payload
        return True

    def remove(self, entry: Entry) -> Any:
        payload = self.payloads.pop(entry, None)
        if payload is not None:
            index = bisect.bisect_left(self.entries, entry)
            del self.entries[index]
        return payload

    def range(self, low: Any, high: Any, forward: bool, after: Entry | None, low_open: bool, high_open: bool,
              prefix: Any = None) -> Iterator[tuple[Entry, Any]]:  # fmt: skip
        """Entries whose sort value lies in [low, high] (None = unbounded; ``*_open`` excludes the bound), or that
        start with ``prefix``, in order or reverse order, after the entry ``after`` (exclusive)."""
        entries = self.entries
        if prefix is not None:
            start = bisect.bisect_left(entries, prefix, key=_sort_value)
            stop = start
            while stop < len(entries) and entries[stop][0].startswith(prefix):
                stop += 1
        else:
            start = (
                0
                if low is None
                else (bisect.bisect_right if low_open else bisect.bisect_left)(entries, low, key=_sort_value)
            )
            stop = (
                len(entries)
                if high is None
                else (bisect.bisect_left if high_open else bisect.bisect_right)(entries, high, key=_sort_value)
            )
        if after is not None:
            if forward:
                start = max(start, bisect.bisect_right(entries, after))
            else:
                stop = min(stop, bisect.bisect_left(entries, after))
        indexes = range(start, stop) if forward else range(stop - 1, start - 1, -1)
        payloads = self.payloads
        for index in indexes:
            entry = entries[index]
            yield entry, payloads[entry]


def _sort_value(entry: Entry) -> Any:
    return entry[0]


class Store:
    """Partitions by partition key value, with the Scan order kept (and rebuilt only after partitions come or go)."""

    __slots__ = ("_order", "partitions")

    def __init__(self) -> None:
        self.partitions: dict[Key, Partition] = {}
        self._order: list[tuple[bytes, Key]] | None = []

    def get(self, key: Key, entry: Entry) -> Any:
        partition = self.partitions.get(key)
        return None if partition is None else partition.payloads.get(entry)

    def put(self, key: Key, entry: Entry, payload: Any) -> bool:
        partition = self.partitions.get(key)
        if partition is None:
            partition = self.partitions[key] = Partition()
            self._order = None
        return partition.put(entry, payload)

    def remove(self, key: Key, entry: Entry) -> Any:
        partition = self.partitions.get(key)
        if partition is None:
            return None
        payload = partition.remove(entry)
        if not partition.entries:
            del self.partitions[key]
            self._order = None
        return payload

    def order(self) -> list[tuple[bytes, Key]]:
        if self._order is None:
            self._order = sorted((digest(key), key) for key in self.partitions)
        return self._order

    def scan(self, after: tuple[Key, Entry] | None = None, segment: int = 0, total: int = 1
             ) -> Iterator[tuple[Key, Entry, Any]]:  # fmt: skip
        """Every entry in Scan order, after ``(partition key, entry)`` (exclusive), within one segment."""
        order = self.order()
        start = 0
        if after is not None:
            start = bisect.bisect_left(order, (digest(after[0]), after[0]))
        low = (segment << 128) // total
        high = ((segment + 1) << 128) // total
        for position in range(start, len(order)):
            hashed, key = order[position]
            number = int.from_bytes(hashed, "big")
            if number < low:
                continue
            if number >= high:
                return
            partition = self.partitions.get(key)
            if partition is None:
                continue
            entries = partition.entries
            index = bisect.bisect_right(entries, after[1]) if after is not None and key == after[0] else 0
            for i in range(index, len(entries)):
                entry = entries[i]
                yield key, entry, partition.payloads[entry]
