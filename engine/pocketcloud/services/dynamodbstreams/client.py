"""``cloud.client("dynamodbstreams")``: DynamoDB Streams with boto3's operation and parameter names.

This is how anything outside a table reads its change log: a learner's code, and Lambda's event source mappings,
which poll ``DescribeStream`` -> ``GetShardIterator`` -> ``GetRecords`` exactly as on AWS. The records are in boto3's
low-level shape: ``ApproximateCreationDateTime`` is an aware ``datetime`` and binary values are ``bytes``. (Lambda
hands its handlers the JSON form of the same records: epoch seconds and base64 strings, plus ``eventSourceARN``,
the stream's ARN; https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html.) The stream data is kept by
:mod:`.store`; the API reference: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB_Streams.html
"""

from __future__ import annotations

from typing import Any

from ... import limits
from ...client import BaseClient, operation
from ...errors import ServiceError
from ...timeutil import EPOCH_SECONDS, to_datetime
from . import iterators
from .store import SEQUENCE_BASE, Stream, StreamStore, sequence_text


def _limit(params: dict[str, Any], maximum: int) -> int:
    """``Limit``, which the API reference bounds above (botocore's model only gives the minimum of 1)."""
    limit = params.get("Limit", maximum)
    if limit > maximum:
        raise ServiceError(
            "ValidationException",
            f"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have "
            f"value less than or equal to {maximum}",
        )
    return int(limit)


def _not_found(arn: str) -> ServiceError:
    return ServiceError("ResourceNotFoundException", f"Requested resource not found: Stream: {arn} not found")


