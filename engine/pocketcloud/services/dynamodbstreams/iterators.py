"""Shard iterators: where a reader is in a shard, as an opaque string that expires after 15 minutes.

GetShardIterator turns a starting point (``TRIM_HORIZON``, ``LATEST``, ``AT_SEQUENCE_NUMBER``,
``AFTER_SEQUENCE_NUMBER`` or ``AT_TIMESTAMP``) into a position; GetRecords reads from a position and hands back
the iterator for the next one. "A shard iterator expires 15 minutes after it is returned to the requester"
(https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html), on the
virtual clock. The string looks like AWS's (the stream ARN, ``|1|``, then an opaque part) and carries the shard,
the position and the time it was issued, so an iterator needs no server-side state and stays valid across calls
exactly as long as AWS's does.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass

from ...errors import ServiceError


@dataclass(frozen=True)
class Position:
    stream_arn: str
    shard_id: str
    #: The position (1-based record number in the shard) of the next record to read.
    position: int
    issued: float


def encode(position: Position) -> str:
    payload = f"{position.shard_id}|{position.position}|{position.issued!r}".encode()
    return f"{position.stream_arn}|1|{base64.urlsafe_b64encode(payload).decode()}"


def decode(iterator: str) -> Position:
    """The position an iterator names; ValidationException for a string GetShardIterator did not make."""
    try:
        arn, version, token = iterator.rsplit("|", 2)
        shard_id, number, issued = base64.urlsafe_b64decode(token.encode()).decode().split("|")
        when = float(issued)
        if version != "1" or not shard_id.startswith("shardId-") or not math.isfinite(when):
            raise ValueError(iterator)
        return Position(arn, shard_id, int(number), when)
    except (ValueError, UnicodeDecodeError):
        # pocketcloud's wording: AWS documents no message for a malformed iterator.
        raise ServiceError("ValidationException", "Invalid ShardIterator") from None
