"""DescribeStream, DescribeStreamSummary, ListStreams and ListShards: what a stream looks like from outside.

Shapes follow the API reference and the AWS CLI's examples (``EnhancedMonitoring`` is ``[{"ShardLevelMetrics":
[]}]`` and ``EncryptionType`` is ``NONE`` for a new stream; a closed shard has an ``EndingSequenceNumber``):
https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStream.html and
https://docs.aws.amazon.com/code-library/latest/ug/kinesis_example_kinesis_DescribeStreamSummary_section.html.
Shards are listed by shard ID, streams by name. "This action does not list expired shards"
(https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html): a closed shard whose records have
all passed the retention period is left out.
"""

from __future__ import annotations

import base64
import json
import math
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ...timeutil import EPOCH_SECONDS, to_datetime
from . import messages
from .backend import ON_DEMAND
from .models import Shard, Stream

if TYPE_CHECKING:
    from .backend import KinesisBackend


def shard_description(shard: Shard) -> dict[str, Any]:
    """One Shard as DescribeStream and ListShards return it."""
    out: dict[str, Any] = {"ShardId": shard.shard_id}
    if shard.parent is not None:
        out["ParentShardId"] = shard.parent
    if shard.adjacent_parent is not None:
        out["AdjacentParentShardId"] = shard.adjacent_parent
    out["HashKeyRange"] = {"StartingHashKey": str(shard.start_hash), "EndingHashKey": str(shard.end_hash)}
    numbers = {"StartingSequenceNumber": shard.starting_sequence}
    if shard.ending_sequence is not None:
        numbers["EndingSequenceNumber"] = shard.ending_sequence
    out["SequenceNumberRange"] = numbers
    return out


def live_shards(stream: Stream, now: float) -> list[Shard]:
    """The stream's shards, without closed shards whose every record has expired."""
    horizon = now - stream.retention_s
    return [s for s in stream.shards if s.closed_at is None or s.closed_at > horizon]


def _created(stream: Stream) -> Any:
    return to_datetime(math.floor(stream.created_at))


