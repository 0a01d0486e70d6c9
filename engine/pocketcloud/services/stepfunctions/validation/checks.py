"""Value checks every state type shares: types, ranges, enums and mutually exclusive fields.

Each check reports at the field's own location (``/States/W/Seconds``), the way AWS locates type and range
problems; a field that is missing or one too many is reported at the object that holds it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import jsonata_expr, messages
from .context import Context


def is_integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def type_name(value: object) -> str:
    if isinstance(value, bool):
        return "BOOLEAN"
    if isinstance(value, int):
        return "INTEGER"
    if isinstance(value, float):
        return "NUMBER"
    if isinstance(value, str):
        return "STRING"
    if isinstance(value, list):
        return "ARRAY"
    if isinstance(value, dict):
        return "OBJECT"
    return "NULL"


def string(ctx: Context, value: object, location: str) -> bool:
    if isinstance(value, str):
        return True
    ctx.error(messages.expected_type("STRING"), location)
    return False


def boolean(ctx: Context, value: object, location: str) -> bool:
    if isinstance(value, bool):
        return True
    ctx.error(messages.expected_type("BOOLEAN"), location)
    return False


def obj(ctx: Context, value: object, location: str) -> bool:
    if isinstance(value, dict):
        return True
    ctx.error(messages.expected_type("OBJECT"), location)
    return False


def array(ctx: Context, value: object, location: str, *, non_empty: bool = False) -> bool:
    if not isinstance(value, list):
        ctx.error(messages.expected_type("ARRAY"), location)
        return False
    if non_empty and not value:
        ctx.error(messages.empty(), location)
        return False
    return True


def integer(ctx: Context, value: object, location: str, *, low: int | None = None, high: int | None = None) -> bool:
    if not is_integer(value):
        ctx.error(messages.expected_type("INTEGER"), location)
        return False
    assert isinstance(value, int)
    return _in_range(ctx, value, location, low, high)


def number(ctx: Context, value: object, location: str, *, low: float | None = None, high: float | None = None) -> bool:
    if not is_number(value):
        ctx.error(messages.expected_type("NUMBER"), location)
        return False
    assert isinstance(value, int | float)
    return _in_range(ctx, value, location, low, high)


def _in_range(ctx: Context, value: float, location: str, low: float | None, high: float | None) -> bool:
    if low is not None and value < low:
        ctx.error(messages.minimum(low), location)
        return False
    if high is not None and value > high:
        ctx.error(messages.maximum(high), location)
        return False
    return True


def enum(ctx: Context, value: object, location: str, allowed: Sequence[str]) -> bool:
    if not string(ctx, value, location):
        return False
    if value not in allowed:
        ctx.error(messages.one_of_values(allowed), location)
        return False
    return True


def expression_or(value: object, jsonata: bool) -> bool:
    """True when a JSONata state holds a ``{% %}`` expression here (checked already), so no type check follows."""
    return jsonata and jsonata_expr.expression_of(value) is not None


def required(ctx: Context, holder: Mapping[str, Any], fields: Sequence[str], location: str) -> bool:
    missing = [f for f in fields if f not in holder]
    if missing:
        ctx.error(messages.required(missing), location)
        return False
    return True


def at_most_one(ctx: Context, holder: Mapping[str, Any], fields: Sequence[str], location: str) -> int:
    """How many of ``fields`` are present; more than one is reported."""
    present = sum(1 for f in fields if f in holder)
    if present > 1:
        ctx.error(messages.only_one_of(fields), location)
    return present


def exactly_one(ctx: Context, holder: Mapping[str, Any], fields: Sequence[str], location: str) -> None:
    if at_most_one(ctx, holder, fields, location) == 0:
        ctx.error(messages.one_of_missing(fields), location)
