"""Sequence numbers: the 56-digit decimal strings that order the records of one shard.

AWS documents only that sequence numbers are unique per stream and "increase over time and are specific to a
shard" (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html); their pattern is
``0|([1-9]\\d{0,128})``. The numbers AWS actually returns are 56 decimal digits, and written in hexadecimal they
are 47 digits with a fixed layout. Decoding the sample event of the Lambda guide
(https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html), ``4959033827149025660855969253836157109592157598
9136588898`` on ``shardId-000000000006`` arriving at 1545084650.987, gives::

    2 | 05bf4e5c2 | 6 | 0000000067648a17 | 00 | 05c181eea | 00000006 | 2
    v | shard created (epoch s) | shard index & 0xf | sequence index | 0 | record time (epoch s) | shard index | v

i.e. the shard's creation second, the shard index (twice), a per-shard counter and the record's arrival second
(1545084650). The starting sequence numbers in the AWS CLI's ``describe-stream`` example decode the same way with
a counter of 0 (https://github.com/aws/aws-cli/blob/develop/awscli/examples/kinesis/describe-stream.rst), and
kinesalite, whose tests ran against AWS, uses this layout too (https://github.com/mhart/kinesalite, db/index.js).

pocketcloud builds its numbers the same way: the counter is the record's position in its shard plus one (0 is the
shard's own ``StartingSequenceNumber``), so numbers strictly increase within a shard, and a sequence number leads
straight back to its record without a search. A closed shard's ``EndingSequenceNumber`` carries the largest counter,
``0x7fffffffffffffff``, as kinesalite observed on AWS.
"""

from __future__ import annotations

from typing import NamedTuple

#: The counter of a closed shard's EndingSequenceNumber (and the largest a record can have).
MAX_INDEX = 0x7FFF_FFFF_FFFF_FFFF
_VERSION = 2
# Bit offsets of the fields in the 188-bit number (47 hex digits, from the right).
_SHARD_AT = 4
_TIME_AT = 36
_INDEX_AT = 80
_NIBBLE_AT = 144
_CREATED_AT = 148
_VERSION_AT = 184
_MASK_SHARD = (1 << 32) - 1
_MASK_36 = (1 << 36) - 1
_MASK_INDEX = (1 << 64) - 1


class Parts(NamedTuple):
    """The fields of a version-2 sequence number."""

    shard_created_s: int
    shard_index: int
    counter: int
    time_s: int


def shard_base(shard_created_s: int, shard_index: int) -> int:
    """The bits every sequence number of one shard shares; add :func:`fields` to get a record's number."""
    return (
        (_VERSION << _VERSION_AT)
        | (shard_created_s << _CREATED_AT)
        | ((shard_index & 0xF) << _NIBBLE_AT)
        | ((shard_index & _MASK_SHARD) << _SHARD_AT)
        | _VERSION
    )


def fields(index: int, time_s: int) -> int:
    """The per-record bits: the counter and the arrival second."""
    return (index << _INDEX_AT) | (time_s << _TIME_AT)


def number(base: int, index: int, time_s: int) -> str:
    """A record's sequence number as AWS prints it (a decimal string)."""
    return str(base | (index << _INDEX_AT) | (time_s << _TIME_AT))


def parse(text: str) -> Parts | None:
    """The fields of a sequence number, or ``None`` when the text is not a version-2 number AWS could have made."""
    if not text.isdigit() or len(text) > 60:
        return None
    value = int(text)
    if value >> _VERSION_AT != _VERSION or value & 0xF != _VERSION or (value >> 72) & 0xFF:
        return None
    index = (value >> _INDEX_AT) & _MASK_INDEX
    shard_index = (value >> _SHARD_AT) & _MASK_SHARD
    if index > MAX_INDEX or shard_index > 0x7FFF_FFFF or (value >> _NIBBLE_AT) & 0xF != shard_index & 0xF:
        return None
    return Parts(
        shard_created_s=(value >> _CREATED_AT) & _MASK_36,
        shard_index=shard_index,
        counter=index,
        time_s=(value >> _TIME_AT) & _MASK_36,
    )
