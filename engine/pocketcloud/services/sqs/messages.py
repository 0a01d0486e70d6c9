"""What a message is, what SendMessage accepts, and the MD5 digests SQS returns.

Checks, in the order SQS makes them for one message (each refuses the message before anything is stored):

* the body is at least one character and only XML-legal characters: "#x9 | #xA | #xD | #x20 to #xD7FF |
  #xE000 to #xFFFD | #x10000 to #x10FFFF ... If a message contains characters outside the allowed set, Amazon
  SQS rejects the message and returns an InvalidMessageContents error."
  https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
* at most 10 message attributes, whose names use ``A-Za-z0-9_-.``, are at most 256 characters, do not start
  with ``AWS.``/``Amazon.`` (any case), do not start or end with a period nor hold two in a row; whose type is
  ``String``, ``Number`` or ``Binary`` (optionally followed by ``.custom-label``); whose value is not empty;
  and a ``Number`` is a number. "All components of a message attribute are included in the 1 MiB message size
  restriction." https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
* body plus attributes (names, types and values, in UTF-8 bytes) fit the queue's MaximumMessageSize.

Error wordings are AWS's as recorded in LocalStack's SQS provider (``check_attributes``, ``check_message_*``),
which is tested against AWS.

The digests: ``MD5OfMessageBody`` is the MD5 of the body's UTF-8 bytes. ``MD5OfMessageAttributes`` follows
"Calculating the MD5 message digest for message attributes" in the developer guide: attributes sorted by name,
each encoded as name, data type, a transport byte (1 for String and Number, 2 for Binary) and the value, every
variable part prefixed with its 4-byte big-endian length, and the MD5 of the concatenation. The same encoding
gives ``MD5OfMessageSystemAttributes`` (for ``AWSTraceHeader``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ... import limits
from ...errors import ServiceError
from .errors import invalid_parameter_value

#: XML 1.0's Char production, as SendMessage documents it.
_INVALID_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
INVALID_CONTENTS = (
    "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | "
    "#x10000 to #x10FFFF"
)
_ATTRIBUTE_NAME = re.compile(r"[A-Za-z0-9_.\-]+")
_DATA_TYPE = re.compile(r"(String|Number|Binary)(\..*)?", re.DOTALL)

# Message states.
DELAYED = 0
VISIBLE = 1
IN_FLIGHT = 2
GONE = 3


@dataclass(slots=True, eq=False)
class Message:
    """One stored message. ``seq`` orders messages within their queue (and within a FIFO message group)."""

    seq: int
    message_id: str
    body: str
    md5_body: str
    attributes: dict[str, dict[str, Any]] | None
    md5_attributes: str | None
    system_attributes: dict[str, dict[str, Any]] | None
    md5_system: str | None
    sent_at: float
    sender_id: str
    #: When retention counts from: the send time, kept when a standard queue's message moves to its DLQ.
    enqueued_at: float
    group_id: str | None = None
    deduplication_id: str | None = None
    sequence_number: str | None = None
    dead_letter_source_arn: str | None = None
    state: int = VISIBLE
    #: When a delayed or in-flight message becomes visible.
    visible_at: float = 0.0
    #: Bumped whenever ``visible_at`` changes, so that superseded timer entries are recognised and skipped.
    version: int = 0
    receive_count: int = 0
    first_received_at: float | None = None
    last_received_at: float = 0.0
    #: The receipt handle of the latest receive (older handles no longer delete the message).
    handle: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def md5_hex(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def _length_prefixed(data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + data


def md5_of_attributes(attributes: dict[str, dict[str, Any]]) -> str:
    """``MD5OfMessageAttributes`` as SQS computes it (see the module docstring)."""
    parts: list[bytes] = []
    for name in sorted(attributes):
        value = attributes[name]
        data_type = value["DataType"]
        parts.append(_length_prefixed(name.encode("utf-8")))
        parts.append(_length_prefixed(data_type.encode("utf-8")))
        if "BinaryValue" in value and "StringValue" not in value:
            parts.append(b"\x02")
            parts.append(_length_prefixed(bytes(value["BinaryValue"])))
        else:
            parts.append(b"\x01")
            parts.append(_length_prefixed(str(value.get("StringValue", "")).encode("utf-8")))
    return md5_hex(b"".join(parts))


def check_body(body: str) -> None:
    if not body:
        raise ServiceError("MissingParameter", "The request must contain the parameter MessageBody.")
    if _INVALID_CHAR.search(body) is not None:
        raise ServiceError("InvalidMessageContents", INVALID_CONTENTS)


def check_attributes(attributes: dict[str, dict[str, Any]], *, system: bool = False) -> int:
    """Refuse message attributes SQS refuses; return their size in bytes (names, types and values)."""
    if len(attributes) > limits.SQS_MESSAGE_ATTRIBUTES_MAX:
        raise invalid_parameter_value(
            f"Number of message attributes [{len(attributes)}] exceeds the allowed maximum "
            f"[{limits.SQS_MESSAGE_ATTRIBUTES_MAX}]."
        )
    size = 0
    for name, value in attributes.items():
        _check_name(name)
        data_type = value["DataType"]
        if len(data_type) > limits.SQS_ATTRIBUTE_NAME_MAX_LENGTH:
            raise invalid_parameter_value("Message (user) attribute types must be shorter than 256 Bytes")
        match = _DATA_TYPE.fullmatch(data_type)
        if match is None:
            raise invalid_parameter_value(
                "Type for parameter MessageAttributes.Attribute_name.DataType must be prefixed with "
                f'"String", "Binary", or "Number", but was: {data_type}'
            )
        if value.get("StringListValues") or value.get("BinaryListValues"):
            raise invalid_parameter_value("Message attribute list values in SendMessage operation are not supported.")
        base = match.group(1)
        if base == "Binary":
            data = value.get("BinaryValue")
            if not data or "StringValue" in value:
                raise invalid_parameter_value(
                    f"Message (user) attribute '{name}' must contain a non-empty value of type 'Binary'."
                )
            size += len(data)
        else:
            text = value.get("StringValue")
            if not text or "BinaryValue" in value:
                raise invalid_parameter_value(
                    f"Message (user) attribute '{name}' must contain a non-empty value of type 'String'."
                )
            if _INVALID_CHAR.search(text) is not None:
                raise invalid_parameter_value(INVALID_CONTENTS)
            if base == "Number" and not _is_number(text):
                raise invalid_parameter_value(f"Can't cast the value of message (user) attribute '{name}' to a number.")
            size += len(text.encode("utf-8"))
        size += len(name.encode("utf-8")) + len(data_type.encode("utf-8"))
    if system:
        for name in attributes:
            if name != "AWSTraceHeader":
                raise invalid_parameter_value(f"Message system attribute name '{name}' is invalid.")
    return size


def _check_name(name: str) -> None:
    if len(name) > limits.SQS_ATTRIBUTE_NAME_MAX_LENGTH:
        raise invalid_parameter_value("Message (user) attribute names must be shorter than 256 Bytes")
    if not name or _ATTRIBUTE_NAME.fullmatch(name) is None:
        raise invalid_parameter_value(
            "Message (user) attributes name can only contain upper and lower score characters, digits, periods, "
            "hyphens and underscores. "
        )
    lowered = name.lower()
    if lowered.startswith(("aws.", "amazon.")) or name.startswith(".") or name.endswith(".") or ".." in name:
        raise invalid_parameter_value(
            "You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved "
            "for internal use. Additionally, they cannot start or end with '.'."
        )


def _is_number(text: str) -> bool:
    """SQS's Number: "positive or negative numerical values ... up to 38 digits of precision, and it can be
    between 10^-128 and 10^+126" (sqs-message-metadata)."""
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return False
    if not number.is_finite():
        return False
    if number == 0:
        return True
    digits = number.normalize().as_tuple().digits
    magnitude = abs(number)
    return len(digits) <= 38 and Decimal("1e-128") <= magnitude <= Decimal("1e126")


def normalised(attributes: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A copy holding only what a receiver gets back: DataType and its one value."""
    out: dict[str, dict[str, Any]] = {}
    for name, value in attributes.items():
        kept: dict[str, Any] = {"DataType": value["DataType"]}
        if "BinaryValue" in value and not value["DataType"].startswith(("String", "Number")):
            kept["BinaryValue"] = bytes(value["BinaryValue"])
        else:
            kept["StringValue"] = value["StringValue"]
        out[name] = kept
    return out


def wanted_attributes(message: Message, names: list[str] | None) -> dict[str, dict[str, Any]] | None:
    """The message attributes a receiver asked for with MessageAttributeNames: ``All`` or ``.*`` for all, a
    ``prefix.*`` for those starting with ``prefix.``, or names (API_ReceiveMessage)."""
    attributes = message.attributes
    if not attributes or not names:
        return None
    if "All" in names or ".*" in names:
        return attributes
    prefixes = tuple(name[:-1] for name in names if name.endswith(".*"))
    exact = set(names)
    chosen = {k: v for k, v in attributes.items() if k in exact or (prefixes and k.startswith(prefixes))}
    return chosen or None
