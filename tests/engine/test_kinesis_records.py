"""Kinesis writes: PutRecord and PutRecords — partition-key hashing, sequence numbers, size limits, partial
failures — with AWS's errors, and nothing stored when a request is refused.

Sources (checked 2026-12-02) are named in each test.
"""

from __future__ import annotations

import hashlib
import re

import pytest

import pocketcloud
from pocketcloud import ClientError
from pocketcloud.services.kinesis import sequence
from pocketcloud.timeutil import EPOCH_SECONDS

from .kinesis_support import ACCOUNT, active_stream, arn, backend, error, read_all

MIB = 1024 * 1024


def _stored(cloud: pocketcloud.Cloud, name: str = "orders") -> int:
    return sum(len(s.records) for s in backend(cloud).streams[name].shards)


def test_the_partition_keys_md5_picks_the_shard(cloud) -> None:
    """ "An MD5 hash function is used to map partition keys to 128-bit integer values and to map associated data
    records to shards using the hash key ranges of the shards"; all records with one key go to one shard.

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html
    """
    kinesis = active_stream(cloud, "orders", shards=4)
    shards = kinesis.list_shards(StreamName="orders")["Shards"]
    for key in ("user-1", "user-2", "대한민국", "x" * 256):
        expected_hash = int(hashlib.md5(key.encode("utf-8")).hexdigest(), 16)
        owner = next(
            s["ShardId"]
            for s in shards
            if int(s["HashKeyRange"]["StartingHashKey"]) <= expected_hash <= int(s["HashKeyRange"]["EndingHashKey"])
        )
        for _ in range(3):
            assert kinesis.put_record(StreamName="orders", Data=b"d", PartitionKey=key)["ShardId"] == owner


def test_explicit_hash_key_overrides_the_partition_key(cloud) -> None:
    """ "You can override hashing the partition key to determine the shard by explicitly specifying a hash value
    using the ExplicitHashKey parameter." Keys at the edges of a range land in that shard; 2^128 is out of range:
    "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ..."
    (kinesalite's tests against AWS); nothing is stored.

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html
    """
    kinesis = active_stream(cloud, "orders", shards=3)
    third = 2**128 // 3
    cases = {"0": 0, str(third - 1): 0, str(third): 1, str(2 * third - 1): 1, str(2 * third): 2, str(2**128 - 1): 2}
    for explicit, shard in cases.items():
        put = kinesis.put_record(StreamName="orders", Data=b"d", PartitionKey="same", ExplicitHashKey=explicit)
        assert put["ShardId"] == f"shardId-00000000000{shard}"
    before = _stored(cloud)
    with pytest.raises(ClientError) as exc:
        kinesis.put_record(StreamName="orders", Data=b"d", PartitionKey="a", ExplicitHashKey=str(2**128))
    assert error(exc) == (
        "InvalidArgumentException",
        f"Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was {2**128}",
    )
    assert _stored(cloud) == before


def test_sequence_numbers_are_56_digit_strings_increasing_per_shard(cloud) -> None:
    """Sequence numbers "increase over time and are specific to a shard"; AWS's are 56-digit decimal strings such
    as 49590338271490256608559692538361571095921575989136588898 in the Lambda guide's sample event, which decodes
    to its shard (6) and arrival second. pocketcloud's numbers have the same layout.

    Sources: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html
             https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
    """
    sample = sequence.parse("49590338271490256608559692538361571095921575989136588898")
    assert sample is not None and sample.shard_index == 6 and sample.time_s == 1545084650
    kinesis = active_stream(cloud, "orders", shards=2)
    numbers: dict[str, list[int]] = {}
    for i in range(50):
        if i % 10 == 0:
            cloud.run(until=cloud.now + 1.5)
        put = kinesis.put_record(StreamName="orders", Data=b"d", PartitionKey=f"k{i}")
        assert re.fullmatch(r"[1-9]\d{55}", put["SequenceNumber"])
        numbers.setdefault(put["ShardId"], []).append(int(put["SequenceNumber"]))
        parts = sequence.parse(put["SequenceNumber"])
        assert parts is not None and parts.time_s == int(EPOCH_SECONDS + cloud.now)
    for values in numbers.values():
        assert values == sorted(values) and len(set(values)) == len(values)
    starting = kinesis.list_shards(StreamName="orders")["Shards"][0]["SequenceNumberRange"]["StartingSequenceNumber"]
    assert int(starting) < min(numbers["shardId-000000000000"])


