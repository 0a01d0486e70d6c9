"""The Lambda event a Kinesis event source mapping will build from GetRecords output: checked against
aws-lambda-powertools' ``KinesisDataStreamModel`` and, field by field, against the sample event in the Lambda guide.

Lambda "polls each shard in your Kinesis stream for records" and "invokes your function synchronously with an event
that contains stream records" (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html). ``lambda_event``
below is how the poller turns one GetRecords page into that event, using only what the public ``kinesis`` client
returns; the event source mapping (in the Lambda service) is to build its events the same way. The sample event,
as printed on that page (also in https://github.com/awsdocs/aws-lambda-developer-guide, doc_source/with-kinesis.md):
"""

from __future__ import annotations

import base64
import json
from typing import Any

from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import KinesisDataStreamModel

from .conftest import ROLE
from .kinesis_support import REGION, active_stream, arn

AWS_SAMPLE = json.loads("""
{
    "Records": [
        {
            "kinesis": {
                "kinesisSchemaVersion": "1.0",
                "partitionKey": "1",
                "sequenceNumber": "49590338271490256608559692538361571095921575989136588898",
                "data": "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==",
                "approximateArrivalTimestamp": 1545084650.987
            },
            "eventSource": "aws:kinesis",
            "eventVersion": "1.0",
            "eventID": "shardId-000000000006:49590338271490256608559692538361571095921575989136588898",
            "eventName": "aws:kinesis:record",
            "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
            "awsRegion": "us-east-2",
            "eventSourceARN": "arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream"
        }
    ]
}
""")


def lambda_event(page: dict[str, Any], shard_id: str, stream_arn: str, region: str, role: str) -> dict[str, Any]:
    """One GetRecords page as the Lambda event: data base64-encoded, the arrival time as epoch seconds with
    millisecond precision, ``eventID`` = ``<shard id>:<sequence number>``."""
    return {
        "Records": [
            {
                "kinesis": {
                    "kinesisSchemaVersion": "1.0",
                    "partitionKey": record["PartitionKey"],
                    "sequenceNumber": record["SequenceNumber"],
                    "data": base64.b64encode(record["Data"]).decode("ascii"),
                    "approximateArrivalTimestamp": round(record["ApproximateArrivalTimestamp"].timestamp(), 3),
                },
                "eventSource": "aws:kinesis",
                "eventVersion": "1.0",
                "eventID": f"{shard_id}:{record['SequenceNumber']}",
                "eventName": "aws:kinesis:record",
                "invokeIdentityArn": role,
                "awsRegion": region,
                "eventSourceARN": stream_arn,
            }
            for record in page["Records"]
        ]
    }


def _event(cloud) -> tuple[dict[str, Any], list[bytes]]:  # type: ignore[no-untyped-def]
    kinesis = active_stream(cloud, "lambda-stream", shards=2)
    payloads = [b"Hello, this is a test.", b"This is only a test.", json.dumps({"order": 7}).encode()]
    cloud.run(until=cloud.now + 0.987)
    for payload in payloads:
        kinesis.put_record(StreamName="lambda-stream", Data=payload, PartitionKey="1", ExplicitHashKey="0")
    shard = "shardId-000000000000"
    iterator = kinesis.get_shard_iterator(StreamName="lambda-stream", ShardId=shard, ShardIteratorType="TRIM_HORIZON")
    page = kinesis.get_records(ShardIterator=iterator["ShardIterator"], Limit=100)
    return lambda_event(page, shard, arn("lambda-stream"), REGION, ROLE), payloads


def test_the_event_validates_against_powertools_kinesis_model(cloud) -> None:
    """Powertools' KinesisDataStreamModel accepts the event and decodes ``data`` back to the bytes written."""
    event, payloads = _event(cloud)
    parsed = parse(event=event, model=KinesisDataStreamModel)
    assert [r.kinesis.data for r in parsed.Records] == payloads
    assert {r.eventSource for r in parsed.Records} == {"aws:kinesis"}
    assert {r.eventName for r in parsed.Records} == {"aws:kinesis:record"}


def test_the_event_matches_the_aws_sample_field_by_field(cloud) -> None:
    """Every record has exactly the sample's fields, in the sample's order and of the sample's types; constants
    are the sample's; sequence numbers have the sample's 56 digits; eventID is "<shard id>:<sequence number>";
    approximateArrivalTimestamp is epoch seconds with millisecond precision (the sample's 1545084650.987).

    Source: https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
    """
    event, _ = _event(cloud)
    sample = AWS_SAMPLE["Records"][0]
    assert list(event) == list(AWS_SAMPLE)
    for record in event["Records"]:
        assert list(record) == list(sample)
        assert list(record["kinesis"]) == list(sample["kinesis"])
        for key, value in sample.items():
            assert type(record[key]) is type(value), key
        for key, value in sample["kinesis"].items():
            assert type(record["kinesis"][key]) is type(value), key
        for key in ("eventSource", "eventVersion", "eventName"):
            assert record[key] == sample[key]
        assert record["kinesis"]["kinesisSchemaVersion"] == sample["kinesis"]["kinesisSchemaVersion"]
        assert len(record["kinesis"]["sequenceNumber"]) == len(sample["kinesis"]["sequenceNumber"]) == 56
        assert record["eventID"] == f"shardId-000000000000:{record['kinesis']['sequenceNumber']}"
        assert sample["eventID"].split(":")[0] == "shardId-000000000006"
        stamp = record["kinesis"]["approximateArrivalTimestamp"]
        assert round(stamp, 3) == stamp and str(stamp).endswith(".987")
        assert record["eventSourceARN"] == "arn:aws:kinesis:ap-northeast-2:123456789012:stream/lambda-stream"
        assert record["awsRegion"] == REGION
        assert record["invokeIdentityArn"] == ROLE
        assert base64.b64decode(sample["kinesis"]["data"]) == b"Hello, this is a test."
    assert event["Records"][0]["kinesis"]["data"] == sample["kinesis"]["data"]


def test_the_event_is_json(cloud) -> None:
    """What Lambda hands a handler is JSON: the event survives a round trip unchanged."""
    event, _ = _event(cloud)
    assert json.loads(json.dumps(event)) == event
