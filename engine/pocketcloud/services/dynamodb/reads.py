"""Query and Scan: reading many items, a page at a time, from a table or one of its indexes.

A page ends after ``Limit`` items were read ("The maximum number of items to evaluate (not necessarily the number
of matching items)") or once 1 MB of items was read, whichever comes first; the filter then drops what does not
match, so ``Count`` can be smaller than ``ScannedCount`` and a page can even be empty while ``LastEvaluatedKey``
says there is more (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html).
``LastEvaluatedKey`` is the key of the last item read (with the index keys, when reading an index); it is given
whenever the page stopped at a limit, even if nothing is left, as on DynamoDB ("If LastEvaluatedKey is not empty,
it does not necessarily mean that there is more data in the result set"). Query reads one partition in sort-key
order (``ScanIndexForward=False`` for descending); Scan reads every partition (see :mod:`.storage`), and a
parallel scan's ``Segment`` of ``TotalSegments`` reads one contiguous part of it.

``Select``: ``ALL_ATTRIBUTES`` (the default on a table), ``ALL_PROJECTED_ATTRIBUTES`` (the default on an index),
``SPECIFIC_ATTRIBUTES`` (with a ProjectionExpression) or ``COUNT`` (no ``Items``). A local secondary index can
return attributes it does not project, fetched from the table; a global one cannot
(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.Projections).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ... import limits
from . import capacity, keys
from . import values as av
from .expressions import keycondition, request
from .expressions import nodes as n
from .expressions.evaluate import evaluate
from .expressions.projection import project
from .items import checked_values, invalid
from .storage import Entry

if TYPE_CHECKING:
    from .backend import DynamoDBBackend
    from .schema import KeySpec
    from .tables import Index, Item, Table


class Source:
    """What a read reads: a table, or one of its indexes."""

    def __init__(self, table: Table, index: Index | None) -> None:
        self.table = table
        self.index = index
        self.key: KeySpec = index.key if index is not None else table.key

    def start_key_names(self) -> tuple[str, ...]:
        names = dict.fromkeys(self.key.names)
        names.update(dict.fromkeys(self.table.key.names))
        return tuple(names)

    def position(self, start: dict[str, Any]) -> tuple[Any, Entry]:
        """The (partition, entry) an ExclusiveStartKey names."""
        names = self.start_key_names()
        if set(start) != set(names):
            raise invalid("The provided starting key is invalid")
        types = dict(self.table.key.types())
        types.update(self.key.types())
        for name in names:
            if av.type_of(start[name]) != types[name]:
                raise invalid(keys.SCHEMA_MISMATCH)
        table_pk = keys.primary_key(self.table.key, start)
        if self.index is None:
            return table_pk[0], (table_pk[1], None)
        found = self.index.position(start, table_pk)
        assert found is not None
        return found

    def size(self, partition: Any, entry: Entry, payload: Any) -> int:
        """The size of what the read reads (the item, or its projection into the index), as stored."""
        if self.index is None:
            return self.table.sizes[(partition, entry[0])]
        return self.index.sizes[payload]

    def resolve(self, payload: Any) -> Item | None:
        """The stored item an entry refers to (index entries hold the table's primary key)."""
        if self.index is None:
            item: Item = payload
            return item
        return self.table.get(payload)

    def as_read(self, item: Item) -> Item:
        """The item as the read sees it: a global index sees only what it projects."""
        if self.index is not None and self.index.is_global and self.index.projected is not None:
            return {name: item[name] for name in self.index.projected if name in item}
        return item

    def last_key(self, item: Item) -> dict[str, Any]:
        return {name: av.copy(item[name]) for name in self.start_key_names()}


def _source(table: Table, params: dict[str, Any]) -> Source:
    name = params.get("IndexName")
    if name is None:
        return Source(table, None)
    index = table.indexes.get(name)
    if index is None:
        raise invalid(f"The table does not have the specified index: {name}")
    if index.is_global and params.get("ConsistentRead"):
        raise invalid("Consistent reads are not supported on global secondary indexes")
    return Source(table, index)


def _select(params: dict[str, Any], source: Source, projection: list[Any] | None) -> str:
    """The effective Select, after DynamoDB's checks of Select against the projection parameters."""
    select = params.get("Select")
    given = "ProjectionExpression" if params.get("ProjectionExpression") is not None else "AttributesToGet"
    if projection is not None and select is not None and select != "SPECIFIC_ATTRIBUTES":
        shown = "only the Count" if select == "COUNT" else select
        raise invalid(f"Cannot specify the {given} when choosing to get {shown}")
    if select == "SPECIFIC_ATTRIBUTES" and projection is None:
        raise invalid(
            "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"
        )
    if select == "ALL_PROJECTED_ATTRIBUTES" and source.index is None:
        raise invalid("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName")
    index = source.index
    if select == "ALL_ATTRIBUTES" and index is not None and index.is_global and index.projected is not None:
        raise invalid(
            f"Select type ALL_ATTRIBUTES is not supported for global secondary index {index.name} because its "
            "projection type is not ALL"
        )
    if select is not None:
        return str(select)
    if projection is not None:
        return "SPECIFIC_ATTRIBUTES"
    return "ALL_PROJECTED_ATTRIBUTES" if index is not None else "ALL_ATTRIBUTES"


def _output(item: Item, source: Source, select: str, projection: list[Any] | None) -> Item:
    if select == "ALL_ATTRIBUTES":
        return av.copy_item(item)
    if select == "ALL_PROJECTED_ATTRIBUTES":
        assert source.index is not None
        return source.index.project(item)
    assert projection is not None
    return project(source.as_read(item), projection)


def _page(
    source: Source,
    entries: Iterator[tuple[Any, Entry, Any]],
    params: dict[str, Any],
    bound: request.Bound,
    select: str,
) -> dict[str, Any]:
    limit = params.get("Limit")
    filter_ = bound.get("FilterExpression")
    projection = bound.projection
    found: list[Item] = []
    count = scanned = read = 0
    last: Item | None = None
    stopped = False
    for partition, entry, payload in entries:
        item = source.resolve(payload)
        if item is None:
            continue
        seen = source.as_read(item)
        scanned += 1
        read += source.size(partition, entry, payload)
        last = item
        if filter_ is None or evaluate(filter_, seen):
            count += 1
            if select != "COUNT":
                found.append(_output(item, source, select, projection))
        if (limit is not None and scanned >= limit) or read > limits.DYNAMODB_PAGE_MAX_BYTES:
            stopped = True
            break
    result: dict[str, Any] = {}
    if select != "COUNT":
        result["Items"] = found
    result["Count"] = count
    result["ScannedCount"] = scanned
    if stopped and last is not None:
        result["LastEvaluatedKey"] = source.last_key(last)
    usage = capacity.Usage(source.table.name)
    units = capacity.read_units(read, bool(params.get("ConsistentRead")))
    if source.index is None:
        usage.add_table(units, write=False)
    else:
        usage.add_index(source.index.name, source.index.is_global, units, write=False)
    consumed = usage.report(params.get("ReturnConsumedCapacity"))
    if consumed is not None:
        result["ConsumedCapacity"] = consumed
    return result


def _prepare(backend: DynamoDBBackend, params: dict[str, Any], expressions: tuple[str, ...]) -> tuple[Any, ...]:
    backend.table_name(params["TableName"])
    start = checked_values(params["ExclusiveStartKey"]) if params.get("ExclusiveStartKey") is not None else None
    bound = request.prepare(params, expressions)
    table = backend.table(params["TableName"])
    source = _source(table, params)
    select = _select(params, source, bound.projection)
    after = source.position(start) if start is not None else None
    return bound, source, select, after


def _check_filter(bound: request.Bound, source: Source) -> None:
    """A Query's filter may not use the key attributes: the key condition does that."""
    tree = bound.get("FilterExpression")
    if tree is None:
        return
    used: list[str] = []
    _top_level_names(tree, used)
    for name in used:
        if name in source.key.names:
            raise invalid(
                f"Filter Expression can only contain non-primary key attributes: Primary key attribute: {name}"
            )


def _top_level_names(node: Any, out: list[str]) -> None:
    if isinstance(node, n.Path):
        out.append(str(node.elements[0]))
    elif isinstance(node, (n.And, n.Or)):
        _top_level_names(node.left, out)
        _top_level_names(node.right, out)
    elif isinstance(node, n.Not):
        _top_level_names(node.operand, out)
    elif isinstance(node, n.Compare):
        _top_level_names(node.left, out)
        _top_level_names(node.right, out)
    elif isinstance(node, n.Between):
        for operand in (node.operand, node.low, node.high):
            _top_level_names(operand, out)
    elif isinstance(node, n.In):
        for operand in (node.operand, *node.options):
            _top_level_names(operand, out)
    elif isinstance(node, n.Call):
        for operand in node.args:
            _top_level_names(operand, out)


def query(backend: DynamoDBBackend, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html"""
    if params.get("KeyConditionExpression") is None and params.get("KeyConditions") is None:
        raise invalid("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
    bound, source, select, after = _prepare(
        backend, params, ("KeyConditionExpression", "FilterExpression", "ProjectionExpression")
    )
    try:
        key_range = keycondition.analyze(bound.get("KeyConditionExpression"), source.key)
    except keycondition.KeyConditionError as problem:
        raise invalid(str(problem)) from None
    _check_filter(bound, source)
    forward = params.get("ScanIndexForward", True)
    store = source.index.store if source.index is not None else source.table.store
    partition = store.partitions.get(key_range.hash_value)

    def entries() -> Iterator[tuple[Any, Entry, Any]]:
        if partition is None:
            return
        start = after[1] if after is not None and after[0] == key_range.hash_value else None
        for entry, payload in partition.range(forward=forward, after=start, **key_range.bounds()):
            yield key_range.hash_value, entry, payload

    return _page(source, entries(), params, bound, select)


def scan(backend: DynamoDBBackend, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html"""
    segment, total = params.get("Segment"), params.get("TotalSegments")
    if segment is not None and total is None:
        raise invalid(
            "The TotalSegments parameter is required but was not present in the request when Segment parameter is "
            "present"
        )
    if total is not None and segment is None:
        raise invalid(
            "The Segment parameter is required but was not present in the request when parameter TotalSegments is "
            "present"
        )
    if segment is not None and total is not None and segment >= total:
        raise invalid(
            "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: "
            f"{segment} is not less than TotalSegments: {total}"
        )
    bound, source, select, after = _prepare(backend, params, ("FilterExpression", "ProjectionExpression"))
    store = source.index.store if source.index is not None else source.table.store
    entries = store.scan(after, segment or 0, total or 1)
    return _page(source, entries, params, bound, select)
