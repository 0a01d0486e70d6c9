"""SplitShard and MergeShards: UPDATING on the virtual clock, closed parents with EndingSequenceNumber, children
with ParentShardId, ChildShards at the end of a closed shard, and per-key order across the lineage.

Sources (checked 2026-12-02):
https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SplitShard.html
https://docs.aws.amazon.com/kinesis/latest/APIReference/API_MergeShards.html
https://docs.aws.amazon.com/streams/latest/dev/kinesis-using-sdk-java-after-resharding.html
and kinesalite's test/splitShard.js and test/mergeShards.js, written against AWS, for the messages and the shape of
the parent's EndingSequenceNumber.
"""

from __future__ import annotations

import pytest

from pocketcloud import ClientError
from pocketcloud.services.kinesis import sequence
from pocketcloud.timeutil import to_datetime

from .kinesis_support import ACCOUNT, active_stream, error

HALF = 2**127


def _ids(kinesis, **params) -> list[str]:  # type: ignore[no-untyped-def]
    return [s["ShardId"] for s in kinesis.list_shards(StreamName="orders", **params)["Shards"]]


def test_split_shard_closes_the_parent_and_opens_two_children(cloud) -> None:
    """SplitShard: the stream is UPDATING (read and write operations continue), then the parent is closed with an
    EndingSequenceNumber and two children cover [Start, NewStartingHashKey - 1] and [NewStartingHashKey, End], each
    with ParentShardId. The parent's EndingSequenceNumber carries the largest counter (kinesalite, against AWS)."""
    kinesis = active_stream(cloud)
    kinesis.split_shard(StreamName="orders", ShardToSplit="shardId-000000000000", NewStartingHashKey=str(HALF))
    status = kinesis.describe_stream_summary(StreamName="orders")["StreamDescriptionSummary"]["StreamStatus"]
    assert status == "UPDATING"
    put = kinesis.put_record(StreamName="orders", Data=b"during", PartitionKey="k")
    assert put["ShardId"] == "shardId-000000000000"
    with pytest.raises(kinesis.exceptions.ResourceInUseException) as exc:
        kinesis.split_shard(StreamName="orders", ShardToSplit="shardId-000000000000", NewStartingHashKey="5")
    assert error(exc) == (
        "ResourceInUseException",
        f"Stream orders under account {ACCOUNT} not ACTIVE, instead in state UPDATING",
    )
    kinesis.get_waiter("stream_exists").wait(StreamName="orders")
    shards = kinesis.describe_stream(StreamName="orders")["StreamDescription"]["Shards"]
    assert [s["ShardId"] for s in shards] == ["shardId-000000000000", "shardId-000000000001", "shardId-000000000002"]
    parent, low, high = shards
    ending = sequence.parse(parent["SequenceNumberRange"]["EndingSequenceNumber"])
    assert ending is not None and ending.counter == sequence.MAX_INDEX and ending.shard_index == 0
    assert low["ParentShardId"] == high["ParentShardId"] == "shardId-000000000000"
    assert low["HashKeyRange"] == {"StartingHashKey": "0", "EndingHashKey": str(HALF - 1)}
    assert high["HashKeyRange"] == {"StartingHashKey": str(HALF), "EndingHashKey": str(2**128 - 1)}
    child_start = sequence.parse(low["SequenceNumberRange"]["StartingSequenceNumber"])
    assert child_start is not None and child_start.shard_created_s == ending.time_s + 1
    assert _ids(kinesis, ShardFilter={"Type": "AT_LATEST"}) == ["shardId-000000000001", "shardId-000000000002"]
    assert kinesis.describe_stream_summary(StreamName="orders")["StreamDescriptionSummary"]["OpenShardCount"] == 2
    after = kinesis.put_record(StreamName="orders", Data=b"after", PartitionKey="k")
    assert after["ShardId"] in ("shardId-000000000001", "shardId-000000000002")


