"""When an event source mapping's batch is ready: batch size, batching window and the payload limit.

"By default, Lambda batches records into a single payload (event) until one of the following conditions is met:
the batching window reaches its maximum value; the batch size is met; the payload size reaches 6 MB. You can't
modify this limit." With a window of 0 (the default for SQS, Kinesis and DynamoDB) the mapping invokes with what
one read returned. pocketcloud estimates a record's share of the payload from its body or data plus a fixed
envelope (:data:`RECORD_OVERHEAD_BYTES`, about what the metadata fields of an SQS or Kinesis record take) rather
than serialising every event twice.
https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html#invocation-eventsourcemapping-batching
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ... import limits

#: The payload limit of a batch: "the payload size reaches 6 MB" (the synchronous invocation payload limit).
PAYLOAD_LIMIT_BYTES = limits.LAMBDA_SYNC_PAYLOAD_MAX_BYTES
#: A record's JSON envelope around its body or data (ids, attributes, ARNs, region): a pocketcloud estimate.
RECORD_OVERHEAD_BYTES = 512

T = TypeVar("T")


@dataclass
class Gathering(Generic[T]):
    """Records collected for the next batch, since ``started_at`` (when the first of them was read)."""

    records: list[T] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    total_bytes: int = 0
    started_at: float | None = None

    def __len__(self) -> int:
        return len(self.records)

    def add(self, record: T, size: int, now: float) -> None:
        if self.started_at is None:
            self.started_at = now
        self.records.append(record)
        self.sizes.append(size + RECORD_OVERHEAD_BYTES)
        self.total_bytes += size + RECORD_OVERHEAD_BYTES

    def ready(self, batch_size: int, window_s: float, now: float) -> bool:
        """Full (batch size or payload limit reached) or its window is over."""
        if not self.records:
            return False
        if len(self.records) >= batch_size or self.total_bytes >= PAYLOAD_LIMIT_BYTES:
            return True
        return self.started_at is not None and now - self.started_at >= window_s

    def due_at(self, window_s: float) -> float | None:
        return None if self.started_at is None else self.started_at + window_s

    def take(self, batch_size: int) -> list[T]:
        """The next batch: at most ``batch_size`` records within the payload limit (always at least one)."""
        count = 0
        total = 0
        for size in self.sizes:
            if count >= batch_size or (count and total + size > PAYLOAD_LIMIT_BYTES):
                break
            total += size
            count += 1
        batch = self.records[:count]
        del self.records[:count]
        del self.sizes[:count]
        self.total_bytes -= total
        self.started_at = self.started_at if self.records else None
        return batch
