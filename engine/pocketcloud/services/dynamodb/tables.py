"""A table: its items, its secondary indexes, its counters, and where its changes go.

Writes go through :meth:`Table.write`, the one place that changes stored items: it keeps the partitions, every
index, ``ItemCount`` / ``TableSizeBytes`` and each index's counts in step, so nothing can drift. (DynamoDB
refreshes those counters "approximately every six hours"; pocketcloud's are exact at every moment, a model
that makes them useful to learners; https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html.)

Secondary indexes hold, per index key, the primary keys of the items that have the index's key attributes (a
sparse index: an item without them is not in it). Reads through an index look the items up in the table and
project them: ``KEYS_ONLY`` keeps the table and index keys, ``INCLUDE`` also the listed attributes, ``ALL``
everything (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.Projections). Index
updates are immediate (a pocketcloud model: a global secondary index is eventually consistent on AWS) and never
produce stream records: a table's stream records changes to its items only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from . import values as av
from .keys import PrimaryKey, primary_key
from .schema import IndexSpec, KeySpec, TableSpec
from .storage import Entry, Store

Item = dict[str, Any]


@dataclass
class StreamState:
    """The table's current stream (None when disabled) and the latest one it has had (kept after disabling)."""

    view_type: str | None = None
    arn: str | None = None
    label: str | None = None
    latest_arn: str | None = None
    latest_label: str | None = None


class Index:
    """A global or local secondary index: its key schema, projection and entries."""

    def __init__(self, spec: IndexSpec, table_key: KeySpec, arn: str) -> None:
        self.spec = spec
        self.name = spec.name
        self.key = spec.key
        self.table_key = table_key
        self.arn = arn
        self.store = Store()
        self.item_count = 0
        self.size_bytes = 0
        #: The projected size of each item in the index, by table primary key (kept, not recomputed, for reads).
        self.sizes: dict[PrimaryKey, int] = {}
        names = dict.fromkeys((*table_key.names, *spec.key.names, *spec.non_key))
        self.projected: tuple[str, ...] | None = None if spec.projection_type == "ALL" else tuple(names)

    @property
    def is_global(self) -> bool:
        return self.spec.kind == "GSI"

    def position(self, item: Item, table_pk: PrimaryKey) -> tuple[Any, Entry] | None:
        """Where an item sits in the index, or None when it lacks an index key attribute."""
        hash_value = item.get(self.key.hash_name)
        if hash_value is None:
            return None
        if self.key.range_name is None:
            return av.key_value(hash_value), (None, table_pk)
        range_value = item.get(self.key.range_name)
        if range_value is None:
            return None
        return av.key_value(hash_value), (av.key_value(range_value), table_pk)

    def project(self, item: Item) -> Item:
        """The item as this index stores it (a copy)."""
        if self.projected is None:
            return av.copy_item(item)
        return {name: av.copy(item[name]) for name in self.projected if name in item}

    def _size(self, item: Item) -> int:
        if self.projected is None:
            return av.item_size(item)
        return av.item_size({name: item[name] for name in self.projected if name in item})

    def update(self, table_pk: PrimaryKey, old: Item | None, new: Item | None, new_size: int | None = None) -> None:
        """Move an item in the index (``new_size``: the item's full size, when the index projects everything)."""
        before = self.position(old, table_pk) if old is not None else None
        after = self.position(new, table_pk) if new is not None else None
        if before is not None:
            if before != after:
                self.store.remove(before[0], before[1])
            self.item_count -= 1
            self.size_bytes -= self.sizes.pop(table_pk)
        if after is not None:
            assert new is not None
            if before != after:
                self.store.put(after[0], after[1], table_pk)
            size = new_size if new_size is not None and self.projected is None else self._size(new)
            self.sizes[table_pk] = size
            self.item_count += 1
            self.size_bytes += size

    def describe(self) -> dict[str, Any]:
        description: dict[str, Any] = {
            "IndexName": self.name,
            "KeySchema": self.key.describe(),
            "Projection": self.spec.describe_projection(),
        }
        if self.is_global:
            read, write = self.spec.throughput or (0, 0)
            description["IndexStatus"] = "ACTIVE"
            description["ProvisionedThroughput"] = {
                "NumberOfDecreasesToday": 0,
                "ReadCapacityUnits": read,
                "WriteCapacityUnits": write,
            }
        description["IndexSizeBytes"] = self.size_bytes
        description["ItemCount"] = self.item_count
        description["IndexArn"] = self.arn
        return description


class Table:
    """One table of the account: name, ARN, key schema, settings, items and indexes."""

    def __init__(self, spec: TableSpec, arn: str, table_id: str, created: float) -> None:
        self.spec = spec
        self.name = spec.name
        self.key = spec.key
        self.arn = arn
        self.table_id = table_id
        self.created = created
        self.billing_mode = spec.billing_mode
        self.throughput = spec.throughput
        self.last_pay_per_request = created if spec.billing_mode == "PAY_PER_REQUEST" else None
        self.store = Store()
        self.item_count = 0
        self.size_bytes = 0
        #: Each stored item's size (the item-size rules), by primary key: computed once, when the item is written.
        self.sizes: dict[PrimaryKey, int] = {}
        self.indexes: dict[str, Index] = {
            index.name: Index(index, spec.key, f"{arn}/index/{index.name}") for index in spec.indexes
        }
        self.stream = StreamState()

    @property
    def index_specs(self) -> list[IndexSpec]:
        return [index.spec for index in self.indexes.values()]

    def _entry(self, pk: PrimaryKey) -> Entry:
        return (pk[1], None)

    def get(self, pk: PrimaryKey) -> Item | None:
        item: Item | None = self.store.get(pk[0], self._entry(pk))
        return item

    def size_of(self, pk: PrimaryKey) -> int:
        """The size of the stored item at ``pk`` (0 when there is none)."""
        return self.sizes.get(pk, 0)

    def write(self, pk: PrimaryKey, old: Item | None, new: Item | None, new_size: int | None = None) -> None:
        """Replace the stored item at ``pk`` (``old`` is what was there, ``new`` None deletes)."""
        entry = self._entry(pk)
        if old is not None:
            self.size_bytes -= self.sizes.pop(pk)
            self.item_count -= 1
        if new is None:
            if old is not None:
                self.store.remove(pk[0], entry)
        else:
            size = new_size if new_size is not None else av.item_size(new)
            self.store.put(pk[0], entry, new)
            self.sizes[pk] = size
            self.size_bytes += size
            self.item_count += 1
        for index in self.indexes.values():
            index.update(pk, old, new, new_size)

    def items(self) -> Iterator[tuple[PrimaryKey, Item]]:
        for hash_value, entry, item in self.store.scan():
            yield (hash_value, entry[0]), item

    def add_index(self, spec: IndexSpec) -> Index:
        """A new global secondary index, filled from the table's items at once (UpdateTable's backfill)."""
        index = Index(spec, self.key, f"{self.arn}/index/{spec.name}")
        for pk, item in self.items():
            index.update(pk, None, item, self.sizes[pk])
        self.indexes[spec.name] = index
        return index

    def primary_key(self, item: Item) -> PrimaryKey:
        return primary_key(self.key, item)
