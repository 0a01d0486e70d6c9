"""DynamoDB Streams: records per view type, ordering, sequence numbers, iterators, expiry and retention.

Sources: the developer guide (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html), the
Streams API reference (API_streams_DescribeStream.html, API_streams_GetShardIterator.html,
API_streams_GetRecords.html, API_streams_StreamRecord.html), and Lambda's DynamoDB event
(https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html), whose sample records (Id 101, "New item!", SizeBytes
26, 59 and 38) these tests reproduce.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamModel

import pocketcloud

from .dynamodb_helpers import create_table, error_of


def make(ddb: Any, view: str = "NEW_AND_OLD_IMAGES") -> str:
    table = create_table(
        ddb,
        name="Messages",
        hash_key=("Id", "N"),
        range_key=None,
        StreamSpecification={"StreamEnabled": True, "StreamViewType": view},
    )
    arn: str = table["TableDescription"]["LatestStreamArn"]
    return arn


def shard_of(streams: Any, arn: str) -> str:
    shard: str = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    return shard


def read_all(streams: Any, arn: str, kind: str = "TRIM_HORIZON", **params: Any) -> list[dict[str, Any]]:
    iterator = streams.get_shard_iterator(
        StreamArn=arn, ShardId=shard_of(streams, arn), ShardIteratorType=kind, **params
    )["ShardIterator"]
    records: list[dict[str, Any]] = streams.get_records(ShardIterator=iterator)["Records"]
    return records


def lambda_sample_changes(ddb: Any) -> None:
    """The three changes behind the Lambda developer guide's sample DynamoDB event."""
    ddb.put_item(TableName="Messages", Item={"Id": {"N": "101"}, "Message": {"S": "New item!"}})
    ddb.put_item(TableName="Messages", Item={"Id": {"N": "101"}, "Message": {"S": "This item has changed"}})
    ddb.delete_item(TableName="Messages", Key={"Id": {"N": "101"}})