def describe_stream(backend: KinesisBackend, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStream.html"""
    stream = backend.stream(params)
    limit = min(
        params.get("Limit", limits.KINESIS_DESCRIBE_STREAM_MAX_SHARDS), limits.KINESIS_DESCRIBE_STREAM_MAX_SHARDS
    )
    # A CREATING or DELETING stream describes no shards (kinesalite's test/createStream.js against AWS, and the
    # DescribeStream output quoted in botocore's stream-not-exists waiter PR, boto/botocore#715).
    shards = [] if stream.status in ("CREATING", "DELETING") else live_shards(stream, backend.cloud.now)
    after = params.get("ExclusiveStartShardId")
    if after is not None:
        shards = [s for s in shards if s.shard_id > after]
    page = shards[:limit]
    return {
        "StreamDescription": {
            "StreamName": stream.name,
            "StreamARN": stream.arn,
            "StreamStatus": stream.status,
            "StreamModeDetails": {"StreamMode": stream.mode},
            "Shards": [shard_description(s) for s in page],
            "HasMoreShards": len(shards) > limit,
            "RetentionPeriodHours": stream.retention_hours,
            "StreamCreationTimestamp": _created(stream),
            "EnhancedMonitoring": [{"ShardLevelMetrics": []}],
            "EncryptionType": "NONE",
        }
    }


def describe_stream_summary(backend: KinesisBackend, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStreamSummary.html"""
    stream = backend.stream(params)
    summary: dict[str, Any] = {
        "StreamName": stream.name,
        "StreamARN": stream.arn,
        "StreamStatus": stream.status,
        "StreamModeDetails": {"StreamMode": stream.mode},
        "RetentionPeriodHours": stream.retention_hours,
        "StreamCreationTimestamp": _created(stream),
        "EnhancedMonitoring": [{"ShardLevelMetrics": []}],
        "EncryptionType": "NONE",
        "OpenShardCount": len(stream.open_shards),
        "ConsumerCount": 0,
        "MaxRecordSizeInKiB": stream.max_record_kib,
    }
    if stream.mode == ON_DEMAND:
        # "This field is only present for streams that use the on-demand capacity mode."
        summary["RecordDistributionStrategy"] = "USER_PARTITION_KEY"
    return {"StreamDescriptionSummary": summary}


# -- paging tokens -----------------------------------------------------------------------------------------------------
def _token(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode()


def _untoken(token: str, keys: tuple[str, ...]) -> dict[str, Any]:
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict) or any(k not in data for k in keys):
        # pocketcloud's wording for a NextToken that was not made here.
        raise ServiceError("InvalidArgumentException", "Invalid NextToken.")
    return data


def list_streams(backend: KinesisBackend, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListStreams.html"""
    limit = min(params.get("Limit", limits.KINESIS_LIST_STREAMS_MAX), limits.KINESIS_LIST_STREAMS_MAX)
    after = params.get("ExclusiveStartStreamName")
    token = params.get("NextToken")
    if token is not None:
        after = str(_untoken(token, ("after",))["after"])
    names = sorted(name for name in backend.streams if after is None or name > after)
    page = names[:limit]
    streams = [backend.streams[name] for name in page]
    result: dict[str, Any] = {
        "StreamNames": page,
        "HasMoreStreams": len(names) > limit,
        "StreamSummaries": [
            {
                "StreamName": s.name,
                "StreamARN": s.arn,
                "StreamStatus": s.status,
                "StreamModeDetails": {"StreamMode": s.mode},
                "StreamCreationTimestamp": _created(s),
            }
            for s in streams
        ],
    }
    if len(names) > limit:
        result["NextToken"] = _token({"after": page[-1]})
    return result


def _virtual(moment: datetime | str) -> float:
    """A request timestamp (or one carried in a NextToken as an ISO string) as virtual seconds."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.timestamp() - EPOCH_SECONDS


def _filtered(stream: Stream, shards: list[Shard], flt: dict[str, Any], now: float) -> list[Shard]:
    """ShardFilter (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ShardFilter.html)."""
    kind = flt["Type"]
    if kind == "AFTER_SHARD_ID":
        after = flt.get("ShardId")
        if after is None:
            raise ServiceError(
                "InvalidArgumentException", "ShardId must be provided for ShardFilter type AFTER_SHARD_ID."
            )
        return [s for s in shards if s.shard_id > after]
    if kind == "AT_LATEST":
        return [s for s in shards if s.is_open]
    if kind == "FROM_TRIM_HORIZON":
        return shards
    if kind == "AT_TRIM_HORIZON":
        at = max(now - stream.retention_s, stream.created_at)
        return [s for s in shards if s.created_at <= at and (s.closed_at is None or s.closed_at > at)]
    moment = flt.get("Timestamp")
    if moment is None:
        raise ServiceError("InvalidArgumentException", f"Timestamp must be provided for ShardFilter type {kind}.")
    at = _virtual(moment)
    if kind == "AT_TIMESTAMP":
        return [s for s in shards if s.created_at <= at and (s.closed_at is None or s.closed_at >= at)]
    return [s for s in shards if s.closed_at is None or s.closed_at >= at]  # FROM_TIMESTAMP


def list_shards(backend: KinesisBackend, params: dict[str, Any]) -> dict[str, Any]:
    """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html

    The NextToken carries the stream, the filter and the last shard returned; "Tokens expire after 300 seconds"
    (ExpiredNextTokenException). The two messages about StreamName and NextToken are AWS's (kinesalite's
    test/listShards.js).
    """
    token = params.get("NextToken")
    now = backend.cloud.now
    if token is not None:
        if "StreamName" in params or "StreamARN" in params:
            raise ServiceError("InvalidArgumentException", "NextToken and StreamName cannot be provided together.")
        for other in ("ExclusiveStartShardId", "StreamCreationTimestamp"):
            if other in params:
                raise ServiceError("InvalidArgumentException", f"NextToken and {other} cannot be provided together.")
        state = _untoken(token, ("stream", "serial", "after", "issued"))
        if now - float(state["issued"]) > limits.KINESIS_LIST_SHARDS_TOKEN_LIFETIME_S:
            raise ServiceError(
                "ExpiredNextTokenException",
                f"The NextToken has expired: it was issued more than {limits.KINESIS_LIST_SHARDS_TOKEN_LIFETIME_S} "
                "seconds ago.",
            )
        stream = backend.streams.get(str(state["stream"]))
        if stream is None or stream.serial != state["serial"]:
            raise messages.stream_not_found(str(state["stream"]), backend.account)
        after: str | None = str(state["after"])
        flt = state.get("filter")
    else:
        if "StreamName" not in params and "StreamARN" not in params:
            raise ServiceError("InvalidArgumentException", "Either NextToken or StreamName should be provided.")
        stream = backend.stream(params)
        created = params.get("StreamCreationTimestamp")
        if created is not None and math.floor(_virtual(created)) != math.floor(stream.created_at):
            raise messages.stream_not_found(stream.name, backend.account)
        after = params.get("ExclusiveStartShardId")
        flt = params.get("ShardFilter")
    if stream.status == "CREATING":
        raise messages.not_active_or_updating(stream.name, backend.account, stream.status)
    shards = live_shards(stream, now)
    if flt is not None:
        shards = _filtered(stream, shards, flt, now)
    if after is not None:
        shards = [s for s in shards if s.shard_id > after]
    limit = min(params.get("MaxResults", limits.KINESIS_LIST_SHARDS_MAX), limits.KINESIS_LIST_SHARDS_MAX)
    page = shards[:limit]
    result: dict[str, Any] = {"Shards": [shard_description(s) for s in page]}
    if len(shards) > limit:
        state = {"stream": stream.name, "serial": stream.serial, "after": page[-1].shard_id, "issued": now}
        if flt is not None:
            state["filter"] = _json_filter(flt)
        result["NextToken"] = _token(state)
    return result


def _json_filter(flt: dict[str, Any]) -> dict[str, Any]:
    """A ShardFilter in a form JSON can carry (its Timestamp as an ISO string), restored by ``_filtered``."""
    out = dict(flt)
    if "Timestamp" in out and not isinstance(out["Timestamp"], str):
        out["Timestamp"] = out["Timestamp"].isoformat()
    return out
