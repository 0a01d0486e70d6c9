"""Helpers for the EventBridge tests: a recording function EventBridge may invoke, a queue whose policy lets a rule
send to it, the messages on a queue, the rule's delivery log and AWS's sample events.

The permissions are the ones the EventBridge guide shows: Lambda's ``AddPermission`` with ``Principal``
``events.amazonaws.com`` and the rule's ARN as ``SourceArn``, and an SQS queue policy allowing
``events.amazonaws.com`` ``sqs:SendMessage`` under an ``aws:SourceArn`` condition.
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html
"""

from __future__ import annotations

import json
from typing import Any

import pocketcloud
from pocketcloud.services.events.service import EventsService

from .source_helpers import recorded_events, recording_function

ACCOUNT = "123456789012"
REGION = "ap-northeast-2"

#: The example event of "Amazon EventBridge events" (eb-events-structure.html), field by field.
AWS_EVENT_SAMPLE: dict[str, Any] = {
    "version": "0",
    "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "EC2 Instance State-change Notification",
    "source": "aws.ec2",
    "account": "111122223333",
    "time": "2017-12-22T18:43:48Z",
    "region": "us-west-1",
    "resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
    "detail": {"instance-id": " i-1234567890abcdef0", "state": "terminated"},
}


def rule_arn(name: str, bus: str = "default") -> str:
    base = f"arn:aws:events:{REGION}:{ACCOUNT}:rule/"
    return base + (name if bus == "default" else f"{bus}/{name}")


def function_for(cloud: pocketcloud.Cloud, rule: str | None, name: str = "recorder") -> str:
    """A recording function, invokable by EventBridge for the rule ARN ``rule`` (no permission when None)."""
    arn = recording_function(cloud, name)
    if rule is not None:
        cloud.client("lambda").add_permission(
            FunctionName=name,
            StatementId="eventbridge",
            Action="lambda:InvokeFunction",
            Principal="events.amazonaws.com",
            SourceArn=rule,
        )
    return arn


def received(cloud: pocketcloud.Cloud, name: str = "recorder") -> list[dict[str, Any]]:
    return recorded_events(cloud, name)


def queue_for(cloud: pocketcloud.Cloud, name: str, rule: str | None, **attributes: str) -> tuple[str, str]:
    """A queue (URL, ARN) whose policy lets the rule ``rule`` send to it (no policy when None)."""
    sqs = cloud.client("sqs")
    url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    arn = f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"
    if rule is not None:
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "events.amazonaws.com"},
                    "Action": "sqs:SendMessage",
                    "Resource": arn,
                    "Condition": {"ArnEquals": {"aws:SourceArn": rule}},
                }
            ],
        }
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps(policy)})
    return url, arn


def messages(cloud: pocketcloud.Cloud, url: str) -> list[dict[str, Any]]:
    """Every message on a queue (received once, with attributes)."""
    sqs = cloud.client("sqs")
    found: list[dict[str, Any]] = []
    while True:
        batch = sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"], VisibilityTimeout=600
        ).get("Messages", [])
        if not batch:
            return found
        found.extend(batch)


def service(cloud: pocketcloud.Cloud) -> EventsService:
    state: EventsService = cloud.backend("events", EventsService)
    return state


def statuses(cloud: pocketcloud.Cloud) -> list[str]:
    return [d.status for d in service(cloud).deliveries]


def put(cloud: pocketcloud.Cloud, detail: dict[str, Any], source: str = "my.app", **extra: Any) -> dict[str, Any]:
    entry = {"Source": source, "DetailType": "order", "Detail": json.dumps(detail), **extra}
    result: dict[str, Any] = cloud.client("events").put_events(Entries=[entry])
    return result


def error(exc: pocketcloud.ClientError) -> tuple[str, str]:
    return exc.response["Error"]["Code"], exc.response["Error"]["Message"]
