"""Kinesis per-shard throughput on the virtual clock: 1,000 records or 1 MiB a second for writes, five calls or
2 MiB a second for reads, measured over a sliding one-second window (pocketcloud's model; see
pocketcloud/services/kinesis/throughput.py), with ProvisionedThroughputExceededException in AWS's words.

Sources (checked 2026-12-02):
https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html (the per-shard limits)
https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html (read limits, the 10 MiB / 5 s rule)
https://docs.aws.amazon.com/streams/latest/dev/developing-producers-with-sdk.html (the PutRecords failure example)
"""

from __future__ import annotations

import pytest

import pocketcloud
from pocketcloud import ClientError

from .kinesis_support import ACCOUNT, active_stream, backend, error

SHARD = "shardId-000000000000"
MIB = 1024 * 1024


def _batch(count: int, size: int = 1) -> list[dict[str, object]]:
    return [{"Data": b"x" * size, "PartitionKey": "k"} for _ in range(count)]


def test_a_shard_takes_1000_records_a_second(cloud) -> None:
    """ "Each shard can support writes up to 1,000 records per second": in one second, the 1,001st record fails.
    In PutRecords "a single record failure does not stop the processing of subsequent records"; failed entries
    carry ErrorCode ProvisionedThroughputExceededException and ErrorMessage "Rate exceeded for shard
    shardId-000000000001 in stream exampleStreamName under account 111111111111." (the Developer Guide's example).
    """
    kinesis = active_stream(cloud)
    assert kinesis.put_records(StreamName="orders", Records=_batch(500))["FailedRecordCount"] == 0
    assert kinesis.put_records(StreamName="orders", Records=_batch(500))["FailedRecordCount"] == 0
    third = kinesis.put_records(StreamName="orders", Records=_batch(3))
    assert third["FailedRecordCount"] == 3
    assert third["Records"][0] == {
        "ErrorCode": "ProvisionedThroughputExceededException",
        "ErrorMessage": f"Rate exceeded for shard {SHARD} in stream orders under account {ACCOUNT}.",
    }
    with pytest.raises(kinesis.exceptions.ProvisionedThroughputExceededException) as exc:
        kinesis.put_record(StreamName="orders", Data=b"x", PartitionKey="k")
    assert error(exc) == (
        "ProvisionedThroughputExceededException",
        f"Rate exceeded for shard {SHARD} in stream orders under account {ACCOUNT}.",
    )
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert len(backend(cloud).streams["orders"].shards[0].records) == 1000


def test_the_window_slides(cloud) -> None:
    """pocketcloud's model: a write at t counts during (t, t + 1]. 600 records at t and 400 at t + 0.5 fill the
    shard; at t + 0.999 nothing fits; at t + 1 the first 600 have left the window."""
    kinesis = active_stream(cloud)
    start = cloud.now
    kinesis.put_records(StreamName="orders", Records=_batch(500))
    kinesis.put_records(StreamName="orders", Records=_batch(100))
    cloud.run(until=start + 0.5)
    assert kinesis.put_records(StreamName="orders", Records=_batch(400))["FailedRecordCount"] == 0
    cloud.run(until=start + 0.999)
    assert kinesis.put_records(StreamName="orders", Records=_batch(1))["FailedRecordCount"] == 1
    cloud.run(until=start + 1.0)
    assert kinesis.put_records(StreamName="orders", Records=_batch(500))["FailedRecordCount"] == 0
    assert kinesis.put_records(StreamName="orders", Records=_batch(101))["FailedRecordCount"] == 1


def test_a_shard_takes_1_mib_a_second(cloud) -> None:
    """ "up to a maximum data write total of 1 MiB per second" (data plus partition key): four records of 256 KiB
    (each 262,143 data bytes plus a one-byte key) fill the second; a fifth fails; the failure is partial, so a
    record for another shard in the same request succeeds."""
    kinesis = active_stream(cloud, shards=2)
    quarter = [{"Data": b"x" * (256 * 1024 - 1), "PartitionKey": "k", "ExplicitHashKey": "0"}] * 4
    assert kinesis.put_records(StreamName="orders", Records=quarter)["FailedRecordCount"] == 0
    mixed = kinesis.put_records(
        StreamName="orders",
        Records=[
            {"Data": b"x", "PartitionKey": "k", "ExplicitHashKey": "0"},
            {"Data": b"x", "PartitionKey": "k", "ExplicitHashKey": str(2**128 - 1)},
        ],
    )
    assert mixed["FailedRecordCount"] == 1
    assert mixed["Records"][0]["ErrorCode"] == "ProvisionedThroughputExceededException"
    assert mixed["Records"][1]["ShardId"] == "shardId-000000000001"


def test_hot_partition_keys_throttle_one_shard_only(cloud) -> None:
    """All records of one partition key go to one shard, so a hot key is throttled at one shard's limit however
    many shards the stream has (the "hot shard" lesson)."""
    kinesis = active_stream(cloud, shards=4)
    hot = kinesis.put_records(StreamName="orders", Records=_batch(500))
    hot2 = kinesis.put_records(StreamName="orders", Records=_batch(500))
    hot3 = kinesis.put_records(StreamName="orders", Records=_batch(500))
    assert (hot["FailedRecordCount"], hot2["FailedRecordCount"], hot3["FailedRecordCount"]) == (0, 0, 500)
    spread = [{"Data": b"x", "PartitionKey": f"user-{i}"} for i in range(500)]
    assert kinesis.put_records(StreamName="orders", Records=spread)["FailedRecordCount"] < 500


