"""``ConsumedCapacity``: the read and write units a request uses, as ``ReturnConsumedCapacity`` reports them.

The unit sizes are AWS's: "One read capacity unit = one strongly consistent read per second, or two eventually
consistent reads per second, for items up to 4 KB in size. One write capacity unit = one write per second, for
items up to 1 KB in size. Transactional read requests require two read capacity units ... Transactional write
requests require two write capacity units" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html).
A write counts the larger of the old and new item; a Query or Scan counts the total size of the items it read
(not only those the filter kept), rounded up to the next 4 KB
(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html). On-demand tables
report the same numbers as request units. Non-transactional operations report only ``CapacityUnits``;
transactions also split ``ReadCapacityUnits`` / ``WriteCapacityUnits`` (real-DynamoDB captures in the
nubo-db/dynamodb-conformance suite, tests/tier1/putItem/consumedCapacity.test.ts).
"""

from __future__ import annotations

import math
from typing import Any

KB = 1024


def write_units(size: int) -> float:
    return float(max(1, math.ceil(size / KB)))


def read_units(size: int, consistent: bool) -> float:
    units = float(max(1, math.ceil(size / (4 * KB))))
    return units if consistent else units / 2


def wanted(params: dict[str, Any]) -> bool:
    """Whether the request asks for ConsumedCapacity (the units are only counted then)."""
    return params.get("ReturnConsumedCapacity") in ("TOTAL", "INDEXES")


class Usage:
    """Units one request used on one table, by table and by index."""

    def __init__(self, table_name: str) -> None:
        self.table_name = table_name
        self.table = 0.0
        self.indexes: dict[str, tuple[float, bool]] = {}
        self.reads = 0.0
        self.writes = 0.0

    def add_table(self, units: float, write: bool) -> None:
        self.table += units
        if write:
            self.writes += units
        else:
            self.reads += units

    def add_index(self, name: str, is_global: bool, units: float, write: bool) -> None:
        known = self.indexes.get(name, (0.0, is_global))[0]
        self.indexes[name] = (known + units, is_global)
        if write:
            self.writes += units
        else:
            self.reads += units

    def report(self, mode: str | None, split: bool = False) -> dict[str, Any] | None:
        """The ``ConsumedCapacity`` member for ``ReturnConsumedCapacity`` = ``mode`` (None / NONE: nothing)."""
        if mode not in ("TOTAL", "INDEXES"):
            return None
        total = self.table + sum(units for units, _ in self.indexes.values())
        result: dict[str, Any] = {"TableName": self.table_name, "CapacityUnits": total}
        if split:
            if self.reads:
                result["ReadCapacityUnits"] = self.reads
            if self.writes:
                result["WriteCapacityUnits"] = self.writes
        if mode == "INDEXES":
            result["Table"] = {"CapacityUnits": self.table}
            for label, wanted in (("LocalSecondaryIndexes", False), ("GlobalSecondaryIndexes", True)):
                found = {name: {"CapacityUnits": units} for name, (units, is_global) in self.indexes.items()
                         if is_global == wanted}  # fmt: skip
                if found:
                    result[label] = found
        return result