def test_insert_modify_remove_records_match_the_lambda_sample(ddb: Any, streams: Any) -> None:
    """INSERT, MODIFY and REMOVE with Keys and the images of NEW_AND_OLD_IMAGES, and SizeBytes 26, 59 and 38, as in
    the sample event of https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html; eventVersion "1.1",
    eventSource "aws:dynamodb", awsRegion, a 32-hex-digit eventID (AWS's records in Lambda events)."""
    arn = make(ddb)
    lambda_sample_changes(ddb)
    records = read_all(streams, arn)
    assert [r["eventName"] for r in records] == ["INSERT", "MODIFY", "REMOVE"]
    assert [r["dynamodb"]["SizeBytes"] for r in records] == [26, 59, 38]
    insert, modify, remove = (r["dynamodb"] for r in records)
    assert insert["Keys"] == {"Id": {"N": "101"}} and "OldImage" not in insert
    assert insert["NewImage"] == {"Id": {"N": "101"}, "Message": {"S": "New item!"}}
    assert modify["OldImage"]["Message"] == {"S": "New item!"}
    assert modify["NewImage"]["Message"] == {"S": "This item has changed"}
    assert remove["OldImage"]["Message"] == {"S": "This item has changed"} and "NewImage" not in remove
    for record in records:
        assert (record["eventVersion"], record["eventSource"], record["awsRegion"]) == (
            "1.1",
            "aws:dynamodb",
            "ap-northeast-2",
        )
        assert re.fullmatch(r"[0-9a-f]{32}", record["eventID"])
        assert record["dynamodb"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"


@pytest.mark.parametrize(
    ("view", "images"),
    [
        ("KEYS_ONLY", set()),
        ("NEW_IMAGE", {"NewImage"}),
        ("OLD_IMAGE", {"OldImage"}),
        ("NEW_AND_OLD_IMAGES", {"NewImage", "OldImage"}),
    ],
)
def test_view_types_choose_the_images(ddb: Any, streams: Any, view: str, images: set[str]) -> None:
    """ "KEYS_ONLY - Only the key attributes of the modified item"; NEW_IMAGE the item after, OLD_IMAGE before,
    NEW_AND_OLD_IMAGES both (StreamSpecification, API reference). SizeBytes counts only what the record holds."""
    arn = make(ddb, view)
    lambda_sample_changes(ddb)
    modify = read_all(streams, arn)[1]["dynamodb"]
    assert set(modify) & {"NewImage", "OldImage"} == images
    assert modify["SizeBytes"] == 5 + (33 if "NewImage" in images else 0) + (21 if "OldImage" in images else 0)


def test_unchanged_writes_produce_no_record(ddb: Any, streams: Any) -> None:
    """Streams capture "item-level modifications"; a PutItem of an identical item, an update that changes nothing
    and a DeleteItem of a missing item modify nothing and write no record."""
    arn = make(ddb)
    item = {"Id": {"N": "1"}, "tags": {"SS": ["a", "b"]}}
    ddb.put_item(TableName="Messages", Item=item)
    ddb.put_item(TableName="Messages", Item={"Id": {"N": "1.0"}, "tags": {"SS": ["b", "a"]}})
    ddb.update_item(
        TableName="Messages",
        Key={"Id": {"N": "1"}},
        UpdateExpression="SET tags = :t",
        ExpressionAttributeValues={":t": {"SS": ["a", "b"]}},
    )
    ddb.delete_item(TableName="Messages", Key={"Id": {"N": "2"}})
    assert [r["eventName"] for r in read_all(streams, arn)] == ["INSERT"]


def test_every_writing_operation_publishes(ddb: Any, streams: Any) -> None:
    """Batch writes and transactions write one record per item change, in order."""
    arn = make(ddb, "KEYS_ONLY")
    ddb.batch_write_item(RequestItems={"Messages": [{"PutRequest": {"Item": {"Id": {"N": str(n)}}}} for n in (1, 2)]})
    ddb.transact_write_items(
        TransactItems=[
            {"Delete": {"TableName": "Messages", "Key": {"Id": {"N": "1"}}}},
            {"Put": {"TableName": "Messages", "Item": {"Id": {"N": "3"}}}},
        ]
    )
    records = read_all(streams, arn)
    assert [(r["eventName"], r["dynamodb"]["Keys"]["Id"]["N"]) for r in records] == [
        ("INSERT", "1"), ("INSERT", "2"), ("REMOVE", "1"), ("INSERT", "3"),
    ]  # fmt: skip


def test_shard_and_sequence_numbers_look_like_aws(ddb: Any, streams: Any) -> None:
    """A shard ID like ``shardId-00000001414562045508-2bac9cd2``; sequence numbers of at least 21 digits (the
    model's minimum) that grow with every record; StartingSequenceNumber is the first record's.
    https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_DescribeStream.html"""
    arn = make(ddb)
    for n in range(5):
        ddb.put_item(TableName="Messages", Item={"Id": {"N": str(n % 2)}, "v": {"N": str(n)}})
    description = streams.describe_stream(StreamArn=arn)["StreamDescription"]
    assert (description["StreamStatus"], description["TableName"], description["StreamLabel"]) == (
        "ENABLED", "Messages", "2026-01-01T00:00:00.000",
    )  # fmt: skip
    shard = description["Shards"][0]
    assert re.fullmatch(r"shardId-\d{20}-[0-9a-f]{8}", shard["ShardId"])
    assert "EndingSequenceNumber" not in shard["SequenceNumberRange"]
    numbers = [r["dynamodb"]["SequenceNumber"] for r in read_all(streams, arn)]
    assert all(len(n) >= 21 and n.isdigit() for n in numbers)
    assert [int(n) for n in numbers] == sorted(int(n) for n in numbers) and len(set(numbers)) == 5
    assert shard["SequenceNumberRange"]["StartingSequenceNumber"] == numbers[0]


def test_iterator_types(ddb: Any, streams: Any) -> None:
    """TRIM_HORIZON starts at the oldest record, LATEST after the newest, AT_/AFTER_SEQUENCE_NUMBER at or after a
    given one, AT_TIMESTAMP at the first record written then or later; NextShardIterator continues, and an open
    shard always gives one (API_streams_GetShardIterator.html, API_streams_GetRecords.html)."""
    arn = make(ddb, "KEYS_ONLY")
    ddb.put_item(TableName="Messages", Item={"Id": {"N": "1"}})
    ddb._cloud.run(until=10)
    ddb.put_item(TableName="Messages", Item={"Id": {"N": "2"}})
    records = read_all(streams, arn)
    first, second = (r["dynamodb"]["SequenceNumber"] for r in records)
    assert read_all(streams, arn, "LATEST") == []
    at = read_all(streams, arn, "AT_SEQUENCE_NUMBER", SequenceNumber=second)
    after = read_all(streams, arn, "AFTER_SEQUENCE_NUMBER", SequenceNumber=first)
    assert [r["dynamodb"]["SequenceNumber"] for r in at] == [r["dynamodb"]["SequenceNumber"] for r in after] == [second]
    when = dt.datetime(2026, 1, 1, 0, 0, 5, tzinfo=dt.UTC)
    assert [r["dynamodb"]["Keys"]["Id"]["N"] for r in read_all(streams, arn, "AT_TIMESTAMP", Timestamp=when)] == ["2"]
    latest = streams.get_shard_iterator(StreamArn=arn, ShardId=shard_of(streams, arn), ShardIteratorType="LATEST")
    page = streams.get_records(ShardIterator=latest["ShardIterator"])
    ddb.put_item(TableName="Messages", Item={"Id": {"N": "3"}})
    following = streams.get_records(ShardIterator=page["NextShardIterator"])
    assert [r["dynamodb"]["Keys"]["Id"]["N"] for r in following["Records"]] == ["3"]
    assert "NextShardIterator" in following


def test_get_records_limit_and_pages(ddb: Any, streams: Any) -> None:
    """Limit caps the records of one call ("The maximum number of records to return from the shard. The upper
    limit is 1000"); the next iterator continues where the page stopped."""
    arn = make(ddb, "KEYS_ONLY")
    for n in range(5):
        ddb.put_item(TableName="Messages", Item={"Id": {"N": str(n)}})
    iterator = streams.get_shard_iterator(
        StreamArn=arn, ShardId=shard_of(streams, arn), ShardIteratorType="TRIM_HORIZON"
    )["ShardIterator"]
    seen = []
    for _ in range(3):
        page = streams.get_records(ShardIterator=iterator, Limit=2)
        seen += [r["dynamodb"]["Keys"]["Id"]["N"] for r in page["Records"]]
        iterator = page["NextShardIterator"]
    assert seen == ["0", "1", "2", "3", "4"]
    assert error_of(streams.get_records, ShardIterator=iterator, Limit=1001)[1] == (
        "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value "
        "less than or equal to 1000"
    )


def test_iterators_expire_after_15_minutes(ddb: Any, streams: Any) -> None:
    """ "A shard iterator expires 15 minutes after it is returned to the requester" (ExpiredIteratorException,
    whose documented message is "The provided iterator exceeds the maximum age allowed."), on the virtual clock."""
    arn = make(ddb)
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard_of(streams, arn), ShardIteratorType="LATEST")[
        "ShardIterator"
    ]
    ddb._cloud.run(until=900)
    fresh = streams.get_records(ShardIterator=iterator)["NextShardIterator"]
    ddb._cloud.run(until=1801)
    with pytest.raises(streams.exceptions.ExpiredIteratorException) as caught:
        streams.get_records(ShardIterator=fresh)
    assert caught.value.response["Error"]["Message"] == "The provided iterator exceeds the maximum age allowed."


