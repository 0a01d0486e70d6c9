"""Queue attributes: which exist, which a caller may set, their ranges, defaults and how SQS reports them.

Names, ranges and defaults are CreateQueue's (see :mod:`pocketcloud.limits`):
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html

Values travel as strings, as on AWS. Errors: an attribute that does not exist, or one that is read-only
(``QueueArn``, ``ApproximateNumberOfMessages`` ...) or FIFO-only on a standard queue, is ``InvalidAttributeName``
"Unknown Attribute X."; a value out of range is ``InvalidAttributeValue`` "Invalid value for the parameter X.";
``RedrivePolicy`` problems are ``InvalidParameterValue`` "Value {...} for parameter RedrivePolicy is invalid.
Reason: ..." with AWS's reasons as they appear in real error logs ("Redrive policy does not contain mandatory
attribute: maxReceiveCount.", "Dead-letter queue must be same type of queue as the source.."), in LocalStack's
provider ("Invalid value for maxReceiveCount: 0, valid values are from 1 to 1000 both inclusive.") and in SQS
emulators ("Dead letter target does not exist."). Everything is checked before anything is changed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from ... import jsondoc, limits
from ...errors import ServiceError
from .errors import invalid_attribute_value, invalid_value, unknown_attribute
from .urls import parse_arn

#: Every attribute GetQueueAttributes knows (the model's QueueAttributeName enum, less "All").
READ_ONLY = (
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed",
    "CreatedTimestamp",
    "LastModifiedTimestamp",
    "QueueArn",
)
FIFO_ONLY = ("FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit")
SETTABLE = (
    "Policy",
    "VisibilityTimeout",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "DelaySeconds",
    "ReceiveMessageWaitTimeSeconds",
    "RedrivePolicy",
    "RedriveAllowPolicy",
    "KmsMasterKeyId",
    "KmsDataKeyReusePeriodSeconds",
    "SqsManagedSseEnabled",
)
ALL_NAMES = frozenset((*READ_ONLY, *FIFO_ONLY, *SETTABLE))
#: The order AWS lists attributes in (as GetQueueAttributes(All) answers for a new queue).
ORDER = (
    "QueueArn",
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed",
    "CreatedTimestamp",
    "LastModifiedTimestamp",
    "VisibilityTimeout",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "DelaySeconds",
    "ReceiveMessageWaitTimeSeconds",
    "Policy",
    "RedrivePolicy",
    "RedriveAllowPolicy",
    "KmsMasterKeyId",
    "KmsDataKeyReusePeriodSeconds",
    "SqsManagedSseEnabled",
    "FifoQueue",
    "ContentBasedDeduplication",
    "DeduplicationScope",
    "FifoThroughputLimit",
)

_INTEGER = re.compile(r"[+-]?\d{1,12}")

_RANGES = {
    "VisibilityTimeout": (0, limits.SQS_VISIBILITY_TIMEOUT_MAX_S),
    "MaximumMessageSize": (limits.SQS_MESSAGE_SIZE_MIN_BYTES, limits.SQS_MESSAGE_SIZE_MAX_BYTES),
    "MessageRetentionPeriod": (limits.SQS_RETENTION_MIN_S, limits.SQS_RETENTION_MAX_S),
    "DelaySeconds": (0, limits.SQS_DELAY_MAX_S),
    "ReceiveMessageWaitTimeSeconds": (0, limits.SQS_WAIT_TIME_MAX_S),
    "KmsDataKeyReusePeriodSeconds": (limits.SQS_KMS_REUSE_MIN_S, limits.SQS_KMS_REUSE_MAX_S),
}
_CHOICES = {
    "DeduplicationScope": ("messageGroup", "queue"),
    "FifoThroughputLimit": ("perQueue", "perMessageGroupId"),
}


def defaults(fifo: bool) -> dict[str, str]:
    """The settable attributes of a new queue, as GetQueueAttributes reports them."""
    values = {
        "VisibilityTimeout": str(limits.SQS_DEFAULT_VISIBILITY_TIMEOUT_S),
        "MaximumMessageSize": str(limits.SQS_MESSAGE_SIZE_MAX_BYTES),
        "MessageRetentionPeriod": str(limits.SQS_DEFAULT_RETENTION_S),
        "DelaySeconds": "0",
        "ReceiveMessageWaitTimeSeconds": "0",
        "SqsManagedSseEnabled": "true",
    }
    if fifo:
        values.update(FifoQueue="true", ContentBasedDeduplication="false")
        values.update(DeduplicationScope="queue", FifoThroughputLimit="perQueue")
    return values


def _integer(name: str, value: str) -> str:
    low, high = _RANGES[name]
    if _INTEGER.fullmatch(value.strip()) is None or not low <= int(value) <= high:
        raise invalid_attribute_value(name)
    return str(int(value))


def _boolean(name: str, value: str) -> str:
    if value.lower() not in ("true", "false"):
        raise invalid_attribute_value(name)
    return value.lower()


def _json_or_empty(name: str, value: str) -> Any:
    if value == "":
        return None
    try:
        return jsondoc.loads(value)
    except jsondoc.JSONDocumentError:
        raise invalid_attribute_value(name) from None


def check(
    attributes: dict[str, str],
    *,
    fifo: bool,
    current: dict[str, str],
    find_queue: Callable[[str], Any],
    own_arn: str,
) -> dict[str, str]:
    """The attributes to store (normalised) after checking every one, or the first error SQS would answer.

    ``current`` is the queue's attributes so far (the defaults, when creating); ``find_queue(arn)`` returns the
    queue an ARN names (or None), for RedrivePolicy's dead-letter target.
    """
    for name in attributes:
        if name not in ALL_NAMES or name in READ_ONLY:
            raise unknown_attribute(name)
        if name in FIFO_ONLY and not fifo:
            if name in ("DeduplicationScope", "FifoThroughputLimit"):
                raise ServiceError(
                    "InvalidAttributeName", f"You can specify the {name} only when FifoQueue is set to true."
                )
            raise unknown_attribute(name)
    out: dict[str, str] = {}
    for name, value in attributes.items():
        if name in _RANGES:
            out[name] = _integer(name, value)
        elif name in ("ContentBasedDeduplication", "SqsManagedSseEnabled"):
            out[name] = _boolean(name, value)
        elif name == "FifoQueue":
            if value.lower() != "true":
                raise ServiceError(
                    "InvalidAttributeValue",
                    "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.",
                )
            out[name] = "true"  # on a FIFO queue (a standard one was refused above): nothing changes
        elif name in _CHOICES:
            if value not in _CHOICES[name]:
                raise invalid_attribute_value(name)
            out[name] = value
        elif name == "Policy":
            document = _json_or_empty(name, value)
            if document is not None and not isinstance(document, dict):
                raise invalid_attribute_value(name)
            out[name] = value
        elif name == "RedrivePolicy":
            out[name] = _redrive_policy(value, fifo, find_queue, own_arn)
        elif name == "RedriveAllowPolicy":
            out[name] = _redrive_allow_policy(value)
        else:  # KmsMasterKeyId: any key ID, alias or ARN (nothing is encrypted in pocketcloud)
            out[name] = value
    merged = {**current, **out}
    if merged.get("FifoThroughputLimit") == "perMessageGroupId" and merged.get("DeduplicationScope") != "messageGroup":
        # "The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup."
        raise invalid_attribute_value("FifoThroughputLimit")
    return out


def _redrive_policy(raw: str, fifo: bool, find_queue: Callable[[str], Any], own_arn: str) -> str:
    """Check a RedrivePolicy and return it as SQS stores it (compact JSON, maxReceiveCount a number); ``""``
    removes the policy."""
    if raw == "":
        return ""
    try:
        policy = jsondoc.loads(raw)
    except jsondoc.JSONDocumentError:
        policy = None
    if not isinstance(policy, dict):
        raise invalid_value("RedrivePolicy", raw, "Redrive policy is not a valid JSON map.")
    for key in ("deadLetterTargetArn", "maxReceiveCount"):
        if key not in policy:
            raise invalid_value("RedrivePolicy", raw, f"Redrive policy does not contain mandatory attribute: {key}.")
    count = policy["maxReceiveCount"]
    try:
        number = int(str(count)) if not isinstance(count, bool) else None
    except ValueError:
        number = None
    if number is None or not 1 <= number <= limits.SQS_MAX_RECEIVE_COUNT_MAX:
        raise invalid_value(
            "RedrivePolicy",
            raw,
            f"Invalid value for maxReceiveCount: {count}, valid values are from 1 to "
            f"{limits.SQS_MAX_RECEIVE_COUNT_MAX} both inclusive.",
        )
    target = policy["deadLetterTargetArn"]
    dead_letter = find_queue(target) if isinstance(target, str) and parse_arn(target) else None
    if dead_letter is None:
        raise invalid_value("RedrivePolicy", raw, "Dead letter target does not exist.")
    if dead_letter.fifo != fifo:
        raise invalid_value("RedrivePolicy", raw, "Dead-letter queue must be same type of queue as the source..")
    if not dead_letter.allows_dead_letter_source(own_arn):
        # AWS documents the rule (RedriveAllowPolicy) but not its error text: pocketcloud's wording.
        raise invalid_value(
            "RedrivePolicy", raw, "The dead-letter target's RedriveAllowPolicy does not allow this source queue."
        )
    return json.dumps({"deadLetterTargetArn": target, "maxReceiveCount": number}, separators=(",", ":"))


def _redrive_allow_policy(raw: str) -> str:
    """``redrivePermission`` is allowAll, denyAll or byQueue; ``sourceQueueArns`` (up to 10) only with byQueue."""
    if raw == "":
        return ""
    try:
        policy = jsondoc.loads(raw)
    except jsondoc.JSONDocumentError:
        policy = None
    permission = policy.get("redrivePermission") if isinstance(policy, dict) else None
    sources = policy.get("sourceQueueArns") if isinstance(policy, dict) else None
    ok = permission in ("allowAll", "denyAll", "byQueue")
    if permission == "byQueue":
        ok = isinstance(sources, list) and 1 <= len(sources) <= 10 and all(isinstance(s, str) for s in sources)
    elif sources is not None:
        ok = False
    if not ok:
        reason = "Amazon SQS can't create the redrive allow policy, as it's in an unsupported format."
        raise invalid_value("RedriveAllowPolicy", raw, reason)
    return raw


def requested(names: list[str] | None) -> tuple[str, ...]:
    """The attribute names GetQueueAttributes should answer, in AWS's order; ``All`` means every one."""
    if not names:
        return ()
    for name in names:
        if name != "All" and name not in ALL_NAMES:
            raise unknown_attribute(name)
    if "All" in names:
        return ORDER
    wanted = set(names)
    return tuple(name for name in ORDER if name in wanted)
