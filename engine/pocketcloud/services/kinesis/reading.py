"""GetShardIterator and GetRecords: where in a shard to start, and the records from there on.

Iterator types (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html):
TRIM_HORIZON starts at "the last untrimmed record in the shard ... (the oldest data record in the shard)"; LATEST
"just after the most recent record"; AT_SEQUENCE_NUMBER / AFTER_SEQUENCE_NUMBER at or just after a record; and
AT_TIMESTAMP at the first record that arrived at or after the time ("If a record with this exact time stamp does
not exist, the iterator returned is for the next (later) record. If the time stamp is older than the current trim
horizon, the iterator returned is for the oldest untrimmed data record").

GetRecords (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html) returns at most ``Limit``
(default and maximum 10,000) records and at most 10 MiB, and a ``NextShardIterator`` — except at the end of a
closed shard, where "the shard iterator can't return more data and GetRecords returns null in NextShardIterator"
and the response lists the ``ChildShards``. Records that expire while a consumer reads are skipped: a position
older than the trim horizon reads from the horizon.

``MillisBehindLatest`` is "how far behind current time the consumer is. A value of zero indicates that record
processing is caught up". pocketcloud reports 0 when the call read up to the newest record, and otherwise the age,
on the virtual clock, of the oldest record the consumer has not read yet (a pocketcloud model of "behind").
"""

from __future__ import annotations

import bisect
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ...timeutil import EPOCH_SECONDS, to_datetime
from . import messages, sequence
from .hashing import shard_id, shard_number
from .models import ARRIVAL, DATA, KEY, SEQ, SIZE, Shard, Stream

if TYPE_CHECKING:
    from .backend import KinesisBackend

_EPOCH_MS = round(EPOCH_SECONDS * 1000)
_MAX_BYTES = limits.KINESIS_GET_RECORDS_MAX_BYTES


def _virtual_ms(virtual_s: float) -> int:
    return round(virtual_s * 1000)


def _type_error(kind: str, has_number: bool) -> ServiceError:
    """The wrong combination of iterator type and StartingSequenceNumber (kinesalite's tests against AWS)."""
    given = "and also a StartingSequenceNumber" if has_number else "and no StartingSequenceNumber"
    return ServiceError(
        "InvalidArgumentException",
        "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or "
        f"(2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified {kind} {given}.",
    )


def _shard(backend: KinesisBackend, params: dict[str, Any], text: str) -> tuple[Stream, Shard]:
    """The stream and shard a GetShardIterator names. As on AWS, an unknown stream is reported as a shard that
    "does not exist" (kinesalite's test/getShardIterator.js)."""
    name = backend.stream_name(params)
    number = shard_number(text)
    if number is None:
        raise messages.could_not_find_shard(text, name, backend.account)
    stream = backend.streams.get(name)
    if stream is None or number >= len(stream.shards):
        raise messages.shard_does_not_exist(shard_id(number), name, backend.account)
    if stream.status not in ("ACTIVE", "UPDATING", "DELETING"):
        raise messages.not_active_or_updating(stream.name, backend.account, stream.status)
    return stream, stream.shards[number]


def _sequence_position(backend: KinesisBackend, stream: Stream, shard: Shard, text: str, after: bool) -> int:
    """The position AT_/AFTER_SEQUENCE_NUMBER ``text`` names, checked as AWS checks it (kinesalite's tests)."""
    parts = sequence.parse(text)
    invalid = (
        f"StartingSequenceNumber {text} used in GetShardIterator on shard {shard.shard_id} in stream {stream.name} "
        f"under account {backend.account} is invalid"
    )
    if parts is None:
        raise ServiceError("InvalidArgumentException", invalid + ".")
    if parts.shard_index != shard.number:
        raise ServiceError(
            "InvalidArgumentException",
            f"Invalid StartingSequenceNumber. It encodes {shard_id(parts.shard_index)}, while it was used in a call to "
            f"a shard with {shard.shard_id}",
        )
    if parts.shard_created_s != shard.created_s:
        raise ServiceError("InvalidArgumentException", invalid + " because it did not come from this stream.")
    if parts.counter == sequence.MAX_INDEX:
        return shard.end  # a closed shard's EndingSequenceNumber: past every record
    if parts.counter > shard.end:
        # pocketcloud's model: a number beyond the newest record was not issued, so it is refused.
        raise ServiceError("InvalidArgumentException", invalid + ".")
    if parts.counter == 0:
        return 0  # the shard's StartingSequenceNumber: before its first record
    return parts.counter if after else parts.counter - 1


def _timestamp_position(backend: KinesisBackend, shard: Shard, moment: datetime) -> int:
    wanted_ms = round(moment.timestamp() * 1000)
    now_ms = _EPOCH_MS + _virtual_ms(backend.cloud.now)
    if wanted_ms > now_ms:
        # AWS's answer, as quoted in public code comments (2021, 2024) and reproduced by kinesalite's
        # actions/getShardIterator.js.
        raise ServiceError(
            "InvalidArgumentException",
            "The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. "
            f"timestampInMillis: {wanted_ms}, currentTimestampInMillis: {now_ms}",
        )
    virtual_ms = wanted_ms - _EPOCH_MS
    records, offset = shard.records, shard.offset
    index = bisect.bisect_left(
        records, virtual_ms, lo=shard.trimmed - offset, key=lambda record: _virtual_ms(record[ARRIVAL])
    )
    return offset + index


