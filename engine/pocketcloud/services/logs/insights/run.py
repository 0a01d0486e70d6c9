"""Running a parsed Logs Insights query over events, command by command, into GetQueryResults' rows.

Commands apply in the order written, each to the output of the one before
(https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html):

* ``fields`` computes and selects fields ("Retrieves the specified fields from log events"); several ``fields``
  commands add up; ``display`` chooses exactly which fields the results show;
* ``filter`` keeps the events its condition holds for; ``parse`` sets fields from a glob (each ``*`` captures
  as little as it can, the last one the rest of the value) or from a regex's named groups; an event it does not
  match keeps those fields unset;
* ``stats`` turns the events into one row per group; later commands work on those rows;
* ``sort`` orders (natural order, see :mod:`.values`), ``limit`` keeps the first N ("If you omit limit, the query
  returns as many as 10,000 log events"), ``dedup`` keeps the first row for each combination of values ("dedup
  ... typically used after sort"; rows where a dedup field is missing are kept, pocketcloud's reading).

Without ``sort`` events come newest first, as the console's default query sorts them (pocketcloud's choice for
queries that do not say). Without ``fields``, ``display`` or ``stats`` the results show ``@timestamp`` and
``@message``. Each event row also carries ``@ptr``, "the identifier for the log record" that GetLogRecord reads
(https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetQueryResults.html); rows of
``stats`` do not. A field with no value is left out of its row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .aggregates import run_stats
from .functions import check, evaluate, truthy
from .syntax import Command, Expr, parse
from .values import sort_key, text

PTR = "@ptr"


@dataclass
class Outcome:
    """What a query produced: GetQueryResults' ``results`` rows and its ``statistics``."""

    results: list[list[dict[str, str]]]
    records_matched: int
    records_scanned: int
    bytes_scanned: int


def compile_query(text_: str) -> list[Command]:
    """Parse and check a query (MalformedQueryException before anything runs, as StartQuery answers)."""
    commands = parse(text_)
    for command in commands:
        for item in command.items:
            check(item.expr, aggregates=command.kind == "stats")
        for item in command.by:
            check(item.expr, aggregates=False)
        for expr, _descending in command.keys:
            check(expr, aggregates=False)
        if command.condition is not None:
            check(command.condition, aggregates=False)
    return commands


def execute(commands: list[Command], records: list[dict[str, Any]], *, limit: int, scanned_bytes: int) -> Outcome:
    """Run ``commands`` over ``records`` (each event's fields, plus ``@ptr``)."""
    scanned = len(records)
    rows = sorted(records, key=lambda r: -int(r.get("@timestamp") or 0))
    columns: list[str] = []
    shown: list[str] | None = None
    aggregated = False
    matched = scanned
    for command in commands:
        kind = command.kind
        if kind == "fields":
            for row in rows:
                for item in command.items:
                    row[item.name] = evaluate(item.expr, row)
            columns += [item.name for item in command.items if item.name not in columns]
        elif kind == "display":
            shown = [item.name for item in command.items]
        elif kind == "filter":
            assert command.condition is not None
            condition = command.condition
            rows = [row for row in rows if truthy(evaluate(condition, row))]
            if not aggregated:
                matched = len(rows)
        elif kind == "parse":
            _parse(command, rows)
        elif kind == "stats":
            rows = run_stats(command, rows)
            columns = [item.name for item in command.by] + [item.name for item in command.items]
            shown = None
            aggregated = True
        elif kind == "sort":
            for expr, descending in reversed(command.keys):
                rows.sort(key=_sort_key(expr), reverse=descending)
        elif kind == "limit":
            rows = rows[: command.count]
        elif kind == "dedup":
            rows = _dedup(command, rows)
    rows = rows[:limit]
    names = shown if shown is not None else (columns or ["@timestamp", "@message"])
    results = []
    for row in rows:
        line = [{"field": name, "value": text(row[name])} for name in names if row.get(name) is not None]
        if not aggregated and PTR in row:
            line.append({"field": PTR, "value": row[PTR]})
        results.append(line)
    return Outcome(results, matched, scanned, scanned_bytes)


def _sort_key(expr: Expr) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    return lambda row: sort_key(evaluate(expr, row))


def _parse(command: Command, rows: list[dict[str, Any]]) -> None:
    assert command.source is not None and command.pattern is not None
    glob = command.pattern.groupindex == {}
    for row in rows:
        value = evaluate(command.source, row)
        if value is None:
            continue
        found = command.pattern.search(text(value))
        if found is None:
            continue
        if glob:
            for name, part in zip(command.names, found.groups(), strict=True):
                row[name] = part
        else:
            for name in command.names:
                part = found.group(name)
                if part is not None:
                    row[name] = part


def _dedup(command: Command, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[str, ...]] = set()
    kept = []
    for row in rows:
        values = [evaluate(item.expr, row) for item in command.items]
        if any(value is None for value in values):
            kept.append(row)
            continue
        marker = tuple(text(value) for value in values)
        if marker not in seen:
            seen.add(marker)
            kept.append(row)
    return kept
