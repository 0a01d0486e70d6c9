"""Topic and subscription attributes: which exist, which may be set, and how SNS reports them.

Topic attributes (API_CreateTopic, API_SetTopicAttributes, API_GetTopicAttributes): DisplayName, Policy,
DeliveryPolicy, SignatureVersion, TracingConfig, KmsMasterKeyId, MaximumMessageSize, the delivery-status
logging attributes, and for FIFO topics FifoTopic, ContentBasedDeduplication, FifoThroughputScope and
ArchivePolicy. GetTopicAttributes adds TopicArn, Owner, SubscriptionsConfirmed/Pending/Deleted and
EffectiveDeliveryPolicy. https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html

Subscription attributes (API_Subscribe, API_SetSubscriptionAttributes, API_GetSubscriptionAttributes):
DeliveryPolicy, FilterPolicy, FilterPolicyScope, RawMessageDelivery, RedrivePolicy, SubscriptionRoleArn,
ReplayPolicy. "RawMessageDelivery – When set to true, enables raw message delivery to Amazon SQS or HTTP/S
endpoints." https://docs.aws.amazon.com/sns/latest/api/API_SetSubscriptionAttributes.html

Error texts are AWS's where recorded (LocalStack's SNS provider: "Invalid parameter: AttributeName", "Delivery
protocol [lambda] does not support raw message delivery."); where AWS documents a rule but no wording, the
message says what is wrong in pocketcloud's words.
"""

from __future__ import annotations

import json
from typing import Any

from ... import jsondoc, limits
from .arns import invalid_parameter

FEEDBACK = tuple(
    f"{endpoint}{kind}"
    for endpoint in ("HTTP", "Firehose", "Lambda", "Application", "SQS")
    for kind in ("SuccessFeedbackRoleArn", "SuccessFeedbackSampleRate", "FailureFeedbackRoleArn")
)
TOPIC_SETTABLE = frozenset(
    (
        "DeliveryPolicy",
        "DisplayName",
        "Policy",
        "SignatureVersion",
        "TracingConfig",
        "KmsMasterKeyId",
        "MaximumMessageSize",
        "DataProtectionPolicy",
        *FEEDBACK,
    )
)
TOPIC_FIFO_ONLY = frozenset(("ContentBasedDeduplication", "FifoThroughputScope", "ArchivePolicy"))
SUBSCRIPTION_SETTABLE = frozenset(
    (
        "DeliveryPolicy",
        "FilterPolicy",
        "FilterPolicyScope",
        "RawMessageDelivery",
        "RedrivePolicy",
        "SubscriptionRoleArn",
        "ReplayPolicy",
    )
)

#: What GetTopicAttributes reports as EffectiveDeliveryPolicy when none was set (AWS's default for HTTP/S).
DEFAULT_DELIVERY_POLICY = json.dumps(
    {
        "http": {
            "defaultHealthyRetryPolicy": {
                "minDelayTarget": 20,
                "maxDelayTarget": 20,
                "numRetries": 3,
                "numMaxDelayRetries": 0,
                "numNoDelayRetries": 0,
                "numMinDelayRetries": 0,
                "backoffFunction": "linear",
            },
            "disableSubscriptionOverrides": False,
            "defaultRequestPolicy": {"headerContentType": "text/plain; charset=UTF-8"},
        }
    },
    separators=(",", ":"),
)


def default_policy(arn: str, account: str) -> str:
    """The access policy a new topic gets: the owner may do everything (AWS's ``__default_policy_ID``)."""
    actions = [
        "SNS:GetTopicAttributes",
        "SNS:SetTopicAttributes",
        "SNS:AddPermission",
        "SNS:RemovePermission",
        "SNS:DeleteTopic",
        "SNS:Subscribe",
        "SNS:ListSubscriptionsByTopic",
        "SNS:Publish",
    ]
    statement = {
        "Sid": "__default_statement_ID",
        "Effect": "Allow",
        "Principal": {"AWS": "*"},
        "Action": actions,
        "Resource": arn,
        "Condition": {"StringEquals": {"AWS:SourceOwner": account}},
    }
    return json.dumps(
        {"Version": "2008-10-17", "Id": "__default_policy_ID", "Statement": [statement]}, separators=(",", ":")
    )


def _json(value: str, name: str) -> Any:
    try:
        return jsondoc.loads(value)
    except jsondoc.JSONDocumentError:
        raise invalid_parameter(f"Attributes Reason: {name}: the value is not valid JSON") from None


