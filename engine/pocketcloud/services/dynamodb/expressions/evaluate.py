"""Evaluating a bound condition against an item (ConditionExpression, FilterExpression, KeyConditionExpression).

The comparison rules are the developer guide's
(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html):
``=`` and ``<>`` compare any two values (sets regardless of order, maps and lists member by member); ``<``, ``<=``,
``>``, ``>=`` and ``BETWEEN`` only order two values of the same type among Number, String and Binary, and are
false otherwise; a missing attribute makes every comparison false except ``<>``, which is true (the attribute is
not equal to the value). Functions:

* ``attribute_exists(path)`` / ``attribute_not_exists(path)``;
* ``attribute_type(path, :t)`` with ``:t`` one of ``S SS N NS B BS BOOL NULL L M``;
* ``begins_with(path, :prefix)`` for a String or Binary attribute and prefix of the same type;
* ``contains(path, operand)``: a substring of a String (or Binary), an element of a set, or an element of a list;
* ``size(path)``: the length of a String (characters) or Binary (bytes), or the number of elements of a set, list
  or map; nothing for other types, so a comparison with it is false.
"""

from __future__ import annotations

from typing import Any

from .. import values as av
from . import nodes as n
from .documents import resolve

AttributeValue = dict[str, Any]


def operand_value(operand: n.Operand, item: dict[str, Any]) -> AttributeValue | None:
    if isinstance(operand, n.Path):
        return resolve(item, operand.elements)
    if isinstance(operand, n.Value):
        return operand.value
    # size(path): the only function allowed as an operand of a condition
    target = operand_value(operand.args[0], item)
    if target is None:
        return None
    kind, data = next(iter(target.items()))
    if kind in ("N", "BOOL", "NULL"):
        return None
    return {"N": str(len(data))}


def _equal(a: AttributeValue | None, b: AttributeValue | None) -> bool:
    return a is not None and b is not None and av.equal(a, b)


def _order(a: AttributeValue | None, b: AttributeValue | None) -> tuple[Any, Any] | None:
    if a is None or b is None:
        return None
    left, right = av.sortable(a), av.sortable(b)
    if left is None or right is None or left[0] != right[0]:
        return None
    return left[1], right[1]


def compare(op: str, a: AttributeValue | None, b: AttributeValue | None) -> bool:
    if op == "=":
        return _equal(a, b)
    if op == "<>":
        return not _equal(a, b)
    pair = _order(a, b)
    if pair is None:
        return False
    x, y = pair
    if op == "<":
        return bool(x < y)
    if op == "<=":
        return bool(x <= y)
    if op == ">":
        return bool(x > y)
    return bool(x >= y)


def _function(call: n.Call, item: dict[str, Any]) -> bool:
    name = call.name
    target = operand_value(call.args[0], item)
    if name == "attribute_exists":
        return target is not None
    if name == "attribute_not_exists":
        return target is None
    if target is None:
        return False
    other = operand_value(call.args[1], item)
    if other is None:
        return False
    kind, data = next(iter(target.items()))
    other_kind, other_data = next(iter(other.items()))
    if name == "attribute_type":
        return bool(other_kind == "S" and kind == other_data)
    if name == "begins_with":
        return kind in ("S", "B") and kind == other_kind and data.startswith(other_data)
    # contains
    if kind in ("S", "B"):
        return kind == other_kind and other_data in data
    if kind in av.SET_TYPES:
        return kind[0] == other_kind and other_data in data
    if kind == "L":
        return any(av.equal(member, other) for member in data)
    return False


def evaluate(condition: n.Condition, item: dict[str, Any]) -> bool:
    """Whether ``item`` (an empty dict when the item does not exist) satisfies ``condition``."""
    if isinstance(condition, n.Compare):
        return compare(condition.op, operand_value(condition.left, item), operand_value(condition.right, item))
    if isinstance(condition, n.And):
        return evaluate(condition.left, item) and evaluate(condition.right, item)
    if isinstance(condition, n.Or):
        return evaluate(condition.left, item) or evaluate(condition.right, item)
    if isinstance(condition, n.Not):
        return not evaluate(condition.operand, item)
    if isinstance(condition, n.Between):
        value = operand_value(condition.operand, item)
        low = _order(value, operand_value(condition.low, item))
        high = _order(value, operand_value(condition.high, item))
        return low is not None and high is not None and low[1] <= low[0] <= high[1]
    if isinstance(condition, n.In):
        value = operand_value(condition.operand, item)
        return any(_equal(value, operand_value(option, item)) for option in condition.options)
    return _function(condition, item)
