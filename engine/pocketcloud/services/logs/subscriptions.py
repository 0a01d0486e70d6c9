"""Subscription filters to Lambda: PutSubscriptionFilter, DescribeSubscriptionFilters, DeleteSubscriptionFilter,
and delivery of the ``awslogs`` event.

"CloudWatch Logs invokes your function asynchronously with an event that contains log data. The value of the data
field is a Base64-encoded .gzip file archive", which decodes to ``{"messageType": "DATA_MESSAGE", "owner",
"logGroup", "logStream", "subscriptionFilters", "logEvents": [{"id", "timestamp", "message"}]}``
(https://docs.aws.amazon.com/lambda/latest/dg/services-cloudwatchlogs.html). Each log group "can have up to two
subscription filters", and "If you are updating an existing filter, you must specify the correct name in
filterName" (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html).

The function's resource-based policy must let CloudWatch Logs invoke it (``aws lambda add-permission --principal
logs.amazonaws.com --source-arn arn:aws:logs:<region>:<account>:log-group:<group>:*``,
https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#LambdaFunctionExample); both
``logs.amazonaws.com`` and the Regional ``logs.<region>.amazonaws.com`` that older guides use are accepted.
PutSubscriptionFilter checks the permission with a ``DryRun`` invoke through Lambda's public client, as that
principal and with the group's ARN (with its ``:*``) as the source, and otherwise answers AWS's
``InvalidParameterException``: "Could not execute the lambda function. Make sure you have given CloudWatch Logs
permission to execute your function." (the words AWS answers with, as quoted by users of Terraform and the
AWS CLI, e.g. hashicorp/terraform#5996, localstack/localstack#2653).

Delivery (a pocketcloud model of AWS's "real-time" feed): the matching events of one write to one stream (one
PutLogEvents call, or one Lambda invocation's lines) form one delivery, invoked with ``InvocationType="Event"``
at the virtual instant of the batch's newest event (Lambda writes an invocation's lines as it starts; they are
delivered once they have all happened) plus :data:`DELIVERY_DELAY_S`. A batch larger than Lambda's asynchronous
payload limit is split. Every delivery and refusal is recorded in ``deliveries(backend)``.

Only Lambda destinations are simulated; Kinesis, Firehose and cross-account destinations are refused by name.
A subscription from a function's own log group to that function is refused too: each delivery would write log
lines that start the next delivery, without end (pocketcloud's safeguard; AWS leaves avoiding the loop to you).
"""

from __future__ import annotations

import base64
import gzip
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ClientError, ServiceError
from ...timeutil import EPOCH_SECONDS
from .backend import Event, LogGroup, LogStream
from .filter_pattern import FilterPattern
from .filter_pattern import parse as parse_pattern
from .group_filters import check_group_regexes, refuse_not_simulated
from .pattern_values import invalid
from .reading import event_id, page_after

if TYPE_CHECKING:
    from .backend import LogsBackend

#: How long after the newest event of a batch the delivery is invoked. AWS publishes no figure; a fixed second
#: keeps runs readable and reproducible (pocketcloud model).
DELIVERY_DELAY_S = 1.0
_LAMBDA_ARN = re.compile(
    r"^arn:(?P<partition>aws[a-zA-Z-]*):lambda:(?P<region>[^:]+):(?P<account>\d{12}):function:(?P<name>[^:]+)(:[^:]+)?$"
)
_CANNOT_EXECUTE = (
    "Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your "
    "function."
)


@dataclass
class SubscriptionFilter:
    name: str
    pattern_text: str
    pattern: FilterPattern
    destination_arn: str
    principal: str
    created: int
    role_arn: str | None = None
    distribution: str = "ByLogStream"

    def describe(self, group: str) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "filterName": self.name,
            "logGroupName": group,
            "filterPattern": self.pattern_text,
            "destinationArn": self.destination_arn,
        }
        if self.role_arn is not None:
            entry["roleArn"] = self.role_arn
        entry["distribution"] = self.distribution
        entry["creationTime"] = self.created
        return entry


@dataclass(frozen=True)
class Delivery:
    """One invocation CloudWatch Logs made (or could not make) for a subscription filter."""

    time: float
    log_group: str
    log_stream: str
    filter_name: str
    destination_arn: str
    events: int
    status: str  # "DELIVERED" or "FAILED"
    error: str | None = None


def deliveries(backend: LogsBackend) -> list[Delivery]:
    found: list[Delivery] = backend.extension("subscription_deliveries", lambda _b: [])
    return found


def _principals(backend: LogsBackend) -> tuple[str, str]:
    return "logs.amazonaws.com", f"logs.{backend.cloud.region}.amazonaws.com"


def source_arn(backend: LogsBackend, group: str) -> str:
    return backend.group_arn(group) + ":*"


def _check_destination(backend: LogsBackend, group: LogGroup, destination: str) -> str:
    """The principal CloudWatch Logs may invoke ``destination`` as, or AWS's refusal."""
    cloud = backend.cloud
    match = _LAMBDA_ARN.match(destination)
    if match is None:
        kind = destination.split(":")[2] if destination.count(":") >= 2 else destination
        raise invalid(
            f"pocketcloud simulates subscription filters to Lambda functions only, not to {kind} destinations: "
            f"{destination}"
        )
    if (match.group("partition"), match.group("region"), match.group("account")) != (
        cloud.partition,
        cloud.region,
        cloud.account_id,
    ):
        raise invalid(_CANNOT_EXECUTE)
    if group.name == f"/aws/lambda/{match.group('name')}":
        raise invalid(
            "pocketcloud refuses a subscription from a function's own log group to that function: every delivery "
            "would write log lines that start another delivery, without end."
        )
    for principal in _principals(backend):
        client: Any = cloud.service_client("lambda", principal, source_arn=source_arn(backend, group.name))
        try:
            client.invoke(FunctionName=destination, InvocationType="DryRun")
        except ClientError:
            continue
        return principal
    raise invalid(_CANNOT_EXECUTE)


