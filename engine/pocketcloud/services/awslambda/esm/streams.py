"""Stream event source mappings (Kinesis, DynamoDB Streams): shards, lanes, in-order batches, retries, windows.

What the guides say, and how pocketcloud models it:

* One reader per shard polls "each shard ... at a base rate of once per second" (Kinesis; DynamoDB: "4 times per
  second"), reusing each GetRecords' NextShardIterator (iterators expire after 5 minutes; an expired one is
  replaced from the last record read). A closed shard is read to its end; then its children start ("Lambda
  ... processes the parent shard before it processes the child shards").
  https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
* ``ParallelizationFactor`` (1-10) "set[s] the number of concurrent batches per shard"; records go to one of that
  many *lanes* by a hash of their partition key, so "Lambda ... still ensures in-order processing at the
  partition-key level". With the default of 1 a shard is one lane: "one concurrent invocation per shard".
* Batches: up to ``BatchSize`` records, waiting up to ``MaximumBatchingWindowInSeconds``, within 6 MB
  (:mod:`..batching`); records that fail ``FilterCriteria`` are passed over (:mod:`..filtering`).
* Errors block their lane: "If the function is invoked but returns an error, Lambda retries until the records
  expire, exceed the maximum age (MaximumRecordAgeInSeconds), or reach the configured retry quota
  (MaximumRetryAttempts)"; "BisectBatchOnFunctionError ... splits a failed batch into two smaller batches ...
  Splitting batches doesn't consume the retry quota." Throttling ("Before invocation") is retried until the
  records expire or reach the maximum age, without using the retry quota. A batch Lambda gives up on goes to the
  on-failure destination with its ``KinesisBatchInfo``/``DDBStreamBatchInfo`` (condition
  ``RetryAttemptsExhausted`` or ``RecordAgeExceeded``) and processing continues.
  https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html
  pocketcloud retries a failed batch at the lane's next poll (one poll interval later).
* ``IteratorAge`` (AWS/Lambda, Milliseconds): "the age of the last record in the event ... the time between when a
  stream receives the record and when the event source mapping sends the event to the function", one data point per
  batch sent (:func:`.invoking.invoke_batch`); a throttled attempt sends nothing, so the wait shows in the next point.
  https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html#performance-metrics
* Partial batch responses: "If the batchItemFailures array contains multiple items, Lambda uses the record with the
  lowest sequence number as the checkpoint. Lambda then retries all records starting from that checkpoint."
  https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html
* Tumbling windows (``TumblingWindowInSeconds``, 1-900): each record belongs to the window its arrival time falls
  in (windows aligned to multiples of the window length since the Unix epoch, a pocketcloud reading); each
  invocation gets the ``state`` the previous one of the window returned (``{}`` at first) and must return one;
  after the window, a final invocation with ``isFinalInvokeForWindow`` true and no records hands over the result.
  A state over 1 MB ends the window early (``isWindowTerminatedEarly``).
  https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-windows.html
"""

from __future__ import annotations

import json
import math
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ....errors import ClientError
from ....kernel import Timer
from ....timeutil import EPOCH_SECONDS, iso_millis
from ..batching import Gathering
from ..destinations import send_record
from . import batch_response
from .activity import ActivityLog
from .invoking import invoke_batch

if TYPE_CHECKING:
    from ..invoke import Invocation
    from ..service import LambdaService
    from .model import EventSourceMapping

#: "Your state can be a maximum of 1 MB per shard. If it exceeds that size, Lambda terminates the window early."
WINDOW_STATE_MAX_BYTES = 1024 * 1024
#: A lane's reader stops reading ahead when this many batches wait (a pocketcloud buffer model).
READ_AHEAD_BATCHES = 2
#: AWS documents no interval between retries of a failed stream batch: pocketcloud waits one poll interval and
#: doubles the wait with each retry, up to a minute.
RETRY_WAIT_MAX_S = 60.0


