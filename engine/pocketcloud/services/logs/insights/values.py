"""Values in a Logs Insights query: numbers, strings, timestamps; how they compare, sort and print.

* Timestamps (``@timestamp``, ``bin(...)``, ``fromMillis(...)``) are milliseconds since the Unix epoch and print
  as ``2026-01-01 00:05:00.000``, the form GetQueryResults returns them in (e.g. ``"@timestamp": "2019-03-14
  01:12:57.000"`` in https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetQueryResults.html).
* Every result value is a string (ResultField's ``value`` is a String). Integers print without a decimal point,
  other numbers with 12 significant digits, so that ``avg`` shows ``146.33`` rather than floating-point noise
  (pocketcloud's choice: AWS does not document the format).
* Comparisons: two values that both read as numbers compare as numbers (``filter initDuration > 100`` works on a
  field that ``parse`` extracted as text); anything else compares as text. A missing field makes a comparison
  false.
* ``sort`` uses AWS's "updated version of natural sorting": "All non-number values come before all number
  values"; non-number values compare chunk by chunk, digits "by their length first and then by their numerical
  value", other characters by their Unicode values. Missing values sort after everything (pocketcloud's choice).
  https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Sort.html
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime, timedelta
from typing import Any

_NUMERIC = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_CHUNKS = re.compile(r"\d+|\D+")
_UNIX = datetime(1970, 1, 1, tzinfo=UTC)


class Time(int):
    """A timestamp in ms since the Unix epoch: an ``int`` for arithmetic, printed as a date."""

    def __repr__(self) -> str:
        return f"Time({int(self)})"


def number(value: Any) -> float | None:
    """``value`` as a number when it is one (bools count as 1 and 0, numeric text as its number)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str) and _NUMERIC.match(value.strip()):
        result = float(value)
        return result if math.isfinite(result) else None
    return None


def text(value: Any) -> str:
    """A value as the string GetQueryResults returns."""
    if isinstance(value, Time):
        moment = _UNIX + timedelta(milliseconds=int(value))
        return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{moment.microsecond // 1000:03d}"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return format(value, ".12g")
    if isinstance(value, (dict, list)):
        import json

        return json.dumps(value, separators=(",", ":"))
    return str(value)


def compare(left: Any, op: str, right: Any) -> bool:
    if left is None or right is None:
        return False
    a, b = number(left), number(right)
    if a is not None and b is not None:
        x: Any = a
        y: Any = b
    else:
        x, y = text(left), text(right)
    if op == "=":
        return bool(x == y)
    if op == "!=":
        return bool(x != y)
    if op == "<":
        return bool(x < y)
    if op == ">":
        return bool(x > y)
    if op == "<=":
        return bool(x <= y)
    return bool(x >= y)


class _Natural:
    """A non-number value under AWS's natural order: digit runs by length then value, anything else (including a
    digit run against other characters) by Unicode order."""

    __slots__ = ("chunks",)

    def __init__(self, value: str) -> None:
        self.chunks = _CHUNKS.findall(value)

    def _cmp(self, other: _Natural) -> int:
        for a, b in zip(self.chunks, other.chunks, strict=False):
            if a == b:
                continue
            if a.isdigit() and b.isdigit():
                return -1 if (len(a), int(a)) < (len(b), int(b)) else 1
            return -1 if a < b else 1
        return (len(self.chunks) > len(other.chunks)) - (len(self.chunks) < len(other.chunks))

    def __lt__(self, other: _Natural) -> bool:
        return self._cmp(other) < 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Natural) and self.chunks == other.chunks

    def __hash__(self) -> int:
        return hash(tuple(self.chunks))


def sort_key(value: Any) -> tuple[Any, ...]:
    """AWS's natural order (see the module docstring); ``None`` last."""
    if value is None:
        return (2,)
    as_number = number(value) if not isinstance(value, str) or _NUMERIC.match(value.strip()) else None
    if as_number is not None:
        return (1, as_number, text(value))  # equal numbers ("01" and "1") by their text, as the sort page lists them
    return (0, _Natural(text(value)))
