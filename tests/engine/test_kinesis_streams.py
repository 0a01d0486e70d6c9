"""Kinesis streams: creation (provisioned and on-demand), status on the virtual clock, description, listing,
addressing by ARN, retention and deletion, with AWS's errors and nothing changed by a refused request.

Sources (checked 2026-12-02) are named in each test; error wording not printed in the API reference comes from real
responses quoted in public threads and from kinesalite's tests, which ran against AWS (see
pocketcloud/services/kinesis/messages.py).
"""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime

import pytest

import pocketcloud
from pocketcloud import ClientError
from pocketcloud.services.kinesis.waiters import WaiterError
from pocketcloud.timeutil import EPOCH

from .kinesis_support import ACCOUNT, active_stream, arn, backend, error


@pytest.fixture
def kinesis(cloud: pocketcloud.Cloud):  # type: ignore[no-untyped-def]
    return cloud.client("kinesis")


def _status(kinesis, name: str = "orders") -> str:  # type: ignore[no-untyped-def]
    return str(kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["StreamStatus"])


# -- CreateStream and the status on the virtual clock ----------------------------------------------------------------
def test_create_stream_is_creating_then_active_after_the_model_delay(cloud, kinesis) -> None:
    """API_CreateStream: "Upon receiving a CreateStream request, Kinesis Data Streams immediately returns and sets
    the stream status to CREATING. After the stream is created, Kinesis Data Streams sets the stream status to
    ACTIVE." The delay is pocketcloud's model (Settings.creating_s, 5 virtual seconds by default).

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html
    """
    assert kinesis.create_stream(StreamName="orders", ShardCount=2)["ResponseMetadata"]["HTTPStatusCode"] == 200
    summary = kinesis.describe_stream_summary(StreamName="orders")["StreamDescriptionSummary"]
    assert summary["StreamStatus"] == "CREATING"
    assert kinesis.describe_stream(StreamName="orders")["StreamDescription"]["Shards"] == []  # as on AWS, kinesalite
    cloud.run(until=4.999)
    assert _status(kinesis) == "CREATING"
    cloud.run(until=5)
    assert _status(kinesis) == "ACTIVE"


def test_reads_and_writes_on_a_creating_stream_are_resource_in_use(kinesis) -> None:
    """A stream still CREATING refuses data operations with ResourceInUseException, "Stream ... under account ...
    not ACTIVE or UPDATING, instead in state CREATING" (AWS's words quoted in aws-sdk-java-v2#6006 and #5949).

    Source: https://github.com/aws/aws-sdk-java-v2/pull/6006
    """
    kinesis.create_stream(StreamName="orders", ShardCount=1)
    expected = f"Stream orders under account {ACCOUNT} not ACTIVE or UPDATING, instead in state CREATING"
    calls = [
        lambda: kinesis.put_record(StreamName="orders", Data=b"x", PartitionKey="k"),
        lambda: kinesis.put_records(StreamName="orders", Records=[{"Data": b"x", "PartitionKey": "k"}]),
        lambda: kinesis.get_shard_iterator(
            StreamName="orders", ShardId="shardId-000000000000", ShardIteratorType="LATEST"
        ),
        lambda: kinesis.list_shards(StreamName="orders"),
    ]
    for call in calls:
        with pytest.raises(kinesis.exceptions.ResourceInUseException) as exc:
            call()
        assert error(exc) == ("ResourceInUseException", expected)


def test_stream_exists_waiter_runs_the_virtual_clock(cloud, kinesis) -> None:
    """botocore's StreamExists waiter polls DescribeStream every 10 s until ACTIVE (waiters-2.json); pocketcloud
    lets 10 virtual seconds pass where botocore would sleep."""
    kinesis.create_stream(StreamName="orders", ShardCount=1)
    kinesis.get_waiter("stream_exists").wait(StreamName="orders")
    assert cloud.now == 10
    assert kinesis.describe_stream(StreamName="orders")["StreamDescription"]["StreamStatus"] == "ACTIVE"
    with pytest.raises(WaiterError, match=r"Waiter StreamExists failed: An error occurred \(ResourceNotFoundException"):
        kinesis.get_waiter("stream_exists").wait(StreamName="missing")
    backend(cloud).settings.creating_s = 1000
    kinesis.create_stream(StreamName="slow", ShardCount=1)
    with pytest.raises(WaiterError, match="Max attempts exceeded"):
        kinesis.get_waiter("stream_exists").wait(StreamName="slow", WaiterConfig={"Delay": 1, "MaxAttempts": 3})


