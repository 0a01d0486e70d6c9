"""How a record finds its shard: the MD5 of its partition key as a 128-bit number, inside a shard's hash key range.

"An MD5 hash function is used to map partition keys to 128-bit integer values and to map associated data records
to shards using the hash key ranges of the shards. You can override hashing the partition key to determine the
shard by explicitly specifying a hash value using the ExplicitHashKey parameter."
(https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html)

A new stream's shards split the hash key space 0 .. 2^128-1 evenly: shard *i* of *n* starts at ``i * (2^128 // n)``
and ends one before the next shard starts; the last ends at 2^128-1. That is what AWS returns, e.g. the three shards
of the CLI's ``describe-stream`` example end at 113427455640312821154458202477256070484,
226854911280625642308916404954512140969 and 340282366920938463463374607431768211455
(https://github.com/aws/aws-cli/blob/develop/awscli/examples/kinesis/describe-stream.rst).
"""

from __future__ import annotations

import hashlib

#: The size of the hash key space: keys run from 0 to 2^128 - 1.
HASH_SPACE = 1 << 128
MAX_HASH_KEY = HASH_SPACE - 1
#: Shard numbers AWS accepts in a ShardId (a Java int): kinesalite's tests against AWS find ``2147483647`` looked
#: up and ``2147483648`` reported as "Could not find shard" (https://github.com/mhart/kinesalite,
#: test/getShardIterator.js).
_MAX_SHARD_NUMBER = 2**31 - 1


def even_ranges(count: int) -> list[tuple[int, int]]:
    """``(StartingHashKey, EndingHashKey)`` of each of ``count`` shards of a new stream."""
    step = HASH_SPACE // count
    return [(i * step, (i + 1) * step - 1 if i < count - 1 else MAX_HASH_KEY) for i in range(count)]


def partition_hash(partition_key: str) -> int:
    """The partition key's MD5 (of its UTF-8 bytes) read as an unsigned big-endian 128-bit integer."""
    return int.from_bytes(hashlib.md5(partition_key.encode("utf-8")).digest(), "big")


def shard_id(number: int) -> str:
    """``shardId-000000000000``: the ID of the shard with that number."""
    return f"shardId-{number:012d}"


def shard_number(text: str) -> int | None:
    """The shard number a ShardId names, read as AWS reads it, or ``None`` when it names no shard.

    AWS looks only at the digits after the last hyphen (or at the whole ID when there is none): ``shardId-0``,
    ``shard-0`` and ``0`` all name ``shardId-000000000000``, while ``ABKLFD8`` or ``2.14E4`` name nothing
    (kinesalite's tests against AWS, test/getShardIterator.js and test/splitShard.js).
    """
    digits = text.rsplit("-", 1)[-1]
    if not digits.isdigit() or not digits.isascii():
        return None
    number = int(digits)
    return number if number <= _MAX_SHARD_NUMBER else None
