"""GetMetricData: MetricStat queries, metric math, labels, ordering and paging.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataQuery.html
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html
"""

from __future__ import annotations

from typing import Any

import pytest

import pocketcloud
from pocketcloud.errors import ClientError
from pocketcloud.metrics import dimensions
from pocketcloud.timeutil import to_datetime

FN = dimensions(FunctionName="hello")


def stat(query_id: str, name: str, stat_name: str = "Sum", period: int = 60, **extra: Any) -> dict[str, Any]:
    metric = {"Namespace": "AWS/Lambda", "MetricName": name, "Dimensions": [{"Name": "FunctionName", "Value": "hello"}]}
    return {"Id": query_id, "MetricStat": {"Metric": metric, "Period": period, "Stat": stat_name}, **extra}


@pytest.fixture
def cw(cloud: pocketcloud.Cloud) -> Any:
    """Three minutes of Lambda metrics: 4, 2 and 5 invocations with 1, 0 and 1 errors."""
    for minute, (calls, errors) in enumerate(((4, 1), (2, 0), (5, 1))):
        for n in range(calls):
            cloud.metrics.record("AWS/Lambda", "Invocations", FN, 1.0, minute * 60 + n, "Count")
        for n in range(errors):
            cloud.metrics.record("AWS/Lambda", "Errors", FN, 1.0, minute * 60 + n, "Count")
    cloud.run(until=300)
    return cloud.client("cloudwatch")


def query(cw: Any, *queries: dict[str, Any], **extra: Any) -> dict[str, Any]:
    response: dict[str, Any] = cw.get_metric_data(
        MetricDataQueries=list(queries), StartTime=to_datetime(0), EndTime=to_datetime(180), **extra
    )
    return response


def test_metric_stat_newest_first(cw: Any) -> None:
    """Results come newest first by default (ScanBy TimestampDescending), StatusCode Complete, Label the metric
    name."""
    (result,) = query(cw, stat("m1", "Invocations"))["MetricDataResults"]
    assert result == {
        "Id": "m1", "Label": "Invocations", "Timestamps": [to_datetime(120), to_datetime(60), to_datetime(0)],
        "Values": [5.0, 2.0, 4.0], "StatusCode": "Complete",
    }  # fmt: skip
    (ascending,) = query(cw, stat("m1", "Invocations"), ScanBy="TimestampAscending")["MetricDataResults"]
    assert ascending["Values"] == [4.0, 2.0, 5.0]


def test_error_rate_expression(cw: Any) -> None:
    """The page's example: "divide the Errors metric by the Invocations metric to get an error rate"; queries with
    ReturnData=False only feed the expression; an expression's default label is its Id."""
    results = query(
        cw,
        stat("errors", "Errors", ReturnData=False),
        stat("calls", "Invocations", ReturnData=False),
        {"Id": "rate", "Expression": "100 * errors / calls", "Label": "Error rate"},
    )["MetricDataResults"]
    assert [(r["Id"], r["Label"]) for r in results] == [("rate", "Error rate")]
    # Missing values count as 0 in arithmetic: minute 1 had no Errors point, so its rate is 0.
    assert results[0]["Values"] == [20.0, 0.0, 25.0]


def test_math_functions(cw: Any) -> None:
    """SUM/AVG/MAX of an array are series; RATE is per second; FILL fills missing points (using-metric-math)."""
    results = query(
        cw,
        stat("m1", "Invocations", ReturnData=False),
        stat("m2", "Errors", ReturnData=False),
        {"Id": "total", "Expression": "SUM([m1, m2])"},
        {"Id": "filled", "Expression": "FILL(m2, 7)"},
        {"Id": "rate", "Expression": "RATE(m1)"},
    )["MetricDataResults"]
    by_id = {r["Id"]: r["Values"] for r in results}
    assert by_id["total"] == [6.0, 2.0, 5.0]
    assert by_id["filled"] == [1.0, 7.0, 1.0]
    assert by_id["rate"] == [3.0 / 60, -2.0 / 60]


def test_labels_when_stats_differ(cw: Any) -> None:
    """When the request's MetricStat queries use different statistics, each default label carries its statistic."""
    results = query(cw, stat("a", "Invocations"), stat("b", "Invocations", "SampleCount"))["MetricDataResults"]
    assert [r["Label"] for r in results] == ["Invocations Sum", "Invocations SampleCount"]


def test_paging_with_max_datapoints(cw: Any) -> None:
    """MaxDatapoints cuts the page: the cut result is PartialData and NextToken continues where it stopped."""
    first = query(cw, stat("m1", "Invocations"), MaxDatapoints=2)
    assert first["MetricDataResults"][0]["StatusCode"] == "PartialData"
    assert first["MetricDataResults"][0]["Values"] == [5.0, 2.0]
    rest = query(cw, stat("m1", "Invocations"), MaxDatapoints=2, NextToken=first["NextToken"])
    assert rest["MetricDataResults"][0]["Values"] == [4.0]
    assert "NextToken" not in rest
    with pytest.raises(ClientError) as err:
        query(cw, stat("m1", "Invocations"), NextToken="bogus")
    assert err.value.response["Error"]["Code"] == "InvalidNextToken"


def test_bad_queries(cw: Any) -> None:
    """Ids must be unique ("The values for parameter id in MetricDataQueries are not unique."), start with a
    lowercase letter; a bad expression or period is refused."""
    with pytest.raises(ClientError) as err:
        query(cw, stat("m1", "Invocations"), stat("m1", "Errors"))
    assert err.value.response["Error"]["Message"] == "The values for parameter id in MetricDataQueries are not unique."
    with pytest.raises(ClientError) as err:
        query(cw, stat("M1", "Invocations"))
    assert err.value.response["Error"]["Code"] == "ValidationError"
    with pytest.raises(ClientError) as err:
        query(cw, stat("m1", "Invocations"), {"Id": "e1", "Expression": "m1 +"})
    assert err.value.response["Error"]["Code"] == "ValidationError"
    with pytest.raises(ClientError) as err:
        query(cw, stat("m1", "Invocations", period=45))
    assert err.value.response["Error"]["Code"] == "InvalidParameterValue"


def test_same_seed_same_results() -> None:
    """Determinism: the same scenario gives the same response (Request ids aside)."""

    def run() -> Any:
        cloud = pocketcloud.Cloud(seed=3)
        cw = cloud.client("cloudwatch")
        for second in range(0, 600, 7):
            cloud.run(until=second)
            cw.put_metric_data(Namespace="App", MetricData=[{"MetricName": "X", "Value": float(second % 13)}])
        metric = {"Namespace": "App", "MetricName": "X"}
        response = cw.get_metric_data(
            MetricDataQueries=[{"Id": "m", "MetricStat": {"Metric": metric, "Period": 60, "Stat": "p90"}}],
            StartTime=to_datetime(0), EndTime=to_datetime(600),
        )  # fmt: skip
        return response["MetricDataResults"]

    assert run() == run()
