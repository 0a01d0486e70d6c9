"""Metric filters: PutMetricFilter / DescribeMetricFilters / DeleteMetricFilter, and the metric data they emit into
the store the simulated CloudWatch reads (``pocketcloud.services.logs.metric_output.metric_data_points``).

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html
- https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeMetricFilters.html
- https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_MetricTransformation.html
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html ("Setting How the Metric
  Value Changes When Matches Are Found", "Publishing Numerical Values Found in Log Entries")
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/MonitoringLogData.html ("Filters do not retroactively
  filter data")
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

import pocketcloud
from pocketcloud.services.logs.metric_output import MetricDataPoint, metric_data_points
from pocketcloud.timeutil import epoch_millis

from .conftest import make_function


@pytest.fixture
def logs(cloud: pocketcloud.Cloud) -> Any:
    client = cloud.client("logs")
    client.create_log_group(logGroupName="app")
    client.create_log_stream(logGroupName="app", logStreamName="s")
    return client


def put(cloud: pocketcloud.Cloud, logs: Any, *messages: str) -> None:
    now = epoch_millis(cloud.now)
    logs.put_log_events(
        logGroupName="app", logStreamName="s", logEvents=[{"timestamp": now, "message": m} for m in messages]
    )


def transformation(**extra: Any) -> list[dict[str, Any]]:
    return [{"metricName": "Errors", "metricNamespace": "MyApp", "metricValue": "1", **extra}]


def test_a_term_filter_counts_matching_events(cloud, logs) -> None:  # type: ignore[no-untyped-def]
    """ "you can create a metric filter to search for and count the occurrence of the word ERROR"; each matching
    event publishes metricValue, here 1. The data points reach the documented output store."""
    logs.put_metric_filter(
        logGroupName="app", filterName="errors", filterPattern="ERROR", metricTransformations=transformation()
    )
    cloud.run(until=60)
    put(cloud, logs, "ERROR one", "fine", "ERROR two")
    points = metric_data_points(cloud)
    assert [p.value for p in points] == [1.0, 1.0]
    first = points[0]
    assert isinstance(first, MetricDataPoint)
    assert (first.namespace, first.metric_name, first.unit, first.dimensions) == ("MyApp", "Errors", "None", {})
    assert first.timestamp == datetime(2026, 1, 1, 0, 1, tzinfo=UTC)
    assert first.timestamp_ms == epoch_millis(60)
    assert (first.log_group_name, first.filter_name, first.sequence) == ("app", "errors", 0)
    assert [p.sequence for p in metric_data_points(cloud, start=1)] == [1]


def test_filters_do_not_look_back(cloud, logs) -> None:  # type: ignore[no-untyped-def]
    """ "Filters do not retroactively filter data. Filters only publish the metric data points for events that
    happen after the filter was created." """
    put(cloud, logs, "ERROR before")
    logs.put_metric_filter(
        logGroupName="app", filterName="errors", filterPattern="ERROR", metricTransformations=transformation()
    )
    assert metric_data_points(cloud) == []
    put(cloud, logs, "ERROR after")
    assert len(metric_data_points(cloud)) == 1


def test_default_value_is_emitted_for_events_that_do_not_match(cloud, logs) -> None:  # type: ignore[no-untyped-def]
    """defaultValue: "The value to emit when a filter pattern does not match a log event"; the page's example: two
    records a minute, no match in the second minute, "the Default Value of 0 is used for both log records"."""
    logs.put_metric_filter(
        logGroupName="app",
        filterName="errors",
        filterPattern="ERROR",
        metricTransformations=transformation(defaultValue=0),
    )
    put(cloud, logs, "ERROR a", "ERROR b")
    cloud.run(until=60)
    put(cloud, logs, "ok a", "ok b")
    assert [p.value for p in metric_data_points(cloud)] == [1.0, 1.0, 0.0, 0.0]


def test_a_json_field_as_the_metric_value_with_unit(cloud, logs) -> None:  # type: ignore[no-untyped-def]
    """ "metricFilter: { $.latency = * } metricValue: $.latency ... The following log event would publish a value
    of 50 to the metric"; unit "If you omit this, the unit is set as None"."""
    logs.put_metric_filter(
        logGroupName="app",
        filterName="latency",
        filterPattern="{ $.latency = * }",
        metricTransformations=[
            {"metricName": "myMetric", "metricNamespace": "MyApp", "metricValue": "$.latency", "unit": "Milliseconds"}
        ],
    )
    put(cloud, logs, json.dumps({"latency": 50, "requestType": "GET"}), json.dumps({"requestType": "PUT"}), "text")
    (point,) = metric_data_points(cloud)
    assert (point.value, point.unit) == (50.0, "Milliseconds")