def put_subscription_filter(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    refuse_not_simulated(params)
    group = backend.group(params["logGroupName"])
    name = params["filterName"]
    pattern = parse_pattern(params["filterPattern"])
    if name not in group.subscription_filters and (
        len(group.subscription_filters) >= limits.LOGS_SUBSCRIPTION_FILTERS_PER_GROUP_MAX
    ):
        raise ServiceError("LimitExceededException", "Resource limit exceeded.")
    check_group_regexes(group, pattern, subscription=name)
    principal = _check_destination(backend, group, params["destinationArn"])
    existing = group.subscription_filters.get(name)
    group.subscription_filters[name] = SubscriptionFilter(
        name,
        params["filterPattern"],
        pattern,
        params["destinationArn"],
        principal,
        existing.created if existing is not None else backend.now_ms(),
        params.get("roleArn"),
        params.get("distribution", "ByLogStream"),
    )
    return {}


def describe_subscription_filters(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    """ "The results are ASCII-sorted by filter name." """
    group = backend.group(params["logGroupName"])
    prefix = params.get("filterNamePrefix")
    found = [f for f in group.subscription_filters.values() if prefix is None or f.name.startswith(prefix)]
    page, token = page_after(
        found,
        lambda f: [f.name],
        limit=params.get("limit", limits.LOGS_DESCRIBE_LIMIT_MAX),
        next_token=params.get("nextToken"),
    )
    result: dict[str, Any] = {"subscriptionFilters": [f.describe(group.name) for f in page]}
    if token is not None:
        result["nextToken"] = token
    return result


def delete_subscription_filter(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    group = backend.group(params["logGroupName"])
    if params["filterName"] not in group.subscription_filters:
        raise ServiceError("ResourceNotFoundException", "The specified subscription filter does not exist.")
    del group.subscription_filters[params["filterName"]]
    return {}


# -- delivery ------------------------------------------------------------------------------------------------------


def awslogs_event(
    owner: str, group: str, stream: str, filter_name: str, events: list[dict[str, Any]]
) -> dict[str, Any]:
    """The event a Lambda destination receives: the message data, gzip-compressed (with a fixed mtime, so the
    bytes are the same on every run) and base64-encoded."""
    data = {
        "messageType": "DATA_MESSAGE",
        "owner": owner,
        "logGroup": group,
        "logStream": stream,
        "subscriptionFilters": [filter_name],
        "logEvents": events,
    }
    packed = gzip.compress(json.dumps(data, separators=(",", ":")).encode("utf-8"), mtime=0)
    return {"awslogs": {"data": base64.b64encode(packed).decode("ascii")}}


def on_events(backend: LogsBackend, group: LogGroup, stream: LogStream, new: list[tuple[int, Event]]) -> None:
    """Schedule one delivery per subscription filter for the newly ingested events it matches."""
    cloud = backend.cloud
    for subscription in list(group.subscription_filters.values()):
        hits = [
            (seq, timestamp, message) for seq, (timestamp, message, _) in new if subscription.pattern.matches(message)
        ]
        if not hits:
            continue
        matched: list[dict[str, Any]] = [
            {"id": event_id(timestamp, stream.ordinal, seq), "timestamp": timestamp, "message": message}
            for seq, timestamp, message in hits
        ]
        newest = max(timestamp for _, timestamp, _ in hits) / 1000 - EPOCH_SECONDS
        at = max(cloud.now, newest) + DELIVERY_DELAY_S
        cloud.kernel.call_at(at, _deliver, backend, group.name, stream.name, subscription, matched)


def _deliver(
    backend: LogsBackend, group: str, stream: str, subscription: SubscriptionFilter, events: list[dict[str, Any]]
) -> None:
    cloud = backend.cloud
    event = awslogs_event(cloud.account_id, group, stream, subscription.name, events)
    payload = json.dumps(event)
    if len(payload.encode("utf-8")) > limits.LAMBDA_ASYNC_PAYLOAD_MAX_BYTES and len(events) > 1:
        half = len(events) // 2
        _deliver(backend, group, stream, subscription, events[:half])
        _deliver(backend, group, stream, subscription, events[half:])
        return
    client: Any = cloud.service_client("lambda", subscription.principal, source_arn=source_arn(backend, group))
    record = dict(
        time=cloud.now,
        log_group=group,
        log_stream=stream,
        filter_name=subscription.name,
        destination_arn=subscription.destination_arn,
        events=len(events),
    )
    try:
        client.invoke(FunctionName=subscription.destination_arn, InvocationType="Event", Payload=payload)
    except ClientError as error:
        details = error.response.get("Error", {})
        deliveries(backend).append(
            Delivery(**record, status="FAILED", error=f"{details.get('Code')}: {details.get('Message')}")  # type: ignore[arg-type]
        )
        return
    deliveries(backend).append(Delivery(**record, status="DELIVERED"))  # type: ignore[arg-type]
