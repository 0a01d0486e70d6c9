"""CloudWatch metrics: PutMetricData in, GetMetricStatistics and ListMetrics out, over the cloud's one metric store.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListMetrics.html
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html (resolution)
"""

from __future__ import annotations

from typing import Any

import pytest

import pocketcloud
from pocketcloud.errors import ClientError
from pocketcloud.metrics import dimensions
from pocketcloud.timeutil import to_datetime


@pytest.fixture
def cw(cloud: pocketcloud.Cloud) -> Any:
    return cloud.client("cloudwatch")


def stats(cw: Any, start: float, end: float, period: int = 60, **extra: Any) -> list[dict[str, Any]]:
    extra.setdefault("Statistics", ["SampleCount", "Sum", "Average", "Minimum", "Maximum"])
    if not extra["Statistics"]:
        del extra["Statistics"]  # botocore refuses an empty list (min length 1): leave the member out
    response = cw.get_metric_statistics(
        Namespace="App", MetricName="Latency", StartTime=to_datetime(start), EndTime=to_datetime(end), Period=period,
        **extra,
    )  # fmt: skip
    points: list[dict[str, Any]] = response["Datapoints"]
    return points


def test_put_then_statistics_per_period(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """Each datapoint is one period (its Timestamp is the period's start) with the requested statistics;
    SampleCount, Sum, Average (= Sum/SampleCount), Minimum, Maximum as Statistics-definitions defines them."""
    for second, value in ((5, 10.0), (30, 20.0), (65, 40.0)):
        cloud.run(until=second)
        cw.put_metric_data(
            Namespace="App", MetricData=[{"MetricName": "Latency", "Value": value, "Unit": "Milliseconds"}]
        )
    points = stats(cw, 0, 120)
    assert points == [
        {"Timestamp": to_datetime(0), "SampleCount": 2.0, "Sum": 30.0, "Average": 15.0, "Minimum": 10.0,
         "Maximum": 20.0, "Unit": "Milliseconds"},
        {"Timestamp": to_datetime(60), "SampleCount": 1.0, "Sum": 40.0, "Average": 40.0, "Minimum": 40.0,
         "Maximum": 40.0, "Unit": "Milliseconds"},
    ]  # fmt: skip


def test_extended_statistics_percentiles(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """p50/p90/p99 over the raw values of the period ("p95 means that 95 percent of the data within the period is
    lower than this value"); Values with Counts publish many values at once (up to 150)."""
    cw.put_metric_data(
        Namespace="App", MetricData=[{"MetricName": "Latency", "Values": [float(v) for v in range(1, 101)]}]
    )
    (point,) = stats(cw, 0, 60, Statistics=[], ExtendedStatistics=["p50", "p90", "p99"])
    assert point["ExtendedStatistics"] == {"p50": 50.0, "p90": 90.0, "p99": 99.0}
    assert "Sum" not in point


def test_statistic_sets_and_percentile_availability(cw: Any) -> None:
    """StatisticValues are aggregated as sets; percentiles need raw values: a set is usable only when its
    SampleCount is 1 or its Min equals its Max (API_GetMetricStatistics), otherwise no percentile is returned."""
    cw.put_metric_data(
        Namespace="App",
        MetricData=[
            {"MetricName": "Latency", "StatisticValues": {"SampleCount": 4, "Sum": 10, "Minimum": 1, "Maximum": 4}}
        ],
    )
    (point,) = stats(cw, 0, 60, Statistics=["SampleCount", "Average"], ExtendedStatistics=["p90"])
    assert point["SampleCount"] == 4.0 and point["Average"] == 2.5
    assert "ExtendedStatistics" not in point


def test_units_give_their_own_datapoints(cw: Any) -> None:
    """Without Unit "CloudWatch retrieves all unit types that have been published for the metric"; with Unit,
    only that unit."""
    cw.put_metric_data(Namespace="App", MetricData=[{"MetricName": "Latency", "Value": 1.0, "Unit": "Seconds"}])
    cw.put_metric_data(Namespace="App", MetricData=[{"MetricName": "Latency", "Value": 900.0, "Unit": "Milliseconds"}])
    assert sorted(p["Unit"] for p in stats(cw, 0, 60)) == ["Milliseconds", "Seconds"]
    assert [p["Sum"] for p in stats(cw, 0, 60, Unit="Seconds")] == [1.0]


def test_standard_resolution_has_one_minute_granularity(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """A standard-resolution metric has "one-minute granularity": a 10-second period puts the whole minute in the
    period that starts the minute; a high-resolution one (StorageResolution=1) keeps each 10-second period."""
    for second in (5, 25, 45):
        cloud.run(until=second)
        cw.put_metric_data(Namespace="App", MetricData=[{"MetricName": "Latency", "Value": 1.0}])
        cw.put_metric_data(Namespace="App", MetricData=[{"MetricName": "Hi", "Value": 1.0, "StorageResolution": 1}])
    assert [(p["Timestamp"], p["SampleCount"]) for p in stats(cw, 0, 60, period=10, Statistics=["SampleCount"])] == [
        (to_datetime(0), 3.0)
    ]
    high = cw.get_metric_statistics(
        Namespace="App", MetricName="Hi", StartTime=to_datetime(0), EndTime=to_datetime(60), Period=10,
        Statistics=["SampleCount"],
    )["Datapoints"]  # fmt: skip
    assert [p["Timestamp"] for p in high] == [to_datetime(0), to_datetime(20), to_datetime(40)]


def test_reads_what_services_recorded(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """The client reads the cloud's metric store, where services record their metrics (cloud.metrics.record)."""
    dims = dimensions(FunctionName="hello")
    for second in (1.0, 2.0, 61.0):
        cloud.metrics.record("AWS/Lambda", "Invocations", dims, 1.0, second, "Count")
    cloud.run(until=120)
    response = cw.get_metric_statistics(
        Namespace="AWS/Lambda", MetricName="Invocations", Dimensions=[{"Name": "FunctionName", "Value": "hello"}],
        StartTime=to_datetime(0), EndTime=to_datetime(120), Period=60, Statistics=["Sum"],
    )  # fmt: skip
    assert response["Label"] == "Invocations"
    assert [p["Sum"] for p in response["Datapoints"]] == [2.0, 1.0]
    listed = cw.list_metrics(Namespace="AWS/Lambda")["Metrics"]
    assert listed == [
        {
            "Namespace": "AWS/Lambda",
            "MetricName": "Invocations",
            "Dimensions": [{"Name": "FunctionName", "Value": "hello"}],
        }
    ]
    assert [s.name for s in cloud.metrics.find("AWS/Lambda", FunctionName="hello")] == ["Invocations"]


def test_list_metrics_filters_and_two_week_horizon(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """ListMetrics filters by namespace, name and dimensions (a dimension without Value matches any value) and
    "doesn't return information about metrics if those metrics haven't reported data in the past two weeks"."""
    cw.put_metric_data(
        Namespace="App",
        MetricData=[
            {"MetricName": "A", "Value": 1.0, "Dimensions": [{"Name": "Stage", "Value": "prod"}]},
            {"MetricName": "B", "Value": 1.0},
        ],
    )
    assert [m["MetricName"] for m in cw.list_metrics(Dimensions=[{"Name": "Stage"}])["Metrics"]] == ["A"]
    assert len(cw.list_metrics(Namespace="App")["Metrics"]) == 2
    cloud.run(until=15 * 86400)
    assert cw.list_metrics(Namespace="App")["Metrics"] == []


def test_bad_put_changes_nothing(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """A refused PutMetricData stores nothing: Value and StatisticValues together are mutually exclusive
    (InvalidParameterCombination), "AWS/" namespaces are reserved, and a timestamp older than two weeks is
    refused (InvalidParameterValue)."""
    with pytest.raises(ClientError) as err:
        cw.put_metric_data(
            Namespace="App",
            MetricData=[
                {"MetricName": "Ok", "Value": 1.0},
                {
                    "MetricName": "Bad",
                    "Value": 1.0,
                    "StatisticValues": {"SampleCount": 1, "Sum": 1, "Minimum": 1, "Maximum": 1},
                },
            ],
        )
    assert err.value.response["Error"]["Code"] == "InvalidParameterCombination"
    with pytest.raises(ClientError) as err:
        cw.put_metric_data(Namespace="AWS/Lambda", MetricData=[{"MetricName": "Invocations", "Value": 1.0}])
    assert err.value.response["Error"]["Code"] == "InvalidParameterValue"
    cloud.run(until=20 * 86400)
    with pytest.raises(ClientError) as err:
        cw.put_metric_data(
            Namespace="App", MetricData=[{"MetricName": "Old", "Value": 1.0, "Timestamp": to_datetime(0)}]
        )
    assert err.value.response["Error"]["Code"] == "InvalidParameterValue"
    assert list(cloud.metrics) == []


def test_statistics_bad_requests(cw: Any) -> None:
    """GetMetricStatistics: at least one statistic; StartTime before EndTime ("The parameter StartTime must be less
    than the parameter EndTime."); at most 1,440 datapoints, with AWS's message."""
    with pytest.raises(ClientError) as err:
        stats(cw, 0, 60, Statistics=[])
    assert err.value.response["Error"]["Code"] == "InvalidParameterCombination"
    with pytest.raises(ClientError) as err:
        stats(cw, 60, 60)
    assert err.value.response["Error"]["Code"] == "InvalidParameterValue"
    assert err.value.response["Error"]["Message"] == "The parameter StartTime must be less than the parameter EndTime."
    with pytest.raises(ClientError) as err:
        stats(cw, 0, 2 * 86400)
    assert err.value.response["Error"]["Message"] == (
        "You have requested up to 2,880 datapoints, which exceeds the limit of 1,440. You may reduce the datapoints "
        "requested by increasing Period, or decreasing the time range."
    )
    with pytest.raises(ClientError) as err:
        stats(cw, 0, 60, Statistics=["Median"])
    assert err.value.response["Error"]["Code"] == "ValidationError"  # the model's enum: the front end's check
    with pytest.raises(ClientError) as err:
        stats(cw, 0, 60, Statistics=[], ExtendedStatistics=["p101"])
    assert err.value.response["Error"]["Code"] == "InvalidParameterValue"


def test_retention_by_period(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """ "Data points with a period of less than 60 seconds are available for 3 hours": after that a 10-second
    query of high-resolution data returns nothing, while 60-second periods still do."""
    cw.put_metric_data(Namespace="App", MetricData=[{"MetricName": "Latency", "Value": 1.0, "StorageResolution": 1}])
    cloud.run(until=4 * 3600)
    assert stats(cw, 0, 60, period=10, Statistics=["Sum"]) == []
    assert [p["Sum"] for p in stats(cw, 0, 60, Statistics=["Sum"])] == [1.0]


def test_log_metric_filters_publish_to_cloudwatch(cloud: pocketcloud.Cloud, cw: Any) -> None:
    """A metric filter "increments the count in the CloudWatch metric by the amount you specify for Metric Value":
    its data points reach CloudWatch at the log events' timestamps, readable with GetMetricStatistics.
    https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html"""
    from pocketcloud.timeutil import epoch_millis

    logs = cloud.client("logs")
    logs.create_log_group(logGroupName="app")
    logs.create_log_stream(logGroupName="app", logStreamName="s")
    logs.put_metric_filter(
        logGroupName="app", filterName="errors", filterPattern="ERROR",
        metricTransformations=[{"metricName": "AppErrors", "metricNamespace": "App", "metricValue": "1"}],
    )  # fmt: skip
    cloud.run(until=30)
    now = epoch_millis(cloud.now)
    logs.put_log_events(
        logGroupName="app", logStreamName="s",
        logEvents=[{"timestamp": now, "message": "ERROR a"}, {"timestamp": now, "message": "ERROR b"}],
    )  # fmt: skip
    response = cw.get_metric_statistics(
        Namespace="App", MetricName="AppErrors", StartTime=to_datetime(0), EndTime=to_datetime(60), Period=60,
        Statistics=["Sum"],
    )  # fmt: skip
    assert [p["Sum"] for p in response["Datapoints"]] == [2.0]
