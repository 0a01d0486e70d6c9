"""BatchWriteItem and BatchGetItem: many items of one or more tables in one request.

BatchWriteItem "can put or delete multiple items in one or more tables": up to 25 requests, no conditions, no
update expressions, and "you cannot ... perform multiple operations on the same item in the same
BatchWriteItem request" ("Provided list of item keys contains duplicates"). BatchGetItem reads up to 100 items and
"returns a partial result if the response size limit is exceeded": what does not fit in 16 MB comes back in
``UnprocessedKeys``, which a caller sends again
(https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html,
https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html). Every request is checked
whole before any item is read or written. pocketcloud never throttles, so ``UnprocessedItems`` is always empty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import limits
from . import capacity, keys
from . import values as av
from .expressions import request
from .expressions.projection import project
from .items import checked_values, invalid, prepare_put, record_write

if TYPE_CHECKING:
    from .backend import DynamoDBBackend

DUPLICATES = "Provided list of item keys contains duplicates"


def batch_write_item(backend: DynamoDBBackend, params: dict[str, Any]) -> dict[str, Any]:
    requested = params["RequestItems"]
    if not requested:
        raise invalid("The requestItems parameter is required for BatchWriteItem")
    if sum(len(writes) for writes in requested.values()) > limits.DYNAMODB_BATCH_WRITE_MAX_REQUESTS:
        raise invalid("Too many items requested for the BatchWriteItem call")
    plan: list[tuple[Any, Any, Any, int | None]] = []
    for name, writes in requested.items():
        seen: set[Any] = set()
        for write in writes:
            if len(write) != 1:
                # pocketcloud's wording: AWS documents that a WriteRequest holds exactly one request.
                raise invalid("A WriteRequest must contain exactly one of PutRequest or DeleteRequest")
            if "PutRequest" in write:
                table, pk, item, size, _ = prepare_put(backend, {"TableName": name, **write["PutRequest"]}, batch=True)
                plan.append((table, pk, item, size))
            else:
                backend.table_name(name)
                given = checked_values(write["DeleteRequest"]["Key"])
                table = backend.table(name)
                pk = keys.from_key(table.key, given)
                plan.append((table, pk, None, None))
            if pk in seen:
                raise invalid(DUPLICATES)
            seen.add(pk)
    usages: dict[str, capacity.Usage] = {}
    for table, pk, item, written in plan:
        old = table.get(pk)
        usage = usages.setdefault(table.name, capacity.Usage(table.name))
        record_write(usage, table, pk, old, item, written or 0)
        if item is not None or old is not None:
            backend.commit(table, pk, old, item, written)
    result: dict[str, Any] = {"UnprocessedItems": {}}
    consumed = [usage.report(params.get("ReturnConsumedCapacity")) for usage in usages.values()]
    if consumed and consumed[0] is not None:
        result["ConsumedCapacity"] = consumed
    return result


def batch_get_item(backend: DynamoDBBackend, params: dict[str, Any]) -> dict[str, Any]:
    requested = params["RequestItems"]
    if not requested:
        raise invalid("The requestItems parameter is required for BatchGetItem")
    if sum(len(entry["Keys"]) for entry in requested.values()) > limits.DYNAMODB_BATCH_GET_MAX_KEYS:
        raise invalid("Too many items requested for the BatchGetItem call")
    plan = []
    for name, entry in requested.items():
        backend.table_name(name)
        given = [checked_values(key) for key in entry["Keys"]]
        bound = request.prepare(dict(entry), ("ProjectionExpression",))
        table = backend.table(name)
        seen: set[Any] = set()
        pks = []
        for key in given:
            pk = keys.from_key(table.key, key)
            if pk in seen:
                raise invalid(DUPLICATES)
            seen.add(pk)
            pks.append((pk, key))
        plan.append((name, entry, table, bound, pks))
    responses: dict[str, list[dict[str, Any]]] = {}
    unprocessed: dict[str, Any] = {}
    usages: dict[str, capacity.Usage] = {}
    budget = limits.DYNAMODB_BATCH_GET_MAX_BYTES
    full = returned = False
    for name, entry, table, bound, pks in plan:
        found = responses.setdefault(name, [])
        usage = usages.setdefault(table.name, capacity.Usage(table.name))
        for position, (pk, _) in enumerate(pks):
            item = None if full else table.get(pk)
            size = av.item_size(item) if item is not None else 0
            if full or (returned and size > budget):
                full = True
                rest = {k: v for k, v in entry.items() if k != "Keys"}
                rest["Keys"] = [av.copy_item(k) for _, k in pks[position:]]
                unprocessed[name] = rest
                break
            budget -= size
            usage.add_table(capacity.read_units(size, bool(entry.get("ConsistentRead"))), write=False)
            if item is not None:
                returned = True
                found.append(project(item, bound.projection) if bound.projection is not None else av.copy_item(item))
    result: dict[str, Any] = {"Responses": responses, "UnprocessedKeys": unprocessed}
    consumed = [usage.report(params.get("ReturnConsumedCapacity")) for usage in usages.values()]
    if consumed and consumed[0] is not None:
        result["ConsumedCapacity"] = consumed
    return result
