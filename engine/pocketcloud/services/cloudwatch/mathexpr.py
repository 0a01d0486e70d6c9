"""Metric math: the expressions of GetMetricData and metric math alarms, parsed and evaluated.

The language is AWS's (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html):
numbers, the Ids of other queries, ``+ - * / ^``, unary minus, comparisons ``== != <= >= < >``, ``AND``/``&&``,
``OR``/``||``, arrays ``[m1, m2]`` and upper-case functions. Values are scalars (S), time series (TS) or arrays of
time series (TS[]); "The final result of any math expression must be a single time series or an array of time
series".

Semantics taken from that page: in arithmetic "Missing values in a time series are treated as 0. If the value of a
data point causes a function to attempt to divide by zero, the data point is dropped"; comparisons between two
series treat a missing value "in the other time series as 0"; ``IF`` follows the page's tables (a FALSE condition
with no false value drops the point, a TRUE one with a missing true series gives 0). Functions: ABS, AVG, CEIL,
DATAPOINT_COUNT, DIFF, DIFF_TIME, FILL (a number, a series, REPEAT or LINEAR), FIRST, LAST, FLOOR, IF, LOG, LOG10,
MAX, MIN, METRIC_COUNT, METRICS (optionally filtered by a string in the Id), PERIOD, RATE, REMOVE_EMPTY,
RUNNING_SUM, SLICE, SORT, STDDEV, SUM, TIME_SERIES, and MINUTE, HOUR, DAY (1 = Monday), DATE, MONTH, YEAR, EPOCH.
pocketcloud's readings where the page is silent: AVG and SUM over an array treat missing values as 0 (as the page
says for AVG), MIN, MAX and STDDEV use the values present; STDDEV is the population standard deviation; FILL with
REPEAT leaves the gap before the first value unfilled, and LINEAR fills only gaps with a value on both sides.
Not simulated: SEARCH, ANOMALY_DETECTION_BAND, INSIGHT_RULE_METRIC, SERVICE_QUOTA, LAMBDA and Metrics Insights
queries (a clear error names them).
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ...timeutil import EPOCH_SECONDS
from . import mathparse
from .mathparse import ExpressionError, Node, references

__all__ = ["Context", "ExpressionError", "Node", "TimeSeries", "Value", "evaluate", "parse", "references"]


@dataclass
class TimeSeries:
    """One series of a result: values by period start (virtual seconds), its label and period."""

    points: dict[float, float]
    label: str = ""
    period: int | None = None
    id: str = ""

    def sorted(self) -> list[tuple[float, float]]:
        return sorted(self.points.items())


Value = float | TimeSeries | list[TimeSeries]


@dataclass
class Context:
    """What an expression can see: the other queries' results, the MetricStat ones in request order, the grid."""

    results: dict[str, Value]
    metric_ids: list[str]
    start: float
    end: float
    period: int
    labels: dict[str, str] = field(default_factory=dict)


def parse(text: str) -> Node:
    """Parse an expression (:mod:`.mathparse`), knowing the functions this module evaluates."""
    return mathparse.parse(text, _FUNCTIONS)


# -- evaluation -------------------------------------------------------------------------------------------------
def evaluate(node: Node, ctx: Context) -> Value:
    kind = node[0]
    if kind == "num":
        return float(node[1])
    if kind == "id":
        if node[1] not in ctx.results:
            raise ExpressionError(f"Unrecognized metric or expression id {node[1]}")
        return ctx.results[node[1]]
    if kind == "array":
        items: list[TimeSeries] = []
        for item in node[1]:
            value = evaluate(item, ctx)
            if isinstance(value, float):
                raise ExpressionError("An array can only hold time series")
            items.extend(value if isinstance(value, list) else [value])
        return items
    if kind == "neg":
        return _map(evaluate(node[1], ctx), lambda v: -v)
    if kind == "bin":
        return _binary(node[1], evaluate(node[2], ctx), evaluate(node[3], ctx))
    if kind == "call":
        return _FUNCTIONS[node[1]](node[2], ctx)
    if kind in ("str", "keyword"):
        raise ExpressionError(f"Unexpected {node[1]!r}")
    raise ExpressionError("Malformed expression")


def _map(value: Value, fn: Callable[[float], float | None]) -> Value:
    if isinstance(value, float):
        result = fn(value)
        if result is None:
            raise ExpressionError("The expression has no value")
        return result
    if isinstance(value, list):
        return [_map_series(s, fn) for s in value]
    return _map_series(value, fn)


