"""One queue's messages: delays, visibility timeouts, retention, receipt handles, FIFO message groups, DLQ moves.

A message is in one of four states: *delayed* (sent with a delay that has not passed), *visible* (can be
received), *in flight* (received, not deleted, its visibility timeout running) or *gone*. Nothing here runs on a
timer: every operation first calls :meth:`Queue.refresh` with the virtual time, which moves what became due
(delays that ended, visibility timeouts that expired, messages past the retention period). So a queue costs
nothing while the clock runs, and the same calls at the same virtual times always give the same answers.

Behaviours, from the SQS developer guide:

* Visibility timeout: "When a consumer receives and processes a message from a queue, the message remains in
  the queue ... Amazon SQS sets a visibility timeout, a period of time during which Amazon SQS prevents all
  consumers from receiving and processing the message"; when it expires the message is visible again and its
  ApproximateReceiveCount goes up with each receive.
  https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
* Standard queues: "best-effort ordering". pocketcloud returns visible messages oldest first (a model: AWS
  samples servers and may return any order).
  https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/standard-queues.html
* FIFO queues: messages of a group in the order sent; "When you receive a message with a message group ID, no
  more messages for the same message group ID are returned unless you delete the message, or it becomes
  visible", and a receive first returns "as many messages with the same message group ID as possible".
  https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html
* Dead-letter queues: "When the ReceiveCount for a message exceeds the maxReceiveCount for a queue, Amazon SQS
  moves the message to the dead-letter-queue" (on the receive that would exceed it). For standard queues the
  moved message keeps its original enqueue time for retention; for FIFO queues it restarts.
  https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
* Receipt handles: "If you receive the same message more than once, you will get a different ReceiptHandle each
  time ... If you use an old ReceiptHandle, the request will succeed, but the message might not be deleted"
  (pocketcloud: it is not deleted). On a FIFO queue an expired handle is refused.
  https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html
"""

from __future__ import annotations

import base64
import binascii
import heapq
import json
from collections import deque
from collections.abc import Callable
from typing import Any

from ... import limits
from ...errors import ServiceError
from ...timeutil import epoch_millis
from .errors import invalid_value, receipt_handle_is_invalid
from .messages import DELAYED, GONE, IN_FLIGHT, VISIBLE, Message

_HANDLE_PREFIX = "AQEB"
#: Rebuild the timer heaps when this many superseded entries pile up (and they outnumber live messages).
_COMPACT_AT = 4096
_SEQUENCE_BASE = 18_849_496_460_467_696_128  # the magnitude of AWS's FIFO sequence numbers (20 digits)