def get_shard_iterator(backend: KinesisBackend, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html"""
    stream, shard = _shard(backend, params, params["ShardId"])
    kind = params["ShardIteratorType"]
    number = params.get("StartingSequenceNumber")
    if kind in ("AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"):
        if number is None:
            raise _type_error(kind, has_number=False)
    elif number is not None and kind in ("TRIM_HORIZON", "LATEST"):
        raise _type_error(kind, has_number=True)
    moment = params.get("Timestamp")
    if kind == "AT_TIMESTAMP" and moment is None:
        raise ServiceError(
            "InvalidArgumentException",
            "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no "
            "timestamp parameter.",
        )
    shard.trim(backend.cloud.now - stream.retention_s)
    if kind == "TRIM_HORIZON":
        position = shard.trimmed
    elif kind == "LATEST":
        position = shard.end
    elif kind == "AT_TIMESTAMP":
        assert moment is not None
        position = _timestamp_position(backend, shard, moment)
    else:
        assert number is not None
        position = _sequence_position(backend, stream, shard, number, after=kind == "AFTER_SEQUENCE_NUMBER")
    if params.get("DryRun"):
        raise ServiceError("DryRunOperationException", "Request would have succeeded, but DryRun flag is set.")
    iterator = backend.iterators.encode(
        stream.serial, stream.name, shard.number, position, _virtual_ms(backend.cloud.now)
    )
    return {"ShardIterator": iterator}


def child_shards(stream: Stream, parent: Shard) -> list[dict[str, Any]]:
    """The shards a closed shard was split or merged into, as GetRecords reports them at its end."""
    found = []
    for shard in stream.shards:
        if parent.shard_id in (shard.parent, shard.adjacent_parent):
            parents = [p for p in (shard.parent, shard.adjacent_parent) if p is not None]
            found.append(
                {
                    "ShardId": shard.shard_id,
                    "ParentShards": parents,
                    "HashKeyRange": {"StartingHashKey": str(shard.start_hash), "EndingHashKey": str(shard.end_hash)},
                }
            )
    return found


def get_records(backend: KinesisBackend, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html"""
    now = backend.cloud.now
    now_ms = _virtual_ms(now)
    where = backend.iterators.decode(params["ShardIterator"], now_ms)
    if "StreamARN" in params and backend.stream_name({"StreamARN": params["StreamARN"]}) != where.stream_name:
        # pocketcloud's wording: AWS documents no message for an iterator of another stream.
        raise ServiceError(
            "InvalidArgumentException", "The ShardIterator does not belong to the stream StreamARN names."
        )
    stream = backend.streams.get(where.stream_name)
    if stream is None or stream.serial != where.stream_serial:
        raise messages.shard_does_not_exist(shard_id(where.shard_number), where.stream_name, backend.account)
    shard = stream.shards[where.shard_number]
    if params.get("DryRun"):
        raise ServiceError("DryRunOperationException", "Request would have succeeded, but DryRun flag is set.")
    throttling = backend.settings.throttling
    if throttling and not shard.reads.has_room(now):
        raise messages.read_throttled(shard.shard_id, stream.name, backend.account)
    shard.trim(now - stream.retention_s)
    limit = params.get("Limit", limits.KINESIS_GET_RECORDS_MAX_RECORDS)
    records, offset = shard.records, shard.offset
    start = max(where.position, shard.trimmed) - offset
    stop = min(start + limit, len(records))
    out: list[dict[str, Any]] = []
    size = 0
    last_arrival = -1.0
    stamp = None
    index = start
    while index < stop:
        record = records[index]
        record_size = record[SIZE]
        if size + record_size > _MAX_BYTES and out:
            break
        size += record_size
        arrival = record[ARRIVAL]
        if arrival != last_arrival:
            stamp = to_datetime(round(arrival, 3))
            last_arrival = arrival
        out.append(
            {
                "SequenceNumber": record[SEQ],
                "ApproximateArrivalTimestamp": stamp,
                "Data": record[DATA],
                "PartitionKey": record[KEY],
            }
        )
        index += 1
    if throttling:
        shard.reads.record(now, size)
    behind = 0 if index >= len(records) else max(0, now_ms - _virtual_ms(records[index][ARRIVAL]))
    response: dict[str, Any] = {"Records": out, "MillisBehindLatest": behind}
    if not shard.is_open and index >= len(records):
        response["ChildShards"] = child_shards(stream, shard)
    else:
        response["NextShardIterator"] = backend.iterators.encode(
            stream.serial, stream.name, shard.number, offset + index, now_ms
        )
    return response
