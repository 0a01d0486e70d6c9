"""Primary keys and index keys of items and requests, checked with DynamoDB's messages.

Two different surfaces check keys, with different words (both captured against real DynamoDB by the
nubo-db/dynamodb-conformance suite, tests/tier3/error-messages):

* a ``Key`` parameter (GetItem, DeleteItem, UpdateItem, BatchGetItem, ExclusiveStartKey...) must name exactly the
  key attributes with the right types: otherwise "The provided key element does not match the schema";
* an ``Item`` (PutItem) must contain them: "One or more parameter values were invalid: Missing the key pk in the
  item" / "... Type mismatch for key pk expected: S actual: N" (BatchWriteItem answers those two with the schema
  message as well).

Key values may not be empty ("One or more parameter values are not valid. The AttributeValue for a key attribute
cannot contain an empty string value. Key: pk") nor too long (partition key 2048 bytes, sort key 1024 bytes;
https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html). An index key attribute that an
item has must have the index's type ("Type mismatch for Index Key ... IndexName: gsi1") and may not be empty, or
the write is refused; an item without it is simply not in that index (a sparse index).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from . import values as av

if TYPE_CHECKING:
    from .schema import IndexSpec, KeySpec

SCHEMA_MISMATCH = "The provided key element does not match the schema"
_EMPTY_KIND = {"S": "string", "B": "binary"}

PrimaryKey = tuple[Any, Any]


def invalid(message: str) -> ServiceError:
    return ServiceError("ValidationException", message)


def _empty(value: dict[str, Any]) -> str | None:
    kind, data = next(iter(value.items()))
    if kind in _EMPTY_KIND and len(data) == 0:
        return _EMPTY_KIND[kind]
    return None


def empty_key(name: str, kind: str) -> ServiceError:
    return invalid(
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty "
        f"{kind} value. Key: {name}"
    )


def check_empty(key: KeySpec, values: dict[str, dict[str, Any]]) -> None:
    """Refuse empty String or Binary key values (where the type is the key's; other problems are left to the
    schema checks, which transactions report differently)."""
    types = key.types()
    for name in key.names:
        value = values.get(name)
        if value is not None and av.type_of(value) == types[name]:
            empty = _empty(value)
            if empty is not None:
                raise empty_key(name, empty)


def _check_size(key: KeySpec, name: str, value: dict[str, Any]) -> None:
    kind, data = next(iter(value.items()))
    size = av.size(value) if kind == "N" else len(data.encode("utf-8", "surrogatepass") if kind == "S" else data)
    if name == key.hash_name and size > limits.DYNAMODB_PARTITION_KEY_MAX_BYTES:
        # "of2048": DynamoDB's message has no space there (moto's exceptions module notes it too).
        raise invalid(
            "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of"
            f"{limits.DYNAMODB_PARTITION_KEY_MAX_BYTES} bytes"
        )
    if name == key.range_name and size > limits.DYNAMODB_SORT_KEY_MAX_BYTES:
        raise invalid(
            "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size "
            f"limit of {limits.DYNAMODB_SORT_KEY_MAX_BYTES} bytes"
        )


def from_key(key: KeySpec, given: dict[str, dict[str, Any]]) -> PrimaryKey:
    """The primary key a (checked) ``Key`` parameter names."""
    names = key.names
    if len(given) != len(names) or any(name not in given for name in names):
        raise invalid(SCHEMA_MISMATCH)
    types = key.types()
    for name in names:
        value = given[name]
        if av.type_of(value) != types[name]:
            raise invalid(SCHEMA_MISMATCH)
        empty = _empty(value)
        if empty is not None:
            raise empty_key(name, empty)
        _check_size(key, name, value)
    return primary_key(key, given)


def from_item(key: KeySpec, item: dict[str, dict[str, Any]], batch: bool = False) -> PrimaryKey:
    """The primary key of a (checked) item being written."""
    types = key.types()
    for name in key.names:
        value = item.get(name)
        if value is None:
            raise invalid(
                SCHEMA_MISMATCH
                if batch
                else f"One or more parameter values were invalid: Missing the key {name} in the item"
            )
        actual = av.type_of(value)
        if actual != types[name]:
            if batch:
                raise invalid(SCHEMA_MISMATCH)
            raise invalid(
                f"One or more parameter values were invalid: Type mismatch for key {name} expected: {types[name]} "
                f"actual: {actual}"
            )
        empty = _empty(value)
        if empty is not None:
            raise empty_key(name, empty)
        _check_size(key, name, value)
    return primary_key(key, item)


def primary_key(key: KeySpec, item: dict[str, dict[str, Any]]) -> PrimaryKey:
    hash_value = av.key_value(item[key.hash_name])
    if key.range_name is None:
        return hash_value, None
    return hash_value, av.key_value(item[key.range_name])


def key_attributes(key: KeySpec, item: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The key attributes of a stored item (copied), e.g. for a stream record's ``Keys``."""
    return {name: av.copy(item[name]) for name in key.names}


def check_index_keys(indexes: list[IndexSpec], item: dict[str, dict[str, Any]], update: bool = False) -> None:
    """Refuse an item whose index key attributes have the wrong type or are empty (indexes checked by name)."""
    for index in sorted(indexes, key=lambda spec: spec.name):
        for name, kind in index.key.types().items():
            value = item.get(name)
            if value is None:
                continue
            actual = av.type_of(value)
            if actual != kind:
                raise invalid(
                    f"One or more parameter values were invalid: Type mismatch for Index Key {name} Expected: {kind} "
                    f"Actual: {actual} IndexName: {index.name}"
                )
            empty = _empty(value)
            if empty is not None:
                if update:
                    raise invalid(
                        "One or more parameter values are not valid. The update expression attempted to update a "
                        "secondary index key to a value that is not supported. The AttributeValue for a key attribute "
                        f"cannot contain an empty {empty} value."
                    )
                raise invalid(
                    "One or more parameter values are not valid. A value specified for a secondary index key is not "
                    f"supported. The AttributeValue for a key attribute cannot contain an empty {empty} value. "
                    f"IndexName: {index.name}, IndexKey: {name}"
                )
