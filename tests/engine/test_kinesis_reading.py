"""Kinesis reads: every shard iterator type, GetRecords' limits and MillisBehindLatest, iterator expiry, retention,
and AWS's errors for bad iterators, shard IDs and sequence numbers.

Sources (checked 2026-12-02) are named in each test; messages not printed in the API reference come from
kinesalite's tests, which ran against AWS, and real responses quoted in public threads.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pocketcloud import ClientError
from pocketcloud.timeutil import EPOCH, to_datetime

from .kinesis_support import ACCOUNT, active_stream, arn, backend, error

SHARD = "shardId-000000000000"


def _iterator(kinesis, kind: str, **params) -> str:  # type: ignore[no-untyped-def]
    return str(kinesis.get_shard_iterator(StreamName="orders", ShardId=SHARD, ShardIteratorType=kind, **params)
               ["ShardIterator"])  # fmt: skip


def _put(kinesis, *payloads: bytes) -> list[str]:  # type: ignore[no-untyped-def]
    return [kinesis.put_record(StreamName="orders", Data=p, PartitionKey="k")["SequenceNumber"] for p in payloads]


def _data(page) -> list[bytes]:  # type: ignore[no-untyped-def]
    return [r["Data"] for r in page["Records"]]


def test_every_iterator_type_starts_where_the_reference_says(cloud) -> None:
    """TRIM_HORIZON: the oldest record; LATEST: "just after the most recent record"; AT_SEQUENCE_NUMBER: at that
    record; AFTER_SEQUENCE_NUMBER: right after it.

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html
    """
    kinesis = active_stream(cloud)
    numbers = _put(kinesis, b"a", b"b", b"c")
    latest = _iterator(kinesis, "LATEST")
    assert _data(kinesis.get_records(ShardIterator=_iterator(kinesis, "TRIM_HORIZON"))) == [b"a", b"b", b"c"]
    at = _iterator(kinesis, "AT_SEQUENCE_NUMBER", StartingSequenceNumber=numbers[1])
    assert _data(kinesis.get_records(ShardIterator=at)) == [b"b", b"c"]
    after = _iterator(kinesis, "AFTER_SEQUENCE_NUMBER", StartingSequenceNumber=numbers[1])
    assert _data(kinesis.get_records(ShardIterator=after)) == [b"c"]
    assert _data(kinesis.get_records(ShardIterator=latest)) == []
    cloud.run(until=cloud.now + 1)
    _put(kinesis, b"d")
    assert _data(kinesis.get_records(ShardIterator=latest)) == [b"d"]
    start = kinesis.list_shards(StreamName="orders")["Shards"][0]["SequenceNumberRange"]["StartingSequenceNumber"]
    from_start = _iterator(kinesis, "AT_SEQUENCE_NUMBER", StartingSequenceNumber=start)
    assert _data(kinesis.get_records(ShardIterator=from_start)) == [b"a", b"b", b"c", b"d"]


def test_at_timestamp_starts_at_the_first_record_at_or_after_the_time(cloud) -> None:
    """ "If a record with this exact time stamp does not exist, the iterator returned is for the next (later) record.
    If the time stamp is older than the current trim horizon, the iterator returned is for the oldest untrimmed data
    record." A future timestamp is refused in AWS's words ("The timestampInMillis parameter cannot be greater than
    the currentTimestampInMillis. ..."), and a missing one too (kinesalite's tests).

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html
    """
    kinesis = active_stream(cloud)
    for payload in (b"t10", b"t11", b"t12"):
        _put(kinesis, payload)
        cloud.run(until=cloud.now + 1)
    exact = _iterator(kinesis, "AT_TIMESTAMP", Timestamp=to_datetime(11))
    assert _data(kinesis.get_records(ShardIterator=exact)) == [b"t11", b"t12"]
    between = _iterator(kinesis, "AT_TIMESTAMP", Timestamp=to_datetime(10.5))
    assert _data(kinesis.get_records(ShardIterator=between)) == [b"t11", b"t12"]
    epoch_seconds = _iterator(kinesis, "AT_TIMESTAMP", Timestamp=EPOCH.timestamp())
    assert _data(kinesis.get_records(ShardIterator=epoch_seconds)) == [b"t10", b"t11", b"t12"]
    with pytest.raises(ClientError) as exc:
        _iterator(kinesis, "AT_TIMESTAMP", Timestamp=to_datetime(cloud.now + 60))
    code, message = error(exc)
    assert code == "InvalidArgumentException"
    assert message.startswith("The timestampInMillis parameter cannot be greater than the currentTimestampInMillis.")
    with pytest.raises(ClientError) as exc:
        _iterator(kinesis, "AT_TIMESTAMP")
    assert error(exc) == (
        "InvalidArgumentException",
        "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no "
        "timestamp parameter.",
    )


def test_iterator_type_and_starting_sequence_number_must_agree(cloud) -> None:
    """kinesalite's tests against AWS: "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and
    StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified ..."; an
    unknown type is the front end's enum ValidationException."""
    kinesis = active_stream(cloud)
    number = _put(kinesis, b"a")[0]
    prefix = (
        "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) "
        "TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified "
    )
    with pytest.raises(ClientError) as exc:
        _iterator(kinesis, "AT_SEQUENCE_NUMBER")
    assert error(exc) == ("InvalidArgumentException", prefix + "AT_SEQUENCE_NUMBER and no StartingSequenceNumber.")
    with pytest.raises(ClientError) as exc:
        _iterator(kinesis, "LATEST", StartingSequenceNumber=number)
    assert error(exc) == ("InvalidArgumentException", prefix + "LATEST and also a StartingSequenceNumber.")
    with pytest.raises(ClientError) as exc:
        _iterator(kinesis, "OLDEST")
    assert error(exc) == (
        "ValidationException",
        "1 validation error detected: Value 'OLDEST' at 'shardIteratorType' failed to satisfy constraint: Member must "
        "satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]",
    )