def test_records_read_back_as_written(cloud) -> None:
    """GetRecords returns each record's SequenceNumber, Data (bytes in boto3), PartitionKey and
    ApproximateArrivalTimestamp (an aware datetime in boto3, millisecond precision), in the order written.

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_Record.html
    """
    kinesis = active_stream(cloud, "orders")
    cloud.run(until=cloud.now + 0.1234)
    put = kinesis.put_record(StreamName="orders", Data=b"\x00\xffbinary", PartitionKey="k")
    kinesis.put_record(StreamName="orders", Data="text is encoded as UTF-8 by botocore", PartitionKey="k")
    first, second = read_all(kinesis, "orders")
    assert first["SequenceNumber"] == put["SequenceNumber"]
    assert first["Data"] == b"\x00\xffbinary" and first["PartitionKey"] == "k"
    assert second["Data"] == b"text is encoded as UTF-8 by botocore"
    stamp = first["ApproximateArrivalTimestamp"]
    assert stamp.tzinfo is not None and stamp.timestamp() == pytest.approx(EPOCH_SECONDS + 10.123)
    assert "EncryptionType" not in first


def test_put_records_returns_one_result_per_entry_in_order(cloud) -> None:
    """ "The response Records array always includes the same number of records as the request array", each with
    ShardId and SequenceNumber on success; FailedRecordCount is 0 when all succeed; EncryptionType NONE.

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html
    """
    kinesis = active_stream(cloud, "orders", shards=2)
    entries = [{"Data": f"{i}".encode(), "PartitionKey": f"key-{i}"} for i in range(500)]
    result = kinesis.put_records(StreamARN=arn("orders"), Records=entries)
    assert result["FailedRecordCount"] == 0 and result["EncryptionType"] == "NONE"
    assert len(result["Records"]) == 500
    assert all(set(r) == {"SequenceNumber", "ShardId"} for r in result["Records"])
    by_shard = {"shardId-000000000000": [], "shardId-000000000001": []}  # type: dict[str, list[bytes]]
    for entry, answer in zip(entries, result["Records"], strict=True):
        by_shard[answer["ShardId"]].append(entry["Data"])
    for shard, expected in by_shard.items():
        assert [r["Data"] for r in read_all(kinesis, "orders", shard)] == expected


def test_put_records_limits_500_records_and_10_mib(cloud) -> None:
    """ "Each PutRecords request can support up to 500 records ... up to a limit of 10 MiB for the entire request,
    including partition keys." 501 records fail the model's check (ValidationException); 11 records of 1,000,000
    bytes fail the request size check (moto's wording for the former 5 MB limit). Nothing is stored.

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html
    """
    kinesis = active_stream(cloud, "orders", shards=11)
    with pytest.raises(ClientError) as exc:
        kinesis.put_records(StreamName="orders", Records=[{"Data": b"d", "PartitionKey": "k"}] * 501)
    code, message = error(exc)
    assert code == "ValidationException"
    assert message.startswith("1 validation error detected: Value '[{Data=java.nio.HeapByteBuffer[pos=0 lim=1 cap=1]")
    assert message.endswith(
        "]' at 'records' failed to satisfy constraint: Member must have length less than or equal to 500"
    )
    big = [{"Data": b"x" * 1_000_000, "PartitionKey": f"k{i}"} for i in range(11)]
    with pytest.raises(ClientError) as exc:
        kinesis.put_records(StreamName="orders", Records=big)
    assert error(exc) == ("InvalidArgumentException", "Records size exceeds 10 MB limit")
    assert _stored(cloud) == 0


