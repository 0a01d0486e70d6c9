"""Reading a DynamoDB stream for an event source mapping, through the public ``dynamodbstreams`` client.

DescribeStream lists the shards (each with its ``ParentShardId``), GetShardIterator starts a shard (TRIM_HORIZON
or LATEST: "AT_TIMESTAMP is not supported for DynamoDB Streams", refused at CreateEventSourceMapping), GetRecords
reads it (at most 1,000 records a call). A closed shard ends when GetRecords returns no NextShardIterator; its
children are the shards that name it as their parent. "Lambda polls shards in your DynamoDB stream for records at a
base rate of 4 times per second", and stream records are kept for 24 hours.
https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html

The event record is the stream record as JSON (times as epoch seconds, binary values base64) plus
``eventSourceARN``, as in the sample event of with-ddb.html.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

from .. import filtering
from .streams import ReadResult, ShardInfo, StreamRecord

POLL_INTERVAL_S = 0.25
READ_LIMIT = 1_000
#: "DynamoDB Streams ... stores this information in a log for up to 24 hours."
RETENTION_S = 24 * 3600.0


def _json(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _json(member) for key, member in value.items()}
    if isinstance(value, list):
        return [_json(member) for member in value]
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


class DynamoDBSource:
    """One table's stream, read as the account through the ``dynamodbstreams`` client."""

    poll_interval_s = POLL_INTERVAL_S
    batch_info_key = "DDBStreamBatchInfo"
    millis_in_batch_info = False

    def __init__(self, cloud: Any, stream_arn: str) -> None:
        self.client: Any = cloud.client("dynamodbstreams")
        self.arn = stream_arn

    def retention_s(self) -> float:
        return RETENTION_S

    def shards(self) -> list[ShardInfo]:
        found: list[ShardInfo] = []
        params: dict[str, Any] = {"StreamArn": self.arn}
        while True:
            description = self.client.describe_stream(**params)["StreamDescription"]
            for shard in description.get("Shards", []):
                parent = shard.get("ParentShardId")
                closed = "EndingSequenceNumber" in shard.get("SequenceNumberRange", {})
                found.append(ShardInfo(shard["ShardId"], (parent,) if parent else (), closed))
            last = description.get("LastEvaluatedShardId")
            if not last:
                return found
            params = {"StreamArn": self.arn, "ExclusiveStartShardId": last}

    def iterator(self, shard_id: str, kind: str, sequence: str | None = None, timestamp: Any = None) -> str:
        params: dict[str, Any] = {"StreamArn": self.arn, "ShardId": shard_id, "ShardIteratorType": kind}
        if sequence is not None:
            params["SequenceNumber"] = sequence
        iterator: str = self.client.get_shard_iterator(**params)["ShardIterator"]
        return iterator

    def read(self, shard_id: str, iterator: str) -> ReadResult:
        page = self.client.get_records(ShardIterator=iterator, Limit=READ_LIMIT)
        records = [self._record(raw) for raw in page.get("Records", [])]
        next_iterator = page.get("NextShardIterator")
        return ReadResult(records, next_iterator, ended=next_iterator is None)

    def _record(self, raw: dict[str, Any]) -> StreamRecord:
        record = _json(raw)
        record["eventSourceARN"] = self.arn
        change = record["dynamodb"]
        key = json.dumps(change.get("Keys", {}), sort_keys=True)
        return StreamRecord(
            change["SequenceNumber"],
            float(change.get("ApproximateCreationDateTime", 0.0)),
            key,
            int(change.get("SizeBytes", 0)),
            record,
        )

    def matches(self, patterns: list[Any], record: StreamRecord) -> bool:
        return filtering.matches_record(patterns, record.record)
