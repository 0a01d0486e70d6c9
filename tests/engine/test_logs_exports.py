"""Export tasks to S3: CreateExportTask, DescribeExportTasks, CancelExportTask.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateExportTask.html ("asynchronous";
  "Each account can only have one active (RUNNING or PENDING) export task at a time"; destinationPrefix "If you
  don't specify a value, the default is exportedlogs")
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/S3ExportTasks.html (RUNNING "Started Successfully";
  tasks listed "in reverse order of creation"; cancel "if it is in either the PENDING or the RUNNING state")
- AWS's answers recorded by moto's aws_verified tests (getmoto/moto tests/test_logs/test_export_tasks.py): the
  ``aws-logs-write-test`` object ("Permission Check Successful") and "The given bucket does not exist. Please make
  sure the bucket is valid."
"""

from __future__ import annotations

import gzip
from typing import Any

import pytest

import pocketcloud
from pocketcloud.timeutil import epoch_millis


@pytest.fixture
def setup(cloud: pocketcloud.Cloud) -> tuple[Any, Any]:
    logs = cloud.client("logs")
    s3 = cloud.client("s3")
    s3.create_bucket(Bucket="my-exported-logs", CreateBucketConfiguration={"LocationConstraint": cloud.region})
    logs.create_log_group(logGroupName="my-log-group")
    for stream, messages in (("a", ["one", "two"]), ("b", ["three"]), ("other", ["four"])):
        logs.create_log_stream(logGroupName="my-log-group", logStreamName=stream)
        logs.put_log_events(
            logGroupName="my-log-group",
            logStreamName=stream,
            logEvents=[{"timestamp": epoch_millis(cloud.now) + i, "message": m} for i, m in enumerate(messages)],
        )
    return logs, s3


def test_an_export_writes_one_gzip_object_per_stream(cloud, setup) -> None:  # type: ignore[no-untyped-def]
    logs, s3 = setup
    task_id = logs.create_export_task(
        taskName="nightly",
        logGroupName="my-log-group",
        **{"from": 0, "to": epoch_millis(cloud.now) + 10},
        destination="my-exported-logs",
        destinationPrefix="export-task-output",
    )["taskId"]
    test_object = s3.get_object(Bucket="my-exported-logs", Key="aws-logs-write-test")
    assert test_object["Body"].read() == b"Permission Check Successful"
    (task,) = logs.describe_export_tasks(taskId=task_id)["exportTasks"]
    assert task["status"] == {"code": "PENDING", "message": "Pending"}
    assert (task["taskName"], task["destination"], task["destinationPrefix"]) == (
        "nightly",
        "my-exported-logs",
        "export-task-output",
    )
    assert task["executionInfo"] == {"creationTime": epoch_millis(cloud.now)}
    cloud.run(until=cloud.now + 1.5)
    assert logs.describe_export_tasks(taskId=task_id)["exportTasks"][0]["status"] == {
        "code": "RUNNING",
        "message": "Started Successfully",
    }
    cloud.run()
    (task,) = logs.describe_export_tasks(taskId=task_id)["exportTasks"]
    assert task["status"]["code"] == "COMPLETED" and "completionTime" in task["executionInfo"]
    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket="my-exported-logs")["Contents"])
    assert keys == [
        "aws-logs-write-test",
        f"export-task-output/{task_id}/a/000000.gz",
        f"export-task-output/{task_id}/b/000000.gz",
        f"export-task-output/{task_id}/other/000000.gz",
    ]
    body = s3.get_object(Bucket="my-exported-logs", Key=f"export-task-output/{task_id}/a/000000.gz")["Body"].read()
    assert gzip.decompress(body).decode() == "2026-01-01T00:00:00.000Z one\n2026-01-01T00:00:00.001Z two\n"


