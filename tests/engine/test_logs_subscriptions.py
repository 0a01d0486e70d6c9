"""Subscription filters to Lambda: the filters, the permission check, and the ``awslogs`` event a function gets.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/lambda/latest/dg/services-cloudwatchlogs.html (the event: "CloudWatch Logs invokes
  your function asynchronously ... The value of the data field is a Base64-encoded .gzip file archive", and the
  decoded sample with messageType, owner, logGroup, logStream, subscriptionFilters, logEvents[id, timestamp,
  message])
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#LambdaFunctionExample
  (``aws lambda add-permission --principal logs.amazonaws.com --source-arn arn:aws:logs:...:log-group:<name>:*``)
- https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html ("Each log
  group can have up to two subscription filters")
- The Powertools parser model CloudWatchLogsModel (aws_lambda_powertools.utilities.parser.models).
"""

from __future__ import annotations

import base64
import gzip
import json
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import CloudWatchLogsModel

import pocketcloud
from pocketcloud.services.logs.backend import LogsBackend
from pocketcloud.services.logs.subscriptions import deliveries
from pocketcloud.timeutil import epoch_millis

from .conftest import make_function
from .s3_helpers import RECORDING_HANDLER, received_events

ARN = "arn:aws:lambda:ap-northeast-2:123456789012:function:reader"
#: The decoded sample of the Lambda guide, for its keys.
AWS_SAMPLE = {
    "messageType": "DATA_MESSAGE",
    "owner": "123456789012",
    "logGroup": "/aws/lambda/echo-nodejs",
    "logStream": "2019/03/13/[$LATEST]94fa867e5374431291a7fc14e2f56ae7",
    "subscriptionFilters": ["LambdaStream_cloudwatchlogs-node"],
    "logEvents": [
        {
            "id": "34622316099697884706540976068822859012661220141643892546",
            "timestamp": 1552518348220,
            "message": "REPORT RequestId: 6234bffe-149a-b642-81ff-2e8e376d8aff\tDuration: 46.84 ms\tBilled "
            "Duration: 47 ms \tMemory Size: 192 MB\tMax Memory Used: 72 MB\t\n",
        }
    ],
}


@pytest.fixture
def logs(cloud: pocketcloud.Cloud, lam: Any) -> Any:
    make_function(lam, "reader", source=RECORDING_HANDLER)
    client = cloud.client("logs")
    client.create_log_group(logGroupName="app")
    client.create_log_stream(logGroupName="app", logStreamName="web-1")
    return client


def permit(lam: Any, principal: str = "logs.amazonaws.com", source: str | None = None) -> None:
    lam.add_permission(
        FunctionName="reader",
        StatementId="logs",
        Action="lambda:InvokeFunction",
        Principal=principal,
        SourceArn=source or "arn:aws:logs:ap-northeast-2:123456789012:log-group:app:*",
    )


def put(cloud: pocketcloud.Cloud, logs: Any, *messages: str) -> None:
    now = epoch_millis(cloud.now)
    logs.put_log_events(
        logGroupName="app", logStreamName="web-1", logEvents=[{"timestamp": now, "message": m} for m in messages]
    )


