"""The SQS poller of an event source mapping: receive, filter, batch, invoke, delete.

How Lambda processes an SQS queue (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html):

* "Lambda polls the queue and invokes your function synchronously with an event ... When your function
  successfully processes a batch, Lambda deletes its messages from the queue." Received messages stay in the queue,
  invisible for the queue's visibility timeout; "if your function encounters an error while processing a batch, all
  messages in that batch become visible in the queue again after the visibility timeout expires", their
  ApproximateReceiveCount grows, and the queue's own redrive policy moves them to its dead-letter queue at
  ``maxReceiveCount`` (that is SQS's doing: the poller only receives and deletes, through the public client).
* With ``ReportBatchItemFailures`` only the messages the function names stay (see :mod:`.batch_response`).
* Filtered messages are deleted at once (:mod:`..filtering`).
* Scaling (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html): "When messages are available,
  Lambda starts processing five batches at a time with five concurrent invocations of your function. If messages
  are still available, Lambda increases the number of processes that are reading batches by up to 300 more
  concurrent invokes per minute. The maximum number of invokes that an event source mapping can process
  simultaneously is 1,250." ``ScalingConfig.MaximumConcurrency`` (2-1,000) caps it. pocketcloud adds 5 batches
  for each second the poller found all its batches busy and the queue still had messages (300 a minute), and
  returns to 5 when the queue is empty (AWS "can optimize to as few as 2 concurrent invokes" at low traffic; the
  model keeps 5).
* Errors back off (services-sqs-errorhandling): "If your function code caused the error, Lambda will stop
  processing and retrying the invocation. In the meantime, Lambda gradually backs off, reducing the amount of
  concurrency" — pocketcloud takes 5 batches away per failed batch, down to 1 — "When ReportBatchItemFailures is
  activated, Lambda doesn't scale down message polling when function invocations fail." "If the invocation fails
  due to throttling, Lambda gradually backs off retries ... Lambda continues to retry the message until the
  message's timestamp exceeds your queue's visibility timeout": a throttled batch is retried after 1, 2, 4 ...
  seconds while its messages are still invisible, then left to reappear.
* FIFO queues: SQS itself hands out one message group at a time, so batches of a group run in order and a failed
  batch holds its group until its messages return ("the function attempts all retries on the affected messages
  before Lambda receives additional messages from the same group").

Polling is on the virtual clock. A long poll answers as soon as a message arrives; an idle pocketcloud poller
looks again every :data:`IDLE_POLL_S` (the model's granularity), as a background event that does not keep
``cloud.run()`` going once the queue has been found empty.
"""

from __future__ import annotations

import base64
import heapq
from typing import TYPE_CHECKING, Any

from ....errors import ClientError
from ....kernel import Timer
from .. import filtering
from ..batching import Gathering
from ..destinations import queue_url
from . import batch_response
from .activity import ActivityLog
from .invoking import invoke_batch

if TYPE_CHECKING:
    from ..invoke import Invocation
    from ..service import LambdaService
    from .model import EventSourceMapping

#: How often an idle poller looks at an empty queue (a model of Lambda's 20-second long polls).
IDLE_POLL_S = 1.0
#: "Lambda starts processing five batches at a time"; "up to 300 more concurrent invokes per minute"; "1,250".
START_CONCURRENCY = 5
SCALE_STEP = 5
SCALE_INTERVAL_S = 1.0
MAX_CONCURRENCY = 1_250
_ATTRIBUTE_ORDER = (
    "ApproximateReceiveCount",
    "AWSTraceHeader",
    "SentTimestamp",
    "SequenceNumber",
    "MessageGroupId",
    "SenderId",
    "MessageDeduplicationId",
    "ApproximateFirstReceiveTimestamp",
    "DeadLetterQueueSourceArn",
)


def _message_attributes(attributes: dict[str, Any]) -> dict[str, Any]:
    """SQS message attributes as Lambda's event spells them (``stringValue``/``binaryValue``, ``dataType``)."""
    out: dict[str, Any] = {}
    for name, value in attributes.items():
        entry: dict[str, Any] = {}
        if "StringValue" in value:
            entry["stringValue"] = value["StringValue"]
        if "BinaryValue" in value:
            entry["binaryValue"] = base64.b64encode(value["BinaryValue"]).decode("ascii")
        entry["stringListValues"] = []
        entry["binaryListValues"] = []
        entry["dataType"] = value["DataType"]
        out[name] = entry
    return out


def lambda_record(message: dict[str, Any], queue_arn: str, region: str) -> dict[str, Any]:
    """One received message as a record of Lambda's SQS event (https://docs.aws.amazon.com/lambda/latest/dg/
    with-sqs.html, "Example standard queue message event" and "Example FIFO queue message event")."""
    system = message.get("Attributes", {})
    record: dict[str, Any] = {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": {name: system[name] for name in _ATTRIBUTE_ORDER if name in system},
        "messageAttributes": _message_attributes(message.get("MessageAttributes", {})),
    }
    if "MD5OfMessageAttributes" in message:
        record["md5OfMessageAttributes"] = message["MD5OfMessageAttributes"]
    record["md5OfBody"] = message["MD5OfBody"]
    record["eventSource"] = "aws:sqs"
    record["eventSourceARN"] = queue_arn
    record["awsRegion"] = region
    return record