def test_prefix_time_range_and_default_prefix(cloud, setup) -> None:  # type: ignore[no-untyped-def]
    logs, s3 = setup
    task_id = logs.create_export_task(
        logGroupName="my-log-group",
        logStreamNamePrefix="a",
        **{"from": epoch_millis(cloud.now) + 1, "to": epoch_millis(cloud.now) + 5},
        destination="my-exported-logs",
    )["taskId"]
    cloud.run()
    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket="my-exported-logs", Prefix="exportedlogs/")["Contents"])
    assert keys == [f"exportedlogs/{task_id}/a/000000.gz"]
    body = s3.get_object(Bucket="my-exported-logs", Key=keys[0])["Body"].read()
    assert gzip.decompress(body).decode().endswith(" two\n")


def test_a_missing_bucket_or_group(setup) -> None:  # type: ignore[no-untyped-def]
    logs, _s3 = setup
    with pytest.raises(logs.exceptions.InvalidParameterException) as exc:
        logs.create_export_task(logGroupName="my-log-group", **{"from": 0, "to": 1}, destination="368a7022dea3dd621")
    assert (
        exc.value.response["Error"]["Message"]
        == "The given bucket does not exist. Please make sure the bucket is valid."
    )
    with pytest.raises(logs.exceptions.ResourceNotFoundException) as exc:
        logs.create_export_task(logGroupName="/nope", **{"from": 0, "to": 1}, destination="my-exported-logs")
    assert exc.value.response["Error"]["Message"] == "The specified log group does not exist."
    assert logs.describe_export_tasks()["exportTasks"] == []


def test_one_active_task_at_a_time_and_cancel(cloud, setup) -> None:  # type: ignore[no-untyped-def]
    logs, s3 = setup
    first = logs.create_export_task(
        logGroupName="my-log-group", **{"from": 0, "to": 10**13}, destination="my-exported-logs"
    )
    with pytest.raises(logs.exceptions.LimitExceededException):
        logs.create_export_task(
            logGroupName="my-log-group", **{"from": 0, "to": 10**13}, destination="my-exported-logs"
        )
    logs.cancel_export_task(taskId=first["taskId"])
    assert logs.describe_export_tasks(statusCode="CANCELLED")["exportTasks"][0]["taskId"] == first["taskId"]
    with pytest.raises(logs.exceptions.InvalidOperationException):
        logs.cancel_export_task(taskId=first["taskId"])
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.cancel_export_task(taskId="nope")
    second = logs.create_export_task(
        logGroupName="my-log-group", **{"from": 0, "to": 10**13}, destination="my-exported-logs"
    )
    cloud.run()
    assert [t["taskId"] for t in logs.describe_export_tasks()["exportTasks"]] == [second["taskId"], first["taskId"]]
    objects = [o["Key"] for o in s3.list_objects_v2(Bucket="my-exported-logs")["Contents"]]
    assert not any(first["taskId"] in key for key in objects)  # a cancelled task writes nothing


def test_from_time_is_botocore_alias_for_from(cloud, setup) -> None:  # type: ignore[no-untyped-def]
    """boto3 callers write ``fromTime=``: botocore aliases the modeled ``from`` (a Python keyword) to ``fromTime``
    (``handlers._add_parameter_aliases``, botocore 1.44.5: ``'logs.CreateExportTask.from': 'fromTime'``), and the
    boto3 reference shows only ``fromTime``
    (https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/logs/client/create_export_task.html).
    Giving both is botocore's AliasConflictParameterError, with its message."""
    logs, _s3 = setup
    task_id = logs.create_export_task(
        logGroupName="my-log-group", fromTime=0, to=epoch_millis(cloud.now) + 10, destination="my-exported-logs"
    )["taskId"]
    assert logs.describe_export_tasks(taskId=task_id)["exportTasks"][0]["from"] == 0
    with pytest.raises(pocketcloud.ParamValidationError) as exc:
        logs.create_export_task(
            logGroupName="my-log-group", fromTime=0, **{"from": 0}, to=1, destination="my-exported-logs"
        )
    assert "Parameter 'from' and its alias 'fromTime' were provided for operation CreateExportTask." in str(exc.value)