def decoded(event: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(gzip.decompress(base64.b64decode(event["awslogs"]["data"])))
    return data


def test_the_delivered_event_is_the_documented_awslogs_event(cloud, lam, logs) -> None:  # type: ignore[no-untyped-def]
    """The function gets ``{"awslogs": {"data": <base64 of gzip of JSON>}}`` with exactly the sample's keys, and
    Powertools' CloudWatchLogsModel parses it."""
    permit(lam)
    logs.put_subscription_filter(logGroupName="app", filterName="errors", filterPattern="ERROR", destinationArn=ARN)
    put(cloud, logs, "ERROR one", "fine", "ERROR two")
    cloud.run()
    (event,) = received_events(cloud, "reader")
    assert set(event) == {"awslogs"} and set(event["awslogs"]) == {"data"}
    data = decoded(event)
    assert set(data) == set(AWS_SAMPLE)
    assert (data["messageType"], data["owner"], data["logGroup"], data["logStream"]) == (
        "DATA_MESSAGE",
        "123456789012",
        "app",
        "web-1",
    )
    assert data["subscriptionFilters"] == ["errors"]
    assert [e["message"] for e in data["logEvents"]] == ["ERROR one", "ERROR two"]
    for log_event in data["logEvents"]:
        assert set(log_event) == set(AWS_SAMPLE["logEvents"][0])  # type: ignore[index]
        assert len(log_event["id"]) == 56 and log_event["id"].isdigit()
        assert log_event["timestamp"] == epoch_millis(0)
    model = parse(event=event, model=CloudWatchLogsModel)
    assert model.awslogs.decoded_data.logGroup == "app"
    assert [e.message for e in model.awslogs.decoded_data.logEvents] == ["ERROR one", "ERROR two"]


def test_a_functions_own_lines_reach_a_subscription(cloud, lam, logs) -> None:  # type: ignore[no-untyped-def]
    """A subscription on a Lambda function's log group gets its REPORT lines, delivered once they happened."""
    make_function(lam, "worker", source="def handler(event, context):\n    print('working')\n    return 1\n")
    permit(lam, source="arn:aws:logs:ap-northeast-2:123456789012:log-group:/aws/lambda/worker:*")
    lam.invoke(FunctionName="worker")
    logs.put_subscription_filter(
        logGroupName="/aws/lambda/worker", filterName="reports", filterPattern="REPORT", destinationArn=ARN
    )
    lam.invoke(FunctionName="worker")
    cloud.run()
    (event,) = received_events(cloud, "reader")
    (line,) = decoded(event)["logEvents"]
    assert line["message"].startswith("REPORT RequestId: ")
    (delivery,) = deliveries(cloud.backend("logs", LogsBackend))
    assert delivery.status == "DELIVERED" and delivery.time >= line["timestamp"] / 1000 - 1767225600


def test_the_regional_principal_of_older_guides_is_accepted(cloud, lam, logs) -> None:  # type: ignore[no-untyped-def]
    permit(lam, principal="logs.ap-northeast-2.amazonaws.com")
    logs.put_subscription_filter(logGroupName="app", filterName="all", filterPattern="", destinationArn=ARN)
    put(cloud, logs, "hello")
    cloud.run()
    assert len(received_events(cloud, "reader")) == 1


def test_without_permission_the_filter_is_refused_with_aws_words(lam, logs) -> None:  # type: ignore[no-untyped-def]
    """No resource-based policy statement for CloudWatch Logs (or one for another log group, or a function that
    does not exist): InvalidParameterException, "Could not execute the lambda function. Make sure you have given
    CloudWatch Logs permission to execute your function." Nothing is stored."""
    message = (
        "Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute "
        "your function."
    )
    for destination in (ARN, "arn:aws:lambda:ap-northeast-2:123456789012:function:missing"):
        with pytest.raises(logs.exceptions.InvalidParameterException) as exc:
            logs.put_subscription_filter(
                logGroupName="app", filterName="f", filterPattern="", destinationArn=destination
            )
        assert exc.value.response["Error"]["Message"] == message
    permit(lam, source="arn:aws:logs:ap-northeast-2:123456789012:log-group:other:*")
    with pytest.raises(logs.exceptions.InvalidParameterException):
        logs.put_subscription_filter(logGroupName="app", filterName="f", filterPattern="", destinationArn=ARN)
    assert logs.describe_subscription_filters(logGroupName="app")["subscriptionFilters"] == []


def test_two_filters_per_group_and_updates_by_name(cloud, lam, logs) -> None:  # type: ignore[no-untyped-def]
    """ "Each log group can have up to two subscription filters"; a third is LimitExceededException "Resource limit
    exceeded." (AWS's words, as moto quotes them); the same name updates the filter, keeping its creationTime.
    "The results are ASCII-sorted by filter name"."""
    permit(lam)
    logs.put_subscription_filter(logGroupName="app", filterName="b", filterPattern="", destinationArn=ARN)
    created = logs.describe_subscription_filters(logGroupName="app")["subscriptionFilters"][0]["creationTime"]
    cloud.run(until=5)
    logs.put_subscription_filter(logGroupName="app", filterName="b", filterPattern="ERROR", destinationArn=ARN)
    logs.put_subscription_filter(logGroupName="app", filterName="a", filterPattern="[]", destinationArn=ARN)
    with pytest.raises(logs.exceptions.LimitExceededException) as exc:
        logs.put_subscription_filter(logGroupName="app", filterName="c", filterPattern="", destinationArn=ARN)
    assert exc.value.response["Error"]["Message"] == "Resource limit exceeded."
    found = logs.describe_subscription_filters(logGroupName="app")["subscriptionFilters"]
    assert [f["filterName"] for f in found] == ["a", "b"]
    assert found[1] == {
        "filterName": "b",
        "logGroupName": "app",
        "filterPattern": "ERROR",
        "destinationArn": ARN,
        "distribution": "ByLogStream",
        "creationTime": created,
    }
    assert [
        f["filterName"]
        for f in logs.describe_subscription_filters(logGroupName="app", filterNamePrefix="b")["subscriptionFilters"]
    ] == ["b"]


def test_delete_and_errors(lam, logs) -> None:  # type: ignore[no-untyped-def]
    permit(lam)
    logs.put_subscription_filter(logGroupName="app", filterName="f", filterPattern="", destinationArn=ARN)
    logs.delete_subscription_filter(logGroupName="app", filterName="f")
    assert logs.describe_subscription_filters(logGroupName="app")["subscriptionFilters"] == []
    with pytest.raises(logs.exceptions.ResourceNotFoundException) as exc:
        logs.delete_subscription_filter(logGroupName="app", filterName="f")
    assert exc.value.response["Error"]["Message"] == "The specified subscription filter does not exist."
    with pytest.raises(logs.exceptions.ResourceNotFoundException) as exc:
        logs.describe_subscription_filters(logGroupName="nope")
    assert exc.value.response["Error"]["Message"] == "The specified log group does not exist."


def test_other_destinations_and_self_subscription_are_refused(lam, logs) -> None:  # type: ignore[no-untyped-def]
    """Only Lambda destinations are simulated; a function's own group cannot feed the function itself (each
    delivery would log lines that start another delivery)."""
    with pytest.raises(logs.exceptions.InvalidParameterException, match="Lambda functions only"):
        logs.put_subscription_filter(
            logGroupName="app",
            filterName="f",
            filterPattern="",
            destinationArn="arn:aws:kinesis:ap-northeast-2:123456789012:stream/s",
        )
    lam.invoke(FunctionName="reader")
    permit(lam, source="arn:aws:logs:ap-northeast-2:123456789012:log-group:/aws/lambda/reader:*")
    with pytest.raises(logs.exceptions.InvalidParameterException, match="own log group"):
        logs.put_subscription_filter(
            logGroupName="/aws/lambda/reader", filterName="f", filterPattern="", destinationArn=ARN
        )


def test_a_removed_permission_is_a_failed_delivery(cloud, lam, logs) -> None:  # type: ignore[no-untyped-def]
    permit(lam)
    logs.put_subscription_filter(logGroupName="app", filterName="f", filterPattern="", destinationArn=ARN)
    lam.remove_permission(FunctionName="reader", StatementId="logs")
    put(cloud, logs, "hello")
    cloud.run()
    assert received_events(cloud, "reader") == []
    (delivery,) = deliveries(cloud.backend("logs", LogsBackend))
    assert delivery.status == "FAILED" and delivery.error is not None and delivery.error.startswith("AccessDenied")


def test_deliveries_are_deterministic() -> None:
    def run() -> list[str]:
        cloud = pocketcloud.Cloud(seed=4)
        lam = cloud.client("lambda")
        make_function(lam, "reader", source=RECORDING_HANDLER)
        permit(lam)
        logs = cloud.client("logs")
        logs.create_log_group(logGroupName="app")
        logs.create_log_stream(logGroupName="app", logStreamName="web-1")
        logs.put_subscription_filter(logGroupName="app", filterName="f", filterPattern="", destinationArn=ARN)
        for i in range(3):
            put(cloud, logs, f"line {i}")
            cloud.run(until=cloud.now + 7)
        cloud.run()
        return [e["awslogs"]["data"] for e in received_events(cloud, "reader")]

    assert run() == run()