def test_bad_starting_sequence_numbers_in_aws_words(cloud) -> None:
    """kinesalite's tests against AWS: a number that is not one Kinesis issues is "StartingSequenceNumber ... used in
    GetShardIterator on shard ... is invalid."; one of another shard "Invalid StartingSequenceNumber. It encodes
    shardId-000000000001, while it was used in a call to a shard with shardId-000000000000"; one of another stream
    "... is invalid because it did not come from this stream."."""
    kinesis = active_stream(cloud, "orders", shards=2)
    other = active_stream(cloud, "other")
    mine = kinesis.put_record(StreamName="orders", Data=b"x", PartitionKey="k", ExplicitHashKey="0")["SequenceNumber"]
    theirs = kinesis.put_record(StreamName="orders", Data=b"x", PartitionKey="k", ExplicitHashKey=str(2**128 - 1))
    cloud.run(until=cloud.now + 5)
    elsewhere = other.put_record(StreamName="other", Data=b"x", PartitionKey="k")["SequenceNumber"]
    where = f"used in GetShardIterator on shard {SHARD} in stream orders under account {ACCOUNT} is invalid"
    for number, message in (
        ("5", f"StartingSequenceNumber 5 {where}."),
        (
            theirs["SequenceNumber"],
            "Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a call to a shard "
            f"with {SHARD}",
        ),
        (elsewhere, f"StartingSequenceNumber {elsewhere} {where} because it did not come from this stream."),
    ):
        with pytest.raises(ClientError) as exc:
            _iterator(kinesis, "AT_SEQUENCE_NUMBER", StartingSequenceNumber=number)
        assert error(exc) == ("InvalidArgumentException", message)
    assert _iterator(kinesis, "AT_SEQUENCE_NUMBER", StartingSequenceNumber=mine)


def test_shard_ids_are_read_as_aws_reads_them(cloud) -> None:
    """AWS reads the number after the last hyphen: "shardId-0", "shard-0" and "0" all name shardId-000000000000; a
    shard the stream lacks is "Shard shardId-000000000005 in stream ... does not exist"; an ID with no number is
    "Could not find shard ABKLFD8 in stream ...". An unknown stream is reported as a shard that does not exist
    (all from kinesalite's tests against AWS)."""
    kinesis = active_stream(cloud)
    for text in ("shardId-000000000000", "shardId-0", "shard-0", "0"):
        assert kinesis.get_shard_iterator(StreamName="orders", ShardId=text, ShardIteratorType="LATEST")
    for stream, text, message in (
        ("orders", "shardId-5", f"Shard shardId-000000000005 in stream orders under account {ACCOUNT} does not exist"),
        ("orders", "ABKLFD8", f"Could not find shard ABKLFD8 in stream orders under account {ACCOUNT}."),
        ("missing", "shardId-0", f"Shard {SHARD} in stream missing under account {ACCOUNT} does not exist"),
    ):
        with pytest.raises(kinesis.exceptions.ResourceNotFoundException) as exc:
            kinesis.get_shard_iterator(StreamName=stream, ShardId=text, ShardIteratorType="LATEST")
        assert error(exc) == ("ResourceNotFoundException", message)


