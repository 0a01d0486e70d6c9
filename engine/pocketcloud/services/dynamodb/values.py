"""Typed attribute values: AWS's checks, the stored (canonical) form, equality, ordering and size.

An attribute value travels as a one-key dictionary naming its type: ``{"S": "text"}``, ``{"N": "42"}``,
``{"B": b"..."}``, ``{"BOOL": True}``, ``{"NULL": True}``, ``{"SS": [...]}``, ``{"NS": [...]}``, ``{"BS": [...]}``,
``{"M": {...}}`` and ``{"L": [...]}`` (boto3's low-level client shape;
https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html). botocore has already
checked the Python types of every member before a request gets here; this module checks what only the service
checks, with its messages (captured against real DynamoDB by dynalite and the nubo-db/dynamodb-conformance suite):

* exactly one type per value ("Supplied AttributeValue is empty, must contain exactly one of the supported
  datatypes" / "... has more than one datatypes set ...");
* numbers (:mod:`.numbers`), and sets that are neither empty nor hold duplicates ("An string set  may not be
  empty", with DynamoDB's own spacing);
* ``{"NULL": False}``, which DynamoDB now accepts and stores as ``{"NULL": True}`` (conformance capture 2026-06);
* nesting no deeper than 32 levels.

Checked values are copied into the form the table stores and returns: numbers canonical (``"1.50"`` -> ``"1.5"``),
binary as ``bytes``. A stored value is never shared with a caller: every response gets copies.
"""

from __future__ import annotations

import base64
from decimal import Decimal
from typing import Any

from ... import limits
from . import numbers

AttributeValue = dict[str, Any]
Item = dict[str, AttributeValue]

SCALAR_TYPES = ("S", "N", "B")
SET_TYPES = ("SS", "NS", "BS")
ALL_TYPES = ("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL")

#: How DynamoDB names types in "Incorrect operand type" messages.
TYPE_WORDS = {
    "S": "STRING",
    "N": "NUMBER",
    "B": "BINARY",
    "BOOL": "BOOLEAN",
    "NULL": "NULL",
    "M": "MAP",
    "L": "LIST",
    "SS": "STRING_SET",
    "NS": "NUMBER_SET",
    "BS": "BINARY_SET",
}

EMPTY = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
MULTIPLE = (
    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"
)
INVALID = "One or more parameter values were invalid: "
TOO_DEEP = "Nesting Levels have exceeded supported limits"


class ValueProblem(ValueError):
    """A value DynamoDB refuses. ``str(problem)`` is AWS's message; callers add where it was found."""


def type_of(value: AttributeValue) -> str:
    """The type letter(s) of a stored value (stored values always have exactly one)."""
    for kind in value:
        return kind
    raise ValueProblem(EMPTY)


def check(value: Any, depth: int = 0) -> AttributeValue:
    """The stored form of a request's attribute value, or :class:`ValueProblem`."""
    if not isinstance(value, dict) or not value:
        raise ValueProblem(EMPTY)
    if len(value) > 1:
        raise ValueProblem(MULTIPLE)
    ((kind, data),) = value.items()
    if kind == "S":
        if not isinstance(data, str):
            raise ValueProblem(EMPTY)
        return {"S": data}
    if kind == "N":
        try:
            return {"N": numbers.normalize(data if isinstance(data, str) else "")}
        except numbers.NumberProblem as problem:
            raise ValueProblem(str(problem)) from None
    if kind == "B":
        return {"B": bytes(data) if isinstance(data, (bytes, bytearray)) else _as_bytes(data)}
    if kind == "BOOL":
        return {"BOOL": bool(data)}
    if kind == "NULL":
        return {"NULL": True}
    if kind in SET_TYPES:
        return {kind: _check_set(kind, data)}
    if depth >= limits.DYNAMODB_MAX_NESTING_DEPTH:
        raise ValueProblem(TOO_DEEP)
    if kind == "M":
        if not isinstance(data, dict):
            raise ValueProblem(EMPTY)
        return {"M": {str(name): check(member, depth + 1) for name, member in data.items()}}
    if kind == "L":
        if not isinstance(data, (list, tuple)):
            raise ValueProblem(EMPTY)
        return {"L": [check(member, depth + 1) for member in data]}
    raise ValueProblem(EMPTY)


def _as_bytes(data: Any) -> bytes:
    if isinstance(data, str):
        return data.encode("utf-8", "surrogatepass")
    raise ValueProblem(EMPTY)


def _check_set(kind: str, data: Any) -> list[Any]:
    members = list(data) if isinstance(data, (list, tuple)) else []
    if not members:
        raise ValueProblem(
            INVALID
            + {"SS": "An string set  may not be empty", "NS": "An number set  may not be empty"}.get(
                kind, "Binary sets should not be empty"
            )
        )
    if kind == "SS":
        out: list[Any] = [m if isinstance(m, str) else str(m) for m in members]
        if len(set(out)) != len(out):
            raise ValueProblem(INVALID + f"Input collection [{', '.join(out)}] contains duplicates.")
        return out
    if kind == "NS":
        try:
            out = [numbers.normalize(m if isinstance(m, str) else "") for m in members]
        except numbers.NumberProblem as problem:
            raise ValueProblem(str(problem)) from None
        if len(set(out)) != len(out):
            raise ValueProblem("Input collection contains duplicates")
        return out
    out = [bytes(m) if isinstance(m, (bytes, bytearray)) else _as_bytes(m) for m in members]
    if len(set(out)) != len(out):
        shown = ", ".join(base64.b64encode(m).decode() for m in out)
        raise ValueProblem(INVALID + f"Input collection [{shown}]of type BS contains duplicates.")
    return out