def test_records_are_trimmed_after_24_hours(ddb: Any, streams: Any) -> None:
    """ "All data in DynamoDB Streams is subject to a 24-hour lifetime": older records are trimmed; an iterator or a
    sequence number before the trim horizon is TrimmedDataAccessException (API_streams_GetShardIterator.html)."""
    arn = make(ddb, "KEYS_ONLY")
    ddb.put_item(TableName="Messages", Item={"Id": {"N": "1"}})
    old_sequence = read_all(streams, arn)[0]["dynamodb"]["SequenceNumber"]
    old_iterator = streams.get_shard_iterator(
        StreamArn=arn, ShardId=shard_of(streams, arn), ShardIteratorType="TRIM_HORIZON"
    )["ShardIterator"]
    ddb._cloud.run(until=12 * 3600)
    ddb.put_item(TableName="Messages", Item={"Id": {"N": "2"}})
    ddb._cloud.run(until=24 * 3600)
    assert len(read_all(streams, arn)) == 2
    ddb._cloud.run(until=24 * 3600 + 1)
    assert [r["dynamodb"]["Keys"]["Id"]["N"] for r in read_all(streams, arn)] == ["2"]
    assert (
        error_of(
            streams.get_shard_iterator,
            StreamArn=arn,
            ShardId=shard_of(streams, arn),
            ShardIteratorType="AT_SEQUENCE_NUMBER",
            SequenceNumber=old_sequence,
        )[0]
        == "TrimmedDataAccessException"
    )
    with pytest.raises(streams.exceptions.ExpiredIteratorException):
        streams.get_records(ShardIterator=old_iterator)


