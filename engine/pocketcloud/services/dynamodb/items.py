"""PutItem, GetItem, UpdateItem and DeleteItem: one item, read or written by its primary key.

Each request is checked whole before anything is read or written, in the order DynamoDB checks (dynalite's
findings against the real service): the values in the request, the expressions and their placeholders, then the
table ("Requested resource not found"), then the key against the table's schema. A condition is evaluated
against the item as stored (an empty item when there is none); when it fails, nothing is written and the error is
``ConditionalCheckFailedException`` "The conditional request failed", carrying the old item when
``ReturnValuesOnConditionCheckFailure`` is ``ALL_OLD``
(https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html). ``ReturnValues``:
PutItem and DeleteItem take ``NONE`` or ``ALL_OLD``; UpdateItem also ``UPDATED_OLD``, ``ALL_NEW`` and
``UPDATED_NEW`` (the updated attributes only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from . import capacity, keys
from . import values as av
from .expressions import request
from .expressions.evaluate import evaluate
from .expressions.projection import project
from .expressions.update import UpdateError, apply, target_paths

if TYPE_CHECKING:
    from .backend import DynamoDBBackend
    from .expressions.nodes import Update
    from .tables import Item, Table

CONDITION_FAILED = "The conditional request failed"
ITEM_TOO_LARGE = "Item size has exceeded the maximum allowed size"
UPDATE_TOO_LARGE = "Item size to update has exceeded the maximum allowed size"


def invalid(message: str) -> ServiceError:
    return ServiceError("ValidationException", message)


def checked_values(given: dict[str, Any]) -> dict[str, Any]:
    """A request's Item or Key in stored form; ValidationException with DynamoDB's message otherwise."""
    try:
        return av.check_item(given)
    except av.ValueProblem as problem:
        raise invalid(str(problem)) from None


def check_return_values(params: dict[str, Any], allowed: tuple[str, ...] = ("NONE", "ALL_OLD")) -> str:
    value = str(params.get("ReturnValues", "NONE"))
    if value not in allowed:
        raise invalid("ReturnValues can only be ALL_OLD or NONE")
    return value


def condition_failed(params: dict[str, Any], old: Item | None) -> ServiceError:
    extra: dict[str, Any] = {}
    if old is not None and params.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD":
        extra["Item"] = av.copy_item(old)
    return ServiceError("ConditionalCheckFailedException", CONDITION_FAILED, **extra)


def record_write(
    usage: capacity.Usage, table: Table, pk: Any, old: Item | None, new: Item | None, new_size: int
) -> None:
    """The units a write uses, counted before it is committed: the larger of the old and new item on the table;
    on each index the item moves in or out of, the projected item, and two writes when its index key changes."""
    usage.add_table(capacity.write_units(max(new_size, table.size_of(pk))), write=True)
    for index in table.indexes.values():
        before = index.position(old, pk) if old is not None else None
        after = index.position(new, pk) if new is not None else None
        if before is None and after is None:
            continue
        old_size = index.sizes.get(pk, 0)
        new_size_here = 0
        if after is not None:
            assert new is not None
            new_size_here = new_size if index.projected is None else av.item_size(index.project(new))
        if before is not None and after is not None and before == after:
            units = capacity.write_units(max(old_size, new_size_here))
        else:
            units = (capacity.write_units(old_size) if before is not None else 0.0) + (
                capacity.write_units(new_size_here) if after is not None else 0.0
            )
        usage.add_index(index.name, index.is_global, units, write=True)


# -- PutItem ----------------------------------------------------------------------------------------------------
def prepare_put(
    backend: DynamoDBBackend, params: dict[str, Any], batch: bool = False
) -> tuple[Table, Any, Item, int, Any]:
    """Check a put (its item, condition and key) and return (table, primary key, item, size, bound expressions)."""
    backend.table_name(params["TableName"])
    item = checked_values(params["Item"])
    bound = request.prepare(params, ("ConditionExpression",))
    table = backend.table(params["TableName"])
    pk = keys.from_item(table.key, item, batch=batch)
    keys.check_index_keys(table.index_specs, item)
    size = av.item_size(item)
    if size > limits.DYNAMODB_ITEM_MAX_BYTES:
        raise invalid(ITEM_TOO_LARGE)
    return table, pk, item, size, bound


def put_item(backend: DynamoDBBackend, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html"""
    returns = check_return_values(params)
    table, pk, item, size, bound = prepare_put(backend, params)
    old = table.get(pk)
    condition = bound.get("ConditionExpression")
    if condition is not None and not evaluate(condition, old or {}):
        raise condition_failed(params, old)
    usage = capacity.Usage(table.name)
    if capacity.wanted(params):
        record_write(usage, table, pk, old, item, size)
    backend.commit(table, pk, old, item, size)
    result: dict[str, Any] = {}
    if returns == "ALL_OLD" and old is not None:
        result["Attributes"] = av.copy_item(old)
    _report(result, usage, params)
    return result


