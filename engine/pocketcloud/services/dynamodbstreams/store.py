"""The change logs of DynamoDB tables: streams, their shard, and the stream records in it.

This module is the whole interface between the two services. The ``dynamodb`` service owns tables and decides
*what* changed; this store, owned by ``dynamodbstreams``, owns the records and everything a reader sees. The table
side calls exactly three methods of the one :class:`StreamStore` of a cloud (``cloud.backend("dynamodbstreams",
StreamStore)``, the same platform path Lambda uses to write CloudWatch Logs):

* :meth:`StreamStore.open_stream` when a table's stream is enabled (CreateTable or UpdateTable), returning the
  new stream's ARN and label;
* :meth:`StreamStore.append` for every item-level change, with the event name (INSERT, MODIFY, REMOVE) and the
  record body the table computed for the stream's view type (``Keys``, ``NewImage``, ``OldImage``,
  ``SizeBytes``); the store adds everything else (sequence number, event ID, time, Region);
* :meth:`StreamStore.close_stream` when the stream is disabled or the table is deleted.

Readers use only the public ``dynamodbstreams`` client (DescribeStream, GetShardIterator, GetRecords,
ListStreams), exactly as Lambda's event source mappings do on AWS.

The model, and what is documented about it:

* one open shard per stream (a pocketcloud model: DynamoDB splits and rotates shards, and a reader that follows
  ``ParentShardId`` handles either); its ID looks like AWS's (``shardId-00000001414562045508-2bac9cd2``,
  https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_DescribeStream.html), and it closes
  (gets an ``EndingSequenceNumber``) when the stream is disabled;
* "Each stream record is assigned a sequence number, reflecting the order in which the record was published to
  the stream" and appears "exactly once" and "in the same sequence as the actual modifications to the item"
  (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html). With one shard, every record of
  a table is in one increasing sequence (21-digit decimal strings, the model's minimum length);
* "All data in DynamoDB Streams is subject to a 24-hour lifetime": records are trimmed 24 hours (virtual) after
  they were written, and a stream that was disabled disappears 24 hours after, once its records are gone;
* ``ApproximateCreationDateTime`` is "rounded down to the closest second"
  (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_StreamRecord.html);
  ``eventVersion`` is "1.1" and ``eventSource`` "aws:dynamodb", as in AWS's records and Lambda's events.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ... import limits
from ...timeutil import EPOCH_SECONDS, to_datetime

if TYPE_CHECKING:
    from ...cloud import Cloud

EVENT_VERSION = "1.1"
EVENT_SOURCE = "aws:dynamodb"
#: Sequence numbers are this base plus a record's position in its shard: 21 digits, the model's minimum.
SEQUENCE_BASE = 10**20


def sequence_text(position: int) -> str:
    return str(SEQUENCE_BASE + position)


@dataclass
class StreamRecord:
    """One change, as stored. ``body`` is the ``dynamodb`` member without SequenceNumber; it is shared with nobody
    (the table hands over values it never mutates) and copied for every reader."""

    position: int
    created: float
    event_id: str
    event_name: str
    body: dict[str, Any]
    size: int


@dataclass
class Shard:
    shard_id: str
    #: Position of the next record to be written; positions start at 1.
    next_position: int = 1
    closed: bool = False
    records: deque[StreamRecord] = field(default_factory=deque)
    #: Records before this position have been trimmed (retention) and can no longer be read.
    trimmed_before: int = 1

    @property
    def starting(self) -> int:
        return 1

    @property
    def ending(self) -> int | None:
        if not self.closed:
            return None
        return max(self.next_position - 1, 1)


@dataclass
class Stream:
    arn: str
    label: str
    table_name: str
    key_schema: list[dict[str, str]]
    view_type: str
    created: float
    shard: Shard
    disabled_at: float | None = None

    @property
    def status(self) -> str:
        return "ENABLED" if self.disabled_at is None else "DISABLED"


class StreamStore:
    """Every stream of one cloud, by ARN, in creation order."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.streams: dict[str, Stream] = {}

    # -- the interface the dynamodb service uses -----------------------------------------------------------------
    def open_stream(self, table_name: str, table_arn: str, key_schema: list[dict[str, str]], view_type: str) -> Stream:
        """A new, enabled stream for a table. Its label is the creation time in milliseconds (AWS's format,
        e.g. ``2015-05-20T20:51:10.252``), made unique if the table had a stream opened in the same millisecond."""
        now = self.cloud.now
        millis = math.floor(now * 1000)
        while True:
            label = to_datetime(millis / 1000).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3]
            arn = f"{table_arn}/stream/{label}"
            if arn not in self.streams:
                break
            millis += 1
        epoch_millis = round(EPOCH_SECONDS * 1000) + millis
        shard = Shard(f"shardId-{epoch_millis:020d}-{self.cloud.random_hex(8)}")
        stream = Stream(arn, label, table_name, [dict(e) for e in key_schema], view_type, now, shard)
        self.streams[arn] = stream
        return stream

    def close_stream(self, arn: str) -> None:
        """Disable a stream: its shard closes, its records stay readable until they expire."""
        stream = self.streams.get(arn)
        if stream is not None and stream.disabled_at is None:
            stream.disabled_at = self.cloud.now
            stream.shard.closed = True

    def append(self, arn: str, event_name: str, body: dict[str, Any]) -> None:
        """Publish one change to an enabled stream. ``body`` holds ``Keys`` and, as the view type asks,
        ``NewImage`` / ``OldImage``, and ``SizeBytes``."""
        stream = self.streams[arn]
        shard = stream.shard
        now = self.cloud.now
        self._trim(shard, now)
        body["StreamViewType"] = stream.view_type
        record = StreamRecord(
            position=shard.next_position,
            created=now,
            event_id=self.cloud.random_hex(32),
            event_name=event_name,
            body=body,
            size=int(body["SizeBytes"]),
        )
        shard.next_position += 1
        shard.records.append(record)

    # -- what readers need ---------------------------------------------------------------------------------------
    def _trim(self, shard: Shard, now: float) -> None:
        horizon = now - limits.DYNAMODB_STREAMS_RETENTION_S
        records = shard.records
        while records and records[0].created < horizon:
            shard.trimmed_before = records.popleft().position + 1

    def live(self, arn: str) -> Stream | None:
        """The stream with this ARN, unless it is unknown or was disabled more than 24 hours ago."""
        stream = self.streams.get(arn)
        if stream is None:
            return None
        now = self.cloud.now
        if stream.disabled_at is not None and now - stream.disabled_at > limits.DYNAMODB_STREAMS_RETENTION_S:
            del self.streams[arn]
            return None
        self._trim(stream.shard, now)
        return stream

    def listed(self) -> list[Stream]:
        return [stream for arn in list(self.streams) if (stream := self.live(arn)) is not None]

    def record(self, stream: Stream, record: StreamRecord) -> dict[str, Any]:
        """A record as GetRecords returns it (a deep copy: readers may change what they get)."""
        body = _copy(record.body)
        body["ApproximateCreationDateTime"] = to_datetime(math.floor(EPOCH_SECONDS + record.created) - EPOCH_SECONDS)
        body["SequenceNumber"] = sequence_text(record.position)
        return {
            "eventID": record.event_id,
            "eventName": record.event_name,
            "eventVersion": EVENT_VERSION,
            "eventSource": EVENT_SOURCE,
            "awsRegion": self.cloud.region,
            "dynamodb": _order(body),
        }


_BODY_ORDER = ("ApproximateCreationDateTime", "Keys", "NewImage", "OldImage", "SequenceNumber", "SizeBytes",
               "StreamViewType")  # fmt: skip


def _order(body: dict[str, Any]) -> dict[str, Any]:
    return {name: body[name] for name in _BODY_ORDER if name in body}


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(member) for key, member in value.items()}
    if isinstance(value, list):
        return [_copy(member) for member in value]
    return value