def check_item(item: Any) -> Item:
    """The stored form of a whole item (a map of attribute names to values)."""
    return {str(name): check(value) for name, value in item.items()}


# -- copies -----------------------------------------------------------------------------------------------------------
def copy(value: AttributeValue) -> AttributeValue:
    """A deep copy of a stored value, for a response (a caller may mutate what it gets)."""
    for kind, data in value.items():
        if kind == "M":
            return {"M": {name: copy(member) for name, member in data.items()}}
        if kind == "L":
            return {"L": [copy(member) for member in data]}
        if kind in SET_TYPES:
            return {kind: list(data)}
        return {kind: data}
    return {}


def copy_item(item: Item) -> Item:
    return {name: copy(value) for name, value in item.items()}


# -- equality and ordering -------------------------------------------------------------------------------------------
def equal(a: AttributeValue, b: AttributeValue) -> bool:
    """DynamoDB's equality: same type and value; sets ignore order; maps and lists compare member by member."""
    kind_a, data_a = next(iter(a.items()))
    kind_b, data_b = next(iter(b.items()))
    if kind_a != kind_b:
        return False
    if kind_a in SET_TYPES:
        return len(data_a) == len(data_b) and set(data_a) == set(data_b)
    if kind_a == "M":
        return data_a.keys() == data_b.keys() and all(equal(data_a[k], data_b[k]) for k in data_a)
    if kind_a == "L":
        return len(data_a) == len(data_b) and all(equal(x, y) for x, y in zip(data_a, data_b, strict=True))
    return bool(data_a == data_b)


def items_equal(a: Item, b: Item) -> bool:
    return a.keys() == b.keys() and all(equal(a[name], b[name]) for name in a)


def sortable(value: AttributeValue) -> tuple[str, Any] | None:
    """``(type, comparable)`` for the types that order (N numerically, S and B by bytes), else None.

    Python compares ``str`` by code point, which is the order of their UTF-8 bytes, as DynamoDB orders strings
    ("sorted ... by the UTF-8 bytes"); ``bytes`` compare as unsigned bytes, as DynamoDB orders binary.
    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
    """
    kind, data = next(iter(value.items()))
    if kind == "N":
        return "N", Decimal(data)
    if kind in ("S", "B"):
        return kind, data
    return None


def key_value(value: AttributeValue) -> Any:
    """The Python value a key attribute is indexed by (str, Decimal or bytes)."""
    kind, data = next(iter(value.items()))
    return Decimal(data) if kind == "N" else data


# -- sizes ------------------------------------------------------------------------------------------------------------
def _utf8(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def size(value: AttributeValue) -> int:
    """Bytes a value counts for, by the documented rules: strings by UTF-8 bytes, numbers by digits, binary by
    raw bytes, BOOL and NULL 1 byte, a list or map 3 bytes plus 1 byte per element.

    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
    """
    kind, data = next(iter(value.items()))
    if kind == "S":
        return _utf8(data)
    if kind == "N":
        return numbers.size(data)
    if kind == "B":
        return len(data)
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "SS":
        return sum(_utf8(member) for member in data)
    if kind == "NS":
        return sum(numbers.size(member) for member in data)
    if kind == "BS":
        return sum(len(member) for member in data)
    if kind == "M":
        return 3 + sum(1 + _utf8(name) + size(member) for name, member in data.items())
    return 3 + sum(1 + size(member) for member in data)


def item_size(item: Item) -> int:
    """ "The total size of an item is the sum of the lengths of its attribute names and values"."""
    return sum(_utf8(name) + size(value) for name, value in item.items())


# -- display ----------------------------------------------------------------------------------------------------------
def show(value: AttributeValue) -> str:
    """A value as DynamoDB prints it inside messages, e.g. ``{N:1}`` or ``{S:a}`` (dynalite's captures)."""
    kind, data = next(iter(value.items()))
    if kind == "B":
        text = base64.b64encode(data).decode()
    elif kind in ("SS", "NS"):
        text = "[" + ", ".join(data) + "]"
    elif kind == "BS":
        text = "[" + ", ".join(base64.b64encode(m).decode() for m in data) + "]"
    elif kind == "M":
        text = "{" + ", ".join(f"{k}={show(v)}" for k, v in data.items()) + "}"
    elif kind == "L":
        text = "[" + ", ".join(show(v) for v in data) + "]"
    elif kind in ("BOOL", "NULL"):
        text = "true" if data else "false"
    else:
        text = str(data)
    return "{" + kind + ":" + text + "}"