def _report(result: dict[str, Any], usage: capacity.Usage, params: dict[str, Any]) -> None:
    consumed = usage.report(params.get("ReturnConsumedCapacity"))
    if consumed is not None:
        result["ConsumedCapacity"] = consumed


# -- GetItem ----------------------------------------------------------------------------------------------------
def get_item(backend: DynamoDBBackend, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html

    Reads are always strongly consistent here (a pocketcloud model); ``ConsistentRead`` changes only the units
    reported, as it changes the price on AWS.
    """
    backend.table_name(params["TableName"])
    given = checked_values(params["Key"])
    bound = request.prepare(params, ("ProjectionExpression",))
    table = backend.table(params["TableName"])
    pk = keys.from_key(table.key, given)
    item = table.get(pk)
    result: dict[str, Any] = {}
    if item is not None:
        result["Item"] = project(item, bound.projection) if bound.projection is not None else av.copy_item(item)
    if capacity.wanted(params):
        usage = capacity.Usage(table.name)
        usage.add_table(capacity.read_units(table.size_of(pk), bool(params.get("ConsistentRead"))), write=False)
        _report(result, usage, params)
    return result


# -- DeleteItem -------------------------------------------------------------------------------------------------
def prepare_key_write(
    backend: DynamoDBBackend, params: dict[str, Any], expressions: tuple[str, ...]
) -> tuple[Table, Any, Any]:
    backend.table_name(params["TableName"])
    given = checked_values(params["Key"])
    bound = request.prepare(params, expressions)
    table = backend.table(params["TableName"])
    pk = keys.from_key(table.key, given)
    return table, pk, bound


def delete_item(backend: DynamoDBBackend, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html"""
    returns = check_return_values(params)
    table, pk, bound = prepare_key_write(backend, params, ("ConditionExpression",))
    old = table.get(pk)
    condition = bound.get("ConditionExpression")
    if condition is not None and not evaluate(condition, old or {}):
        raise condition_failed(params, old)
    usage = capacity.Usage(table.name)
    if capacity.wanted(params):
        record_write(usage, table, pk, old, None, 0)
    if old is not None:
        backend.commit(table, pk, old, None)
    result: dict[str, Any] = {}
    if returns == "ALL_OLD" and old is not None:
        result["Attributes"] = av.copy_item(old)
    _report(result, usage, params)
    return result


# -- UpdateItem -------------------------------------------------------------------------------------------------
def check_key_untouched(table: Table, update: Update | None) -> None:
    if update is None:
        return
    for path in target_paths(update):
        name = path.elements[0]
        if name in table.key.names:
            raise invalid(
                f"One or more parameter values were invalid: Cannot update attribute {name}. This attribute is part of "
                "the key"
            )


def updated(table: Table, update: Update | None, old: Item | None, given_key: Item) -> tuple[Item, int]:
    """The item after the update (``old``, or just its key attributes when it is new) and its size."""
    base = old if old is not None else {name: given_key[name] for name in table.key.names}
    try:
        new = apply(update, base, exists=old is not None) if update is not None else av.copy_item(base)
    except UpdateError as problem:
        raise invalid(str(problem)) from None
    keys.check_index_keys(table.index_specs, new, update=True)
    size = av.item_size(new)
    if size > limits.DYNAMODB_ITEM_MAX_BYTES:
        raise invalid(UPDATE_TOO_LARGE)
    return new, size


def update_item(backend: DynamoDBBackend, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html

    "Edits an existing item's attributes, or adds a new item to the table if it does not already exist."
    """
    returns = str(params.get("ReturnValues", "NONE"))
    backend.table_name(params["TableName"])
    given = checked_values(params["Key"])
    bound = request.prepare(params, ("UpdateExpression", "ConditionExpression"))
    table = backend.table(params["TableName"])
    pk = keys.from_key(table.key, given)
    update = bound.get("UpdateExpression")
    check_key_untouched(table, update)
    old = table.get(pk)
    condition = bound.get("ConditionExpression")
    if condition is not None and not evaluate(condition, old or {}):
        raise condition_failed(params, old)
    new, size = updated(table, update, old, given)
    usage = capacity.Usage(table.name)
    if capacity.wanted(params):
        record_write(usage, table, pk, old, new, size)
    backend.commit(table, pk, old, new, size)
    result: dict[str, Any] = {}
    attributes: Item | None = None
    if returns == "ALL_OLD":
        attributes = av.copy_item(old) if old is not None else None
    elif returns == "ALL_NEW":
        attributes = av.copy_item(new)
    elif returns in ("UPDATED_OLD", "UPDATED_NEW") and update is not None:
        source = old if returns == "UPDATED_OLD" else new
        paths = [path.elements for path in target_paths(update)]
        attributes = project(source, paths) if source is not None else None
    if attributes:
        result["Attributes"] = attributes
    _report(result, usage, params)
    return result