class Queue:
    """The message store of one queue. :class:`~.service.SqsService` owns queues and checks requests."""

    def __init__(
        self, uid: int, name: str, url: str, arn: str, fifo: bool, attributes: dict[str, str], now: float
    ) -> None:
        self.uid = uid
        self.name = name
        self.url = url
        self.arn = arn
        self.fifo = fifo
        self.attributes = attributes
        self.tags: dict[str, str] = {}
        self.created_at = now
        self.last_modified = now
        self.purged_at: float | None = None
        self.messages: dict[int, Message] = {}
        self.n_visible = 0
        self.n_in_flight = 0
        self.n_delayed = 0
        self._seq = 0
        self._garbage = 0
        self._pending: list[tuple[float, int, int, Message]] = []  # (visible_at, seq, version, message)
        self._by_age: list[tuple[float, int, Message]] = []  # (enqueued_at, seq, message)
        self._visible: list[tuple[int, int, Message]] = []  # standard queues: (seq, version, message)
        self._groups: dict[str, list[tuple[int, int, Message]]] = {}  # FIFO: visible messages per group
        self._group_in_flight: dict[str, int] = {}
        self._ready: list[tuple[int, str]] = []  # FIFO: (head seq, group) of groups that may be received
        self._dedup: dict[tuple[str, str], tuple[float, str, str | None]] = {}
        self._dedup_order: deque[tuple[float, tuple[str, str]]] = deque()
        self.apply()

    # -- attributes ----------------------------------------------------------------------------------------------
    def apply(self) -> None:
        """Cache the numbers the hot paths need from the (string) attributes."""
        attrs = self.attributes
        self.visibility_timeout = int(attrs["VisibilityTimeout"])
        self.delay_seconds = int(attrs["DelaySeconds"])
        self.retention = int(attrs["MessageRetentionPeriod"])
        self.max_message_size = int(attrs["MaximumMessageSize"])
        self.wait_time = int(attrs["ReceiveMessageWaitTimeSeconds"])
        self.content_dedup = attrs.get("ContentBasedDeduplication") == "true"
        self.dedup_per_group = attrs.get("DeduplicationScope") == "messageGroup"
        redrive = attrs.get("RedrivePolicy")
        if redrive:
            policy = json.loads(redrive)
            self.dead_letter_arn: str | None = policy["deadLetterTargetArn"]
            self.max_receive_count = int(policy["maxReceiveCount"])
        else:
            self.dead_letter_arn = None
            self.max_receive_count = 0

    def allows_dead_letter_source(self, source_arn: str) -> bool:
        """Whether this queue's RedriveAllowPolicy lets ``source_arn`` use it as its dead-letter queue."""
        raw = self.attributes.get("RedriveAllowPolicy")
        if not raw:
            return True
        policy = json.loads(raw)
        permission = policy.get("redrivePermission")
        if permission == "denyAll":
            return False
        if permission == "byQueue":
            return source_arn in policy.get("sourceQueueArns", [])
        return True

    # -- time ------------------------------------------------------------------------------------------------------
    def refresh(self, now: float) -> None:
        """Apply everything due by ``now``: ended delays and visibility timeouts, then expired messages."""
        if self._garbage > _COMPACT_AT and self._garbage > len(self.messages):
            self._compact()
        pending = self._pending
        while pending and pending[0][0] <= now:
            _at, _seq, version, message = heapq.heappop(pending)
            if message.version != version or message.state in (GONE, VISIBLE):
                continue
            if message.state == IN_FLIGHT:
                self.n_in_flight -= 1
                if self.fifo:
                    self._release_group(message.group_id or "")
            else:
                self.n_delayed -= 1
            self._make_visible(message)
        by_age = self._by_age
        horizon = now - self.retention
        while by_age and by_age[0][0] <= horizon:
            _at, seq, message = heapq.heappop(by_age)
            if message.state != GONE and self.messages.get(seq) is message:
                self.remove(message)
        if self.fifo and self._dedup_order:
            order = self._dedup_order
            while order and order[0][0] <= now:
                expires, key = order.popleft()
                if self._dedup.get(key, (None,))[0] == expires:
                    del self._dedup[key]

    def next_change(self) -> float | None:
        """The next virtual time a message of this queue may become visible (for long polls)."""
        return self._pending[0][0] if self._pending else None

    # -- sending -----------------------------------------------------------------------------------------------
    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def sequence_number(self, seq: int) -> str:
        """FIFO SequenceNumber: "The large, non-consecutive number that Amazon SQS assigns to each message"
        (pocketcloud: a fixed 20-digit base plus a per-queue step)."""
        return str(_SEQUENCE_BASE + self.uid * 1_000_000_000_000 + seq * 65_536)

    def duplicate_of(self, dedup_id: str, group_id: str, now: float) -> tuple[str, str | None] | None:
        """(MessageId, SequenceNumber) of a message sent with this deduplication ID in the last 5 minutes."""
        found = self._dedup.get((group_id if self.dedup_per_group else "", dedup_id))
        if found is None or found[0] <= now:
            return None
        return found[1], found[2]

    def remember(self, message: Message, now: float) -> None:
        key = ((message.group_id or "") if self.dedup_per_group else "", message.deduplication_id or "")
        expires = now + limits.SQS_DEDUPLICATION_INTERVAL_S
        self._dedup[key] = (expires, message.message_id, message.sequence_number)
        self._dedup_order.append((expires, key))

    def add(self, message: Message, delay: int, now: float) -> None:
        """Store a checked message (sent, or moved here as a dead letter)."""
        self.messages[message.seq] = message
        heapq.heappush(self._by_age, (message.enqueued_at, message.seq, message))
        if delay > 0:
            message.state = DELAYED
            message.visible_at = now + delay
            self.n_delayed += 1
            heapq.heappush(self._pending, (message.visible_at, message.seq, message.version, message))
        else:
            self._make_visible(message)

    def _make_visible(self, message: Message) -> None:
        message.state = VISIBLE
        message.version += 1
        self.n_visible += 1
        entry = (message.seq, message.version, message)
        if not self.fifo:
            heapq.heappush(self._visible, entry)
            return
        group_id = message.group_id or ""
        heap = self._groups.get(group_id)
        if heap is None:
            heap = self._groups[group_id] = []
        heapq.heappush(heap, entry)
        self._offer(group_id)

    # -- receiving ---------------------------------------------------------------------------------------------
    def receive(
        self, count: int, visibility_timeout: int, now: float, dead_letter: Callable[[Message], bool] | None
    ) -> list[Message]:
        """Take up to ``count`` visible messages and put them in flight (``dead_letter(message)`` moves one that
        has been received maxReceiveCount times to the DLQ, returning False when it cannot)."""
        if self.n_in_flight >= limits.SQS_MAX_IN_FLIGHT:
            if not self.fifo:
                # AWS documents the error code (OverLimit) but not its wording: pocketcloud's.
                most = limits.SQS_MAX_IN_FLIGHT
                text = f"The queue has reached the maximum of approximately {most} in-flight messages."
                raise ServiceError("OverLimit", text, 403)
            return []
        count = min(count, limits.SQS_MAX_IN_FLIGHT - self.n_in_flight)
        out: list[Message] = []
        if self.fifo:
            self._receive_fifo(count, out, dead_letter)
        else:
            visible = self._visible
            pop = heapq.heappop
            limit = self.max_receive_count
            while visible and len(out) < count:
                _seq, version, message = pop(visible)
                if message.version != version or message.state != VISIBLE:
                    continue
                if limit and message.receive_count >= limit and dead_letter is not None and dead_letter(message):
                    self.n_visible -= 1
                    self._forget(message)
                    continue
                out.append(message)
        for message in out:
            self._take(message, visibility_timeout, now)
        return out

    def _receive_fifo(self, count: int, out: list[Message], dead_letter: Callable[[Message], bool] | None) -> None:
        ready = self._ready
        limit = self.max_receive_count
        while ready and len(out) < count:
            head, group_id = heapq.heappop(ready)
            if self._group_in_flight.get(group_id):
                continue
            heap = self._groups.get(group_id)
            self._clean(heap)
            if not heap or heap[0][0] != head:
                continue
            taken = 0
            while heap and len(out) < count:
                _seq, version, message = heapq.heappop(heap)
                if message.version != version or message.state != VISIBLE:
                    continue
                if limit and message.receive_count >= limit and dead_letter is not None and dead_letter(message):
                    self.n_visible -= 1
                    self._forget(message)
                    continue
                out.append(message)
                taken += 1
            if taken:
                self._group_in_flight[group_id] = self._group_in_flight.get(group_id, 0) + taken
            else:
                self._offer(group_id)

    def _take(self, message: Message, visibility_timeout: int, now: float) -> None:
        self.n_visible -= 1
        self.n_in_flight += 1
        message.state = IN_FLIGHT
        message.receive_count += 1
        if message.first_received_at is None:
            message.first_received_at = now
        message.last_received_at = now
        message.version += 1
        message.visible_at = now + visibility_timeout
        raw = f"{self.uid}:{message.seq}:{message.receive_count}".encode()
        message.handle = _HANDLE_PREFIX + base64.b64encode(raw).decode()
        heapq.heappush(self._pending, (message.visible_at, message.seq, message.version, message))

    def _clean(self, heap: list[tuple[int, int, Message]] | None) -> None:
        while heap and (heap[0][2].version != heap[0][1] or heap[0][2].state != VISIBLE):
            heapq.heappop(heap)

    def _offer(self, group_id: str) -> None:
        """Make a FIFO group receivable again (when nothing of it is in flight and it has a visible head)."""
        if self._group_in_flight.get(group_id):
            return
        heap = self._groups.get(group_id)
        self._clean(heap)
        if heap:
            heapq.heappush(self._ready, (heap[0][0], group_id))
        elif heap is not None:
            del self._groups[group_id]

    def _release_group(self, group_id: str) -> None:
        left = self._group_in_flight.get(group_id, 0) - 1
        if left > 0:
            self._group_in_flight[group_id] = left
            return
        self._group_in_flight.pop(group_id, None)
        self._offer(group_id)

    # -- handles ---------------------------------------------------------------------------------------------------
    def by_handle(self, handle: str) -> tuple[Message | None, bool]:
        """(the message a receipt handle names, whether the handle is its latest); ReceiptHandleIsInvalid for a
        handle this queue never gave out."""
        try:
            if not handle.startswith(_HANDLE_PREFIX):
                raise ValueError(handle)
            uid, seq, count = (int(part) for part in base64.b64decode(handle[4:], validate=True).split(b":"))
        except (ValueError, binascii.Error):
            raise receipt_handle_is_invalid(handle) from None
        if uid != self.uid:
            raise receipt_handle_is_invalid(handle)
        message = self.messages.get(seq)
        if message is None:
            return None, False
        return message, message.handle == handle and message.receive_count == count

    def delete(self, handle: str, keep_copy: bool) -> None:
        """DeleteMessage. ``keep_copy``: the at-least-once model (see :class:`~.service.SqsSettings`) keeps this
        copy, which comes back when its visibility timeout ends."""
        message, latest = self.by_handle(handle)
        if self.fifo and message is not None and (not latest or message.state != IN_FLIGHT):
            raise invalid_value("ReceiptHandle", handle, "The receipt handle has expired.")
        if message is None or not latest:
            return
        if keep_copy and message.state == IN_FLIGHT:
            message.handle = None
            return
        self.remove(message)

    def change_visibility(self, handle: str, timeout: int, now: float) -> None:
        """ChangeMessageVisibility: the new timeout counts from now; 0 makes the message visible at once."""
        message, latest = self.by_handle(handle)
        if message is None or not latest:
            raise invalid_value(
                "ReceiptHandle", handle, "Message does not exist or is not available for visibility timeout change."
            )
        if message.state != IN_FLIGHT:
            raise ServiceError("MessageNotInflight", "The message referred to is not in flight.")
        if now - message.last_received_at + timeout > limits.SQS_VISIBILITY_TIMEOUT_MAX_S:
            raise invalid_value(
                "VisibilityTimeout",
                timeout,
                f"Total VisibilityTimeout for the message is beyond the limit [{limits.SQS_VISIBILITY_TIMEOUT_MAX_S} "
                "seconds]",
            )
        message.version += 1
        message.visible_at = now + timeout
        self._garbage += 1
        heapq.heappush(self._pending, (message.visible_at, message.seq, message.version, message))
        if timeout == 0:
            self.refresh(now)

    # -- removal -----------------------------------------------------------------------------------------------
    def remove(self, message: Message) -> None:
        """A message leaves the queue (deleted, expired or purged)."""
        state = message.state
        if state == VISIBLE:
            self.n_visible -= 1
        elif state == IN_FLIGHT:
            self.n_in_flight -= 1
            if self.fifo:
                message.state = GONE
                self._release_group(message.group_id or "")
        elif state == DELAYED:
            self.n_delayed -= 1
        self._forget(message)

    def _forget(self, message: Message) -> None:
        message.state = GONE
        self.messages.pop(message.seq, None)
        self._garbage += 1

    def _compact(self) -> None:
        """Drop superseded heap entries (deleted messages, old timers) so that memory follows live messages."""
        live = list(self.messages.values())
        self._pending = [(m.visible_at, m.seq, m.version, m) for m in live if m.state in (DELAYED, IN_FLIGHT)]
        heapq.heapify(self._pending)
        self._by_age = [(m.enqueued_at, m.seq, m) for m in live]
        heapq.heapify(self._by_age)
        visible = [(m.seq, m.version, m) for m in live if m.state == VISIBLE]
        if self.fifo:
            groups: dict[str, list[tuple[int, int, Message]]] = {}
            for entry in visible:
                groups.setdefault(entry[2].group_id or "", []).append(entry)
            for heap in groups.values():
                heapq.heapify(heap)
            self._groups = groups
            self._ready = []
            for group_id in groups:
                self._offer(group_id)
        else:
            heapq.heapify(visible)
            self._visible = visible
        self._garbage = 0

    def purge(self, now: float) -> None:
        """PurgeQueue: every message goes (pocketcloud removes them at once; AWS "may take up to 60 seconds")."""
        for message in self.messages.values():
            message.state = GONE
        self.messages.clear()
        self._pending.clear()
        self._by_age.clear()
        self._visible.clear()
        self._groups.clear()
        self._group_in_flight.clear()
        self._ready.clear()
        self._dedup.clear()
        self._dedup_order.clear()
        self.n_visible = self.n_in_flight = self.n_delayed = 0
        self._garbage = 0
        self.purged_at = now

    # -- reading -----------------------------------------------------------------------------------------------
    def system_attributes(self, message: Message, names: frozenset[str]) -> dict[str, str]:
        """The message system attributes a receiver asked for (``All`` for every one that applies)."""
        every = "All" in names
        out: dict[str, str] = {}

        def want(name: str) -> bool:
            return every or name in names

        if want("SenderId"):
            out["SenderId"] = message.sender_id
        if want("SentTimestamp"):
            out["SentTimestamp"] = str(epoch_millis(message.sent_at))
        if want("ApproximateReceiveCount"):
            out["ApproximateReceiveCount"] = str(message.receive_count)
        if want("ApproximateFirstReceiveTimestamp"):
            out["ApproximateFirstReceiveTimestamp"] = str(epoch_millis(message.first_received_at or message.sent_at))
        trace = (message.system_attributes or {}).get("AWSTraceHeader")
        if trace is not None and want("AWSTraceHeader"):
            out["AWSTraceHeader"] = str(trace.get("StringValue", ""))
        if message.sequence_number is not None and want("SequenceNumber"):
            out["SequenceNumber"] = message.sequence_number
        if message.deduplication_id is not None and want("MessageDeduplicationId"):
            out["MessageDeduplicationId"] = message.deduplication_id
        if message.group_id is not None and want("MessageGroupId"):
            out["MessageGroupId"] = message.group_id
        if message.dead_letter_source_arn is not None and want("DeadLetterQueueSourceArn"):
            out["DeadLetterQueueSourceArn"] = message.dead_letter_source_arn
        return out

    def counts(self) -> dict[str, Any]:
        return {
            "ApproximateNumberOfMessages": str(self.n_visible),
            "ApproximateNumberOfMessagesNotVisible": str(self.n_in_flight),
            "ApproximateNumberOfMessagesDelayed": str(self.n_delayed),
        }
