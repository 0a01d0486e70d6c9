"""Evaluating Logs Insights expressions on one event: operators and the scalar functions learners use.

Operators and functions as documented in
https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html:

* arithmetic ``+ - * / % ^`` ("``2 ^ 3`` returns 8", "``10 % 3`` returns 1"); comparison; ``and``, ``or``, ``not``;
* numeric: ``abs``, ``ceil``, ``floor``, ``greatest``, ``least``, ``log`` (natural), ``sqrt``;
* string: ``concat``, ``ltrim``, ``rtrim``, ``trim`` (with optional characters to remove), ``strlen``,
  ``toupper``, ``tolower``, ``substr(s, start[, length])`` (start counted from 0, so ``substr(@log, 13)`` drops the
  ``123456789012:`` account prefix of ``@log``), ``replace``, ``strcontains``
  (1 or 0, so ``sum(strcontains(@message, "Init Duration"))`` counts cold starts), ``isempty``, ``isblank``;
* general: ``ispresent``, ``coalesce``;
* datetime: ``bin(period)`` ("Rounds the value of @timestamp to the given time period and then truncates"),
  ``datefloor(timestamp, period)``, ``dateceil(timestamp, period)``, ``fromMillis``, ``toMillis``.

A missing field is ``None``; arithmetic and most functions on ``None`` give ``None``, and so does division by
zero. An unknown function is a MalformedQueryException when the query starts (see :func:`check`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ....errors import ServiceError
from .syntax import Expr
from .values import Time, compare, number, text

AGGREGATES = frozenset(
    {"avg", "count", "count_distinct", "max", "min", "pct", "percentile", "stddev", "sum", "earliest", "latest"}
)


def _num(value: Any) -> float | None:
    return number(value)


def _nums(args: list[Any]) -> list[float] | None:
    values = [number(a) for a in args]
    return None if any(v is None for v in values) else values  # type: ignore[return-value]


def _trim(how: str) -> Callable[..., Any]:
    def trim(value: Any, chars: Any = None) -> Any:
        if value is None:
            return None
        strip = {"both": str.strip, "left": str.lstrip, "right": str.rstrip}[how]
        return strip(text(value), None if chars is None else text(chars))

    return trim


def _substr(value: Any, start: Any, length: Any = None) -> Any:
    if value is None or number(start) is None:
        return None
    s, begin = text(value), int(number(start) or 0)
    if length is None:
        return s[begin:]
    return s[begin : begin + max(0, int(number(length) or 0))]


def _floor_to(value: Any, period: Any, up: bool = False) -> Any:
    ms, step = number(value), number(period)
    if ms is None or not step:
        return None
    floored = math.floor(ms / step) * step
    if up and floored < ms:
        floored += step
    return Time(int(floored))


def _unary_number(fn: Callable[[float], float]) -> Callable[[Any], Any]:
    def apply(value: Any) -> Any:
        x = number(value)
        if x is None:
            return None
        try:
            return fn(x)
        except (ValueError, OverflowError):
            return None

    return apply


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "abs": _unary_number(abs),
    "ceil": _unary_number(lambda x: float(math.ceil(x))),
    "floor": _unary_number(lambda x: float(math.floor(x))),
    "log": _unary_number(math.log),
    "sqrt": _unary_number(math.sqrt),
    "greatest": lambda *a: (lambda v: None if v is None or not v else max(v))(_nums(list(a))),
    "least": lambda *a: (lambda v: None if v is None or not v else min(v))(_nums(list(a))),
    "concat": lambda *a: "".join(text(v) for v in a if v is not None),
    "ltrim": _trim("left"),
    "rtrim": _trim("right"),
    "trim": _trim("both"),
    "strlen": lambda v: None if v is None else len(text(v)),
    "toupper": lambda v: None if v is None else text(v).upper(),
    "tolower": lambda v: None if v is None else text(v).lower(),
    "substr": _substr,
    "replace": lambda v, a, b: None if v is None else text(v).replace(text(a), text(b)),
    "strcontains": lambda v, sub: 0 if v is None or sub is None else int(text(sub) in text(v)),
    "isempty": lambda v: int(v is None or text(v) == ""),
    "isblank": lambda v: int(v is None or text(v).strip() == ""),
    "ispresent": lambda v: int(v is not None),
    "coalesce": lambda *a: next((v for v in a if v is not None), None),
    "datefloor": lambda t, p: _floor_to(t, p),
    "dateceil": lambda t, p: _floor_to(t, p, up=True),
    "frommillis": lambda v: None if number(v) is None else Time(int(number(v) or 0)),
    "tomillis": lambda v: None if number(v) is None else int(number(v) or 0),
}
#: Functions that take a field itself (not its value) are evaluated specially; listed for :func:`check`.
_SPECIAL = {"bin"}
_ARITY: dict[str, tuple[int, int]] = {
    "abs": (1, 1), "ceil": (1, 1), "floor": (1, 1), "log": (1, 1), "sqrt": (1, 1), "greatest": (1, 99),
    "least": (1, 99), "concat": (1, 99), "ltrim": (1, 2), "rtrim": (1, 2), "trim": (1, 2), "strlen": (1, 1),
    "toupper": (1, 1), "tolower": (1, 1), "substr": (2, 3), "replace": (3, 3), "strcontains": (2, 2),
    "isempty": (1, 1), "isblank": (1, 1), "ispresent": (1, 1), "coalesce": (1, 99), "datefloor": (2, 2),
    "dateceil": (2, 2), "frommillis": (1, 1), "tomillis": (1, 1), "bin": (1, 1),
}  # fmt: skip


def check(expr: Expr, *, aggregates: bool) -> None:
    """Refuse unknown functions, wrong argument counts and aggregations outside ``stats``."""
    kind = expr[0]
    if kind == "call":
        name, args = expr[1], expr[2]
        if name in AGGREGATES:
            if not aggregates:
                raise ServiceError(
                    "MalformedQueryException", f"Aggregate function {name} is only allowed in the stats command"
                )
            for arg in args:
                check(arg, aggregates=False)
            return
        if name not in FUNCTIONS and name not in _SPECIAL:
            raise ServiceError("MalformedQueryException", f"Unknown function: {name}")
        low, high = _ARITY[name]
        if not low <= len(args) <= high:
            raise ServiceError("MalformedQueryException", f"Function {name} takes {low} to {high} arguments")
        for arg in args:
            check(arg, aggregates=aggregates)
    elif kind in ("unary",):
        check(expr[2], aggregates=aggregates)
    elif kind == "binary":
        check(expr[2], aggregates=aggregates)
        check(expr[3], aggregates=aggregates)
    elif kind == "list":
        for item in expr[1]:
            check(item, aggregates=aggregates)


def _arith(op: str, left: Any, right: Any) -> Any:
    a, b = number(left), number(right)
    if a is None or b is None:
        return None
    try:
        if op == "+":
            result = a + b
        elif op == "-":
            result = a - b
        elif op == "*":
            result = a * b
        elif op == "/":
            result = a / b
        elif op == "%":
            result = math.fmod(a, b)
        else:
            result = a**b
    except (ZeroDivisionError, OverflowError, ValueError):
        return None
    if not isinstance(result, float) or not math.isfinite(result):
        return None
    both_time = isinstance(left, Time) and op in ("+", "-") and not isinstance(right, Time)
    if both_time:
        return Time(int(result))
    return (
        int(result)
        if result.is_integer() and isinstance(left, int) and isinstance(right, int) and op != "/"
        else result
    )


def _like(value: Any, pattern: Any) -> bool:
    if value is None:
        return False
    subject = text(value)
    if hasattr(pattern, "search"):
        return pattern.search(subject) is not None
    return pattern is not None and text(pattern) in subject


def evaluate(expr: Expr, record: dict[str, Any]) -> Any:
    """The value of ``expr`` for one event's fields."""
    kind = expr[0]
    if kind == "field":
        return record.get(expr[1])
    if kind == "literal":
        return expr[1]
    if kind == "period":
        return expr[1]
    if kind == "regex":
        return expr[1]
    if kind == "list":
        return [evaluate(item, record) for item in expr[1]]
    if kind == "star":
        return 1
    if kind == "unary":
        value = evaluate(expr[2], record)
        if expr[1] == "not":
            return not truthy(value)
        x = number(value)
        return None if x is None else -x
    if kind == "binary":
        return _binary(expr[1], expr[2], expr[3], record)
    name, args = expr[1], expr[2]
    if name == "bin":
        return _floor_to(record.get("@timestamp"), evaluate(args[0], record))
    return FUNCTIONS[name](*[evaluate(arg, record) for arg in args])


def _binary(op: str, left_expr: Expr, right_expr: Expr, record: dict[str, Any]) -> Any:
    if op == "and":
        return truthy(evaluate(left_expr, record)) and truthy(evaluate(right_expr, record))
    if op == "or":
        return truthy(evaluate(left_expr, record)) or truthy(evaluate(right_expr, record))
    left = evaluate(left_expr, record)
    right = evaluate(right_expr, record)
    if op in ("+", "-", "*", "/", "%", "^"):
        return _arith(op, left, right)
    if op in ("like", "=~"):
        return _like(left, right)
    if op == "not like":
        return left is not None and not _like(left, right)
    if op in ("in", "not in"):
        options = right if isinstance(right, list) else [right]
        found = left is not None and any(compare(left, "=", option) for option in options)
        return found if op == "in" else (left is not None and not found)
    return compare(left, op, right)


def truthy(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    x = number(value)
    if x is not None:
        return x != 0
    return bool(value)