@dataclass
class StreamRecord:
    """One stream record as a poller holds it."""

    sequence: str
    arrival: float  # Unix epoch seconds
    key: str  # what decides its lane (a partition key, an item's keys)
    size: int
    record: dict[str, Any]  # as the function's event carries it


@dataclass
class ShardInfo:
    shard_id: str
    parents: tuple[str, ...]
    closed: bool


@dataclass
class ReadResult:
    records: list[StreamRecord]
    next_iterator: str | None
    ended: bool  # the shard is closed and read to its end


class StreamSource(Protocol):
    """What a stream poller needs from Kinesis or DynamoDB Streams, through their public clients."""

    poll_interval_s: float
    batch_info_key: str
    millis_in_batch_info: bool

    def retention_s(self) -> float: ...

    def shards(self) -> list[ShardInfo]: ...

    def iterator(self, shard_id: str, kind: str, sequence: str | None = None, timestamp: Any = None) -> str: ...

    def read(self, shard_id: str, iterator: str) -> ReadResult: ...

    def matches(self, patterns: list[Any], record: StreamRecord) -> bool: ...


@dataclass
class Lane:
    """One of a shard's ``ParallelizationFactor`` concurrent batch sequences."""

    index: int
    pending: deque[StreamRecord] = field(default_factory=deque)
    busy: bool = False
    attempts: int = 0  # invocations of the current batch (approximateInvokeCount)
    retries: int = 0  # retries that count against MaximumRetryAttempts
    limit: int | None = None  # a bisected batch's size
    retry_at: float = 0.0
    window_start: float | None = None
    state: Any = None
    terminated_early: bool = False
    last_request: str = ""
    last_version: str = "$LATEST"
    gathering_since: float | None = None


@dataclass
class Reader:
    """One shard's reader and its lanes."""

    shard: ShardInfo
    lanes: list[Lane]
    iterator: str | None = None
    last_sequence: str | None = None
    ended: bool = False
    finished: bool = False
    timer: Timer | None = None
    idle_mark: int = -1
    next_read: float = 0.0
    initial: bool = True  # started at the mapping's starting position (not a child shard, read from its start)

    def pending(self) -> int:
        return sum(len(lane.pending) for lane in self.lanes)


def _lane_of(key: str, lanes: int) -> int:
    return zlib.crc32(key.encode("utf-8")) % lanes if lanes > 1 else 0


