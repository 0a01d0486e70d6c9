"""Event filtering for event source mappings: which records a mapping hands to its function at all.

"You can use event filtering to control which records from a stream or queue Lambda sends to your function ...
By default, you can define up to five different filters for a single event source mapping. Your filters are
logically ORed together. If a record from your event source satisfies one or more of your filters, Lambda includes
the record in the next event it sends to your function. If none of your filters are satisfied, Lambda discards the
record." Patterns use EventBridge's syntax (:mod:`pocketcloud.eventpattern`); a pattern Lambda cannot use is
refused with "Invalid filter pattern definition." (InvalidParameterValueException, as AWS answered in LocalStack's
recorded snapshots).
https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html

What a pattern is matched against, per source:

* **SQS** — "Amazon SQS event source mappings only support filtering on the body key", and "Lambda automatically
  evaluates the format of the incoming message body and of your filter pattern for body": a JSON body is matched
  by an object pattern (``{"body": {"RequestCode": ["BBBB"]}}``), a plain-string body by a list of match values
  (``{"body": [{"prefix": "Result"}]}``); when the formats differ, "Lambda drops the message". Filtered messages
  are deleted from the queue ("Lambda automatically deletes messages that don't match filter criteria").
  https://docs.aws.amazon.com/lambda/latest/dg/with-sqs-filtering.html
* **Kinesis** — "Kinesis event source mappings only support filtering on the data key": the base64-decoded data,
  which must be valid JSON ("both the data field and your filter criteria for the data field must be in valid
  JSON format. If either field isn't in a valid JSON format, Lambda drops the message").
  https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis-filtering.html
* **DynamoDB Streams** — the record as Lambda sends it (``eventName``, ``dynamodb.NewImage`` ...).
  https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html

A filtered record of a stream is passed over ("the streams iterator advances past this record"). "Valid JSON"
is read as a JSON object, the shape a field pattern can address (a pocketcloud reading of the guide).
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from ... import limits
from ...errors import ServiceError
from ...eventpattern import Pattern, PatternError, compile_pattern


def invalid_filter() -> ServiceError:
    return ServiceError("InvalidParameterValueException", "Invalid filter pattern definition.", Type="User")


def compile_filters(criteria: Any) -> tuple[list[dict[str, str]], list[Pattern]]:
    """Check a ``FilterCriteria`` value; return the filters as AWS echoes them and their compiled patterns.
    ``{}`` or an empty ``Filters`` list means no filtering."""
    filters = (criteria or {}).get("Filters") or []
    if len(filters) > limits.LAMBDA_ESM_MAX_FILTERS:
        raise ServiceError(
            "InvalidParameterValueException",
            f"The FilterCriteria has {len(filters)} filters; an event source mapping allows at most "
            f"{limits.LAMBDA_ESM_MAX_FILTERS}.",
        )
    echoed: list[dict[str, str]] = []
    patterns: list[Pattern] = []
    for entry in filters:
        text = entry.get("Pattern") if isinstance(entry, dict) else None
        if not text or not isinstance(text, str):
            raise invalid_filter()
        try:
            patterns.append(compile_pattern(text))
        except PatternError:
            raise invalid_filter() from None
        echoed.append({"Pattern": text})
    return echoed, patterns


def _json_object(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _field_shape(pattern: Pattern, key: str) -> str | None:
    """How a pattern addresses ``key``: "object" (its fields), "value" (the whole value) or None (not at all)."""
    if key in pattern.source:
        return "object" if isinstance(pattern.source[key], dict) else "value"
    paths = list(pattern.fields)
    if any(path.startswith(key + ".") for path in paths):
        return "object"
    return None


def matches_sqs(patterns: list[Pattern], body: str) -> bool:
    """Whether an SQS message body passes a mapping's filters (see the module docstring)."""
    if not patterns:
        return True
    decoded = _json_object(body)
    for pattern in patterns:
        shape = _field_shape(pattern, "body")
        if shape == "object":
            if decoded is not None and pattern.matches({"body": decoded}):
                return True
        elif shape == "value":
            if decoded is None and pattern.matches({"body": body}):
                return True
        elif pattern.matches({}):
            return True
    return False


def matches_kinesis(patterns: list[Pattern], data_b64: str) -> bool:
    """Whether a Kinesis record's data (base64, as in the event) passes a mapping's filters."""
    if not patterns:
        return True
    try:
        decoded = _json_object(base64.b64decode(data_b64, validate=True).decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        decoded = None
    for pattern in patterns:
        shape = _field_shape(pattern, "data")
        if shape is None:
            if pattern.matches({}):
                return True
        elif shape == "object" and decoded is not None and pattern.matches({"data": decoded}):
            return True
    return False


def matches_record(patterns: list[Pattern], record: dict[str, Any]) -> bool:
    """Whether a record (as it appears in the event, e.g. a DynamoDB stream record) passes a mapping's filters."""
    return not patterns or any(pattern.matches(record) for pattern in patterns)
