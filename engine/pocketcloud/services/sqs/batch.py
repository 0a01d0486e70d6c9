"""The rules every ``*Batch`` operation shares, and the per-entry result shapes.

A batch request holds 1 to 10 entries whose ``Id`` values are distinct and "can have up to 80 characters. The
following characters are accepted: alphanumeric characters, hyphens (-), and underscores (_)"; for
SendMessageBatch, "The maximum allowed individual message size and the maximum total payload size (the sum of
the individual lengths of all of the batched messages) are both 1 MiB". These refuse the whole request;
problems with one entry (a bad delay, an unknown receipt handle) are reported for that entry in ``Failed`` while
the others succeed, and the call still answers HTTP 200.
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html

Wordings: LocalStack's SQS provider (``_assert_batch``, ``_assert_valid_batch_size``), tested against AWS.
"""

from __future__ import annotations

import re
from typing import Any

from ... import limits
from ...errors import ServiceError

_ID = re.compile(rf"[A-Za-z0-9_-]{{1,{limits.SQS_BATCH_ID_MAX_LENGTH}}}")


def check_entries(entries: list[dict[str, Any]], entry_name: str) -> None:
    """Refuse a batch SQS refuses as a whole: empty, too long, a malformed or repeated Id."""
    if not entries:
        raise ServiceError("EmptyBatchRequest", f"There should be at least one {entry_name} in the request.")
    if len(entries) > limits.SQS_BATCH_MAX_ENTRIES:
        raise ServiceError(
            "TooManyEntriesInBatchRequest",
            f"Maximum number of entries per request are {limits.SQS_BATCH_MAX_ENTRIES}. You have sent {len(entries)}.",
        )
    seen: set[str] = set()
    for entry in entries:
        entry_id = entry["Id"]
        if _ID.fullmatch(entry_id) is None:
            raise ServiceError(
                "InvalidBatchEntryId",
                "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at "
                "most 80 letters long.",
            )
        if entry_id in seen:
            raise ServiceError("BatchEntryIdsNotDistinct", f"Id {entry_id} repeated.")
        seen.add(entry_id)


def check_total_size(entries: list[dict[str, Any]]) -> None:
    """SendMessageBatch: bodies and attributes together at most 1 MiB."""
    total = 0
    for entry in entries:
        total += len(entry["MessageBody"].encode("utf-8"))
        for name, value in (entry.get("MessageAttributes") or {}).items():
            total += len(name.encode("utf-8")) + len(str(value.get("DataType", "")).encode("utf-8"))
            if "StringValue" in value:
                total += len(str(value["StringValue"]).encode("utf-8"))
            if "BinaryValue" in value:
                total += len(value["BinaryValue"])
    if total > limits.SQS_MESSAGE_SIZE_MAX_BYTES:
        raise ServiceError(
            "BatchRequestTooLong",
            f"Batch requests cannot be longer than {limits.SQS_MESSAGE_SIZE_MAX_BYTES} bytes. You have sent {total} "
            "bytes.",
        )


def failure(entry_id: str, error: ServiceError, code: str) -> dict[str, Any]:
    """One ``BatchResultErrorEntry``: the entry's Id, ``SenderFault`` and the error's code and message."""
    return {"Id": entry_id, "SenderFault": True, "Code": code, "Message": error.message}