class StreamPoller:
    """The readers and lanes of one stream mapping."""

    def __init__(self, service: LambdaService, esm: EventSourceMapping, source: StreamSource) -> None:
        self.service = service
        self.esm = esm
        self.cloud = service.cloud
        self.source = source
        self.readers: dict[str, Reader] = {}
        self.finished: set[str] = set()
        self.running = False
        self.log: ActivityLog = esm.activity

    @property
    def concurrency(self) -> int:
        return sum(len(r.lanes) for r in self.readers.values() if not r.finished)

    # -- lifecycle -------------------------------------------------------------------------------------------
    def start(self) -> None:
        if self.running:
            return
        self.running = True
        if not self.readers:
            self._discover(initial=True)
        for reader in self.readers.values():
            self._schedule(reader, 0.0)

    def stop(self) -> None:
        self.running = False
        for reader in self.readers.values():
            if reader.timer is not None:
                reader.timer.cancel()
                reader.timer = None

    def idle(self) -> bool:
        if not self.running:
            return True
        activity = self.cloud.kernel.activity
        for reader in self.readers.values():
            if reader.finished:
                continue
            if reader.pending() or any(lane.busy for lane in reader.lanes) or reader.idle_mark != activity:
                return False
            if any(lane.window_start is not None for lane in reader.lanes):
                return False
        return True

    def _discover(self, initial: bool) -> None:
        try:
            shards = self.source.shards()
        except ClientError as error:
            self.log.add(self.cloud.now, "stream", "poll", 0, f"error: {error.response['Error']['Code']}")
            return
        known = {s.shard_id for s in shards}
        esm = self.esm
        for shard in shards:
            if shard.shard_id in self.readers or shard.shard_id in self.finished:
                continue
            if esm.starting_position == "LATEST" and initial:
                if shard.closed:
                    continue
            elif any(p in known and p not in self.finished for p in shard.parents):
                continue  # parents first
            self._add_reader(shard, initial)

    def _add_reader(self, shard: ShardInfo, initial: bool) -> None:
        lanes = [Lane(i) for i in range(self.esm.parallelization)]
        reader = Reader(shard, lanes, initial=initial)
        self.readers[shard.shard_id] = reader
        for lane in lanes:
            self.log.pollers[self._name(reader, lane)] = shard.shard_id
        try:
            reader.iterator = self._first_iterator(shard.shard_id, initial)
        except ClientError as error:
            self.log.add(self.cloud.now, shard.shard_id, "poll", 0, f"error: {error.response['Error']['Code']}")
        if self.running:
            self._schedule(reader, 0.0)

    def _first_iterator(self, shard_id: str, initial: bool) -> str:
        esm = self.esm
        if not initial:
            return self.source.iterator(shard_id, "TRIM_HORIZON")
        position = esm.starting_position or "LATEST"
        if position == "AT_TIMESTAMP":
            return self.source.iterator(shard_id, "AT_TIMESTAMP", timestamp=esm.starting_timestamp)
        return self.source.iterator(shard_id, position)

    def _name(self, reader: Reader, lane: Lane) -> str:
        return reader.shard.shard_id if len(reader.lanes) == 1 else f"{reader.shard.shard_id}/{lane.index}"

    def _schedule(self, reader: Reader, delay: float) -> None:
        """Tick the reader ``delay`` seconds from now, unless an earlier tick is already due."""
        timer = reader.timer
        if timer is not None and not timer.cancelled:
            if timer.at <= self.cloud.now + delay:
                return
            timer.cancel()
        reader.timer = self.cloud.kernel.schedule(delay, self._tick, reader, background=True)

    # -- reading ---------------------------------------------------------------------------------------------
    def _tick(self, reader: Reader) -> None:
        reader.timer = None
        if not self.running or not self.esm.polling or reader.finished:
            return
        esm = self.esm
        now = self.cloud.now
        found = 0
        capacity = esm.batch_size * READ_AHEAD_BATCHES * len(reader.lanes)
        read = not reader.ended and reader.pending() < capacity and now >= reader.next_read
        if read:
            reader.next_read = now + self.source.poll_interval_s
            found = self._read(reader)
        for lane in reader.lanes:
            self._pump(reader, lane)
        lanes = reader.lanes
        if reader.ended and not reader.pending() and not any(lane.busy or lane.window_start for lane in lanes):
            self._finish(reader)
            return
        if read and not found and not reader.pending():
            reader.idle_mark = self.cloud.kernel.activity
        self._schedule(reader, max(0.0, reader.next_read - now) or self.source.poll_interval_s)

    def _read(self, reader: Reader) -> int:
        shard_id = reader.shard.shard_id
        if reader.iterator is None:
            try:
                if reader.last_sequence is None:
                    reader.iterator = self._first_iterator(shard_id, reader.initial)
                else:
                    reader.iterator = self.source.iterator(shard_id, "AFTER_SEQUENCE_NUMBER", reader.last_sequence)
            except ClientError as error:
                self.log.add(self.cloud.now, shard_id, "poll", 0, f"error: {error.response['Error']['Code']}")
                return 0
        try:
            result = self.source.read(shard_id, reader.iterator)
        except ClientError as error:
            code = error.response["Error"]["Code"]
            if code == "ExpiredIteratorException":
                reader.iterator = None
            self.log.add(self.cloud.now, shard_id, "poll", 0, f"error: {code}")
            return 0
        reader.iterator = result.next_iterator
        now = self.cloud.now
        kept = 0
        for record in result.records:
            reader.last_sequence = record.sequence
            if self.esm.patterns and not self.source.matches(self.esm.patterns, record):
                continue
            lane = reader.lanes[_lane_of(record.key, len(reader.lanes))]
            lane.pending.append(record)
            if lane.gathering_since is None:
                lane.gathering_since = now
            kept += 1
        if result.records:
            self.log.add(now, shard_id, "poll", len(result.records))
            if kept < len(result.records):
                self.log.add(now, shard_id, "filter", len(result.records) - kept, "did not match FilterCriteria")
        if result.ended:
            reader.ended = True
        return len(result.records)

    def _finish(self, reader: Reader) -> None:
        """A closed shard read to its end and fully processed: start the children whose parents are all done."""
        reader.finished = True
        self.finished.add(reader.shard.shard_id)
        self.log.add(self.cloud.now, reader.shard.shard_id, "poll", 0, "shard closed and processed: children next")
        self._discover(initial=False)

    # -- batches ---------------------------------------------------------------------------------------------
    def _window_of(self, record: StreamRecord) -> float:
        width = self.esm.tumbling_window_s
        return math.floor(record.arrival / width) * width

    def _now_epoch(self) -> float:
        return EPOCH_SECONDS + self.cloud.now

    def _pump(self, reader: Reader, lane: Lane) -> None:
        """Start the lane's next invocation if it is free and has a batch (or a window to close)."""
        esm = self.esm
        now = self.cloud.now
        if lane.busy or now < lane.retry_at:
            return
        self._expire(reader, lane)
        windowed = esm.tumbling_window_s > 0
        if windowed and lane.window_start is not None:
            end = lane.window_start + esm.tumbling_window_s
            head = lane.pending[0] if lane.pending else None
            later = head is not None and self._window_of(head) > lane.window_start
            if lane.terminated_early or later or (head is None and self._now_epoch() >= end):
                self._invoke(reader, lane, [], final=True)
                return
        if not lane.pending:
            lane.gathering_since = None
            return
        gathered = Gathering[StreamRecord]()
        limit = min(esm.batch_size, lane.limit or esm.batch_size)
        window = self._window_of(lane.pending[0]) if windowed else None
        for record in lane.pending:
            if windowed and self._window_of(record) != window:
                break
            gathered.add(record, record.size, lane.gathering_since or now)
            if len(gathered) >= limit:
                break
        if not gathered.ready(limit, esm.window_s, now) and not (windowed and len(gathered) < len(lane.pending)):
            due = gathered.due_at(esm.window_s)
            if due is not None and due > now:
                self._schedule(reader, min(self.source.poll_interval_s, due - now))
            return
        batch = gathered.take(limit)
        if windowed and lane.window_start is None:
            lane.window_start = window
            lane.state = {}
        self._invoke(reader, lane, batch, final=False)

    def _expire(self, reader: Reader, lane: Lane) -> None:
        """Records older than MaximumRecordAgeInSeconds are discarded (to the destination) before any attempt;
        records past the stream's retention are gone from the stream ("Kinesis Data Streams data retention
        settings still apply") and are dropped."""
        if not lane.pending:
            return
        now = self._now_epoch()
        retained = now - self.source.retention_s()
        gone = 0
        while lane.pending and lane.pending[0].arrival < retained:
            lane.pending.popleft()
            gone += 1
        if gone:
            self.log.add(self.cloud.now, self._name(reader, lane), "discard", gone, "expired from the stream")
            lane.attempts = lane.retries = 0
        maximum = self.esm.max_record_age_s
        if maximum < 0:
            return
        horizon = now - maximum
        expired: list[StreamRecord] = []
        while lane.pending and lane.pending[0].arrival < horizon:
            expired.append(lane.pending.popleft())
        if expired:
            self._discard(reader, lane, expired, "RecordAgeExceeded", None)
            lane.attempts = lane.retries = 0

    def _event(self, reader: Reader, lane: Lane, batch: list[StreamRecord], final: bool) -> dict[str, Any]:
        event: dict[str, Any] = {"Records": [r.record for r in batch]}
        esm = self.esm
        if esm.tumbling_window_s:
            start = lane.window_start or 0.0
            event["window"] = {
                "start": _iso_seconds(start),
                "end": _iso_seconds(start + esm.tumbling_window_s),
            }
            event["state"] = lane.state if lane.state is not None else {}
            event["shardId"] = reader.shard.shard_id
            event["eventSourceARN"] = esm.source_arn
            event["isFinalInvokeForWindow"] = final
            event["isWindowTerminatedEarly"] = final and lane.terminated_early
        return event

    def _invoke(self, reader: Reader, lane: Lane, batch: list[StreamRecord], final: bool) -> None:
        esm = self.esm
        event = self._event(reader, lane, batch, final)
        name = self._name(reader, lane)

        def done(invocation: Invocation) -> None:
            lane.busy = False
            self._finished(reader, lane, batch, final, invocation)

        now = self.cloud.now
        age_ms = max(0.0, (self._now_epoch() - batch[-1].arrival) * 1000) if batch else None
        problem = invoke_batch(self.service, esm, event, done, age_ms)
        if problem is None:
            lane.busy = True
            lane.attempts += 1
            self.log.add(now, name, "invoke", len(batch), "final window invocation" if final else "")
            return
        self.log.add(now, name, "throttled" if problem.throttled else "result", len(batch), problem.reason)
        lane.retry_at = now + self.source.poll_interval_s
        self._schedule(reader, self.source.poll_interval_s)
        if not problem.throttled:
            esm.last_processing_result = "PROBLEM: Function call failed"

    def _finished(
        self, reader: Reader, lane: Lane, batch: list[StreamRecord], final: bool, invocation: Invocation
    ) -> None:
        esm = self.esm
        now = self.cloud.now
        name = self._name(reader, lane)
        lane.last_request = invocation.request_id
        lane.last_version = invocation.version
        if invocation.function_error is not None:
            self._failed(reader, lane, batch, final, invocation, "function error")
            return
        identifiers = {r.sequence for r in batch}
        outcome = batch_response.read(
            invocation.payload, identifiers, esm.reports_item_failures, windowed=bool(esm.tumbling_window_s)
        )
        if outcome.complete_failure:
            self._failed(reader, lane, batch, final, invocation, outcome.reason)
            return
        if esm.tumbling_window_s:
            lane.state = outcome.state
            if final:
                lane.window_start, lane.state, lane.terminated_early = None, None, False
            elif len(json.dumps(outcome.state)) > WINDOW_STATE_MAX_BYTES:
                lane.terminated_early = True
        done = batch
        if outcome.failed:
            lowest = min(outcome.failed, key=_sequence_key)
            done = [r for r in batch if _sequence_key(r.sequence) < _sequence_key(lowest)]
        for _ in done:
            lane.pending.popleft()
        if outcome.failed:
            self.log.add(now, name, "result", len(batch), f"partial failure: retry from {lowest[-12:]}")
            self._retry_later(reader, lane, counts=True, batch=batch[len(done) :], invocation=invocation)
            esm.last_processing_result = "PROBLEM: Function call failed"
            return
        esm.last_processing_result = "OK"
        lane.attempts = lane.retries = 0
        lane.limit = None
        self.log.add(now, name, "result", len(batch), f"OK ({invocation.request_id})")
        self._pump(reader, lane)
        if not lane.busy:
            self._schedule(reader, 0.0)

    def _failed(
        self, reader: Reader, lane: Lane, batch: list[StreamRecord], final: bool, invocation: Invocation, why: str
    ) -> None:
        esm = self.esm
        esm.last_processing_result = "PROBLEM: Function call failed"
        self.log.add(self.cloud.now, self._name(reader, lane), "result", len(batch), f"{why}: the lane waits")
        if esm.bisect and len(batch) > 1:
            lane.limit = max(1, len(batch) // 2)
            self.log.add(self.cloud.now, self._name(reader, lane), "retry", lane.limit, "bisected")
            lane.retry_at = self.cloud.now
            self._schedule(reader, 0.0)
            return
        self._retry_later(reader, lane, counts=True, batch=batch, invocation=invocation, final=final)

    def _retry_later(
        self,
        reader: Reader,
        lane: Lane,
        counts: bool,
        batch: list[StreamRecord],
        invocation: Invocation,
        final: bool = False,
    ) -> None:
        esm = self.esm
        if counts:
            lane.retries += 1
        if esm.max_retries >= 0 and lane.retries > esm.max_retries:
            if final:
                lane.window_start, lane.state, lane.terminated_early = None, None, False
            else:
                for _ in batch:
                    lane.pending.popleft()
            self._discard(reader, lane, batch, "RetryAttemptsExhausted", invocation)
            lane.attempts = lane.retries = 0
            lane.limit = None
            self._schedule(reader, 0.0)
            return
        wait = min(RETRY_WAIT_MAX_S, self.source.poll_interval_s * 2 ** max(0, lane.retries - 1))
        lane.retry_at = self.cloud.now + wait
        detail = f"retry {lane.retries} in {wait:g} s"
        self.log.add(self.cloud.now, self._name(reader, lane), "retry", len(batch), detail)
        self._schedule(reader, wait)

    # -- giving up -------------------------------------------------------------------------------------------
    def _discard(
        self, reader: Reader, lane: Lane, records: list[StreamRecord], condition: str, invocation: Invocation | None
    ) -> None:
        esm = self.esm
        now = self.cloud.now
        detail = f"{condition}" + (f": record sent to {esm.on_failure}" if esm.on_failure else ": dropped")
        self.log.add(now, self._name(reader, lane), "discard", len(records), detail)
        if not esm.on_failure or not records:
            return
        record = self.failure_record(reader, lane, records, condition, invocation)
        if esm.on_failure.split(":")[2] == "s3":
            record["payload"] = json.dumps({"Records": [r.record for r in records]})
        prefix = f"aws/lambda/{esm.uuid}/{reader.shard.shard_id}"
        send_record(self.service, esm.on_failure, record, False, esm.function_arn, prefix)

    def failure_record(
        self, reader: Reader, lane: Lane, records: list[StreamRecord], condition: str, invocation: Invocation | None
    ) -> dict[str, Any]:
        """The on-failure destination record (kinesis-on-failure-destination.html, services-dynamodb-errors.html)."""
        esm = self.esm
        stamp: Callable[[float], str] = _iso_millis_epoch if self.source.millis_in_batch_info else _iso_seconds
        response: dict[str, Any] = {"statusCode": 200, "executedVersion": lane.last_version}
        if invocation is not None and invocation.function_error is not None:
            response["functionError"] = invocation.function_error
        return {
            "requestContext": {
                "requestId": invocation.request_id if invocation is not None else self.cloud.new_request_id(),
                "functionArn": esm.function_arn,
                "condition": condition,
                "approximateInvokeCount": lane.attempts,
            },
            "responseContext": response,
            "version": "1.0",
            "timestamp": iso_millis(self.cloud.now),
            self.source.batch_info_key: {
                "shardId": reader.shard.shard_id,
                "startSequenceNumber": records[0].sequence,
                "endSequenceNumber": records[-1].sequence,
                "approximateArrivalOfFirstRecord": stamp(records[0].arrival),
                "approximateArrivalOfLastRecord": stamp(records[-1].arrival),
                "batchSize": len(records),
                "streamArn": esm.source_arn,
            },
        }


def _sequence_key(sequence: str) -> tuple[int, str]:
    return (len(sequence), sequence)


def _iso_seconds(epoch: float) -> str:
    return iso_millis(epoch - EPOCH_SECONDS)[:-5] + "Z"


def _iso_millis_epoch(epoch: float) -> str:
    return iso_millis(epoch - EPOCH_SECONDS)
