"""SplitShard and MergeShards: closing shards and opening children, which is why shard lineage matters for order.

Resharding is asynchronous: the stream is UPDATING for ``settings.updating_s`` virtual seconds, during which
"read and write operations continue to work" on the old shards, and then the change takes effect at once
(https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SplitShard.html). The parent shards close: they get
an ``EndingSequenceNumber`` and take no more records, but stay readable until their records expire, and a reader
that reaches the end of one gets no ``NextShardIterator`` but the ``ChildShards``. New records go to the children.
To keep a partition key's records in order, a consumer reads a parent to its end before its children — that is the
rule Lambda's event source mapping and the KCL follow
(https://docs.aws.amazon.com/streams/latest/dev/kinesis-using-sdk-java-after-resharding.html).

What AWS returns was observed by kinesalite's tests against AWS (test/splitShard.js, test/mergeShards.js): the
parent's EndingSequenceNumber carries the close time and the largest counter, and the children's shard creation
second is one second after the close. UpdateShardCount is not simulated: AWS reaches a target count by a series
of splits and merges whose exact shape it does not document.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ...errors import ServiceError
from ...timeutil import EPOCH_SECONDS
from . import messages
from .hashing import shard_id, shard_number
from .models import Shard, Stream

if TYPE_CHECKING:
    from .backend import KinesisBackend


def _open_shard(backend: KinesisBackend, stream: Stream, text: str) -> Shard:
    number = shard_number(text)
    if number is None or number >= len(stream.shards):
        raise messages.could_not_find_shard(
            shard_id(number) if number is not None else text, stream.name, backend.account
        )
    shard = stream.shards[number]
    if not shard.is_open:
        # moto's tests quote AWS: "... has already been merged or split, and thus is not eligible for merging or
        # splitting."
        raise ServiceError(
            "InvalidArgumentException",
            f"Shard {shard.shard_id} in stream {stream.name} under account {backend.account} has already been merged "
            "or split, and thus is not eligible for merging or splitting.",
        )
    return shard


def _child(stream: Stream, start: int, end: int, at: float, parent: str, adjacent: str | None = None) -> Shard:
    created_s = math.floor(EPOCH_SECONDS + at) + 1
    return Shard(
        len(stream.shards), start, end, created_s=created_s, created_at=at, parent=parent, adjacent_parent=adjacent
    )


def split_shard(backend: KinesisBackend, params: dict[str, Any]) -> None:
    """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SplitShard.html"""
    stream = backend.stream(params)
    shard = _open_shard(backend, stream, params["ShardToSplit"])
    key = int(params["NewStartingHashKey"])
    if not shard.start_hash + 1 < key < shard.end_hash:
        raise ServiceError(
            "InvalidArgumentException",
            f"NewStartingHashKey {params['NewStartingHashKey']} used in SplitShard() on shard {shard.shard_id} in "
            f"stream {stream.name} under account {backend.account} is not both greater than one plus the shard's "
            f"StartingHashKey {shard.start_hash} and less than the shard's EndingHashKey {shard.end_hash}.",
        )
    if stream.status != "ACTIVE":
        raise messages.not_active(stream.name, backend.account, stream.status)

    def apply() -> None:
        at = backend.cloud.now
        shard.close(at)
        stream.shards.append(_child(stream, shard.start_hash, key - 1, at, shard.shard_id))
        stream.shards.append(_child(stream, key, shard.end_hash, at, shard.shard_id))
        _finish(stream)

    _begin(backend, stream, apply)


def merge_shards(backend: KinesisBackend, params: dict[str, Any]) -> None:
    """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_MergeShards.html

    "Two shards are considered adjacent if the union of the hash key ranges for the two shards form a contiguous
    set with no gaps"; the merged shard's ParentShardId is ShardToMerge and its AdjacentParentShardId the other.
    """
    stream = backend.stream(params)
    first = _open_shard(backend, stream, params["ShardToMerge"])
    second = _open_shard(backend, stream, params["AdjacentShardToMerge"])
    if first.end_hash + 1 != second.start_hash and second.end_hash + 1 != first.start_hash:
        raise ServiceError(
            "InvalidArgumentException",
            f"Shards {first.shard_id} and {second.shard_id} in stream {stream.name} under account {backend.account} "
            "are not an adjacent pair of shards eligible for merging",
        )
    if stream.status != "ACTIVE":
        raise messages.not_active(stream.name, backend.account, stream.status)

    def apply() -> None:
        at = backend.cloud.now
        first.close(at)
        second.close(at)
        start, end = min(first.start_hash, second.start_hash), max(first.end_hash, second.end_hash)
        stream.shards.append(_child(stream, start, end, at, first.shard_id, second.shard_id))
        _finish(stream)

    _begin(backend, stream, apply)


def _begin(backend: KinesisBackend, stream: Stream, apply: Any) -> None:
    stream.status = "UPDATING"
    stream.timer = backend.cloud.kernel.schedule(backend.settings.updating_s, apply)


def _finish(stream: Stream) -> None:
    stream.index_open_shards()
    stream.status = "ACTIVE"
    stream.timer = None