def test_new_shards_split_the_hash_key_space_evenly(cloud) -> None:
    """Shard i of n starts at i * (2^128 // n); the last ends at 2^128 - 1. The AWS CLI's describe-stream example
    of a 3-shard stream has exactly these ranges, and IDs shardId-000000000000 to -000000000002.

    Source: https://github.com/aws/aws-cli/blob/develop/awscli/examples/kinesis/describe-stream.rst
    """
    kinesis = active_stream(cloud, "samplestream", shards=3)
    shards = kinesis.describe_stream(StreamName="samplestream")["StreamDescription"]["Shards"]
    assert [s["ShardId"] for s in shards] == ["shardId-000000000000", "shardId-000000000001", "shardId-000000000002"]
    assert [s["HashKeyRange"] for s in shards] == [
        {"StartingHashKey": "0", "EndingHashKey": "113427455640312821154458202477256070484"},
        {
            "StartingHashKey": "113427455640312821154458202477256070485",
            "EndingHashKey": "226854911280625642308916404954512140969",
        },
        {
            "StartingHashKey": "226854911280625642308916404954512140970",
            "EndingHashKey": "340282366920938463463374607431768211455",
        },
    ]
    starts = [int(s["SequenceNumberRange"]["StartingSequenceNumber"]) for s in shards]
    # Consecutive shards' starting sequence numbers differ by this much on AWS (kinesalite's test/createStream.js).
    gap = 22300745198530623141535718272648361505980432
    assert [b - a for a, b in itertools.pairwise(starts)] == [gap, gap]
    for shard in shards:
        assert re.fullmatch(r"\d{56}", shard["SequenceNumberRange"]["StartingSequenceNumber"])
        assert "EndingSequenceNumber" not in shard["SequenceNumberRange"]
        assert "ParentShardId" not in shard


def test_describe_stream_has_the_shape_of_the_cli_example(cloud) -> None:
    """DescribeStream of a new stream: ACTIVE, 24-hour retention, EnhancedMonitoring [{"ShardLevelMetrics": []}],
    EncryptionType NONE, a StreamCreationTimestamp (an aware datetime in boto3), the ARN
    arn:aws:kinesis:<region>:<account>:stream/<name>.

    Source: https://github.com/aws/aws-cli/blob/develop/awscli/examples/kinesis/describe-stream.rst
    """
    kinesis = active_stream(cloud, "samplestream", shards=1)
    description = kinesis.describe_stream(StreamName="samplestream")["StreamDescription"]
    assert description["StreamName"] == "samplestream"
    assert description["StreamARN"] == arn("samplestream")
    assert description["StreamStatus"] == "ACTIVE"
    assert description["StreamModeDetails"] == {"StreamMode": "PROVISIONED"}
    assert description["RetentionPeriodHours"] == 24
    assert description["EnhancedMonitoring"] == [{"ShardLevelMetrics": []}]
    assert description["EncryptionType"] == "NONE"
    assert description["HasMoreShards"] is False
    assert description["StreamCreationTimestamp"] == EPOCH
    assert description["StreamCreationTimestamp"].tzinfo is not None


def test_describe_stream_summary_counts_open_shards(cloud) -> None:
    """DescribeStreamSummary as in the AWS CLI example: OpenShardCount, ConsumerCount 0, EncryptionType NONE;
    MaxRecordSizeInKiB is the 1 MiB default.

    Source: https://docs.aws.amazon.com/code-library/latest/ug/kinesis_example_kinesis_DescribeStreamSummary_section.html
    """
    kinesis = active_stream(cloud, "samplestream", shards=3)
    summary = kinesis.describe_stream_summary(StreamARN=arn("samplestream"))["StreamDescriptionSummary"]
    assert summary["OpenShardCount"] == 3
    assert summary["ConsumerCount"] == 0
    assert summary["EncryptionType"] == "NONE"
    assert summary["EnhancedMonitoring"] == [{"ShardLevelMetrics": []}]
    assert summary["MaxRecordSizeInKiB"] == 1024
    assert "RecordDistributionStrategy" not in summary