def test_reads_are_five_calls_a_second_per_shard(cloud) -> None:
    """ "This operation has a limit of five transactions per second per shard": the sixth GetRecords within a second
    is ProvisionedThroughputExceededException ("Rate exceeded for Shard - <account>/<stream>/<shard>", a 2023
    response quoted in risingwavelabs/risingwave#7453); a second later reads work again."""
    kinesis = active_stream(cloud)
    iterator = kinesis.get_shard_iterator(StreamName="orders", ShardId=SHARD, ShardIteratorType="LATEST")[
        "ShardIterator"
    ]
    for _ in range(5):
        iterator = kinesis.get_records(ShardIterator=iterator)["NextShardIterator"]
    with pytest.raises(kinesis.exceptions.ProvisionedThroughputExceededException) as exc:
        kinesis.get_records(ShardIterator=iterator)
    assert error(exc) == (
        "ProvisionedThroughputExceededException",
        f"Rate exceeded for Shard - {ACCOUNT}/orders/{SHARD}",
    )
    cloud.run(until=cloud.now + 1)
    assert kinesis.get_records(ShardIterator=iterator)["Records"] == []


def test_a_10_mib_read_holds_the_shard_for_five_seconds(cloud) -> None:
    """ "The maximum size of data that GetRecords can return is 10 MiB. If a call returns this amount of data,
    subsequent calls made within the next 5 seconds throw ProvisionedThroughputExceededException" — 10 MiB at the
    shard's 2 MiB a second."""
    kinesis = active_stream(cloud)
    backend(cloud).settings.throttling = False
    for _ in range(10):
        kinesis.put_record(StreamName="orders", Data=b"x" * (MIB - 1), PartitionKey="k")
    backend(cloud).settings.throttling = True
    iterator = kinesis.get_shard_iterator(StreamName="orders", ShardId=SHARD, ShardIteratorType="TRIM_HORIZON")[
        "ShardIterator"
    ]
    read_at = cloud.now
    page = kinesis.get_records(ShardIterator=iterator)
    assert len(page["Records"]) == 10
    cloud.run(until=read_at + 4.999)
    with pytest.raises(kinesis.exceptions.ProvisionedThroughputExceededException):
        kinesis.get_records(ShardIterator=page["NextShardIterator"])
    cloud.run(until=read_at + 5)
    assert kinesis.get_records(ShardIterator=page["NextShardIterator"])["Records"] == []


def test_large_records_burst_then_hold_the_shard(cloud) -> None:
    """A stream with MaxRecordSizeInKiB above 1024 takes records up to that size, "temporarily bursting beyond its
    sustained write throughput, then returning to its baseline rate" (large-records.html). pocketcloud's model: a
    record over 1 MiB needs an idle second and then holds the shard for size / 1 MiB seconds."""
    kinesis = active_stream(cloud, MaxRecordSizeInKiB=4096)
    start = cloud.now
    kinesis.put_record(StreamName="orders", Data=b"x" * (3 * MIB), PartitionKey="k")
    cloud.run(until=start + 2.999)
    with pytest.raises(kinesis.exceptions.ProvisionedThroughputExceededException):
        kinesis.put_record(StreamName="orders", Data=b"x", PartitionKey="k")
    cloud.run(until=start + 3.0001)
    kinesis.put_record(StreamName="orders", Data=b"x", PartitionKey="k")
    with pytest.raises(kinesis.exceptions.ProvisionedThroughputExceededException):
        kinesis.put_record(StreamName="orders", Data=b"x" * (2 * MIB), PartitionKey="k")


def test_throttling_can_be_switched_off_for_a_lab(cloud) -> None:
    """Settings.throttling=False lifts the per-shard limits (a lab can look at something else)."""
    kinesis = active_stream(cloud)
    backend(cloud).settings.throttling = False
    for _ in range(4):
        assert kinesis.put_records(StreamName="orders", Records=_batch(500))["FailedRecordCount"] == 0


def test_throttling_is_deterministic() -> None:
    """The same calls at the same virtual times are throttled the same way, for any seed."""

    def run(seed: int) -> list[int]:
        cloud = pocketcloud.Cloud(seed=seed)
        kinesis = active_stream(cloud, shards=3)
        failed = []
        for i in range(6):
            records = [{"Data": b"x" * 2000, "PartitionKey": f"k{(i * 7 + j) % 40}"} for j in range(500)]
            failed.append(kinesis.put_records(StreamName="orders", Records=records)["FailedRecordCount"])
            cloud.run(until=cloud.now + 0.25)
        return failed

    assert run(1) == run(1) == run(2)
    assert sum(run(1)) > 0


def test_a_refused_request_uses_no_throughput(cloud) -> None:
    """A request refused as a whole (too large) stores nothing and counts nothing against the shard."""
    kinesis = active_stream(cloud)
    with pytest.raises(ClientError):
        kinesis.put_records(StreamName="orders", Records=_batch(11, size=1_000_000))
    assert kinesis.put_records(StreamName="orders", Records=_batch(500))["FailedRecordCount"] == 0
    assert kinesis.put_records(StreamName="orders", Records=_batch(500))["FailedRecordCount"] == 0