def test_a_closed_shard_ends_with_child_shards_and_no_next_iterator(cloud) -> None:
    """ "If the shard has been closed, the shard iterator can't return more data and GetRecords returns null in
    NextShardIterator"; ChildShards are "returned ... only when the end of the current shard is reached".

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html
    """
    kinesis = active_stream(cloud)
    kinesis.put_record(StreamName="orders", Data=b"before", PartitionKey="k")
    kinesis.split_shard(StreamName="orders", ShardToSplit="shardId-0", NewStartingHashKey=str(HALF))
    kinesis.get_waiter("stream_exists").wait(StreamName="orders")
    iterator = kinesis.get_shard_iterator(
        StreamName="orders", ShardId="shardId-000000000000", ShardIteratorType="TRIM_HORIZON"
    )["ShardIterator"]
    first = kinesis.get_records(ShardIterator=iterator, Limit=1)
    assert [r["Data"] for r in first["Records"]] == [b"before"]
    assert "NextShardIterator" not in first
    assert first["ChildShards"] == [
        {
            "ShardId": "shardId-000000000001",
            "ParentShards": ["shardId-000000000000"],
            "HashKeyRange": {"StartingHashKey": "0", "EndingHashKey": str(HALF - 1)},
        },
        {
            "ShardId": "shardId-000000000002",
            "ParentShards": ["shardId-000000000000"],
            "HashKeyRange": {"StartingHashKey": str(HALF), "EndingHashKey": str(2**128 - 1)},
        },
    ]
    latest = kinesis.get_shard_iterator(StreamName="orders", ShardId="shardId-0", ShardIteratorType="LATEST")
    assert "NextShardIterator" not in kinesis.get_records(ShardIterator=latest["ShardIterator"])


def test_reading_parent_then_children_keeps_a_keys_order(cloud) -> None:
    """After a reshard "data records that were in the parent shards before the reshard remain in those shards";
    reading a parent to its end before its children (what the KCL and Lambda do) gives a partition key's records
    in the order written.

    Source: https://docs.aws.amazon.com/streams/latest/dev/kinesis-using-sdk-java-after-resharding.html
    """
    kinesis = active_stream(cloud)
    for i in range(3):
        kinesis.put_record(StreamName="orders", Data=f"{i}".encode(), PartitionKey="user-1")
    kinesis.split_shard(StreamName="orders", ShardToSplit="shardId-000000000000", NewStartingHashKey=str(HALF))
    kinesis.get_waiter("stream_exists").wait(StreamName="orders")
    for i in range(3, 6):
        kinesis.put_record(StreamName="orders", Data=f"{i}".encode(), PartitionKey="user-1")
    seen: list[bytes] = []
    queue = ["shardId-000000000000"]
    while queue:
        shard = queue.pop(0)
        position = kinesis.get_shard_iterator(StreamName="orders", ShardId=shard, ShardIteratorType="TRIM_HORIZON")[
            "ShardIterator"
        ]
        while position:
            page = kinesis.get_records(ShardIterator=position)
            seen += [r["Data"] for r in page["Records"] if r["PartitionKey"] == "user-1"]
            position = page.get("NextShardIterator") if page["Records"] else None
            queue += [c["ShardId"] for c in page.get("ChildShards", [])]
    assert seen == [b"0", b"1", b"2", b"3", b"4", b"5"]


def test_merge_shards_joins_adjacent_shards(cloud) -> None:
    """MergeShards: two adjacent shards ("the union of the hash key ranges for the two shards form a contiguous
    set") close and one child covers both, with ParentShardId and AdjacentParentShardId; shards that are not
    adjacent are refused in AWS's words (kinesalite's tests)."""
    kinesis = active_stream(cloud, shards=3)
    with pytest.raises(ClientError) as exc:
        kinesis.merge_shards(
            StreamName="orders", ShardToMerge="shardId-000000000000", AdjacentShardToMerge="shardId-000000000002"
        )
    assert error(exc) == (
        "InvalidArgumentException",
        f"Shards shardId-000000000000 and shardId-000000000002 in stream orders under account {ACCOUNT} are not an "
        "adjacent pair of shards eligible for merging",
    )
    kinesis.merge_shards(
        StreamName="orders", ShardToMerge="shardId-000000000002", AdjacentShardToMerge="shardId-000000000001"
    )
    kinesis.get_waiter("stream_exists").wait(StreamName="orders")
    merged = kinesis.list_shards(StreamName="orders")["Shards"][-1]
    assert merged["ShardId"] == "shardId-000000000003"
    assert merged["ParentShardId"] == "shardId-000000000002"
    assert merged["AdjacentParentShardId"] == "shardId-000000000001"
    assert merged["HashKeyRange"] == {
        "StartingHashKey": "113427455640312821154458202477256070485",
        "EndingHashKey": "340282366920938463463374607431768211455",
    }
    assert _ids(kinesis, ShardFilter={"Type": "AT_LATEST"}) == ["shardId-000000000000", "shardId-000000000003"]