def test_records_over_the_streams_maximum_size_are_refused(cloud) -> None:
    """ "The record size limit applies to the total size of the partition key and data blob"; "The default maximum
    record size for existing, and newly created streams is set to 1 MiB." A blob over the limit is the front end's
    ValidationException; a blob that fits but not with its key is InvalidArgumentException (pocketcloud's wording).
    A stream created with MaxRecordSizeInKiB=2048 takes 2 MiB records. Nothing is stored on refusal.

    Sources: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html
             https://docs.aws.amazon.com/streams/latest/dev/large-records.html
    """
    kinesis = active_stream(cloud, "orders")
    kinesis.put_record(StreamName="orders", Data=b"x" * (MIB - 1), PartitionKey="k")
    cloud.run(until=cloud.now + 2)
    with pytest.raises(ClientError) as exc:
        kinesis.put_record(StreamName="orders", Data=b"x" * (MIB + 1), PartitionKey="k")
    assert error(exc) == (
        "ValidationException",
        "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'data' "
        "failed to satisfy constraint: Member must have length less than or equal to 1048576",
    )
    with pytest.raises(ClientError) as exc:
        kinesis.put_record(StreamName="orders", Data=b"x" * MIB, PartitionKey="k")
    assert error(exc)[0] == "InvalidArgumentException"
    with pytest.raises(ClientError) as exc:
        kinesis.put_records(
            StreamName="orders",
            Records=[{"Data": b"ok", "PartitionKey": "k"}, {"Data": b"x" * (MIB + 1), "PartitionKey": "k"}],
        )
    assert "at 'records.2.member.data'" in error(exc)[1]
    assert _stored(cloud) == 1
    large = active_stream(cloud, "large", MaxRecordSizeInKiB=2048)
    assert large.describe_stream_summary(StreamName="large")["StreamDescriptionSummary"]["MaxRecordSizeInKiB"] == 2048
    assert large.put_record(StreamName="large", Data=b"x" * (2 * MIB - 1), PartitionKey="k")["SequenceNumber"]


def test_a_partition_key_is_required(cloud) -> None:
    """With the default USER_PARTITION_KEY strategy "a partition key is required" (PartitionKey became optional in
    the model for the AUTO strategy). The message is the front end's for a missing member (kinesalite's tests)."""
    kinesis = active_stream(cloud, "orders")
    with pytest.raises(ClientError) as exc:
        kinesis.put_record(StreamName="orders", Data=b"d")
    assert error(exc) == (
        "ValidationException",
        "1 validation error detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be "
        "null",
    )
    with pytest.raises(ClientError) as exc:
        kinesis.put_records(StreamName="orders", Records=[{"Data": b"d", "PartitionKey": "k"}, {"Data": b"d"}])
    assert "'records.2.member.partitionKey'" in error(exc)[1]
    assert _stored(cloud) == 0


def test_sequence_number_for_ordering_must_be_a_real_sequence_number(cloud) -> None:
    """SequenceNumberForOrdering "guarantees strictly increasing sequence numbers"; a value Kinesis could not have
    issued is "ExclusiveMinimumSequenceNumber ... used in PutRecord on stream ... under account ... is invalid."
    (kinesalite's tests against AWS)."""
    kinesis = active_stream(cloud, "orders")
    first = kinesis.put_record(StreamName="orders", Data=b"1", PartitionKey="k")["SequenceNumber"]
    second = kinesis.put_record(StreamName="orders", Data=b"2", PartitionKey="k", SequenceNumberForOrdering=first)
    assert int(second["SequenceNumber"]) > int(first)
    with pytest.raises(ClientError) as exc:
        kinesis.put_record(StreamName="orders", Data=b"3", PartitionKey="k", SequenceNumberForOrdering="5")
    assert error(exc) == (
        "InvalidArgumentException",
        f"ExclusiveMinimumSequenceNumber 5 used in PutRecord on stream orders under account {ACCOUNT} is invalid.",
    )
    assert _stored(cloud) == 2


def test_dry_run_checks_without_storing(cloud) -> None:
    """DryRun "Checks if your request will succeed": a request that would succeed is DryRunOperationException and
    stores nothing; a bad one fails with its own error."""
    kinesis = active_stream(cloud, "orders")
    with pytest.raises(kinesis.exceptions.DryRunOperationException):
        kinesis.put_record(StreamName="orders", Data=b"d", PartitionKey="k", DryRun=True)
    with pytest.raises(kinesis.exceptions.DryRunOperationException):
        kinesis.put_records(StreamName="orders", Records=[{"Data": b"d", "PartitionKey": "k"}], DryRun=True)
    with pytest.raises(kinesis.exceptions.ResourceNotFoundException):
        kinesis.put_record(StreamName="missing", Data=b"d", PartitionKey="k", DryRun=True)
    assert _stored(cloud) == 0