class DynamoDBStreamsClient(BaseClient):
    """A boto3-shaped DynamoDB Streams client over the cloud's one stream store."""

    service_name = "dynamodbstreams"

    @property
    def _store(self) -> StreamStore:
        store: StreamStore = self._cloud.backend("dynamodbstreams", StreamStore)
        return store

    def _stream(self, arn: str) -> Stream:
        stream = self._store.live(arn)
        if stream is None:
            raise _not_found(arn)
        return stream

    @operation("ListStreams")
    def list_streams(self, **params: Any) -> dict[str, Any]:
        """Streams in creation order, optionally of one table; at most ``Limit`` (upper limit 100) a page.

        https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_ListStreams.html
        """
        table = params.get("TableName")
        limit = _limit(params, limits.DYNAMODB_STREAMS_LIST_LIMIT_MAX)
        streams = [s for s in self._store.listed() if table is None or s.table_name == table]
        start = params.get("ExclusiveStartStreamArn")
        if start is not None:
            arns = [s.arn for s in streams]
            streams = streams[arns.index(start) + 1 :] if start in arns else []
        page = streams[:limit]
        result: dict[str, Any] = {
            "Streams": [{"StreamArn": s.arn, "TableName": s.table_name, "StreamLabel": s.label} for s in page]
        }
        if len(streams) > limit:
            result["LastEvaluatedStreamArn"] = page[-1].arn
        return result

    @operation("DescribeStream")
    def describe_stream(self, **params: Any) -> dict[str, Any]:
        """A stream's status, view type, key schema and shards (here: its one shard).

        https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_DescribeStream.html
        """
        _limit(params, limits.DYNAMODB_STREAMS_DESCRIBE_LIMIT_MAX)
        stream = self._stream(params["StreamArn"])
        shard = stream.shard
        shards: list[dict[str, Any]] = []
        wanted = params.get("ShardFilter")
        exclusive = params.get("ExclusiveStartShardId")
        # A CHILD_SHARDS filter asks for the children of a shard; the one shard of a stream has none.
        if wanted is None and exclusive != shard.shard_id:
            numbers: dict[str, str] = {"StartingSequenceNumber": sequence_text(shard.starting)}
            ending = shard.ending
            if ending is not None:
                numbers["EndingSequenceNumber"] = sequence_text(ending)
            shards.append({"ShardId": shard.shard_id, "SequenceNumberRange": numbers})
        description = {
            "StreamArn": stream.arn,
            "StreamLabel": stream.label,
            "StreamStatus": stream.status,
            "StreamViewType": stream.view_type,
            "CreationRequestDateTime": to_datetime(stream.created),
            "TableName": stream.table_name,
            "KeySchema": [dict(element) for element in stream.key_schema],
            "Shards": shards,
        }
        return {"StreamDescription": description}

    @operation("GetShardIterator")
    def get_shard_iterator(self, **params: Any) -> dict[str, Any]:
        """An iterator at the oldest record (TRIM_HORIZON), after the newest (LATEST), at or after a sequence
        number, or at the first record written at or after a time (AT_TIMESTAMP).

        A sequence number older than the 24-hour trim horizon is TrimmedDataAccessException, as the API reference
        says. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html
        """
        stream = self._stream(params["StreamArn"])
        shard = stream.shard
        if params["ShardId"] != shard.shard_id:
            raise ServiceError(
                "ResourceNotFoundException",
                f"Requested resource not found: Shard: {params['ShardId']} in Stream: {stream.arn} not found",
            )
        kind = params["ShardIteratorType"]
        number = params.get("SequenceNumber")
        if kind in ("AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"):
            position = self._position(stream, number, kind)
            if kind == "AFTER_SEQUENCE_NUMBER":
                position += 1
        elif kind == "TRIM_HORIZON":
            position = shard.records[0].position if shard.records else shard.trimmed_before
        elif kind == "LATEST":
            position = shard.next_position
        else:  # AT_TIMESTAMP
            when = params.get("Timestamp")
            if when is None:
                raise ServiceError(
                    "ValidationException", "Timestamp must be specified for AT_TIMESTAMP ShardIteratorType"
                )
            moment = when.timestamp() - EPOCH_SECONDS
            position = next((r.position for r in shard.records if r.created >= moment), shard.next_position)
        iterator = iterators.Position(stream.arn, shard.shard_id, position, self._cloud.now)
        return {"ShardIterator": iterators.encode(iterator)}

    def _position(self, stream: Stream, number: str | None, kind: str) -> int:
        """The position a sequence number names in the stream's shard (pocketcloud's wording for the refusals)."""
        shard = stream.shard
        if number is None:
            raise ServiceError("ValidationException", f"SequenceNumber must be specified for {kind} ShardIteratorType")
        position = int(number) - SEQUENCE_BASE if number.isdigit() else 0
        if not 1 <= position < shard.next_position:
            raise ServiceError(
                "ValidationException",
                f"Invalid SequenceNumber for ShardIteratorType {kind}: {number} is not a sequence number of shard "
                f"{shard.shard_id}",
            )
        if position < shard.trimmed_before:
            raise ServiceError(
                "TrimmedDataAccessException",
                "The operation attempted to read past the oldest stream record in a shard.",
            )
        return position

    @operation("GetRecords")
    def get_records(self, **params: Any) -> dict[str, Any]:
        """Up to ``Limit`` records (at most 1,000, and at most 1 MB) from an iterator's position, and the iterator
        for what follows. An open shard always gives a next iterator, even after an empty read (a reader keeps
        polling); a closed shard gives none once it is read to the end.

        https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html
        """
        at = iterators.decode(params["ShardIterator"])
        if self._cloud.now - at.issued > limits.DYNAMODB_STREAMS_ITERATOR_TTL_S:
            # The message is the one documented for ExpiredIteratorException's "message" member.
            raise ServiceError("ExpiredIteratorException", "The provided iterator exceeds the maximum age allowed.")
        stream = self._stream(at.stream_arn)
        shard = stream.shard
        if at.shard_id != shard.shard_id:
            raise ServiceError(
                "ResourceNotFoundException",
                f"Requested resource not found: Shard: {at.shard_id} in Stream: {stream.arn} not found",
            )
        if at.position < shard.trimmed_before:
            raise ServiceError(
                "TrimmedDataAccessException",
                "The operation attempted to read past the oldest stream record in a shard.",
            )
        limit = _limit(params, limits.DYNAMODB_STREAMS_GET_RECORDS_MAX)
        records = shard.records
        out: list[dict[str, Any]] = []
        position = at.position
        if records:
            index = position - records[0].position
            budget = limits.DYNAMODB_STREAMS_GET_RECORDS_MAX_BYTES
            while 0 <= index < len(records) and len(out) < limit:
                record = records[index]
                if out and record.size > budget:
                    break
                budget -= record.size
                out.append(self._store.record(stream, record))
                position = record.position + 1
                index += 1
        result: dict[str, Any] = {"Records": out}
        if not (shard.closed and position >= shard.next_position):
            result["NextShardIterator"] = iterators.encode(
                iterators.Position(stream.arn, shard.shard_id, position, self._cloud.now)
            )
        return result
