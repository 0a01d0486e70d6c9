"""Reading a Kinesis data stream for an event source mapping, through the public ``kinesis`` client.

ListShards finds the shards (and their parents), GetShardIterator starts a shard at the mapping's starting position
(later: AFTER_SEQUENCE_NUMBER of the last record read, when an idle iterator expired), GetRecords reads it. Each
record becomes the record Lambda puts in the event (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html,
"Example Kinesis record event"): the data base64-encoded, the arrival time as epoch seconds with millisecond
precision, ``eventID`` = ``<shard id>:<sequence number>`` — built exactly as the Kinesis package's test of the
Lambda event (``tests/engine/test_kinesis_lambda_event.py``) builds it. The mapping's execution role ARN is the
function's role (``invokeIdentityArn``).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from ....errors import ClientError
from .. import filtering
from .streams import ReadResult, ShardInfo, StreamRecord

#: "Lambda polls each shard in your Kinesis stream for records at a base rate of once per second."
POLL_INTERVAL_S = 1.0
#: GetRecords' own maximum ("Limit ... The maximum value is 10,000"): one read serves the largest batch.
READ_LIMIT = 10_000


class KinesisSource:
    """One stream, read as the account through the ``kinesis`` client."""

    poll_interval_s = POLL_INTERVAL_S
    batch_info_key = "KinesisBatchInfo"
    millis_in_batch_info = True

    def __init__(self, cloud: Any, stream_arn: str, role: Callable[[], str]) -> None:
        self.cloud = cloud
        self.client: Any = cloud.client("kinesis")
        self.arn = stream_arn
        self.role = role
        self.region = cloud.region
        self._retention: tuple[float, float] | None = None  # (value, when read)

    def retention_s(self) -> float:
        """The stream's retention period, read at most once a minute (DescribeStreamSummary)."""
        now = self.cloud.now
        if self._retention is None or now - self._retention[1] >= 60:
            try:
                summary = self.client.describe_stream_summary(StreamARN=self.arn)["StreamDescriptionSummary"]
                value = float(summary["RetentionPeriodHours"]) * 3600
            except ClientError:
                value = self._retention[0] if self._retention else 24 * 3600.0
            self._retention = (value, now)
        return self._retention[0]

    def shards(self) -> list[ShardInfo]:
        found: list[ShardInfo] = []
        params: dict[str, Any] = {"StreamARN": self.arn}
        while True:
            page = self.client.list_shards(**params)
            for shard in page.get("Shards", []):
                parents = tuple(p for p in (shard.get("ParentShardId"), shard.get("AdjacentParentShardId")) if p)
                closed = "EndingSequenceNumber" in shard.get("SequenceNumberRange", {})
                found.append(ShardInfo(shard["ShardId"], parents, closed))
            token = page.get("NextToken")
            if not token:
                return found
            params = {"NextToken": token}

    def iterator(self, shard_id: str, kind: str, sequence: str | None = None, timestamp: Any = None) -> str:
        params: dict[str, Any] = {"StreamARN": self.arn, "ShardId": shard_id, "ShardIteratorType": kind}
        if sequence is not None:
            params["StartingSequenceNumber"] = sequence
        if timestamp is not None:
            params["Timestamp"] = timestamp
        iterator: str = self.client.get_shard_iterator(**params)["ShardIterator"]
        return iterator

    def read(self, shard_id: str, iterator: str) -> ReadResult:
        page = self.client.get_records(ShardIterator=iterator, Limit=READ_LIMIT, StreamARN=self.arn)
        role = self.role() if page["Records"] else ""
        records = [self._record(shard_id, raw, role) for raw in page["Records"]]
        next_iterator = page.get("NextShardIterator")
        return ReadResult(records, next_iterator, ended=next_iterator is None)

    def _record(self, shard_id: str, raw: dict[str, Any], role: str) -> StreamRecord:
        data = base64.b64encode(raw["Data"]).decode("ascii")
        arrival = round(raw["ApproximateArrivalTimestamp"].timestamp(), 3)
        record = {
            "kinesis": {
                "kinesisSchemaVersion": "1.0",
                "partitionKey": raw["PartitionKey"],
                "sequenceNumber": raw["SequenceNumber"],
                "data": data,
                "approximateArrivalTimestamp": arrival,
            },
            "eventSource": "aws:kinesis",
            "eventVersion": "1.0",
            "eventID": f"{shard_id}:{raw['SequenceNumber']}",
            "eventName": "aws:kinesis:record",
            "invokeIdentityArn": role,
            "awsRegion": self.region,
            "eventSourceARN": self.arn,
        }
        return StreamRecord(raw["SequenceNumber"], arrival, raw["PartitionKey"], len(data), record)

    def matches(self, patterns: list[Any], record: StreamRecord) -> bool:
        return filtering.matches_kinesis(patterns, record.record["kinesis"]["data"])