def test_get_records_follows_next_shard_iterator_and_honours_limit(cloud) -> None:
    """GetRecords returns at most Limit records and a NextShardIterator to continue from; MillisBehindLatest is 0
    once caught up ("A value of zero indicates that record processing is caught up") and otherwise the age of the
    oldest unread record (pocketcloud's model of "how far behind current time the consumer is").

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html
    """
    kinesis = active_stream(cloud)
    _put(kinesis, *[f"{i}".encode() for i in range(5)])
    cloud.run(until=cloud.now + 2.5)
    first = kinesis.get_records(ShardIterator=_iterator(kinesis, "TRIM_HORIZON"), Limit=2)
    assert _data(first) == [b"0", b"1"]
    assert first["MillisBehindLatest"] == 2500
    second = kinesis.get_records(ShardIterator=first["NextShardIterator"], Limit=10)
    assert _data(second) == [b"2", b"3", b"4"] and second["MillisBehindLatest"] == 0
    third = kinesis.get_records(ShardIterator=second["NextShardIterator"])
    assert third["Records"] == [] and "NextShardIterator" in third and "ChildShards" not in third
    with pytest.raises(ClientError) as exc:
        kinesis.get_records(ShardIterator=second["NextShardIterator"], Limit=10_001)
    assert error(exc)[0] == "ValidationException"


def test_get_records_returns_at_most_10_mib(cloud) -> None:
    """ "The maximum size of data that GetRecords can return is 10 MiB." Twelve records of 1 MiB - 1 byte (with
    their one-byte keys) come back as ten, and the rest on the next call.

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html
    """
    kinesis = active_stream(cloud)
    backend(cloud).settings.throttling = False
    for _ in range(12):
        kinesis.put_record(StreamName="orders", Data=b"x" * (1024 * 1024 - 1), PartitionKey="k")
    first = kinesis.get_records(ShardIterator=_iterator(kinesis, "TRIM_HORIZON"))
    assert len(first["Records"]) == 10
    assert len(kinesis.get_records(ShardIterator=first["NextShardIterator"])["Records"]) == 2


def test_iterators_expire_after_five_minutes(cloud) -> None:
    """ "A shard iterator expires 5 minutes after it is returned to the requester"; then ExpiredIteratorException:
    "Iterator expired. The iterator was created at time <date> while right now it is <date> which is further in the
    future than the tolerated delay of 300000 milliseconds." (AWS's wording, in Java's date format).

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html
    """
    kinesis = active_stream(cloud)
    iterator = _iterator(kinesis, "TRIM_HORIZON")
    cloud.run(until=cloud.now + 300)
    kinesis.get_records(ShardIterator=iterator)  # exactly five minutes: still valid
    cloud.run(until=cloud.now + 0.001)
    with pytest.raises(kinesis.exceptions.ExpiredIteratorException) as exc:
        kinesis.get_records(ShardIterator=iterator)
    assert error(exc) == (
        "ExpiredIteratorException",
        "Iterator expired. The iterator was created at time Thu Jan 01 00:00:10 UTC 2026 while right now it is Thu "
        "Jan 01 00:05:10 UTC 2026 which is further in the future than the tolerated delay of 300000 milliseconds.",
    )


def test_iterators_that_were_not_issued_are_invalid(cloud) -> None:
    """An iterator that Kinesis did not issue, or one that was altered, is "Invalid ShardIterator."
    (InvalidArgumentException, kinesalite's tests against AWS)."""
    kinesis = active_stream(cloud)
    good = _iterator(kinesis, "TRIM_HORIZON")
    tampered = good[:-6] + ("AAAAAA" if not good.endswith("AAAAAA") else "BBBBBB")
    for bad in ("not-an-iterator", "AAAAAAAAAAE=", tampered, good[:-1]):
        with pytest.raises(kinesis.exceptions.InvalidArgumentException) as exc:
            kinesis.get_records(ShardIterator=bad)
        assert error(exc) == ("InvalidArgumentException", "Invalid ShardIterator.")


def test_an_iterator_of_a_deleted_stream_names_no_shard(cloud) -> None:
    """After DeleteStream completes, an old iterator reads nothing, even when a stream of the same name exists again
    (the ResourceNotFoundException wording is kinesalite's for GetRecords on a missing stream)."""
    kinesis = active_stream(cloud)
    iterator = _iterator(kinesis, "TRIM_HORIZON")
    kinesis.delete_stream(StreamName="orders")
    cloud.run(until=cloud.now + 10)
    kinesis.create_stream(StreamName="orders", ShardCount=1)
    cloud.run(until=cloud.now + 10)
    with pytest.raises(kinesis.exceptions.ResourceNotFoundException) as exc:
        kinesis.get_records(ShardIterator=iterator)
    assert error(exc) == (
        "ResourceNotFoundException",
        f"Shard {SHARD} in stream orders under account {ACCOUNT} does not exist",
    )


