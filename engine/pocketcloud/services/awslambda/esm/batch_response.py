"""Reading what a function answered for a batch: partial batch responses and tumbling-window state.

With ``FunctionResponseTypes=["ReportBatchItemFailures"]`` a function returns ``{"batchItemFailures":
[{"itemIdentifier": "<message ID or sequence number>"}]}``. The guide lists the outcomes exactly:

* a complete success: "An empty batchItemFailures list; A null batchItemFailures list; An empty EventResponse; A
  null EventResponse";
* a complete failure: "An invalid JSON response; An empty string itemIdentifier; A null itemIdentifier; An
  itemIdentifier with a bad key name; An itemIdentifier value with a message ID that doesn't exist" — and "If your
  function throws an exception, the entire batch is considered a complete failure".
https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting
https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html

"Even when your function code returns partial batch failure responses, these responses will not be processed by
Lambda unless the ReportBatchItemFailures feature is explicitly turned on." A response that is JSON but not an
object (a string, a number) reports no failures: a pocketcloud reading, since the guide calls only *invalid* JSON
a failure. With tumbling windows "your Lambda function response must contain a state property. If the response
does not contain a state property, Lambda considers this a failed invocation."
https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-windows.html
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class BatchOutcome:
    """``failed`` holds the identifiers the function reported; ``complete_failure`` means all of the batch."""

    complete_failure: bool = False
    failed: list[str] = field(default_factory=list)
    state: Any = None
    reason: str = ""


def _decode(payload: bytes) -> tuple[bool, Any]:
    if not payload.strip():
        return True, None
    try:
        return True, json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        return False, None


def read(payload: bytes, identifiers: set[str], report_failures: bool, windowed: bool) -> BatchOutcome:
    """What a successful (no function error) invocation's response means for its batch."""
    valid, response = _decode(payload)
    if windowed and (not isinstance(response, dict) or "state" not in response):
        return BatchOutcome(True, reason="the response of a tumbling-window invocation has no state property")
    state = response.get("state") if isinstance(response, dict) else None
    if not report_failures:
        return BatchOutcome(state=state)
    if not valid:
        return BatchOutcome(True, reason="the partial batch response is not valid JSON")
    if not isinstance(response, dict):
        return BatchOutcome(state=state)
    failures = response.get("batchItemFailures")
    if failures is None:
        return BatchOutcome(state=state)
    if not isinstance(failures, list):
        return BatchOutcome(True, reason="batchItemFailures is not a list")
    failed: list[str] = []
    for entry in failures:
        identifier = entry.get("itemIdentifier") if isinstance(entry, dict) else None
        if not isinstance(identifier, str) or not identifier:
            return BatchOutcome(True, reason=f"invalid batchItemFailures entry {json.dumps(entry)[:100]}")
        if identifier not in identifiers:
            return BatchOutcome(True, reason=f"itemIdentifier {identifier[:100]} is not in the batch")
        failed.append(identifier)
    return BatchOutcome(failed=failed, state=state)
