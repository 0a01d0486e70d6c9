"""Helpers for the event-source tests of SES, RDS and ElastiCache: a function that logs every event it gets, the
events read back from its log group, and an SNS topic with that function subscribed to it."""

from __future__ import annotations

import json
from typing import Any

import pocketcloud

from .conftest import ROLE


def recording_function(cloud: pocketcloud.Cloud, name: str = "recorder", returns: Any = None) -> str:
    """A function that prints ``EVENT <json>`` for each event and returns ``returns``; its ARN."""
    source = (
        "import json\n"
        f"RESULT = {returns!r}\n"
        "def handler(event, context):\n"
        "    print('EVENT ' + json.dumps(event))\n"
        "    return RESULT\n"
    )
    created = cloud.client("lambda").create_function(
        FunctionName=name,
        Runtime="python3.13",
        Role=ROLE,
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": source})},
    )
    arn: str = created["FunctionArn"]
    return arn


def recorded_events(cloud: pocketcloud.Cloud, name: str = "recorder") -> list[dict[str, Any]]:
    logs = cloud.client("logs")
    group = f"/aws/lambda/{name}"
    events = []
    try:
        streams = logs.describe_log_streams(logGroupName=group)["logStreams"]
    except pocketcloud.ClientError:
        return []
    for stream in streams:
        for line in logs.get_log_events(logGroupName=group, logStreamName=stream["logStreamName"])["events"]:
            if line["message"].startswith("EVENT "):
                events.append((line["timestamp"], json.loads(line["message"][6:])))
    events.sort(key=lambda pair: pair[0])  # in time order across execution environments (stable within one)
    return [event for _, event in events]


def topic_to_function(cloud: pocketcloud.Cloud, topic_name: str = "events", name: str = "recorder") -> str:
    """An SNS topic (default access policy) with a recording function subscribed; the topic's ARN."""
    sns = cloud.client("sns")
    topic: str = sns.create_topic(Name=topic_name)["TopicArn"]
    function = recording_function(cloud, name)
    cloud.client("lambda").add_permission(
        FunctionName=name,
        StatementId="sns",
        Action="lambda:InvokeFunction",
        Principal="sns.amazonaws.com",
        SourceArn=topic,
    )
    sns.subscribe(TopicArn=topic, Protocol="lambda", Endpoint=function)
    return topic