def _map_series(series: TimeSeries, fn: Callable[[float], float | None]) -> TimeSeries:
    points: dict[float, float] = {}
    for t, v in series.points.items():
        result = fn(v)
        if result is not None and math.isfinite(result):
            points[t] = result
    return TimeSeries(points, series.label, series.period, series.id)


def _apply(op: str, a: float, b: float) -> float | None:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return None if b == 0 else a / b
    if op == "^":
        try:
            result = a**b
        except (OverflowError, ZeroDivisionError):
            return None
        return result if isinstance(result, float) and math.isfinite(result) else None
    if op == "==":
        return float(a == b)
    if op == "!=":
        return float(a != b)
    if op == "<=":
        return float(a <= b)
    if op == ">=":
        return float(a >= b)
    if op == "<":
        return float(a < b)
    if op == ">":
        return float(a > b)
    if op == "AND":
        return float(bool(a) and bool(b))
    return float(bool(a) or bool(b))


def _binary(op: str, left: Value, right: Value) -> Value:
    if isinstance(left, list):
        return [_series(_binary(op, item, right)) for item in left]
    if isinstance(right, list):
        return [_series(_binary(op, left, item)) for item in right]
    if isinstance(left, float) and isinstance(right, float):
        result = _apply(op, left, right)
        if result is None:
            raise ExpressionError("Division by zero")
        return result
    if isinstance(left, float):
        return _map_series(_series(right), lambda v: _apply(op, left, v))
    if isinstance(right, float):
        return _map_series(left, lambda v: _apply(op, v, right))
    points: dict[float, float] = {}
    for t in sorted(set(left.points) | set(right.points)):
        result = _apply(op, left.points.get(t, 0.0), right.points.get(t, 0.0))
        if result is not None and math.isfinite(result):
            points[t] = result
    return TimeSeries(points, left.label, left.period or right.period, left.id)


def _series(value: Value) -> TimeSeries:
    if not isinstance(value, TimeSeries):
        raise ExpressionError("Expected a time series")
    return value


def _array(value: Value) -> list[TimeSeries]:
    if isinstance(value, list):
        return value
    if isinstance(value, TimeSeries):
        return [value]
    raise ExpressionError("Expected an array of time series")


def _grid(series: TimeSeries | None, ctx: Context) -> list[float]:
    period = (series.period if series is not None else None) or ctx.period
    first = math.floor(ctx.start / period) * period
    return [first + i * period for i in range(max(0, math.ceil((ctx.end - first) / period)))]


def _args(args: Sequence[Node], low: int, high: int, name: str) -> None:
    if not low <= len(args) <= high:
        raise ExpressionError(f"{name} takes {low if low == high else f'{low} to {high}'} arguments")


def _pointwise(fn: Callable[[float], float | None]) -> Callable[[Sequence[Node], Context], Value]:
    def call(args: Sequence[Node], ctx: Context) -> Value:
        _args(args, 1, 1, "function")
        value = evaluate(args[0], ctx)
        if isinstance(value, float):
            raise ExpressionError("Expected a time series")
        return _map(value, fn)

    return call


def _reducer(reduce: Callable[[list[float]], float], zero_fill: bool) -> Callable[[Sequence[Node], Context], Value]:
    def call(args: Sequence[Node], ctx: Context) -> Value:
        _args(args, 1, 1, "function")
        value = evaluate(args[0], ctx)
        if isinstance(value, TimeSeries):
            if not value.points:
                raise ExpressionError("The time series has no data points")
            return reduce(list(value.points.values()))
        series = _array(value)
        stamps = sorted({t for s in series for t in s.points})
        points: dict[float, float] = {}
        for t in stamps:
            present = [s.points[t] for s in series if t in s.points]
            if zero_fill:
                present += [0.0] * (len(series) - len(present))
            points[t] = reduce(present)
        return TimeSeries(points, "", series[0].period if series else None)

    return call


def _log(v: float, base: float | None = None) -> float | None:
    if v <= 0:
        return None
    return math.log(v) if base is None else math.log(v, base)


def _fn_diff(kind: str) -> Callable[[Sequence[Node], Context], Value]:
    def call(args: Sequence[Node], ctx: Context) -> Value:
        _args(args, 1, 1, kind)
        value = evaluate(args[0], ctx)
        series_list = _array(value)
        out = []
        for series in series_list:
            ordered = series.sorted()
            points: dict[float, float] = {}
            for (t0, v0), (t1, v1) in itertools.pairwise(ordered):
                if kind == "DIFF":
                    points[t1] = v1 - v0
                elif kind == "DIFF_TIME":
                    points[t1] = t1 - t0
                else:
                    points[t1] = (v1 - v0) / (t1 - t0)
            out.append(TimeSeries(points, series.label, series.period, series.id))
        return out if isinstance(value, list) else out[0]

    return call