def test_disabled_stream_closes_its_shard_and_stays_readable_for_a_day(ddb: Any, streams: Any) -> None:
    """ "If you disable a stream on a table, the data in the stream continues to be readable for 24 hours"; the shard
    gets an EndingSequenceNumber and a reader at its end gets no NextShardIterator. Deleting the table disables
    its stream. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html#Streams.Enabling"""
    arn = make(ddb, "KEYS_ONLY")
    ddb.put_item(TableName="Messages", Item={"Id": {"N": "1"}})
    ddb.delete_table(TableName="Messages")
    description = streams.describe_stream(StreamArn=arn)["StreamDescription"]
    assert description["StreamStatus"] == "DISABLED"
    numbers = description["Shards"][0]["SequenceNumberRange"]
    assert numbers["EndingSequenceNumber"] == numbers["StartingSequenceNumber"]
    iterator = streams.get_shard_iterator(
        StreamArn=arn, ShardId=shard_of(streams, arn), ShardIteratorType="TRIM_HORIZON"
    )
    page = streams.get_records(ShardIterator=iterator["ShardIterator"])
    assert len(page["Records"]) == 1 and "NextShardIterator" not in page
    ddb._cloud.run(until=24 * 3600 + 1)
    assert error_of(streams.describe_stream, StreamArn=arn) == (
        "ResourceNotFoundException",
        f"Requested resource not found: Stream: {arn} not found",
    )
    assert streams.list_streams()["Streams"] == []


