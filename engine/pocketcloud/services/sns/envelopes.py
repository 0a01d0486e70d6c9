"""What a subscriber receives: the JSON notification in an SQS queue, the event a Lambda function gets.

SQS (and HTTP/S) subscribers get, unless RawMessageDelivery is on, a JSON document with ``Type``
("Notification"), ``MessageId``, ``TopicArn``, ``Subject`` ("If no Subject was specified, then this name-value
pair does not appear"), ``Message``, ``Timestamp`` ("The time (GMT) when the notification was published"),
``SignatureVersion``, ``Signature``, ``SigningCertURL``, ``UnsubscribeURL`` and, when the message has any,
``MessageAttributes`` as ``{"name": {"Type": "String", "Value": "..."}}`` (Binary values base64-encoded).
https://docs.aws.amazon.com/sns/latest/dg/http-notification-json.html
https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html
A FIFO topic's notification carries ``SequenceNumber`` and no signature fields (as Powertools'
``SnsNotificationModel`` notes: "Not present for FIFO topics").

A Lambda function gets ``{"Records": [{"EventSource": "aws:sns", "EventVersion": "1.0", "EventSubscriptionArn":
..., "Sns": {...}}]}`` where ``Sns`` has the same members spelled ``SigningCertUrl`` / ``UnsubscribeUrl``,
``Subject`` null when none was given and ``MessageAttributes`` always present (``{}`` when empty), as in the
example event of "Using Lambda with Amazon SNS".
https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html

pocketcloud signs nothing: ``Signature`` is a deterministic base64 string of an RSA signature's length
(256 bytes), derived from the message, so runs repeat exactly.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from ...timeutil import iso_millis


def signing_cert_url(region: str) -> str:
    digest = hashlib.md5(region.encode(), usedforsecurity=False).hexdigest()
    return f"https://sns.{region}.amazonaws.com/SimpleNotificationService-{digest}.pem"


def unsubscribe_url(region: str, subscription_arn: str) -> str:
    return f"https://sns.{region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={subscription_arn}"


def signature(message_id: str, body: str) -> str:
    seed = hashlib.sha256(f"{message_id}\n{body}".encode()).digest()
    return base64.b64encode(seed * 8).decode()


def attribute_map(attributes: dict[str, dict[str, Any]]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for name, value in attributes.items():
        if "BinaryValue" in value and value["DataType"].startswith("Binary"):
            text = base64.b64encode(bytes(value["BinaryValue"])).decode()
        else:
            text = str(value.get("StringValue", ""))
        out[name] = {"Type": value["DataType"], "Value": text}
    return out


def notification(
    published: dict[str, Any], text: str, subscription_arn: str, region: str, *, lambda_form: bool
) -> dict[str, Any]:
    """The ``Notification`` document for one subscriber (``lambda_form``: the ``Sns`` member of a Lambda event)."""
    doc: dict[str, Any] = {"Type": "Notification", "MessageId": published["message_id"]}
    sequence = published.get("sequence_number")
    if sequence is not None:
        doc["SequenceNumber"] = sequence
    doc["TopicArn"] = published["topic_arn"]
    subject = published.get("subject")
    if subject is not None or lambda_form:
        doc["Subject"] = subject
    doc["Message"] = text
    doc["Timestamp"] = published.get("timestamp") or iso_millis(published["published_at"])
    if sequence is None:
        doc["SignatureVersion"] = published.get("signature_version", "1")
        doc["Signature"] = signature(published["message_id"], text)
        doc["SigningCertUrl" if lambda_form else "SigningCertURL"] = signing_cert_url(region)
    doc["UnsubscribeUrl" if lambda_form else "UnsubscribeURL"] = unsubscribe_url(region, subscription_arn)
    attributes = published.get("attributes") or {}
    if attributes or lambda_form:
        doc["MessageAttributes"] = attribute_map(attributes)
    return doc


def lambda_event(published: dict[str, Any], text: str, subscription_arn: str, region: str) -> dict[str, Any]:
    """The event a Lambda subscriber is invoked with (one record per notification)."""
    return {
        "Records": [
            {
                "EventSource": "aws:sns",
                "EventVersion": "1.0",
                "EventSubscriptionArn": subscription_arn,
                "Sns": notification(published, text, subscription_arn, region, lambda_form=True),
            }
        ]
    }