class SqsPoller:
    """Polls one queue for one mapping. ``concurrency`` is how many batches may be in flight at once."""

    def __init__(self, service: LambdaService, esm: EventSourceMapping) -> None:
        self.service = service
        self.esm = esm
        self.cloud = service.cloud
        self.sqs: Any = self.cloud.client("sqs")
        self.url = queue_url(esm.source_arn)
        self.fifo = esm.source_arn.endswith(".fifo")
        self.name = esm.source_arn.split(":")[-1]
        self.running = False
        self.concurrency = 0
        self.in_flight = 0
        self.idle_mark = -1
        self.last_scaled = 0.0
        self.backlog = False  # the last receive found messages
        self.free_slots: list[int] = []  # numbers of batch slots not in use (for the activity log)
        self.slots_used = 0
        self.gathering: Gathering[dict[str, Any]] = Gathering()
        self.timer: Timer | None = None
        self.log: ActivityLog = esm.activity
        self.log.pollers = {"sqs": esm.source_arn}

    # -- lifecycle -------------------------------------------------------------------------------------------
    def start(self) -> None:
        if self.running:
            return
        self.running = True
        self.concurrency = self._ceiling(START_CONCURRENCY)
        self.last_scaled = self.cloud.now
        self._wake(0.0)

    def stop(self) -> None:
        self.running = False
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def idle(self) -> bool:
        """For ``cloud.run()``: nothing in flight, nothing gathered, and the queue found empty since the last
        foreground event."""
        if not self.running:
            return True
        return self.in_flight == 0 and not self.gathering and self.idle_mark == self.cloud.kernel.activity

    def _ceiling(self, wanted: int) -> int:
        cap = MAX_CONCURRENCY if self.esm.max_concurrency is None else self.esm.max_concurrency
        return max(1, min(wanted, cap))

    def _wake(self, delay: float) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.timer = self.cloud.kernel.schedule(delay, self._tick, background=True)

    # -- polling ---------------------------------------------------------------------------------------------
    def _tick(self) -> None:
        self.timer = None
        if not self.running or not self.esm.polling:
            return
        esm = self.esm
        now = self.cloud.now
        found_messages = False
        while self.in_flight < self.concurrency:
            messages = self._receive(min(10, esm.batch_size - len(self.gathering)))
            if messages is None:  # the queue could not be read (deleted?): look again later
                self._wake(IDLE_POLL_S)
                return
            self.backlog = bool(messages)
            if messages:
                found_messages = True
                self._gather(messages, now)
                if self.gathering.ready(esm.batch_size, esm.window_s, now):
                    self._dispatch(self.gathering.take(esm.batch_size))
                continue
            if self.gathering and (not esm.window_s or self.gathering.ready(esm.batch_size, esm.window_s, now)):
                self._dispatch(self.gathering.take(esm.batch_size))
                continue
            break
        if self.in_flight >= self.concurrency:
            if self.backlog and self._scale_up(now):
                self._wake(0.0)
            elif self.backlog and self.concurrency < self._ceiling(MAX_CONCURRENCY):
                self._wake(max(0.0, self.last_scaled + SCALE_INTERVAL_S - now))
            return  # otherwise a finishing batch wakes the poller
        if not found_messages and not self.gathering and self.in_flight == 0:
            self.idle_mark = self.cloud.kernel.activity
            if self.concurrency > self._ceiling(START_CONCURRENCY):
                self.concurrency = self._ceiling(START_CONCURRENCY)
                self.last_scaled = now
                self.log.add(now, "sqs", "scale", self.concurrency, "queue empty: back to the starting concurrency")
        due = self.gathering.due_at(esm.window_s)
        self._wake(IDLE_POLL_S if due is None else max(0.0, min(IDLE_POLL_S, due - now)))

    def _receive(self, count: int) -> list[dict[str, Any]] | None:
        try:
            response = self.sqs.receive_message(
                QueueUrl=self.url,
                MaxNumberOfMessages=max(1, count),
                MessageSystemAttributeNames=["All"],
                MessageAttributeNames=["All"],
                WaitTimeSeconds=0,
            )
        except ClientError as error:
            self.log.add(self.cloud.now, "sqs", "poll", 0, f"error: {error.response['Error']['Code']}")
            return None
        messages: list[dict[str, Any]] = response.get("Messages", [])
        if messages:
            self.log.add(self.cloud.now, "sqs", "poll", len(messages))
        return messages

    def _gather(self, messages: list[dict[str, Any]], now: float) -> None:
        patterns = self.esm.patterns
        filtered: list[dict[str, Any]] = []
        for message in messages:
            if patterns and not filtering.matches_sqs(patterns, message["Body"]):
                filtered.append(message)
                continue
            self.gathering.add(message, len(message["Body"]), now)
        if filtered:
            self.log.add(now, "sqs", "filter", len(filtered), "did not match FilterCriteria: deleted")
            self._delete(filtered)

    def _scale_up(self, now: float) -> bool:
        """Five more concurrent batches, at most once a second, while messages wait and every batch is busy."""
        if now - self.last_scaled < SCALE_INTERVAL_S - 1e-9:
            return False
        wanted = self._ceiling(self.concurrency + SCALE_STEP)
        if wanted <= self.concurrency:
            return False
        self.concurrency = wanted
        self.last_scaled = now
        self.log.add(now, "sqs", "scale", wanted, "messages still available: more concurrent batches")
        return True

    def _scale_down(self, now: float, why: str) -> None:
        lowered = max(1, self.concurrency - SCALE_STEP)
        if lowered < self.concurrency:
            self.concurrency = lowered
            self.log.add(now, "sqs", "scale", lowered, why)

    # -- batches ---------------------------------------------------------------------------------------------
    def _new_slot(self) -> int:
        self.slots_used += 1
        return self.slots_used

    def _dispatch(
        self, batch: list[dict[str, Any]], backoff: float = 1.0, first_try: float | None = None, retry_slot: int = 0
    ) -> None:
        if first_try is None:
            self.in_flight += 1
            first_try = self.cloud.now
            slot = heapq.heappop(self.free_slots) if self.free_slots else self._new_slot()
        else:
            slot = retry_slot
        region = self.cloud.region
        event = {"Records": [lambda_record(m, self.esm.source_arn, region) for m in batch]}
        poller = f"sqs batch slot {slot}"

        def done(invocation: Invocation) -> None:
            self._finished(batch, invocation, poller, slot)

        problem = invoke_batch(self.service, self.esm, event, done)
        now = self.cloud.now
        if problem is None:
            self.log.add(now, poller, "invoke", len(batch))
            return
        if not problem.throttled:
            self.log.add(now, poller, "result", len(batch), f"not invoked: {problem.reason}")
            self._release(slot)
            return
        self.log.add(now, poller, "throttled", len(batch), problem.reason)
        if not self.esm.reports_item_failures:
            self._scale_down(now, "throttled: fewer concurrent batches")
        visible_at = first_try + self.visibility_timeout()
        if now + backoff < visible_at:
            self.cloud.kernel.schedule(backoff, self._dispatch, batch, min(backoff * 2, 300.0), first_try, slot)
        else:
            self.log.add(now, poller, "result", len(batch), "gave up retrying: the messages return to the queue")
            self._release(slot)

    def visibility_timeout(self) -> float:
        try:
            attributes = self.sqs.get_queue_attributes(QueueUrl=self.url, AttributeNames=["VisibilityTimeout"])
        except ClientError:
            return 0.0
        return float(attributes.get("Attributes", {}).get("VisibilityTimeout", 30))

    def _finished(self, batch: list[dict[str, Any]], invocation: Invocation, poller: str, slot: int) -> None:
        now = self.cloud.now
        esm = self.esm
        if invocation.function_error is not None:
            self.log.add(now, poller, "result", len(batch), f"function error ({invocation.request_id}): batch stays")
            if not esm.reports_item_failures:
                self._scale_down(now, "function error: fewer concurrent batches")
            self._release(slot)
            return
        ids = {m["MessageId"] for m in batch}
        outcome = batch_response.read(invocation.payload, ids, esm.reports_item_failures, windowed=False)
        if outcome.complete_failure:
            self.log.add(now, poller, "result", len(batch), f"complete failure: {outcome.reason}")
            self._release(slot)
            return
        failed = set(outcome.failed)
        done = [m for m in batch if m["MessageId"] not in failed]
        detail = f"OK ({invocation.request_id})" if not failed else f"{len(failed)} reported failed"
        self.log.add(now, poller, "result", len(batch), detail)
        self._delete(done)
        self._release(slot)

    def _delete(self, messages: list[dict[str, Any]]) -> None:
        for start in range(0, len(messages), 10):
            chunk = messages[start : start + 10]
            entries = [{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(chunk)]
            try:
                self.sqs.delete_message_batch(QueueUrl=self.url, Entries=entries)
            except ClientError as error:
                self.log.add(self.cloud.now, "sqs", "delete", 0, f"error: {error.response['Error']['Code']}")
                return
        if messages:
            self.log.add(self.cloud.now, "sqs", "delete", len(messages))

    def _release(self, slot: int) -> None:
        self.in_flight -= 1
        heapq.heappush(self.free_slots, slot)
        if self.running:
            self._wake(0.0)