def test_bad_splits_are_refused_in_aws_words(cloud) -> None:
    """kinesalite's tests against AWS: a NewStartingHashKey must be greater than one plus the shard's
    StartingHashKey and less than its EndingHashKey; an unknown shard is "Could not find shard ..."; a closed shard
    "has already been merged or split, and thus is not eligible for merging or splitting." (moto's tests). Nothing
    changes."""
    kinesis = active_stream(cloud, shards=3)
    with pytest.raises(ClientError) as exc:
        kinesis.split_shard(StreamName="orders", ShardToSplit="shard-0", NewStartingHashKey="1")
    assert error(exc) == (
        "InvalidArgumentException",
        f"NewStartingHashKey 1 used in SplitShard() on shard shardId-000000000000 in stream orders under account "
        f"{ACCOUNT} is not both greater than one plus the shard's StartingHashKey 0 and less than the shard's "
        "EndingHashKey 113427455640312821154458202477256070484.",
    )
    with pytest.raises(ClientError) as exc:
        kinesis.split_shard(StreamName="orders", ShardToSplit="shardId-5", NewStartingHashKey="2")
    assert error(exc) == (
        "ResourceNotFoundException",
        f"Could not find shard shardId-000000000005 in stream orders under account {ACCOUNT}.",
    )
    assert kinesis.describe_stream_summary(StreamName="orders")["StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE"
    kinesis.split_shard(StreamName="orders", ShardToSplit="shard-0", NewStartingHashKey="2")
    kinesis.get_waiter("stream_exists").wait(StreamName="orders")
    with pytest.raises(ClientError) as exc:
        kinesis.split_shard(StreamName="orders", ShardToSplit="shardId-000000000000", NewStartingHashKey="5")
    assert error(exc) == (
        "InvalidArgumentException",
        f"Shard shardId-000000000000 in stream orders under account {ACCOUNT} has already been merged or split, and "
        "thus is not eligible for merging or splitting.",
    )
    assert len(kinesis.list_shards(StreamName="orders")["Shards"]) == 5


def test_closed_shards_disappear_once_their_records_expire(cloud) -> None:
    """ "This action does not list expired shards": a closed shard leaves ListShards once the retention period has
    passed since it closed; AT_TRIM_HORIZON lists the shards open at the trim horizon.

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html
    """
    kinesis = active_stream(cloud)
    kinesis.split_shard(StreamName="orders", ShardToSplit="shardId-0", NewStartingHashKey=str(HALF))
    kinesis.get_waiter("stream_exists").wait(StreamName="orders")
    closed_at = cloud.now
    assert _ids(kinesis, ShardFilter={"Type": "AT_TRIM_HORIZON"}) == ["shardId-000000000000"]
    cloud.run(until=closed_at + 24 * 3600)
    assert _ids(kinesis) == ["shardId-000000000001", "shardId-000000000002"]
    assert _ids(kinesis, ShardFilter={"Type": "AT_TRIM_HORIZON"}) == ["shardId-000000000001", "shardId-000000000002"]


def test_shard_filters_by_timestamp_follow_the_lineage(cloud) -> None:
    """ShardFilter AT_TIMESTAMP lists the shards open at that time; FROM_TIMESTAMP the shards closed at or after it
    plus the open ones; both need a Timestamp (the message for a missing one is pocketcloud's).

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ShardFilter.html
    """
    kinesis = active_stream(cloud)
    before = cloud.now
    kinesis.split_shard(StreamName="orders", ShardToSplit="shardId-0", NewStartingHashKey=str(HALF))
    kinesis.get_waiter("stream_exists").wait(StreamName="orders")
    after = cloud.now + 1
    cloud.run(until=after + 1)
    at = {"Type": "AT_TIMESTAMP", "Timestamp": to_datetime(before)}
    assert _ids(kinesis, ShardFilter=at) == ["shardId-000000000000"]
    at_later = {"Type": "AT_TIMESTAMP", "Timestamp": to_datetime(after)}
    assert _ids(kinesis, ShardFilter=at_later) == ["shardId-000000000001", "shardId-000000000002"]
    since = {"Type": "FROM_TIMESTAMP", "Timestamp": to_datetime(before)}
    assert _ids(kinesis, ShardFilter=since) == [f"shardId-00000000000{i}" for i in range(3)]
    page = kinesis.list_shards(StreamName="orders", ShardFilter=since, MaxResults=2)
    assert len(page["Shards"]) == 2
    assert [s["ShardId"] for s in kinesis.list_shards(NextToken=page["NextToken"])["Shards"]] == [
        "shardId-000000000002"
    ]
    with pytest.raises(kinesis.exceptions.InvalidArgumentException):
        kinesis.list_shards(StreamName="orders", ShardFilter={"Type": "AT_TIMESTAMP"})
