"""Per-shard throughput on the virtual clock: sliding one-second windows (a pocketcloud model, documented here).

AWS states the limits per second — writes "up to 1,000 records per second, up to a maximum data write total of
1 MiB per second", reads "up to five transactions per second, up to a maximum data read total of 2 MiB per second"
(https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html) — but not how it measures a second.
pocketcloud measures over a sliding window: a write at virtual time *t* counts against its shard during
``(t, t + 1]``, so at any instant the shard holds what arrived in the last second. A record is accepted when the
window plus the record stays within 1,000 records and 1 MiB; otherwise it fails with
ProvisionedThroughputExceededException and counts for nothing. Nothing is random: the same calls at the same
virtual times are throttled the same way.

Large records (a stream whose MaxRecordSizeInKiB is above 1024) "temporarily burst beyond [the] sustained write
throughput, then [return] to [the] baseline rate over time"
(https://docs.aws.amazon.com/streams/latest/dev/large-records.html). pocketcloud's model: a record over 1 MiB is
accepted only when the shard wrote no bytes in the last second, and then stays in the window for ``size / 1 MiB``
seconds, so the shard still averages 1 MiB/s.

Reads are modelled the same way. A GetRecords call is refused when the shard already served five calls, or 2 MiB,
in the last second; the bytes a call returns stay in the window for ``max(1 s, bytes / 2 MiB)``. So a call that
returns the maximum of 10 MiB holds the shard for 5 seconds, exactly as the GetRecords reference says: "If a call
returns this amount of data, subsequent calls made within the next 5 seconds throw
ProvisionedThroughputExceededException"
(https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html). A refused call counts for nothing.

Windows are deques of ``[expires_at, records, bytes]`` entries; writes at the same instant share one entry, so a
PutRecords of 500 records costs one comparison per record and the window never holds more entries than there were
distinct instants in the last second.
"""

from __future__ import annotations

from collections import deque

from ... import limits

_WRITE_BYTES = limits.KINESIS_SHARD_WRITE_BYTES_PER_S
_WRITE_RECORDS = limits.KINESIS_SHARD_WRITE_RECORDS_PER_S
_READ_BYTES = limits.KINESIS_SHARD_READ_BYTES_PER_S
_READ_CALLS = limits.KINESIS_SHARD_READ_TRANSACTIONS_PER_S


class WriteWindow:
    """What one shard accepted in the last virtual second."""

    __slots__ = ("_entries", "bytes", "records")

    def __init__(self) -> None:
        self._entries: deque[list[float | int]] = deque()
        self.records = 0
        self.bytes = 0

    def _expire(self, now: float) -> None:
        entries = self._entries
        while entries and entries[0][0] <= now:
            _, records, size = entries.popleft()
            self.records -= int(records)
            self.bytes -= int(size)

    def admit(self, now: float, size: int) -> bool:
        """Count a record of ``size`` bytes written at ``now`` if the shard has room for it; say whether it had."""
        entries = self._entries
        if entries and entries[0][0] <= now:
            self._expire(now)
        if self.records >= _WRITE_RECORDS:
            return False
        if size > _WRITE_BYTES:
            if self.bytes:
                return False
            entries.append([now + size / _WRITE_BYTES, 1, size])
        else:
            if self.bytes + size > _WRITE_BYTES:
                return False
            expires = now + 1.0
            last = entries[-1] if entries else None
            if last is not None and last[0] == expires:
                last[1] += 1
                last[2] += size
            else:
                entries.append([expires, 1, size])
        self.records += 1
        self.bytes += size
        return True


class ReadWindow:
    """The GetRecords calls one shard served in the last virtual second, and the bytes they returned."""

    __slots__ = ("_entries", "bytes", "calls")

    def __init__(self) -> None:
        self._entries: deque[list[float | int]] = deque()
        self.calls = 0
        self.bytes = 0

    def _expire(self, now: float) -> None:
        entries = self._entries
        while entries and entries[0][0] <= now:
            _, calls, size = entries.popleft()
            self.calls -= int(calls)
            self.bytes -= int(size)

    def has_room(self, now: float) -> bool:
        """Whether a GetRecords call at ``now`` is within the shard's read limits."""
        if self._entries and self._entries[0][0] <= now:
            self._expire(now)
        return self.calls < _READ_CALLS and self.bytes < _READ_BYTES

    def record(self, now: float, size: int) -> None:
        """Count a served call that returned ``size`` bytes (call :meth:`has_room` first)."""
        self._entries.append([now + max(1.0, size / _READ_BYTES), 1, size])
        self.calls += 1
        self.bytes += size
