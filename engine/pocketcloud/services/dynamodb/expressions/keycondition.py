"""A KeyConditionExpression, turned into the key range a Query reads.

"You must specify the partition key name and value as an equality condition. You can optionally provide a second
condition for the sort key": ``=``, ``<``, ``<=``, ``>``, ``>=``, ``BETWEEN`` or ``begins_with``
(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html). DynamoDB
parses a key condition with the condition grammar and then refuses what a key condition cannot be; the messages
and their order are dynalite's captures of the real service (``test/query.js``): an operator other than AND
("Invalid operator used in KeyConditionExpression: OR"), more than two conditions ("Conditions can be of length 1
or 2 only"), a function or size() inside a condition ("KeyConditionExpressions cannot contain nested
operations"), a condition without exactly one key attribute, a nested attribute, two conditions on one key, then
the key schema itself ("Query condition missed key schema element: pk", "Query key condition not supported") and
the values' types ("Condition parameter type does not match schema type"). A value may stand on the left of a
comparison (``:lo <= sk`` means ``sk >= :lo``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import values as av
from . import nodes as n

if TYPE_CHECKING:
    from ..schema import KeySpec

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "="}
TYPE_MISMATCH = "One or more parameter values were invalid: Condition parameter type does not match schema type"


class KeyConditionError(ValueError):
    pass


@dataclass(frozen=True)
class KeyRange:
    """The partition a Query reads, and the sort-key condition within it (``op`` None: the whole partition)."""

    hash_value: Any
    op: str | None = None
    values: tuple[Any, ...] = ()

    def bounds(self) -> dict[str, Any]:
        """Arguments for :meth:`~..storage.Partition.range`."""
        op, values = self.op, self.values
        if op is None:
            return {"low": None, "high": None, "low_open": False, "high_open": False}
        if op == "begins_with":
            return {"low": None, "high": None, "low_open": False, "high_open": False, "prefix": values[0]}
        if op == "BETWEEN":
            return {"low": values[0], "high": values[1], "low_open": False, "high_open": False}
        value = values[0]
        return {
            "low": value if op in ("=", ">", ">=") else None,
            "high": value if op in ("=", "<", "<=") else None,
            "low_open": op == ">",
            "high_open": op == "<",
        }


def _operators(node: n.Condition) -> None:
    """Refuse OR and NOT anywhere (in the order written)."""
    if isinstance(node, n.Or):
        raise KeyConditionError("Invalid operator used in KeyConditionExpression: OR")
    if isinstance(node, n.Not):
        raise KeyConditionError("Invalid operator used in KeyConditionExpression: NOT")
    if isinstance(node, n.And):
        _operators(node.left)
        _operators(node.right)


def _flatten(node: n.Condition, out: list[n.Condition]) -> None:
    if isinstance(node, n.And):
        _flatten(node.left, out)
        _flatten(node.right, out)
    else:
        out.append(node)


def _check_operator(node: n.Condition) -> None:
    if isinstance(node, n.Compare) and node.op == "<>":
        raise KeyConditionError("Invalid operator used in KeyConditionExpression: <>")
    if isinstance(node, n.In):
        raise KeyConditionError("Invalid operator used in KeyConditionExpression: IN")
    if isinstance(node, n.Call) and node.name != "begins_with":
        raise KeyConditionError(f"Invalid operator used in KeyConditionExpression: {node.name}")


def _operands(node: n.Condition) -> tuple[n.Operand, ...]:
    if isinstance(node, n.Compare):
        return node.left, node.right
    if isinstance(node, n.Between):
        return node.operand, node.low, node.high
    assert isinstance(node, n.Call)
    return node.args


def _shape(node: n.Condition) -> tuple[str, str, tuple[dict[str, Any], ...]]:
    """(attribute, operator, values) of one condition, or KeyConditionError."""
    operands = _operands(node)
    if any(isinstance(operand, n.Call) for operand in operands):
        raise KeyConditionError("KeyConditionExpressions cannot contain nested operations")
    paths = [operand for operand in operands if isinstance(operand, n.Path)]
    if len(paths) > 1:
        raise KeyConditionError(
            "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"
        )
    if not paths:
        raise KeyConditionError("Invalid condition in KeyConditionExpression: No key attribute specified")
    path = paths[0]
    if isinstance(node, (n.Between, n.Call)) and operands[0] is not path:
        name = "BETWEEN" if isinstance(node, n.Between) else node.name
        raise KeyConditionError(
            f"Invalid condition in KeyConditionExpression: {name} operator must have the key attribute as its first "
            "operand"
        )
    if len(path.elements) != 1:
        raise KeyConditionError("KeyConditionExpressions cannot have conditions on nested attributes")
    values = tuple(operand.value for operand in operands if isinstance(operand, n.Value) and operand.value is not None)
    if isinstance(node, n.Compare):
        op = node.op if node.left is path else _FLIP[node.op]
    elif isinstance(node, n.Between):
        op = "BETWEEN"
    else:
        op = "begins_with"
    return str(path.elements[0]), op, values


def analyze(tree: n.Condition, key: KeySpec) -> KeyRange:
    """The key range a bound key condition selects on a table or index with key schema ``key``."""
    _operators(tree)
    conditions: list[n.Condition] = []
    _flatten(tree, conditions)
    for condition in conditions:
        _check_operator(condition)
    if len(conditions) > 2:
        raise KeyConditionError("Conditions can be of length 1 or 2 only")
    shaped: dict[str, tuple[str, tuple[dict[str, Any], ...]]] = {}
    for condition in conditions:
        name, op, values = _shape(condition)
        if name in shaped:
            raise KeyConditionError("KeyConditionExpressions must only contain one condition per key")
        shaped[name] = (op, values)
    if key.hash_name not in shaped:
        raise KeyConditionError(f"Query condition missed key schema element: {key.hash_name}")
    hash_op, hash_values = shaped.pop(key.hash_name)
    if hash_op != "=":
        raise KeyConditionError("Query key condition not supported")
    types = key.types()
    _check_types(hash_values, types[key.hash_name])
    if not shaped:
        return KeyRange(av.key_value(hash_values[0]))
    name, (op, values) = next(iter(shaped.items()))
    if name != key.range_name:
        raise KeyConditionError("Query key condition not supported")
    _check_types(values, types[name])
    return KeyRange(av.key_value(hash_values[0]), op, tuple(av.key_value(value) for value in values))


def _check_types(values: tuple[dict[str, Any], ...], kind: str) -> None:
    for value in values:
        if av.type_of(value) != kind:
            raise KeyConditionError(TYPE_MISMATCH)