def _fn_running_sum(args: Sequence[Node], ctx: Context) -> Value:
    _args(args, 1, 1, "RUNNING_SUM")
    value = evaluate(args[0], ctx)
    out = []
    for series in _array(value):
        total, points = 0.0, {}
        for t, v in series.sorted():
            total += v
            points[t] = total
        out.append(TimeSeries(points, series.label, series.period, series.id))
    return out if isinstance(value, list) else out[0]


def _fn_fill(args: Sequence[Node], ctx: Context) -> Value:
    _args(args, 2, 2, "FILL")
    value = evaluate(args[0], ctx)
    how = args[1]
    filler: Value | str = how[1] if how[0] == "keyword" and how[1] in ("REPEAT", "LINEAR") else evaluate(how, ctx)
    out = []
    for series in _array(value):
        points = dict(series.points)
        ordered = series.sorted()
        for t in _grid(series, ctx):
            if t in points:
                continue
            if isinstance(filler, float):
                points[t] = filler
            elif isinstance(filler, TimeSeries):
                if t in filler.points:
                    points[t] = filler.points[t]
            elif filler == "REPEAT":
                earlier = [v for s, v in ordered if s < t]
                if earlier:
                    points[t] = earlier[-1]
            elif filler == "LINEAR":
                before = [(s, v) for s, v in ordered if s < t]
                after = [(s, v) for s, v in ordered if s > t]
                if before and after:
                    (start_t, start_v), (end_t, end_v) = before[-1], after[0]
                    points[t] = start_v + (end_v - start_v) * (t - start_t) / (end_t - start_t)
            else:
                raise ExpressionError("FILL takes a number, a time series, REPEAT or LINEAR")
        out.append(TimeSeries(dict(sorted(points.items())), series.label, series.period, series.id))
    return out if isinstance(value, list) else out[0]


def _truthy(value: Value, t: float) -> bool | None:
    if isinstance(value, float):
        return value != 0
    series = _series(value)
    return None if t not in series.points else series.points[t] != 0


def _fn_if(args: Sequence[Node], ctx: Context) -> Value:
    _args(args, 2, 3, "IF")
    condition = evaluate(args[0], ctx)
    yes = evaluate(args[1], ctx)
    no = evaluate(args[2], ctx) if len(args) == 3 else None
    if isinstance(condition, float):
        chosen = yes if condition != 0 else no
        if chosen is None:
            return TimeSeries({}, "", ctx.period)
        return chosen if not isinstance(chosen, float) else TimeSeries({t: chosen for t in _grid(None, ctx)})
    cond = _series(condition)
    points: dict[float, float] = {}
    for t, flag in cond.sorted():
        branch = yes if flag != 0 else no
        if branch is None:
            continue
        if isinstance(branch, float):
            points[t] = branch
        elif t in _series(branch).points:
            points[t] = _series(branch).points[t]
        elif flag != 0:
            points[t] = 0.0
    return TimeSeries(points, cond.label, cond.period, cond.id)


def _fn_metrics(args: Sequence[Node], ctx: Context) -> Value:
    _args(args, 0, 1, "METRICS")
    needle = ""
    if args:
        if args[0][0] != "str":
            raise ExpressionError("METRICS takes a string")
        needle = args[0][1]
    return [_series(ctx.results[i]) for i in ctx.metric_ids if needle in i]


def _fn_sort(args: Sequence[Node], ctx: Context) -> Value:
    _args(args, 3, 4, "SORT")
    series = _array(evaluate(args[0], ctx))
    if args[1][0] != "keyword" or args[1][1] not in ("AVG", "SUM", "MIN", "MAX"):
        raise ExpressionError("SORT sorts by AVG, MIN, MAX or SUM")
    if args[2][0] != "keyword" or args[2][1] not in ("ASC", "DESC"):
        raise ExpressionError("SORT order is ASC or DESC")
    sorters: dict[str, Callable[[list[float]], float]] = {
        "AVG": statistics.fmean,
        "SUM": math.fsum,
        "MIN": lambda values: min(values),
        "MAX": lambda values: max(values),
    }
    how = sorters[args[1][1]]

    def key(s: TimeSeries) -> float:
        values = list(s.points.values())
        return how(values) if values else -math.inf

    ordered = sorted(series, key=key, reverse=args[2][1] == "DESC")
    if len(args) == 4:
        limit = evaluate(args[3], ctx)
        if not isinstance(limit, float):
            raise ExpressionError("SORT's limit is a number")
        ordered = ordered[: int(limit)]
    return ordered


