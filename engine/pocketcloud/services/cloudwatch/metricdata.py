"""GetMetricData: MetricStat queries and metric math expressions over one time range, paged by data points.

https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html (checked 2026-12-01):

* each query has an ``Id`` ("The first character must be a lowercase letter" and it may hold letters, numbers and
  underscores; Ids "must be unique": AWS answers a repeat with ValidationError "The values for parameter id in
  MetricDataQueries are not unique.") and exactly one of ``MetricStat`` or ``Expression``; ``ReturnData=False``
  hides a query that only feeds an expression; at most 500 queries;
* results come in the order of the queries, each with ``Timestamps`` and ``Values`` newest first (``ScanBy`` default
  ``TimestampDescending``), ``StatusCode`` ``Complete``, or ``PartialData`` when ``MaxDatapoints`` (default 100,800)
  cut the page and ``NextToken`` continues it;
* a MetricStat's default label is the metric name, with the statistic and the period appended when the request's
  MetricStat queries differ in them (as AWS labels "metric1 Sum 60" beside "metric1 Minimum 30", recorded in
  LocalStack's AWS-validated snapshots); an expression's default label is its Id, and each series of an expression
  that returns an array is a result of its own, with the same Id;
* without ``Unit``, the points of every unit are aggregated together and the result carries the message
  ``MultipleUnits`` "Multiple units returned: '[Milliseconds, Seconds]'" (AWS's wording, same snapshots).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ... import limits
from ...errors import ServiceError
from ...metrics import MetricStore, Series, StatisticSet, dimensions
from ...timeutil import to_datetime
from . import mathexpr, statistics
from .querying import buckets, kept, round_start, to_virtual, valid_period

_ID = re.compile(r"[a-z][A-Za-z0-9_]*")


def validation(message: str) -> ServiceError:
    return ServiceError("ValidationError", message)


@dataclass
class StatQuery:
    """A checked MetricStat: what to read and how to aggregate it."""

    namespace: str
    name: str
    dims: tuple[tuple[str, str], ...]
    period: int
    stat: statistics.Statistic
    unit: str | None


def check_metric_stat(stat: dict[str, Any], where: str) -> StatQuery:
    """A MetricStat checked as GetMetricData and PutMetricAlarm check it (``where`` names it in messages)."""
    metric = stat["Metric"]
    for member in ("Namespace", "MetricName"):
        if not metric.get(member):
            raise validation(f"The parameter {where}.Metric.{member} is required.")
    period = stat["Period"]
    if not valid_period(period):
        raise ServiceError(
            "InvalidParameterValue",
            f"The parameter {where}.Period must be 1, 5, 10, 20, 30 or a multiple of 60 (it is {period}).",
        )
    parsed = statistics.parse(stat["Stat"])
    if parsed is None:
        raise ServiceError(
            "InvalidParameterValue", f"The value {stat['Stat']} for parameter {where}.Stat is not supported."
        )
    dims = dimensions({d["Name"]: d["Value"] for d in metric.get("Dimensions") or []})
    return StatQuery(metric["Namespace"], metric["MetricName"], dims, period, parsed, stat.get("Unit"))


def unit_series(store: MetricStore, query: StatQuery) -> list[Series]:
    """The stored series a query reads: one unit if it names one, else every unit of the metric."""
    found = store.series(query.namespace, query.name, query.dims)
    if found is None:
        return []
    every = found.by_unit()
    return [s for s in every if s.unit == query.unit] if query.unit is not None else every


def stat_points(
    series_list: Sequence[Series], start: float, end: float, period: int, stat: statistics.Statistic, now: float
) -> list[tuple[float, float, float]]:
    """(period start, value, sample count) for each non-empty period, oldest first, the units pooled together."""
    if len(series_list) == 1:  # the common case: one unit, no pooling copies
        out_one: list[tuple[float, float, float]] = []
        for key, single, grouped in buckets(series_list[0], start, end, period, now):
            value = stat.compute(single, grouped)
            if value is not None:
                out_one.append((key, value, len(single) + sum(s[0] for s in grouped)))
        return out_one
    pooled: dict[float, tuple[list[float], list[StatisticSet]]] = {}
    for series in series_list:
        for key, single, grouped in buckets(series, start, end, period, now):
            values, sets = pooled.setdefault(key, ([], []))
            values.extend(single)
            sets.extend(grouped)
    out: list[tuple[float, float, float]] = []
    for key in sorted(pooled):
        values, sets = pooled[key]
        value = stat.compute(values, sets)
        if value is not None:
            out.append((key, value, len(values) + sum(s[0] for s in sets)))
    return out


def _units_in_range(series_list: Sequence[Series], start: float, end: float, period: int, now: float) -> list[str]:
    if len(series_list) < 2:
        return [s.unit for s in series_list]
    units = []
    for series in series_list:
        if any(kept(key, period, now) for key, _v, _s in buckets(series, start, end, period, now)):
            units.append(series.unit)
    return sorted(units)


def get_metric_data(store: MetricStore, params: dict[str, Any], now: float) -> dict[str, Any]:
    queries = params["MetricDataQueries"]
    if not queries:
        raise validation("The parameter MetricDataQueries is required.")
    if len(queries) > limits.CLOUDWATCH_METRIC_DATA_MAX_QUERIES:
        raise validation(
            f"The collection MetricDataQueries must not have a size greater than "
            f"{limits.CLOUDWATCH_METRIC_DATA_MAX_QUERIES}."
        )
    ids = [q["Id"] for q in queries]
    if len(set(ids)) != len(ids):
        raise validation("The values for parameter id in MetricDataQueries are not unique.")
    start, end = to_virtual(params["StartTime"]), to_virtual(params["EndTime"])
    if start >= end:
        raise validation("The parameter StartTime must be less than the parameter EndTime.")
    max_points = params.get("MaxDatapoints", limits.CLOUDWATCH_METRIC_DATA_DEFAULT_MAX_DATAPOINTS)
    if max_points < 1:
        raise validation("The parameter MaxDatapoints must be greater than 0.")
    checked: dict[str, StatQuery] = {}
    expressions: dict[str, mathexpr.Node] = {}
    for position, query in enumerate(queries, start=1):
        where = f"MetricDataQueries.member.{position}"
        if _ID.fullmatch(query["Id"]) is None:
            raise validation(
                f"The value {query['Id']} for parameter {where}.Id is invalid: an Id starts with a lowercase letter "
                "and holds only letters, numbers and underscores."
            )
        has_stat, has_expression = "MetricStat" in query, "Expression" in query
        if has_stat and has_expression:
            raise validation(
                f"The parameters {where}.MetricStat and {where}.Expression are mutually exclusive and you have "
                "specified both."
            )
        if not has_stat and not has_expression:
            raise validation(f"The parameter {where}.MetricStat is required.")
        if has_stat:
            checked[query["Id"]] = check_metric_stat(query["MetricStat"], f"{where}.MetricStat")
        else:
            try:
                expressions[query["Id"]] = mathexpr.parse(query["Expression"])
            except mathexpr.ExpressionError as exc:
                raise validation(f"Error in expression {query['Id']}: {exc}") from None
    token = params.get("NextToken")
    offset = _read_token(token, params) if token is not None else 0
    start = round_start(start, now)
    results = evaluate_queries(store, queries, checked, expressions, start, end, now)
    return _page(results, params, offset, max_points)


@dataclass
class Result:
    id: str
    label: str
    points: list[tuple[float, float]]
    messages: list[dict[str, str]]
    returned: bool


def evaluate_queries(
    store: MetricStore,
    queries: Sequence[dict[str, Any]],
    checked: dict[str, StatQuery],
    expressions: dict[str, mathexpr.Node],
    start: float,
    end: float,
    now: float,
) -> list[Result]:
    """Every query's result, in request order (the ones with ``ReturnData=False`` marked as not returned)."""
    stat_labels = _stat_labels(queries, checked)
    values: dict[str, mathexpr.Value] = {}
    messages: dict[str, list[dict[str, str]]] = {}
    for query_id, stat_query in checked.items():
        series_list = unit_series(store, stat_query)
        points = stat_points(series_list, start, end, stat_query.period, stat_query.stat, now)
        values[query_id] = mathexpr.TimeSeries({t: v for t, v, _c in points}, stat_labels[query_id], stat_query.period)
        units = _units_in_range(series_list, start, end, stat_query.period, now) if stat_query.unit is None else []
        if len(units) > 1:
            messages[query_id] = [
                {"Code": "MultipleUnits", "Value": f"Multiple units returned: '[{', '.join(units)}]'"}
            ]
    periods = [q.period for q in checked.values()]
    period = min(periods) if periods else 60
    by_id = {q["Id"]: q for q in queries}
    for query_id in _expression_order(expressions):
        query = by_id[query_id]
        ctx = mathexpr.Context(values, list(checked), start, end, query.get("Period") or period)
        try:
            result = mathexpr.evaluate(expressions[query_id], ctx)
        except mathexpr.ExpressionError as exc:
            raise validation(f"Error in expression {query_id}: {exc}") from None
        if isinstance(result, float):
            raise validation(
                f"Error in expression {query_id}: the final result of an expression must be a time series or an "
                "array of time series"
            )
        values[query_id] = result
    out: list[Result] = []
    for query in queries:
        query_id = query["Id"]
        returned = query.get("ReturnData", True)
        value = values[query_id]
        own_label = query.get("Label")
        if isinstance(value, list):
            for series in value:
                label = " ".join(p for p in (own_label, series.label) if p) or query_id
                out.append(Result(query_id, label, series.sorted(), [], returned))
            continue
        assert isinstance(value, mathexpr.TimeSeries)
        default = value.label if query_id in checked else query_id
        out.append(Result(query_id, own_label or default, value.sorted(), messages.get(query_id, []), returned))
    return out


