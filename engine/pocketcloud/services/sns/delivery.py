"""Fan-out: one published message to every subscription whose filter policy it passes.

"When a messageId is returned, the message is saved and Amazon SNS immediately delivers it to subscribers"
(API_Publish): pocketcloud delivers at the virtual instant of Publish, subscription by subscription in the order
they were created. Each delivery goes through the subscriber service's public client as the
``sns.amazonaws.com`` service principal with the topic's ARN as the source, exactly as on AWS:

* an **SQS** queue gets SendMessage (the JSON notification, or with RawMessageDelivery the message itself and
  its attributes as SQS message attributes; FIFO topics pass MessageGroupId and MessageDeduplicationId). The
  queue's policy must allow ``sns.amazonaws.com`` to ``sqs:SendMessage`` (see :mod:`..sqs.policy`).
  https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html
* a **Lambda** function is invoked asynchronously (``InvocationType="Event"``) with the SNS event; "Amazon SNS
  invokes your function asynchronously with an event that contains a message and metadata", and the function's
  resource-based policy must allow ``sns.amazonaws.com`` to ``lambda:InvokeFunction`` (``lambda add-permission
  --principal sns.amazonaws.com --source-arn <topic ARN>``). https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html

A delivery the subscriber refuses (no such queue or function, a policy that does not allow SNS) is a
*client-side error*: "Amazon SNS doesn't retry the message delivery that fails as a result of a client-side
error"; the message goes to the subscription's dead-letter queue (its RedrivePolicy) when it has one, and is
otherwise discarded. https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html
pocketcloud records every delivery, filtered message and failure in ``SnsService.deliveries`` so that a learner
can see why a message did not arrive (AWS shows this as CloudWatch metrics and delivery status logs).
Dead-lettered messages carry the body the subscriber would have got, with ``ErrorCode`` and ``ErrorMessage``
message attributes (a pocketcloud model of the attributes AWS adds).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...errors import ClientError
from . import envelopes, filter_policy

if TYPE_CHECKING:
    from .service import SnsService, Subscription

PRINCIPAL = "sns.amazonaws.com"


@dataclass
class Delivery:
    """One attempt (or a filtering decision) for one subscription, as ``SnsService.deliveries`` keeps it."""

    time: float
    message_id: str
    subscription_arn: str
    protocol: str
    endpoint: str
    status: str  # "DELIVERED", "FILTERED", "FAILED", "DEAD_LETTERED"
    error: str | None = None


def queue_url(arn: str) -> str | None:
    """The URL of the queue an SQS ARN names (``arn:aws:sqs:<region>:<account>:<name>``)."""
    parts = arn.split(":")
    if len(parts) != 6 or parts[2] != "sqs":
        return None
    return f"https://sqs.{parts[3]}.amazonaws.com/{parts[4]}/{parts[5]}"


def _sqs_attributes(attributes: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Raw delivery passes message attributes on: "Amazon SNS ... sends the message attributes ... as SQS
    message attributes" (up to 10, the SQS maximum)."""
    out: dict[str, dict[str, Any]] = {}
    for name, value in list(attributes.items())[:10]:
        if value["DataType"].startswith("Binary"):
            out[name] = {"DataType": value["DataType"], "BinaryValue": bytes(value["BinaryValue"])}
        else:
            out[name] = {"DataType": value["DataType"], "StringValue": str(value["StringValue"])}
    return out


def fan_out(service: SnsService, published: dict[str, Any], subscriptions: list[Subscription]) -> None:
    """Deliver one published message to each subscription it passes."""
    for subscription in subscriptions:
        body = published["message"]
        attributes = published.get("attributes") or {}
        if not filter_policy.matches(subscription.filter_policy, subscription.filter_scope, body, attributes):
            _record(service, published, subscription, "FILTERED")
            continue
        deliver(service, published, subscription)


def _text(published: dict[str, Any], protocol: str) -> str:
    structure = published.get("structure")
    if structure is None:
        return str(published["message"])
    return str(structure.get(protocol, structure["default"]))


def deliver(service: SnsService, published: dict[str, Any], subscription: Subscription) -> None:
    region = service.cloud.region
    text = _text(published, subscription.protocol)
    try:
        if subscription.protocol == "sqs":
            body, params = _sqs_message(published, text, subscription, region)
            _send(service, published, subscription.endpoint, body, params)
        else:
            event = envelopes.lambda_event(published, text, subscription.arn, region)
            client = service.client_for("lambda", published["topic_arn"])
            client.invoke(FunctionName=subscription.endpoint, InvocationType="Event", Payload=json.dumps(event))
    except ClientError as error:
        _failed(service, published, subscription, text, error)
        return
    _record(service, published, subscription, "DELIVERED")


def _sqs_message(
    published: dict[str, Any], text: str, subscription: Subscription, region: str
) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {}
    attributes = published.get("attributes") or {}
    if subscription.raw:
        body = text
        if attributes:
            params["MessageAttributes"] = _sqs_attributes(attributes)
    else:
        body = json.dumps(envelopes.notification(published, text, subscription.arn, region, lambda_form=False))
    return body, params


def _send(service: SnsService, published: dict[str, Any], queue_arn: str, body: str, params: dict[str, Any]) -> None:
    url = queue_url(queue_arn)
    client = service.client_for("sqs", published["topic_arn"])
    if url is None:
        raise ClientError(
            {"Error": {"Code": "AWS.SimpleQueueService.NonExistentQueue", "Message": "Not a queue ARN."}},
            "SendMessage",
        )
    if published.get("group_id") is not None:
        params["MessageGroupId"] = published["group_id"]
    if queue_arn.endswith(".fifo") and published.get("dedup_id") is not None:
        params["MessageDeduplicationId"] = published["dedup_id"]
    client.send_message(QueueUrl=url, MessageBody=body, **params)


def _failed(
    service: SnsService, published: dict[str, Any], subscription: Subscription, text: str, error: ClientError
) -> None:
    details = error.response.get("Error", {})
    reason = f"{details.get('Code')}: {details.get('Message')}"
    dead_letter = subscription.dead_letter_arn
    if dead_letter is None:
        _record(service, published, subscription, "FAILED", reason)
        return
    if subscription.protocol == "sqs":
        body, params = _sqs_message(published, text, subscription, service.cloud.region)
    else:
        document = envelopes.notification(published, text, subscription.arn, service.cloud.region, lambda_form=False)
        body, params = json.dumps(document), {}
    marks = {
        "ErrorCode": {"DataType": "String", "StringValue": str(details.get("Code"))},
        "ErrorMessage": {"DataType": "String", "StringValue": str(details.get("Message")) or "-"},
    }
    params["MessageAttributes"] = {**params.get("MessageAttributes", {}), **marks}
    try:
        _send(service, published, dead_letter, body, params)
    except ClientError as dlq_error:
        dlq_details = dlq_error.response.get("Error", {})
        reason += f"; dead-letter queue: {dlq_details.get('Code')}: {dlq_details.get('Message')}"
        _record(service, published, subscription, "FAILED", reason)
        return
    _record(service, published, subscription, "DEAD_LETTERED", reason)


def _record(
    service: SnsService, published: dict[str, Any], subscription: Subscription, status: str, error: str | None = None
) -> None:
    service.deliveries.append(
        Delivery(
            service.cloud.now,
            published["message_id"],
            subscription.arn,
            subscription.protocol,
            subscription.endpoint,
            status,
            error,
        )
    )