def test_on_demand_streams_start_with_four_shards(cloud, kinesis) -> None:
    """ "By default, new data streams created with the on-demand capacity mode have 4 MB/s of write and 8 MB/s of
    read throughput": four shards of 1 MB/s each. RecordDistributionStrategy is reported for on-demand streams only.

    Source: https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html
    """
    kinesis.create_stream(StreamName="clicks", StreamModeDetails={"StreamMode": "ON_DEMAND"})
    cloud.run(until=10)
    summary = kinesis.describe_stream_summary(StreamName="clicks")["StreamDescriptionSummary"]
    assert summary["OpenShardCount"] == 4
    assert summary["StreamModeDetails"] == {"StreamMode": "ON_DEMAND"}
    assert summary["RecordDistributionStrategy"] == "USER_PARTITION_KEY"


def test_shard_count_and_mode_must_agree(kinesis) -> None:
    """On-demand streams take no ShardCount ("ShardCount is not expected when StreamMode=ON_DEMAND", relayed by
    CloudFormation in aws-cdk#18247); "For the data streams with a provisioned mode, you must specify the number of
    shards" (API_CreateStream; the message for that case is pocketcloud's). Nothing is created."""
    with pytest.raises(ClientError) as exc:
        kinesis.create_stream(StreamName="a", ShardCount=2, StreamModeDetails={"StreamMode": "ON_DEMAND"})
    assert error(exc) == ("InvalidArgumentException", "ShardCount is not expected when StreamMode=ON_DEMAND")
    with pytest.raises(ClientError) as exc:
        kinesis.create_stream(StreamName="a")
    assert error(exc)[0] == "InvalidArgumentException"
    assert kinesis.list_streams()["StreamNames"] == []