def _fn_slice(args: Sequence[Node], ctx: Context) -> Value:
    _args(args, 2, 3, "SLICE")
    series = _array(evaluate(args[0], ctx))
    bounds = [evaluate(a, ctx) for a in args[1:]]
    if not all(isinstance(b, float) for b in bounds):
        raise ExpressionError("SLICE takes numbers")
    start = int(bounds[0])  # type: ignore[arg-type]
    stop = int(bounds[1]) if len(bounds) == 2 else None  # type: ignore[arg-type]
    return series[start:stop]


def _pick(index: int) -> Callable[[Sequence[Node], Context], Value]:
    def call(args: Sequence[Node], ctx: Context) -> Value:
        _args(args, 1, 1, "FIRST/LAST")
        series = _array(evaluate(args[0], ctx))
        if not series:
            raise ExpressionError("The array of time series is empty")
        return series[index]

    return call


def _fn_simple(kind: str) -> Callable[[Sequence[Node], Context], Value]:
    def call(args: Sequence[Node], ctx: Context) -> Value:
        _args(args, 1, 1, kind)
        value = evaluate(args[0], ctx)
        if kind == "TIME_SERIES":
            if not isinstance(value, float):
                raise ExpressionError("TIME_SERIES takes a number")
            return TimeSeries({t: value for t in _grid(None, ctx)}, "", ctx.period)
        if kind == "PERIOD":
            return float(_series(value).period or ctx.period)
        if kind == "METRIC_COUNT":
            return float(len(_array(value)))
        if kind == "REMOVE_EMPTY":
            return [s for s in _array(value) if s.points]
        if kind == "DATAPOINT_COUNT":
            if isinstance(value, TimeSeries):
                return float(len(value.points))
            series = _array(value)
            stamps = sorted({t for s in series for t in s.points})
            return TimeSeries({t: float(sum(t in s.points for s in series)) for t in stamps})
        raise ExpressionError(f"Unrecognized function {kind}")

    return call


def _calendar(kind: str) -> Callable[[Sequence[Node], Context], Value]:
    def part(t: float) -> float:
        moment = datetime.fromtimestamp(EPOCH_SECONDS + t, UTC)
        return float(
            {
                "MINUTE": moment.minute,
                "HOUR": moment.hour,
                "DAY": moment.isoweekday(),
                "DATE": moment.day,
                "MONTH": moment.month,
                "YEAR": moment.year,
                "EPOCH": int(EPOCH_SECONDS + t),
            }[kind]
        )

    def call(args: Sequence[Node], ctx: Context) -> Value:
        _args(args, 1, 1, kind)
        series = _series(evaluate(args[0], ctx))
        return TimeSeries({t: part(t) for t in _grid(series, ctx)}, "", series.period)

    return call


_FUNCTIONS: dict[str, Callable[[Sequence[Node], Context], Value]] = {
    "ABS": _pointwise(abs),
    "CEIL": _pointwise(lambda v: float(math.ceil(v))),
    "FLOOR": _pointwise(lambda v: float(math.floor(v))),
    "LOG": _pointwise(_log),
    "LOG10": _pointwise(lambda v: _log(v, 10)),
    "AVG": _reducer(statistics.fmean, True),
    "SUM": _reducer(math.fsum, True),
    "MIN": _reducer(min, False),
    "MAX": _reducer(max, False),
    "STDDEV": _reducer(statistics.pstdev, False),
    "DIFF": _fn_diff("DIFF"),
    "DIFF_TIME": _fn_diff("DIFF_TIME"),
    "RATE": _fn_diff("RATE"),
    "RUNNING_SUM": _fn_running_sum,
    "FILL": _fn_fill,
    "IF": _fn_if,
    "METRICS": _fn_metrics,
    "SORT": _fn_sort,
    "SLICE": _fn_slice,
    "FIRST": _pick(0),
    "LAST": _pick(-1),
    **{name: _fn_simple(name) for name in ("TIME_SERIES", "PERIOD", "METRIC_COUNT", "REMOVE_EMPTY", "DATAPOINT_COUNT")},
    **{name: _calendar(name) for name in ("MINUTE", "HOUR", "DAY", "DATE", "MONTH", "YEAR", "EPOCH")},
}