def test_records_expire_after_the_retention_period(cloud) -> None:
    """ "By default, data records are accessible for 24 hours from the time that they are added to a stream";
    increasing the period "does not make previous, expired data ... accessible"; TRIM_HORIZON moves with the trim
    horizon, and an iterator behind it reads from the oldest record still kept.

    Sources: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html
             https://docs.aws.amazon.com/kinesis/latest/APIReference/API_IncreaseStreamRetentionPeriod.html
    """
    kinesis = active_stream(cloud)
    _put(kinesis, b"old")
    written = cloud.now
    cloud.run(until=written + 12 * 3600)
    _put(kinesis, b"new")
    stale = _iterator(kinesis, "TRIM_HORIZON")
    cloud.run(until=written + 24 * 3600 - 1)
    assert _data(kinesis.get_records(ShardIterator=_iterator(kinesis, "TRIM_HORIZON"))) == [b"old", b"new"]
    cloud.run(until=written + 24 * 3600)
    assert _data(kinesis.get_records(ShardIterator=_iterator(kinesis, "TRIM_HORIZON"))) == [b"new"]
    kinesis.increase_stream_retention_period(StreamName="orders", RetentionPeriodHours=48)
    assert _data(kinesis.get_records(ShardIterator=_iterator(kinesis, "TRIM_HORIZON"))) == [b"new"]
    with pytest.raises(kinesis.exceptions.ExpiredIteratorException):
        kinesis.get_records(ShardIterator=stale)
    cloud.run(until=written + 36 * 3600 - 60)
    behind = _iterator(kinesis, "TRIM_HORIZON")  # points at "new", 24 hours minus a minute old
    kinesis.decrease_stream_retention_period(StreamName="orders", RetentionPeriodHours=24)
    cloud.run(until=written + 36 * 3600 + 60)
    assert _data(kinesis.get_records(ShardIterator=behind)) == []


def test_many_expired_records_are_dropped_from_memory(cloud) -> None:
    """A long lab must not keep expired records: once thousands have expired the shard forgets them, and positions
    (and so sequence numbers and iterators) keep their meaning."""
    kinesis = active_stream(cloud)
    backend(cloud).settings.throttling = False
    for _ in range(10):
        kinesis.put_records(StreamName="orders", Records=[{"Data": b"x", "PartitionKey": "k"}] * 500)
    cloud.run(until=cloud.now + 24 * 3600)
    last = _put(kinesis, b"survivor")[0]
    shard = backend(cloud).streams["orders"].shards[0]
    assert len(shard.records) == 1 and shard.offset == 5000
    at = _iterator(kinesis, "AT_SEQUENCE_NUMBER", StartingSequenceNumber=last)
    assert _data(kinesis.get_records(ShardIterator=at)) == [b"survivor"]


def test_arrival_timestamps_are_virtual_time(cloud) -> None:
    """ApproximateArrivalTimestamp is "set when a stream successfully receives and stores a record", with
    millisecond precision: on the virtual clock, the cloud's time of the PutRecord."""
    kinesis = active_stream(cloud)
    cloud.run(until=cloud.now + 3.0004)
    _put(kinesis, b"a")
    stamp = kinesis.get_records(ShardIterator=_iterator(kinesis, "TRIM_HORIZON"))["Records"][0][
        "ApproximateArrivalTimestamp"
    ]
    assert stamp == datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=13)


def test_get_records_accepts_the_streams_arn(cloud) -> None:
    """GetRecords takes an optional StreamARN ("you must use either the StreamARN or the StreamName parameter, or
    both"); it must be the iterator's stream (the message for another stream's ARN is pocketcloud's).

    Source: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html
    """
    kinesis = active_stream(cloud)
    active_stream(cloud, "other")
    _put(kinesis, b"a")
    iterator = _iterator(kinesis, "TRIM_HORIZON")
    assert _data(kinesis.get_records(ShardIterator=iterator, StreamARN=arn("orders"))) == [b"a"]
    with pytest.raises(kinesis.exceptions.InvalidArgumentException):
        kinesis.get_records(ShardIterator=iterator, StreamARN=arn("other"))