def check_topic_attribute(name: str, value: str, *, fifo: bool, subscriptions: int) -> str:
    """One topic attribute, checked; returns the value to store."""
    if name == "FifoTopic":
        raise invalid_parameter("Attributes Reason: FifoTopic can only be set when the topic is created")
    if name not in TOPIC_SETTABLE and name not in TOPIC_FIFO_ONLY:
        raise invalid_parameter("AttributeName")
    if name in TOPIC_FIFO_ONLY and not fifo:
        raise invalid_parameter(f"Attributes Reason: {name} is only valid for FIFO topics")
    if name == "ContentBasedDeduplication":
        if value.lower() not in ("true", "false"):
            raise invalid_parameter(f"Attributes Reason: ContentBasedDeduplication: Invalid value [{value}]")
        return value.lower()
    if name == "FifoThroughputScope" and value not in ("Topic", "MessageGroup"):
        raise invalid_parameter(f"Attributes Reason: FifoThroughputScope: Invalid value [{value}]")
    if name == "SignatureVersion" and value not in ("1", "2"):
        raise invalid_parameter("Attributes Reason: SignatureVersion: Invalid value. Must be 1 or 2")
    if name == "TracingConfig" and value not in ("PassThrough", "Active"):
        raise invalid_parameter("Attributes Reason: TracingConfig: Invalid value. Must be PassThrough or Active")
    if name == "MaximumMessageSize":
        low, high = limits.SNS_MESSAGE_SIZE_MIN_BYTES, limits.SNS_MESSAGE_SIZE_MAX_BYTES
        if not value.isdigit() or not low <= int(value) <= high:
            raise invalid_parameter(f"Attributes Reason: MaximumMessageSize: must be between {low} and {high}")
        large = int(value) > limits.SNS_DEFAULT_MESSAGE_SIZE_BYTES
        if large and subscriptions > limits.SNS_LARGE_TOPIC_MAX_SUBSCRIPTIONS:
            raise invalid_parameter(
                "Attributes Reason: a topic with a MaximumMessageSize above 256 KiB must have 100 or fewer "
                "subscriptions"
            )
        return str(int(value))
    documents = ("Policy", "DeliveryPolicy", "ArchivePolicy", "DataProtectionPolicy")
    if name in documents and value and not isinstance(_json(value, name), dict):
        raise invalid_parameter(f"Attributes Reason: {name}: the value must be a JSON object")
    return value


def check_subscription_attribute(name: str, value: str, *, protocol: str, fifo_topic: bool) -> str:
    """One subscription attribute other than FilterPolicy (see :mod:`.filter_policy`), checked."""
    if name not in SUBSCRIPTION_SETTABLE:
        raise invalid_parameter("AttributeName")
    if name == "RawMessageDelivery":
        if protocol not in ("sqs", "http", "https", "firehose"):
            raise invalid_parameter(
                f"Attributes Reason: Delivery protocol [{protocol}] does not support raw message delivery."
            )
        if value.lower() not in ("true", "false"):
            reason = f"RawMessageDelivery: Invalid value [{value}]. Must be true or false."
            raise invalid_parameter(f"Attributes Reason: {reason}")
        return value.lower()
    if name == "FilterPolicyScope" and value not in ("MessageAttributes", "MessageBody"):
        raise invalid_parameter(
            f"Attributes Reason: FilterPolicyScope: Invalid value [{value}]. Please use either MessageBody or "
            "MessageAttributes"
        )
    if name == "RedrivePolicy" and value:
        try:
            policy = jsondoc.loads(value)
        except jsondoc.JSONDocumentError:
            policy = None
        if not isinstance(policy, dict):
            raise invalid_parameter("RedrivePolicy: Redrive policy is not a valid JSON map.")
        target = policy.get("deadLetterTargetArn")
        if not isinstance(target, str) or target.count(":") != 5 or not target.startswith("arn:aws:sqs:"):
            raise invalid_parameter("RedrivePolicy: deadLetterTargetArn is an invalid arn")
        if target.endswith(".fifo") != fifo_topic:
            kind = "FIFO" if fifo_topic else "standard"
            reason = f"the dead-letter queue of a {kind} topic's subscription must be a {kind} queue"
            raise invalid_parameter(f"RedrivePolicy: {reason}")
    if name == "DeliveryPolicy" and value and not isinstance(_json(value, name), dict):
        raise invalid_parameter("Attributes Reason: DeliveryPolicy: the value must be a JSON object")
    return value
