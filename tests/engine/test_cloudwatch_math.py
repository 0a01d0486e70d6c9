"""Metric math, evaluated directly: the operators, missing values and the functions of the metric math page.

Source (checked 2026-12-01): https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html
("Missing values in a time series are treated as 0. If the value of a data point causes a function to attempt to
divide by zero, the data point is dropped"; the IF tables; DAY "1 = Monday"; RATE is the change per second;
METRICS() "returns an array of all the metrics in the request", METRICS('string') those whose Id contains it).
"""

from __future__ import annotations

import pytest

from pocketcloud.services.cloudwatch import mathexpr
from pocketcloud.services.cloudwatch.mathexpr import Context, ExpressionError, TimeSeries


def ctx() -> Context:
    a = TimeSeries({0.0: 1.0, 60.0: 2.0, 120.0: 4.0}, "a", 60)
    b = TimeSeries({0.0: 0.0, 120.0: 2.0}, "b", 60)
    return Context({"a": a, "b": b, "errors_x": b}, ["a", "b", "errors_x"], 0.0, 180.0, 60)


def run(text: str) -> mathexpr.Value:
    return mathexpr.evaluate(mathexpr.parse(text), ctx())


def points(text: str) -> dict[float, float]:
    value = run(text)
    assert isinstance(value, TimeSeries)
    return value.points


def test_arithmetic_missing_as_zero_and_division_by_zero_dropped() -> None:
    assert points("a + b") == {0.0: 1.0, 60.0: 2.0, 120.0: 6.0}
    assert points("a / b") == {120.0: 2.0}  # 1/0 dropped, 2/missing(0) dropped
    assert points("-a * 2 ^ 2") == {0.0: -4.0, 60.0: -8.0, 120.0: -16.0}


def test_comparisons_and_if() -> None:
    assert points("a > 1") == {0.0: 0.0, 60.0: 1.0, 120.0: 1.0}
    assert points("IF(a > 1, a)") == {60.0: 2.0, 120.0: 4.0}  # FALSE with no false value: dropped
    assert points("IF(a > 1, a, 0)") == {0.0: 0.0, 60.0: 2.0, 120.0: 4.0}


def test_array_functions() -> None:
    assert points("SUM([a, b])") == {0.0: 1.0, 60.0: 2.0, 120.0: 6.0}
    assert points("MAX([a, b])") == {0.0: 1.0, 60.0: 2.0, 120.0: 4.0}
    everything = run("METRICS()")
    assert isinstance(everything, list) and [s.label for s in everything] == ["a", "b", "b"]
    filtered = run("METRICS('errors')")
    assert isinstance(filtered, list) and len(filtered) == 1


def test_series_functions() -> None:
    assert points("RATE(a)") == {60.0: 1.0 / 60, 120.0: 2.0 / 60}
    assert points("DIFF(a)") == {60.0: 1.0, 120.0: 2.0}
    assert points("RUNNING_SUM(a)") == {0.0: 1.0, 60.0: 3.0, 120.0: 7.0}
    assert points("FILL(b, REPEAT)") == {0.0: 0.0, 60.0: 0.0, 120.0: 2.0}
    assert points("FILL(b, LINEAR)") == {0.0: 0.0, 60.0: 1.0, 120.0: 2.0}
    assert points("DAY(a)") == {0.0: 4.0, 60.0: 4.0, 120.0: 4.0}  # 2026-01-01 is a Thursday


def test_errors_name_the_problem() -> None:
    with pytest.raises(ExpressionError, match="not simulated"):
        mathexpr.parse("SEARCH('{AWS/EC2} CPUUtilization', 'Average')")
    with pytest.raises(ExpressionError, match="Unrecognized function"):
        mathexpr.parse("NOPE(a)")
    with pytest.raises(ExpressionError):
        mathexpr.parse("a +")
    with pytest.raises(ExpressionError, match="Unrecognized metric or expression id"):
        run("zzz * 2")
