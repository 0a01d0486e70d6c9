"""PutRecord and PutRecords: hash each record to its shard, check the shard's write window, append.

Both operations check the whole request before storing anything, so a refused request changes nothing. What is
checked (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html):

* the record size limit "applies to the total size of the partition key and data blob": 1 MiB unless the stream
  was created with a larger MaxRecordSizeInKiB (https://docs.aws.amazon.com/streams/latest/dev/large-records.html);
* a PutRecords request holds at most 500 records (the model checks that) and at most 10 MiB "for the entire
  request, including partition keys";
* an ExplicitHashKey must lie in [0, 2^128-1];
* the stream uses the default USER_PARTITION_KEY strategy, so "a partition key is required".

Throughput is then checked record by record (:mod:`.throughput`). A PutRecord over the limit fails with
ProvisionedThroughputExceededException; in PutRecords "a single record failure does not stop the processing of
subsequent records", and each failed entry carries ``ErrorCode``/``ErrorMessage`` while ``FailedRecordCount`` counts
them. Records that succeed keep the order of the request within each shard.
"""

from __future__ import annotations

import bisect
import hashlib
import math
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ...timeutil import EPOCH_SECONDS
from . import messages, sequence
from .hashing import MAX_HASH_KEY
from .models import Shard, Stream

if TYPE_CHECKING:
    from .backend import KinesisBackend

_THROTTLED = "ProvisionedThroughputExceededException"
_md5 = hashlib.md5
_from_bytes = int.from_bytes


def _missing_partition_key(path: str) -> ServiceError:
    """The front end's message for a missing member (kinesalite's test/putRecord.js: "Value null at 'partitionKey'
    failed to satisfy constraint: Member must not be null")."""
    return ServiceError(
        "ValidationException",
        f"1 validation error detected: Value null at '{path}' failed to satisfy constraint: Member must not be null",
    )


def _check_size(data: bytes, key_bytes: int, max_bytes: int, path: str) -> None:
    """The record size limit: the data alone in the front end's words, data plus key in pocketcloud's."""
    if len(data) > max_bytes:
        raise ServiceError(
            "ValidationException",
            f"1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim={len(data)} cap={len(data)}]' at "
            f"'{path}' failed to satisfy constraint: Member must have length less than or equal to {max_bytes}",
        )
    if len(data) + key_bytes > max_bytes:
        # pocketcloud's wording: AWS documents the rule ("The record size limit applies to the total size of the
        # partition key and data blob") but no message for it.
        raise ServiceError(
            "InvalidArgumentException",
            f"Record size {len(data) + key_bytes} bytes (data blob plus partition key) exceeds the stream's maximum "
            f"record size of {max_bytes} bytes.",
        )


def _hash_key(entry: dict[str, Any]) -> int:
    explicit = entry.get("ExplicitHashKey")
    if explicit is None:
        return _from_bytes(_md5(entry["PartitionKey"].encode("utf-8")).digest(), "big")
    value = int(explicit)
    if value > MAX_HASH_KEY:
        raise messages.invalid_explicit_hash_key(explicit)
    return value


def _check_ordering(backend: KinesisBackend, stream: Stream, text: str) -> None:
    """SequenceNumberForOrdering must be a sequence number Kinesis could have issued, not from the future.

    The error wording is kinesalite's, from AWS: "ExclusiveMinimumSequenceNumber ... used in PutRecord on stream ...
    under account ... is invalid." pocketcloud's numbers already increase strictly per shard, so a valid value
    changes nothing else.
    """
    parts = sequence.parse(text)
    if parts is None or parts.time_s > EPOCH_SECONDS + backend.cloud.now:
        raise ServiceError(
            "InvalidArgumentException",
            f"ExclusiveMinimumSequenceNumber {text} used in PutRecord on stream {stream.name} under account "
            f"{backend.account} is invalid.",
        )


def _dry_run() -> ServiceError:
    """DryRun on a request that would succeed (DryRunOperationException; the wording is EC2's for its DryRun flag,
    as Kinesis documents none)."""
    return ServiceError("DryRunOperationException", "Request would have succeeded, but DryRun flag is set.")