def test_create_stream_validates_names_and_counts_as_the_front_end_does(kinesis) -> None:
    """StreamName must match [a-zA-Z0-9_.-]+ (ValidationException, e.g. "1 validation error detected: Value
    'arn:aws:kinesis:...' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression
    pattern: [a-zA-Z0-9_.-]+", quoted in bizreach/aws-kinesis-scala#19); ShardCount has a minimum of 1, which
    botocore checks before sending."""
    with pytest.raises(ClientError) as exc:
        kinesis.create_stream(StreamName="bad name", ShardCount=1)
    assert error(exc) == (
        "ValidationException",
        "1 validation error detected: Value 'bad name' at 'streamName' failed to satisfy constraint: Member must "
        "satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    )
    with pytest.raises(pocketcloud.ParamValidationError):
        kinesis.create_stream(StreamName="ok", ShardCount=0)
    assert kinesis.list_streams()["StreamNames"] == []


def test_a_name_in_use_is_resource_in_use(cloud) -> None:
    """ "Stream stream under account 123456789012 already exists." (ResourceInUseException), also while the old
    stream is DELETING (kinesalite#41)."""
    kinesis = active_stream(cloud, "stream")
    with pytest.raises(kinesis.exceptions.ResourceInUseException) as exc:
        kinesis.create_stream(StreamName="stream", ShardCount=5)
    assert error(exc) == ("ResourceInUseException", f"Stream stream under account {ACCOUNT} already exists.")
    assert kinesis.describe_stream_summary(StreamName="stream")["StreamDescriptionSummary"]["OpenShardCount"] == 1
    kinesis.delete_stream(StreamName="stream")
    with pytest.raises(kinesis.exceptions.ResourceInUseException):
        kinesis.create_stream(StreamName="stream", ShardCount=1)


def test_unsimulated_features_are_refused_with_a_reason(kinesis) -> None:
    """Warm throughput and the AUTO distribution strategy are not simulated: refused by name, nothing created."""
    with pytest.raises(ClientError, match="pocketcloud does not simulate"):
        kinesis.create_stream(StreamName="a", StreamModeDetails={"StreamMode": "ON_DEMAND"}, WarmThroughputMiBps=10)
    with pytest.raises(ClientError, match="pocketcloud does not simulate"):
        kinesis.create_stream(
            StreamName="a", StreamModeDetails={"StreamMode": "ON_DEMAND"}, RecordDistributionStrategy="AUTO"
        )
    assert kinesis.list_streams()["StreamNames"] == []


# -- addressing ----------------------------------------------------------------------------------------------------
def test_unknown_streams_are_resource_not_found(kinesis) -> None:
    """ "Stream Foo under account 123456789012 not found." (ResourceNotFoundException; the Developer Guide's CLI
    tutorial and the AWS SDKs' integration tests), by name or by ARN.

    Source: https://docs.aws.amazon.com/streams/latest/dev/fundamental-stream.html
    """
    for params in ({"StreamName": "Foo"}, {"StreamARN": arn("Foo")}):
        with pytest.raises(kinesis.exceptions.ResourceNotFoundException) as exc:
            kinesis.describe_stream_summary(**params)
        assert error(exc) == ("ResourceNotFoundException", f"Stream Foo under account {ACCOUNT} not found.")
        assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_stream_arn_addresses_the_stream(cloud) -> None:
    """ "You must use either the StreamARN or the StreamName parameter, or both. It is recommended that you use the
    StreamARN input parameter." An ARN of another Region names no stream here; neither parameter is refused.

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html
    """
    kinesis = active_stream(cloud, "orders")
    put = kinesis.put_record(StreamARN=arn("orders"), Data=b"x", PartitionKey="k")
    assert put["ShardId"] == "shardId-000000000000"
    both = kinesis.describe_stream(StreamName="orders", StreamARN=arn("orders"))
    assert both["StreamDescription"]["StreamName"] == "orders"
    with pytest.raises(kinesis.exceptions.ResourceNotFoundException):
        kinesis.describe_stream(StreamARN="arn:aws:kinesis:us-east-1:123456789012:stream/orders")
    with pytest.raises(kinesis.exceptions.InvalidArgumentException):
        kinesis.describe_stream(StreamName="other", StreamARN=arn("orders"))
    with pytest.raises(kinesis.exceptions.InvalidArgumentException) as exc:
        kinesis.describe_stream()
    assert error(exc) == ("InvalidArgumentException", "Either StreamName or StreamARN should be provided.")


# -- listing -------------------------------------------------------------------------------------------------------
def test_list_streams_pages_by_name(cloud, kinesis) -> None:
    """ListStreams lists names in order, at most Limit (default 100) a call, with HasMoreStreams, NextToken and
    StreamSummaries; ExclusiveStartStreamName starts after a name; the paginator follows NextToken.

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListStreams.html
    """
    for name in ("c", "a", "b", "d"):
        kinesis.create_stream(StreamName=name, ShardCount=1)
    first = kinesis.list_streams(Limit=3)
    assert first["StreamNames"] == ["a", "b", "c"]
    assert first["HasMoreStreams"] is True
    assert [s["StreamStatus"] for s in first["StreamSummaries"]] == ["CREATING"] * 3
    assert first["StreamSummaries"][0]["StreamARN"] == arn("a")
    rest = kinesis.list_streams(NextToken=first["NextToken"])
    assert rest["StreamNames"] == ["d"] and rest["HasMoreStreams"] is False and "NextToken" not in rest
    assert kinesis.list_streams(ExclusiveStartStreamName="b")["StreamNames"] == ["c", "d"]
    pages = list(kinesis.get_paginator("list_streams").paginate(PaginationConfig={"PageSize": 2}))
    assert [p["StreamNames"] for p in pages] == [["a", "b"], ["c", "d"]]


def test_list_shards_and_its_filters(cloud) -> None:
    """ListShards: all shards by default (FROM_TRIM_HORIZON); MaxResults and NextToken page them;
    ExclusiveStartShardId / AFTER_SHARD_ID start after an ID; AT_LATEST lists open shards. "Either NextToken or
    StreamName should be provided." and "NextToken and StreamName cannot be provided together." are AWS's words
    (kinesalite's tests against AWS).

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html
    """
    kinesis = active_stream(cloud, "orders", shards=5)
    ids = [s["ShardId"] for s in kinesis.list_shards(StreamName="orders")["Shards"]]
    assert ids == [f"shardId-00000000000{i}" for i in range(5)]
    page = kinesis.list_shards(StreamName="orders", MaxResults=2)
    assert [s["ShardId"] for s in page["Shards"]] == ids[:2]
    page2 = kinesis.list_shards(NextToken=page["NextToken"], MaxResults=2)
    assert [s["ShardId"] for s in page2["Shards"]] == ids[2:4]
    last = kinesis.list_shards(NextToken=page2["NextToken"])
    assert [s["ShardId"] for s in last["Shards"]] == ids[4:] and "NextToken" not in last
    assert [s["ShardId"] for s in kinesis.list_shards(StreamName="orders", ExclusiveStartShardId=ids[2])["Shards"]] == (
        ids[3:]
    )
    after = kinesis.list_shards(StreamName="orders", ShardFilter={"Type": "AFTER_SHARD_ID", "ShardId": ids[3]})
    assert [s["ShardId"] for s in after["Shards"]] == ids[4:]
    assert len(kinesis.list_shards(StreamName="orders", ShardFilter={"Type": "AT_LATEST"})["Shards"]) == 5
    with pytest.raises(ClientError) as exc:
        kinesis.list_shards()
    assert error(exc) == ("InvalidArgumentException", "Either NextToken or StreamName should be provided.")
    with pytest.raises(ClientError) as exc:
        kinesis.list_shards(StreamName="orders", NextToken=page["NextToken"])
    assert error(exc) == ("InvalidArgumentException", "NextToken and StreamName cannot be provided together.")


def test_list_shards_tokens_expire_after_300_seconds(cloud) -> None:
    """ListShards: "Tokens expire after 300 seconds" (ExpiredNextTokenException).

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html
    """
    kinesis = active_stream(cloud, "orders", shards=3)
    token = kinesis.list_shards(StreamName="orders", MaxResults=1)["NextToken"]
    cloud.run(until=cloud.now + 301)
    with pytest.raises(kinesis.exceptions.ExpiredNextTokenException):
        kinesis.list_shards(NextToken=token)


# -- retention -----------------------------------------------------------------------------------------------------
def test_retention_is_24_hours_and_can_grow_to_8760(cloud) -> None:
    """ "By default, data records are accessible for 24 hours"; "The maximum value of a stream's retention period is
    8760 hours (365 days)"; "The minimum value of a stream's retention period is 24 hours." Out-of-range values and
    the wrong direction are InvalidArgumentException in AWS's words (kinesalite's and moto's tests); nothing
    changes.

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_IncreaseStreamRetentionPeriod.html
    """
    kinesis = active_stream(cloud, "orders")
    kinesis.increase_stream_retention_period(StreamName="orders", RetentionPeriodHours=168)
    assert kinesis.describe_stream(StreamName="orders")["StreamDescription"]["RetentionPeriodHours"] == 168
    kinesis.increase_stream_retention_period(StreamARN=arn("orders"), RetentionPeriodHours=8760)
    cases = [
        (kinesis.increase_stream_retention_period, 8761, "Maximum allowed retention period is 8760 hours. Requested "
         "retention period (8761 hours) is too long."),
        (kinesis.decrease_stream_retention_period, 20, "Minimum allowed retention period is 24 hours. Requested "
         "retention period (20 hours) is too short."),
        (kinesis.increase_stream_retention_period, 48, "Requested retention period (48 hours) for stream orders can "
         "not be shorter than existing retention period (8760 hours). Use DecreaseRetentionPeriod API."),
    ]  # fmt: skip
    for call, hours, message in cases:
        with pytest.raises(ClientError) as exc:
            call(StreamName="orders", RetentionPeriodHours=hours)
        assert error(exc) == ("InvalidArgumentException", message)
    assert kinesis.describe_stream(StreamName="orders")["StreamDescription"]["RetentionPeriodHours"] == 8760
    kinesis.decrease_stream_retention_period(StreamName="orders", RetentionPeriodHours=24)
    with pytest.raises(ClientError) as exc:
        kinesis.decrease_stream_retention_period(StreamName="orders", RetentionPeriodHours=48)
    assert error(exc) == (
        "InvalidArgumentException",
        "Requested retention period (48 hours) for stream orders can not be longer than existing retention period "
        "(24 hours). Use IncreaseRetentionPeriod API.",
    )


# -- DeleteStream ----------------------------------------------------------------------------------------------------
def test_delete_stream_is_deleting_then_gone(cloud) -> None:
    """ "After a DeleteStream request, the specified stream is in the DELETING state until Kinesis Data Streams
    completes the deletion"; then it is ResourceNotFoundException (the StreamNotExists waiter waits for that).
    A DELETING stream describes no shards (the output quoted in botocore#715).

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DeleteStream.html
    """
    kinesis = active_stream(cloud, "orders", shards=2)
    kinesis.delete_stream(StreamName="orders")
    description = kinesis.describe_stream(StreamName="orders")["StreamDescription"]
    assert description["StreamStatus"] == "DELETING" and description["Shards"] == []
    kinesis.get_waiter("stream_not_exists").wait(StreamName="orders")
    with pytest.raises(kinesis.exceptions.ResourceNotFoundException):
        kinesis.describe_stream(StreamName="orders")
    assert kinesis.list_streams()["StreamNames"] == []
    kinesis.create_stream(StreamName="orders", ShardCount=1)  # the name is free again


def test_a_creating_stream_cannot_be_deleted(kinesis) -> None:
    """ "If the stream is in the ACTIVE state, you can delete it"; a CREATING stream is ResourceInUseException
    ("... not ACTIVE, instead in state CREATING", the wording of kinesalite's tests) and stays."""
    kinesis.create_stream(StreamName="orders", ShardCount=1)
    with pytest.raises(kinesis.exceptions.ResourceInUseException) as exc:
        kinesis.delete_stream(StreamName="orders")
    assert error(exc) == (
        "ResourceInUseException",
        f"Stream orders under account {ACCOUNT} not ACTIVE, instead in state CREATING",
    )
    assert kinesis.list_streams()["StreamNames"] == ["orders"]


def test_same_seed_same_streams() -> None:
    """Determinism: the same seed and calls give the same sequence numbers and iterators."""

    def run() -> tuple[str, str]:
        cloud = pocketcloud.Cloud(seed=7)
        kinesis = active_stream(cloud, "orders", shards=2)
        number = kinesis.put_record(StreamName="orders", Data=b"x", PartitionKey="k")["SequenceNumber"]
        iterator = kinesis.get_shard_iterator(
            StreamName="orders", ShardId="shardId-000000000001", ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        return number, iterator

    assert run() == run()
    assert datetime(2026, 1, 1, tzinfo=UTC) == EPOCH


def test_describe_stream_pages_shards_for_botocores_paginator(cloud) -> None:
    """DescribeStream returns at most 100 shards ("If you specify a value greater than 100, at most 100 results are
    returned") with HasMoreShards; botocore's paginator continues from StreamDescription.Shards[-1].ShardId.

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStream.html
    """
    kinesis = active_stream(cloud, "wide", shards=150)
    first = kinesis.describe_stream(StreamName="wide", Limit=500)["StreamDescription"]
    assert len(first["Shards"]) == 100 and first["HasMoreShards"] is True
    rest = kinesis.describe_stream(StreamName="wide", ExclusiveStartShardId=first["Shards"][-1]["ShardId"])
    assert len(rest["StreamDescription"]["Shards"]) == 50
    full = kinesis.get_paginator("describe_stream").paginate(StreamName="wide").build_full_result()
    assert [s["ShardId"] for s in full["StreamDescription"]["Shards"]] == [f"shardId-{i:012d}" for i in range(150)]
    assert full["StreamDescription"]["StreamName"] == "wide"
