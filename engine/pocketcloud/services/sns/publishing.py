"""What Publish and PublishBatch accept: the message, its subject and structure, its attributes, FIFO IDs.

From API_Publish (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html): the message is UTF-8 text of at
most the topic's MaximumMessageSize (256 KiB by default) counted together with the message attributes; a
Subject is "UTF-8 text with no line breaks or control characters, and less than 100 characters long"; with
``MessageStructure="json"`` the message "must: be a syntactically valid JSON object; and contain at least a
top-level JSON key of "default" with a value that is a string"; on a FIFO topic "Every message must include a
MessageGroupId", and a MessageDeduplicationId unless the topic has ContentBasedDeduplication (then "Amazon SNS
uses a SHA-256 hash to generate the MessageDeduplicationId using the body of the message"); on a standard topic
a MessageGroupId is allowed (it is "forwarded only to Amazon SQS standard subscriptions") and a
MessageDeduplicationId is not.

Message attributes (https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html): a name of
``A-Za-z0-9_-.`` not starting or ending with a period nor holding two in a row, at most 256 characters; a type
String, String.Array, Number or Binary (custom suffixes allowed, e.g. Number.int); a non-empty value.
Errors are AWS's words as recorded in LocalStack's SNS provider (``validate_message_attributes``, ``publish``).
"""

from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ... import limits
from ...errors import ServiceError
from .arns import invalid_parameter

_ATTRIBUTE_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")
_DATA_TYPE = re.compile(r"(String|Number|Binary)(\..+)?", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_FIFO_ID_CHARS = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") | frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
)


def value_invalid(message: str) -> ServiceError:
    """``InvalidParameterValueException``, whose code on the wire is ``ParameterValueInvalid``."""
    return ServiceError("ParameterValueInvalid", message)


def check_attributes(attributes: dict[str, dict[str, Any]]) -> int:
    """Refuse attributes SNS refuses; return their size in bytes (names, types and values)."""
    size = 0
    for name, value in attributes.items():
        if len(name) > limits.SQS_ATTRIBUTE_NAME_MAX_LENGTH:
            raise value_invalid("Length of message attribute name must be less than 256 bytes.")
        _check_name(name)
        data_type = value["DataType"]
        if _DATA_TYPE.fullmatch(data_type) is None:
            raise value_invalid(
                f"The message attribute '{name}' has an invalid message attribute type, the set of supported type "
                "prefixes is Binary, Number, and String."
            )
        field = "Binary" if data_type.startswith("Binary") else "String"
        if f"{field}Value" not in value:
            raise value_invalid(f"The message attribute '{name}' with type '{data_type}' must use field '{field}'.")
        content = value[f"{field}Value"]
        if not content:
            raise value_invalid(
                f"The message attribute '{name}' must contain non-empty message attribute value for message "
                f"attribute type '{data_type}'."
            )
        if data_type.startswith("Number") and not _is_number(content):
            raise value_invalid(f"Could not cast message attribute '{name}' value to number.")
        if data_type == "String.Array" and not _is_array(content):
            raise value_invalid(f"The message attribute '{name}' has an invalid String.Array value.")
        size += len(name.encode("utf-8")) + len(data_type.encode("utf-8"))
        size += len(content) if isinstance(content, bytes) else len(str(content).encode("utf-8"))
    return size


def _check_name(name: str) -> None:
    if name.startswith("."):
        raise value_invalid("Invalid message attribute name starting with character '.' was found.")
    if name.endswith("."):
        raise value_invalid("Invalid message attribute name ending with character '.' was found.")
    for index, char in enumerate(name):
        if char not in _ATTRIBUTE_NAME_CHARS:
            raise value_invalid(
                f"Invalid non-alphanumeric character '#x{ord(char):X}' was found in the message attribute name. "
                "Can only include alphanumeric characters, hyphens, underscores, or dots."
            )
        if char == "." and index and name[index - 1] == ".":
            raise value_invalid("Message attribute name can not have successive '.' character.")


def _is_number(text: Any) -> bool:
    try:
        return Decimal(str(text).strip()).is_finite()
    except InvalidOperation:
        return False


def _is_array(text: Any) -> bool:
    try:
        return isinstance(json.loads(str(text)), list)
    except ValueError:
        return False


def check_subject(subject: str | None) -> None:
    if subject is None:
        return
    if not subject or len(subject) >= limits.SNS_SUBJECT_MAX_LENGTH or _CONTROL.search(subject):
        raise invalid_parameter("Subject")


def per_protocol(message: str, structure: str | None) -> dict[str, str] | None:
    """For ``MessageStructure="json"``, the message per protocol ("default" and e.g. "sqs", "lambda")."""
    if structure is None:
        return None
    if structure != "json":
        raise invalid_parameter("MessageStructure")
    try:
        document = json.loads(message)
    except ValueError:
        raise invalid_parameter("Message Structure - JSON message body failed to parse") from None
    if not isinstance(document, dict) or not isinstance(document.get("default"), str):
        raise invalid_parameter("Message Structure - No default entry in JSON message body")
    return {k: v for k, v in document.items() if isinstance(v, str)}


def _check_fifo_id(value: str, parameter: str) -> None:
    if not 1 <= len(value) <= limits.SQS_FIFO_ID_MAX_LENGTH or not set(value) <= _FIFO_ID_CHARS:
        raise invalid_parameter(
            f"{parameter} Reason: {parameter} can only include alphanumeric and punctuation characters. 1 to 128 "
            "in length."
        )


def check(entry: dict[str, Any], *, fifo: bool, content_dedup: bool, max_size: int) -> dict[str, Any]:
    """Check one message (Publish's parameters or a PublishBatch entry); return what delivery needs."""
    message = entry["Message"]
    subject = entry.get("Subject")
    check_subject(subject)
    if not message:
        raise invalid_parameter("Empty message")
    structure = per_protocol(message, entry.get("MessageStructure"))
    attributes = entry.get("MessageAttributes") or {}
    size = check_attributes(attributes) if attributes else 0
    if len(message.encode("utf-8")) + size > max_size:
        raise invalid_parameter("Message too long")
    group_id = entry.get("MessageGroupId")
    dedup_id = entry.get("MessageDeduplicationId")
    if fifo:
        if group_id is None:
            raise invalid_parameter("The MessageGroupId parameter is required for FIFO topics")
        _check_fifo_id(group_id, "MessageGroupId")
        if dedup_id is None:
            if not content_dedup:
                raise invalid_parameter(
                    "The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId "
                    "provided explicitly"
                )
            dedup_id = hashlib.sha256(message.encode("utf-8")).hexdigest()
        else:
            _check_fifo_id(dedup_id, "MessageDeduplicationId")
    else:
        if dedup_id is not None:
            raise invalid_parameter(
                "MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not "
                "valid for this topic type"
            )
        if group_id is not None:
            _check_fifo_id(group_id, "MessageGroupId")
    return {
        "message": message,
        "subject": subject,
        "structure": structure,
        "attributes": attributes,
        "group_id": group_id,
        "dedup_id": dedup_id,
    }