def _shard_for(stream: Stream, hash_key: int) -> Shard:
    return stream.open_shards[bisect.bisect_right(stream.open_starts, hash_key) - 1]


def put_record(backend: KinesisBackend, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html"""
    stream = backend.data_stream(params)
    key = params.get("PartitionKey")
    if key is None:
        raise _missing_partition_key("partitionKey")
    data: bytes = params["Data"]
    key_bytes = len(key.encode("utf-8"))
    _check_size(data, key_bytes, stream.max_record_kib * 1024, "data")
    hash_key = _hash_key(params)
    ordering = params.get("SequenceNumberForOrdering")
    if ordering is not None:
        _check_ordering(backend, stream, ordering)
    if params.get("DryRun"):
        raise _dry_run()
    shard = _shard_for(stream, hash_key)
    now = backend.cloud.now
    shard.trim(now - stream.retention_s)
    size = len(data) + key_bytes
    if backend.settings.throttling and not shard.writes.admit(now, size):
        raise ServiceError(_THROTTLED, messages.write_throttled_message(shard.shard_id, stream.name, backend.account))
    number = _append(shard, now, data, key, size)
    return {"ShardId": shard.shard_id, "SequenceNumber": number, "EncryptionType": "NONE"}


def _append(shard: Shard, now: float, data: bytes, key: str, size: int) -> str:
    time_s = max(math.floor(EPOCH_SECONDS + now), shard.created_s)
    number = sequence.number(shard.base, shard.end + 1, time_s)
    shard.records.append((number, now, data, key, size))
    return number


def put_records(backend: KinesisBackend, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html"""
    stream = backend.data_stream(params)
    entries: list[dict[str, Any]] = params["Records"]
    max_bytes = stream.max_record_kib * 1024
    planned: list[tuple[Shard, bytes, str, int]] = []
    total = 0
    shards, starts = stream.open_shards, stream.open_starts
    locate = bisect.bisect_right
    for place, entry in enumerate(entries, 1):
        key = entry.get("PartitionKey")
        if key is None:
            raise _missing_partition_key(f"records.{place}.member.partitionKey")
        data = entry["Data"]
        encoded = key.encode("utf-8")
        size = len(data) + len(encoded)
        if size > max_bytes:
            _check_size(data, len(encoded), max_bytes, f"records.{place}.member.data")
        total += size
        hash_key = _hash_key(entry) if "ExplicitHashKey" in entry else _from_bytes(_md5(encoded).digest(), "big")
        planned.append((shards[locate(starts, hash_key) - 1], data, key, size))
    if total > limits.KINESIS_PUT_RECORDS_MAX_BYTES:
        # moto's wording for the former 5 MB limit, with the current 10 MiB one.
        raise ServiceError("InvalidArgumentException", "Records size exceeds 10 MB limit")
    if params.get("DryRun"):
        raise _dry_run()
    now = backend.cloud.now
    horizon = now - stream.retention_s
    throttling = backend.settings.throttling
    base_time = math.floor(EPOCH_SECONDS + now)
    results: list[dict[str, str]] = []
    failed = 0
    trimmed: set[int] = set()
    for shard, data, key, size in planned:
        if shard.number not in trimmed:
            shard.trim(horizon)
            trimmed.add(shard.number)
        if throttling and not shard.writes.admit(now, size):
            failed += 1
            results.append(
                {
                    "ErrorCode": _THROTTLED,
                    "ErrorMessage": messages.write_throttled_message(shard.shard_id, stream.name, backend.account),
                }
            )
            continue
        records = shard.records
        number = sequence.number(shard.base, shard.offset + len(records) + 1, max(base_time, shard.created_s))
        records.append((number, now, data, key, size))
        results.append({"SequenceNumber": number, "ShardId": shard.shard_id})
    return {"FailedRecordCount": failed, "Records": results, "EncryptionType": "NONE"}