def test_list_streams(ddb: Any, streams: Any) -> None:
    """ListStreams lists StreamArn, TableName and StreamLabel, optionally for one table.
    https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_ListStreams.html"""
    arn = make(ddb)
    create_table(ddb, name="Other", StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    assert streams.list_streams(TableName="Messages")["Streams"] == [
        {"StreamArn": arn, "TableName": "Messages", "StreamLabel": "2026-01-01T00:00:00.000"}
    ]
    first = streams.list_streams(Limit=1)
    assert len(first["Streams"]) == 1 and first["LastEvaluatedStreamArn"] == arn
    assert [s["TableName"] for s in streams.list_streams(ExclusiveStartStreamArn=arn)["Streams"]] == ["Other"]


def test_same_seed_same_stream(ddb: Any, streams: Any) -> None:
    """Shard IDs, event IDs and sequence numbers come from the cloud's seed: the same calls give the same records."""
    arn = make(ddb)
    lambda_sample_changes(ddb)
    again = pocketcloud.Cloud(seed=0)
    make(again.client("dynamodb"))
    lambda_sample_changes(again.client("dynamodb"))
    assert read_all(streams, arn) == read_all(again.client("dynamodbstreams"), arn)


def _lambda_json(value: Any) -> Any:
    """What Lambda's poller puts in the event for a GetRecords value: JSON, with epoch seconds for times and base64
    for binary (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html)."""
    if isinstance(value, dict):
        return {key: _lambda_json(member) for key, member in value.items()}
    if isinstance(value, list):
        return [_lambda_json(member) for member in value]
    if isinstance(value, dt.datetime):
        return value.timestamp()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def test_records_make_a_valid_lambda_event(ddb: Any, streams: Any) -> None:
    """The event Lambda builds from these records ({"Records": [record + "eventSourceARN"]}) parses with Powertools'
    DynamoDBStreamModel, and has, field for field, the members of the sample event in
    https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html (eventID, eventName, eventVersion, eventSource,
    awsRegion, eventSourceARN; dynamodb: ApproximateCreationDateTime, Keys, NewImage/OldImage, SequenceNumber,
    SizeBytes, StreamViewType)."""
    arn = make(ddb)
    lambda_sample_changes(ddb)
    ddb.put_item(TableName="Messages", Item={"Id": {"N": "7"}, "blob": {"B": b"\x00\x01"}, "when": {"NS": ["1", "2"]}})
    event = {"Records": [{**_lambda_json(record), "eventSourceARN": arn} for record in read_all(streams, arn)]}
    parsed = parse(event=event, model=DynamoDBStreamModel)
    assert [r.eventName for r in parsed.Records] == ["INSERT", "MODIFY", "REMOVE", "INSERT"]
    assert parsed.Records[0].dynamodb.NewImage == {"Id": 101, "Message": "New item!"}
    assert parsed.Records[0].eventSourceARN == arn
    assert parsed.Records[0].dynamodb.ApproximateCreationDateTime == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    sample_record = {"eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "dynamodb", "eventSourceARN"}
    sample_body = {"ApproximateCreationDateTime", "Keys", "NewImage", "SequenceNumber", "SizeBytes", "StreamViewType"}
    assert set(event["Records"][0]) == sample_record
    assert set(event["Records"][0]["dynamodb"]) == sample_body
    assert set(event["Records"][1]["dynamodb"]) == sample_body | {"OldImage"}
    assert isinstance(event["Records"][0]["dynamodb"]["ApproximateCreationDateTime"], float)


def test_approximate_creation_time_is_rounded_down_to_the_second(ddb: Any, streams: Any) -> None:
    """ApproximateCreationDateTime: "rounded down to the closest second" (API_streams_StreamRecord.html)."""
    arn = make(ddb)
    ddb._cloud.run(until=3.75)
    ddb.put_item(TableName="Messages", Item={"Id": {"N": "1"}})
    created = read_all(streams, arn)[0]["dynamodb"]["ApproximateCreationDateTime"]
    assert created == dt.datetime(2026, 1, 1, 0, 0, 3, tzinfo=dt.UTC)


def test_stream_errors(ddb: Any, streams: Any) -> None:
    """Unknown streams and shards are ResourceNotFoundException; a malformed iterator is refused."""
    arn = make(ddb)
    missing = arn.replace("Messages", "Nothing")
    assert error_of(streams.describe_stream, StreamArn=missing)[0] == "ResourceNotFoundException"
    assert (
        error_of(
            streams.get_shard_iterator,
            StreamArn=arn,
            ShardId="shardId-00000000000000000000-00000000",
            ShardIteratorType="LATEST",
        )[0]
        == "ResourceNotFoundException"
    )
    assert error_of(streams.get_records, ShardIterator="not an iterator")[0] == "ValidationException"
    assert (
        error_of(
            streams.get_shard_iterator,
            StreamArn=arn,
            ShardId=shard_of(streams, arn),
            ShardIteratorType="AT_SEQUENCE_NUMBER",
        )[0]
        == "ValidationException"
    )