def test_a_space_delimited_field_as_value_and_dimension(cloud, logs) -> None:  # type: ignore[no-untyped-def]
    """Space-delimited fields are ``$name`` in metricValue and dimensions ("One metric filter can include as many
    as three dimensions")."""
    logs.put_metric_filter(
        logGroupName="app",
        filterName="bytes",
        filterPattern="[ip, user, username, timestamp, request, status_code, bytes]",
        metricTransformations=[
            {
                "metricName": "Bytes",
                "metricNamespace": "Web",
                "metricValue": "$bytes",
                "unit": "Bytes",
                "dimensions": {"Status": "$status_code"},
            }
        ],
    )
    put(
        cloud,
        logs,
        '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /a HTTP/1.0" 200 1534',
        '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /a HTTP/1.0" 500 5324',
    )
    points = metric_data_points(cloud)
    assert [(p.value, p.dimensions) for p in points] == [(1534.0, {"Status": "200"}), (5324.0, {"Status": "500"})]


def test_lambda_output_is_filtered_too(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """A function's print lines reach its log group's metric filters like PutLogEvents events do."""
    make_function(lam, source="def handler(event, context):\n    print('ERROR boom')\n    return 1\n")
    logs = cloud.client("logs")
    lam.invoke(FunctionName="hello")
    logs.put_metric_filter(
        logGroupName="/aws/lambda/hello",
        filterName="errors",
        filterPattern="ERROR",
        metricTransformations=transformation(),
    )
    lam.invoke(FunctionName="hello")
    lam.invoke(FunctionName="hello")
    assert len(metric_data_points(cloud)) == 2


def test_describe_and_delete(cloud, logs) -> None:  # type: ignore[no-untyped-def]
    """DescribeMetricFilters sorts, filters by group, by prefix ("only if you also include the logGroupName
    parameter") and by metric name and namespace (which go together); DescribeLogGroups counts them."""
    logs.create_log_group(logGroupName="other")
    for group, name, metric in (
        ("app", "b-filter", "Errors"),
        ("app", "a-filter", "Warnings"),
        ("other", "c", "Errors"),
    ):
        logs.put_metric_filter(
            logGroupName=group,
            filterName=name,
            filterPattern="ERROR",
            metricTransformations=[{"metricName": metric, "metricNamespace": "NS", "metricValue": "1"}],
        )
    everything = logs.describe_metric_filters()["metricFilters"]
    assert [(f["logGroupName"], f["filterName"]) for f in everything] == [
        ("app", "a-filter"),
        ("app", "b-filter"),
        ("other", "c"),
    ]
    assert everything[0] == {
        "filterName": "a-filter",
        "filterPattern": "ERROR",
        "metricTransformations": [{"metricName": "Warnings", "metricNamespace": "NS", "metricValue": "1"}],
        "creationTime": epoch_millis(cloud.now),
        "logGroupName": "app",
    }
    names = [
        f["filterName"] for f in logs.describe_metric_filters(logGroupName="app", filterNamePrefix="b")["metricFilters"]
    ]
    assert names == ["b-filter"]
    assert len(logs.describe_metric_filters(filterNamePrefix="zzz")["metricFilters"]) == 3  # ignored without a group
    by_metric = logs.describe_metric_filters(metricName="Errors", metricNamespace="NS")["metricFilters"]
    assert [f["filterName"] for f in by_metric] == ["b-filter", "c"]
    with pytest.raises(logs.exceptions.InvalidParameterException):
        logs.describe_metric_filters(metricName="Errors")
    page = logs.describe_metric_filters(limit=2)
    assert len(page["metricFilters"]) == 2
    assert len(logs.describe_metric_filters(limit=2, nextToken=page["nextToken"])["metricFilters"]) == 1
    groups = {g["logGroupName"]: g["metricFilterCount"] for g in logs.describe_log_groups()["logGroups"]}
    assert groups == {"app": 2, "other": 1}
    logs.delete_metric_filter(logGroupName="app", filterName="a-filter")
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.delete_metric_filter(logGroupName="app", filterName="a-filter")
    assert len(logs.describe_metric_filters(logGroupName="app")["metricFilters"]) == 1


def test_putting_a_filter_with_the_same_name_replaces_it(cloud, logs) -> None:  # type: ignore[no-untyped-def]
    logs.put_metric_filter(
        logGroupName="app", filterName="f", filterPattern="ERROR", metricTransformations=transformation()
    )
    created = logs.describe_metric_filters()["metricFilters"][0]["creationTime"]
    cloud.run(until=10)
    logs.put_metric_filter(
        logGroupName="app", filterName="f", filterPattern="WARN", metricTransformations=transformation()
    )
    (only,) = logs.describe_metric_filters()["metricFilters"]
    assert only["filterPattern"] == "WARN" and only["creationTime"] == created


def test_bad_requests_change_nothing(logs) -> None:  # type: ignore[no-untyped-def]
    """A missing group, a bad pattern, a bad metricValue, over three dimensions, defaultValue with dimensions (which
    Terraform's provider documents as conflicting), a transformer option: refused, nothing stored."""
    bad_calls = [
        ({"logGroupName": "nope"}, "ResourceNotFoundException"),
        ({"filterPattern": "{ $.a = }"}, "InvalidParameterException"),
        ({"metricTransformations": transformation(metricValue="latency")}, "InvalidParameterException"),
        (
            {"metricTransformations": transformation(dimensions={f"d{i}": f"$.d{i}" for i in range(4)})},
            "InvalidParameterException",
        ),
        (
            {"metricTransformations": transformation(defaultValue=0, dimensions={"d": "$.d"})},
            "InvalidParameterException",
        ),
        ({"applyOnTransformedLogs": True}, "InvalidParameterException"),
    ]
    for overrides, code in bad_calls:
        params = {
            "logGroupName": "app",
            "filterName": "f",
            "filterPattern": "ERROR",
            "metricTransformations": transformation(),
            **overrides,
        }
        with pytest.raises(logs.exceptions.ClientError) as exc:
            logs.put_metric_filter(**params)
        assert exc.value.response["Error"]["Code"] == code
    assert logs.describe_metric_filters()["metricFilters"] == []


def test_at_most_one_hundred_filters_and_five_regexes_per_group(logs) -> None:  # type: ignore[no-untyped-def]
    """ "The maximum number of metric filters that can be associated with a log group is 100"; "a quota of five
    regular expression patterns per log group"."""
    for i in range(100):
        logs.put_metric_filter(
            logGroupName="app", filterName=f"f{i}", filterPattern="ERROR", metricTransformations=transformation()
        )
    with pytest.raises(logs.exceptions.LimitExceededException):
        logs.put_metric_filter(
            logGroupName="app", filterName="f100", filterPattern="x", metricTransformations=transformation()
        )
    for i in range(2):
        logs.put_metric_filter(
            logGroupName="app", filterName=f"f{i}", filterPattern="%a% %b%", metricTransformations=transformation()
        )
    logs.put_metric_filter(
        logGroupName="app", filterName="f2", filterPattern="%a%", metricTransformations=transformation()
    )
    with pytest.raises(logs.exceptions.LimitExceededException):
        logs.put_metric_filter(
            logGroupName="app", filterName="f3", filterPattern="%a%", metricTransformations=transformation()
        )
    # Replacing a filter's own regexes is not double counted.
    logs.put_metric_filter(
        logGroupName="app", filterName="f2", filterPattern="%c%", metricTransformations=transformation()
    )


def test_metric_filter_points_reach_the_cloud_metric_store(cloud, logs) -> None:  # type: ignore[no-untyped-def]
    """A metric filter publishes CloudWatch metric data (FilterAndPatternSyntax.html: "it increments the count in
    the CloudWatch metric by the amount you specify"), so its points land in ``cloud.metrics``, the store the
    ``cloudwatch`` client reads, at the log event's timestamp and with the filter's dimensions."""
    logs.put_metric_filter(
        logGroupName="app",
        filterName="latency",
        filterPattern="{ $.ms = * }",
        metricTransformations=transformation(metricValue="$.ms", unit="Milliseconds", dimensions={"Op": "$.op"}),
    )
    cloud.run(until=120)
    put(cloud, logs, json.dumps({"ms": 12, "op": "get"}), json.dumps({"ms": 30, "op": "get"}))
    series = cloud.metrics.series("MyApp", "Errors", (("Op", "get"),))
    assert series is not None
    assert series.values == [12.0, 30.0]
    assert series.times == [120.0, 120.0]
    assert series.unit == "Milliseconds"
