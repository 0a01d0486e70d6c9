"""Shared set-up for the S3 tests: a cloud with a bucket, and reading the events a Lambda handler received."""

from __future__ import annotations

import json
from typing import Any

import pocketcloud

from .conftest import make_function

REGION = "ap-northeast-2"
ACCOUNT = "123456789012"

#: A handler that writes the event it receives to its log, one JSON line, so tests read what the handler saw.
RECORDING_HANDLER = (
    "import json\ndef handler(event, context):\n    print('EVENT ' + json.dumps(event))\n    return 'ok'\n"
)


def make_bucket(s3: Any, name: str = "uploads") -> None:
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})


def error(exc: pocketcloud.ClientError) -> dict[str, Any]:
    found: dict[str, Any] = exc.response["Error"]
    return found


def recording_function(lam: Any, name: str = "on-upload", bucket: str = "uploads", permit: bool = True) -> str:
    """A function that logs every event, with the resource-based policy statement S3 needs; returns its ARN."""
    make_function(lam, name, source=RECORDING_HANDLER)
    if permit:
        lam.add_permission(
            FunctionName=name,
            StatementId="s3-invoke",
            Action="lambda:InvokeFunction",
            Principal="s3.amazonaws.com",
            SourceArn=f"arn:aws:s3:::{bucket}",
            SourceAccount=ACCOUNT,
        )
    arn: str = lam.get_function(FunctionName=name)["Configuration"]["FunctionArn"]
    return arn


def received_events(cloud: pocketcloud.Cloud, function: str = "on-upload") -> list[dict[str, Any]]:
    """The events the function's handler received, in order, read back from its CloudWatch Logs log group."""
    logs = cloud.client("logs")
    try:
        found = logs.filter_log_events(logGroupName=f"/aws/lambda/{function}")["events"]
    except pocketcloud.ClientError:
        return []
    return [json.loads(e["message"].split("EVENT ", 1)[1]) for e in found if "EVENT " in e["message"]]