def _stat_labels(queries: Sequence[dict[str, Any]], checked: dict[str, StatQuery]) -> dict[str, str]:
    stats = {q.stat.text for q in checked.values()}
    periods = {q.period for q in checked.values()}
    labels = {}
    for query_id, query in checked.items():
        parts = [query.name]
        if len(stats) > 1:
            parts.append(query.stat.text)
        if len(periods) > 1:
            parts.append(str(query.period))
        labels[query_id] = " ".join(parts)
    return labels


def _expression_order(expressions: dict[str, mathexpr.Node]) -> list[str]:
    """Expressions ordered so that each comes after the expressions it reads; a cycle is refused."""
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            raise validation(f"Circular dependency between expressions: {' -> '.join([*path, name])}")
        state[name] = 1
        for ref in sorted(mathexpr.references(expressions[name])):
            if ref in expressions:
                visit(ref, [*path, name])
        state[name] = 2
        order.append(name)

    for name in expressions:
        visit(name, [])
    return order


def _fingerprint(params: dict[str, Any]) -> str:
    body = json.dumps(
        [params["MetricDataQueries"], str(params["StartTime"]), str(params["EndTime"]), params.get("ScanBy")],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def _read_token(token: str, params: dict[str, Any]) -> int:
    try:
        data = json.loads(base64.b64decode(token.encode(), validate=True))
        offset = int(data["o"])
        if data["q"] != _fingerprint(params) or offset < 0:
            raise ValueError
    except (ValueError, KeyError, TypeError):
        raise ServiceError("InvalidNextToken", "The NextToken is not valid for this request.") from None
    return offset


def _page(results: list[Result], params: dict[str, Any], offset: int, max_points: int) -> dict[str, Any]:
    descending = params.get("ScanBy", "TimestampDescending") == "TimestampDescending"
    budget = max_points
    skip = offset
    consumed = offset
    more = False
    out: list[dict[str, Any]] = []
    for result in results:
        if not result.returned:
            continue
        points = list(reversed(result.points)) if descending else result.points
        if skip >= len(points):
            skip -= len(points)
            taken: list[tuple[float, float]] = []
            partial = False
        else:
            rest = points[skip:]
            skip = 0
            taken = rest[:budget]
            partial = len(rest) > len(taken)
            budget -= len(taken)
            consumed += len(taken)
            more = more or partial
        entry: dict[str, Any] = {
            "Id": result.id,
            "Label": result.label,
            "Timestamps": [to_datetime(t) for t, _v in taken],
            "Values": [v for _t, v in taken],
            "StatusCode": "PartialData" if partial else "Complete",
        }
        if result.messages:
            entry["Messages"] = result.messages
        out.append(entry)
    response: dict[str, Any] = {"MetricDataResults": out, "Messages": []}
    if more:
        token = json.dumps({"o": consumed, "q": _fingerprint(params)}, separators=(",", ":"))
        response["NextToken"] = base64.b64encode(token.encode()).decode()
    return response
