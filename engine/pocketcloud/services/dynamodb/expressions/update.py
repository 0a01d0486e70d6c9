"""Applying a bound update expression to an item: SET, REMOVE, ADD and DELETE.

Every operand on the right of a ``SET`` is read from the item as it was before the update, so ``SET a = b, b = a``
swaps two attributes; the actions then apply to a copy of the item, and the copy replaces the item only if every
action succeeded, so a failed update changes nothing. The rules are the developer guide's
(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html):

* ``SET path = value``, where value is an operand, ``operand + operand`` or ``operand - operand`` (Numbers only),
  ``if_not_exists(path, value)`` or ``list_append(list1, list2)``;
* ``REMOVE path`` (a missing attribute or list element is ignored; removed list elements close the gap);
* ``ADD path :v`` adds a Number or unions a set, creating the attribute if it is missing;
* ``DELETE path :set`` takes elements out of a set (an emptied set is removed, as a set cannot be empty).

The errors are DynamoDB's: "The provided expression refers to an attribute that does not exist in the item" for
a missing operand, "An operand in the update expression has an incorrect data type" for types that do not fit,
"The document path provided in the update expression is invalid for update" for a path through nothing (messages
quoted by moto's exceptions module from AWS).
"""

from __future__ import annotations

from typing import Any

from .. import numbers
from .. import values as av
from . import nodes as n
from .documents import DocumentPathError, assign, remove, resolve

MISSING = "The provided expression refers to an attribute that does not exist in the item"
WRONG_TYPE = "An operand in the update expression has an incorrect data type"


class UpdateError(ValueError):
    """An update DynamoDB refuses (ValidationException); the message is AWS's, without a prefix."""


def _value(value: n.SetValue, item: dict[str, Any]) -> dict[str, Any]:
    if isinstance(value, n.Path):
        found = resolve(item, value.elements)
        if found is None:
            raise UpdateError(MISSING)
        return av.copy(found)
    if isinstance(value, n.Value):
        assert value.value is not None
        return av.copy(value.value)
    if isinstance(value, n.Arith):
        left, right = _value(value.left, item), _value(value.right, item)
        if "N" not in left or "N" not in right:
            raise UpdateError(WRONG_TYPE)
        try:
            return {"N": numbers.add(left["N"], right["N"], subtract=value.op == "-")}
        except numbers.NumberProblem as problem:
            raise UpdateError(str(problem)) from None
    if value.name == "if_not_exists":
        target = value.args[0]
        existing = resolve(item, target.elements) if isinstance(target, n.Path) else None
        return av.copy(existing) if existing is not None else _value(value.args[1], item)
    # list_append
    first, second = _value(value.args[0], item), _value(value.args[1], item)
    if "L" not in first or "L" not in second:
        raise UpdateError(WRONG_TYPE)
    return {"L": first["L"] + second["L"]}


def _add(existing: dict[str, Any] | None, operand: dict[str, Any]) -> dict[str, Any]:
    if existing is None:
        return av.copy(operand)
    kind = av.type_of(operand)
    if av.type_of(existing) != kind:
        raise UpdateError(WRONG_TYPE)
    if kind == "N":
        try:
            return {"N": numbers.add(existing["N"], operand["N"])}
        except numbers.NumberProblem as problem:
            raise UpdateError(str(problem)) from None
    present = set(existing[kind])
    return {kind: existing[kind] + [m for m in operand[kind] if m not in present]}


def _delete(existing: dict[str, Any], operand: dict[str, Any]) -> dict[str, Any] | None:
    kind = av.type_of(operand)
    if av.type_of(existing) != kind:
        raise UpdateError(WRONG_TYPE)
    gone = set(operand[kind])
    kept = [m for m in existing[kind] if m not in gone]
    return {kind: kept} if kept else None


def _removal_order(action: n.Action) -> tuple[Any, ...]:
    """Remove list elements from the highest index down, so the indexes of the others still hold."""
    last = action.path.elements[-1]
    return (repr(action.path.elements[:-1]), -last if isinstance(last, int) else 0)


def _list_index(pair: tuple[n.Path, Any]) -> int:
    last = pair[0].elements[-1]
    return last if isinstance(last, int) else -1


def apply(update: n.Update, item: dict[str, Any], exists: bool = True) -> dict[str, Any]:
    """The item after ``update`` (``item`` itself is not changed); UpdateError when DynamoDB would refuse it.

    Two rules from DynamoDB's behaviour (scylladb's alternator tests, run against DynamoDB,
    test_update_expression.py): list elements set past the end are appended "sorted in order by element number";
    and a REMOVE through a missing path is an error on an existing item but is ignored when the item does not
    exist yet (``exists`` False).
    """
    new = av.copy_item(item)
    sets = [(action.path, _value(action.value, item)) for action in update.actions if isinstance(action, n.SetAction)]
    sets.sort(key=_list_index)
    try:
        for path, value in sets:
            assign(new, path.elements, value)
        for action in update.actions:
            if isinstance(action, n.AddAction):
                assert action.value.value is not None
                assign(new, action.path.elements, _add(resolve(new, action.path.elements), action.value.value))
            elif isinstance(action, n.DeleteAction):
                assert action.value.value is not None
                existing = resolve(new, action.path.elements)
                if existing is None:
                    continue
                remaining = _delete(existing, action.value.value)
                if remaining is None:
                    remove(new, action.path.elements)
                else:
                    assign(new, action.path.elements, remaining)
        removals = [action for action in update.actions if isinstance(action, n.RemoveAction)]
        for action in sorted(removals, key=_removal_order):
            try:
                remove(new, action.path.elements)
            except DocumentPathError:
                if exists:
                    raise
    except DocumentPathError as problem:
        raise UpdateError(str(problem)) from None
    return new


def target_paths(update: n.Update) -> list[n.Path]:
    """The paths an update writes (for ReturnValues UPDATED_OLD / UPDATED_NEW)."""
    return [action.path for action in update.actions]
