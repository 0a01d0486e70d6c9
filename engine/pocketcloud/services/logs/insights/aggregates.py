"""The ``stats`` command: aggregation functions over groups of events, grouped ``by`` fields or ``bin(...)``.

Functions (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Stats.html and
https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html):
``avg``, ``count`` (``count(*)`` and ``count()`` count events, ``count(field)`` the events that have it),
``count_distinct``, ``max``, ``min``, ``sum``, ``stddev``, ``pct(field, percent)`` (also spelled ``percentile``, as
in AWS's Lambda Operator Guide queries), ``earliest`` and ``latest`` (the value in the event with the lowest /
highest ``@timestamp``).

``pct`` returns "the value at which <percent> percent of the values ... are lower than this value": pocketcloud
takes the nearest-rank value of the sorted values (AWS computes percentiles approximately and does not document
the method). ``stddev`` is the sample standard deviation (pocketcloud's choice; AWS does not say).

A stats item may combine aggregations with arithmetic and refer to the aliases of earlier items of the same
command and to the ``by`` fields, as AWS's memory query does: ``stats max(@memorySize / 1000 / 1000) as
provisonedMemoryMB, ..., max(@maxMemoryUsed / 1000 / 1000) as maxMemoryUsedMB, provisonedMemoryMB -
maxMemoryUsedMB as overProvisionedMB`` (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-examples.html).
"""

from __future__ import annotations

import math
import statistics
from typing import Any

from .functions import AGGREGATES, evaluate
from .syntax import Command, Expr
from .values import Time, number, sort_key, text


def _aggregate(name: str, args: list[Expr], records: list[dict[str, Any]]) -> Any:
    if name == "count":
        if not args or args[0][0] == "star":
            return len(records)
        return sum(1 for record in records if evaluate(args[0], record) is not None)
    values = [(record, evaluate(args[0], record)) for record in records]
    present = [(record, value) for record, value in values if value is not None]
    if name == "count_distinct":
        return len({text(value) for _, value in present})
    if name in ("earliest", "latest"):
        if not present:
            return None
        pick = min if name == "earliest" else max
        return pick(present, key=lambda rv: number(rv[0].get("@timestamp")) or 0.0)[1]
    if name in ("min", "max"):
        if not present:
            return None
        pick = min if name == "min" else max
        return pick((value for _, value in present), key=sort_key)
    numbers = [n for n in (number(value) for _, value in present) if n is not None]
    if not numbers:
        return None
    if name == "sum":
        return math.fsum(numbers)
    if name == "avg":
        return math.fsum(numbers) / len(numbers)
    if name == "stddev":
        return statistics.stdev(numbers) if len(numbers) > 1 else 0.0
    percent = number(evaluate(args[1], {})) if len(args) > 1 else None
    if percent is None:
        return None
    ordered = sorted(numbers)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def _stats_value(expr: Expr, records: list[dict[str, Any]], known: dict[str, Any]) -> Any:
    """Evaluate a stats item: aggregations over ``records``, other names from ``known`` (aliases, by keys)."""
    kind = expr[0]
    if kind == "call" and expr[1] in AGGREGATES:
        name = "pct" if expr[1] == "percentile" else expr[1]
        return _aggregate(name, expr[2], records)
    if kind == "field":
        return known.get(expr[1])
    if kind in ("literal", "period", "regex", "star"):
        return evaluate(expr, {})
    if kind == "unary":
        return evaluate(("unary", expr[1], ("literal", _stats_value(expr[2], records, known))), {})
    if kind == "binary":
        left = _stats_value(expr[2], records, known)
        right = _stats_value(expr[3], records, known)
        return evaluate(("binary", expr[1], ("literal", left), ("literal", right)), {})
    if kind == "call":
        args = [("literal", _stats_value(arg, records, known)) for arg in expr[2]]
        return evaluate(("call", expr[1], args), {})
    return None


def run_stats(command: Command, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One output row per group (one row in all when there is no ``by``), groups in ascending key order."""
    groups: dict[tuple[Any, ...], tuple[list[Any], list[dict[str, Any]]]] = {}
    for record in records:
        keys = [evaluate(item.expr, record) for item in command.by]
        if command.by and any(key is None for key in keys):
            continue
        # A time bin groups by its milliseconds (same text), formatted once per group rather than once per event.
        marker = tuple(("t", int(key)) if isinstance(key, Time) else text(key) for key in keys)
        entry = groups.get(marker)
        if entry is None:
            groups[marker] = (keys, [record])
        else:
            entry[1].append(record)
    if not command.by and not groups:
        groups[()] = ([], [])
    rows = []
    for keys, members in sorted(groups.values(), key=lambda g: [sort_key(k) for k in g[0]]):
        row: dict[str, Any] = {}
        for item, key in zip(command.by, keys, strict=True):
            row[item.name] = key
        for item in command.items:
            row[item.name] = _stats_value(item.expr, members, row)
        rows.append(row)
    return rows
