"""What a Kinesis data stream is made of: shards that each hold an ordered, append-only list of records.

A shard owns a contiguous range of the 128-bit hash key space and every record whose hashed partition key falls
in it, in arrival order. Positions in a shard are absolute: the first record ever written is position 0, and a
position never changes meaning, even when older records expire and are dropped from memory. A record's sequence
number encodes its position (see :mod:`.sequence`), which is what makes iterators cheap and exact.

Records are plain tuples ``(sequence number, arrival time, data, partition key, size)`` (the indexes below): a
stream in a lab holds tens of thousands of them, and a tuple is the cheapest thing Python can build and keep.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from ...timeutil import EPOCH_SECONDS
from . import sequence
from .hashing import shard_id
from .throughput import ReadWindow, WriteWindow

if TYPE_CHECKING:
    from ...kernel import Timer

#: One stored record: (SequenceNumber, arrival in virtual seconds, Data, PartitionKey, size in bytes).
Record = tuple[str, float, bytes, str, int]
SEQ: Final = 0
ARRIVAL: Final = 1
DATA: Final = 2
KEY: Final = 3
SIZE: Final = 4

#: Drop expired records from memory once this many have piled up at the front of a shard.
_COMPACT_AFTER = 4_096


@dataclass
class Settings:
    """Behaviour-model settings AWS does not publish, with pocketcloud's defaults.

    Reach them as ``cloud.backend("kinesis", KinesisBackend).settings`` (``KinesisBackend`` from
    :mod:`pocketcloud.services.kinesis.backend`).

    ``creating_s`` / ``deleting_s`` / ``updating_s``: how long a stream stays CREATING after CreateStream, DELETING
    after DeleteStream, and UPDATING after SplitShard or MergeShards. AWS only says these operations are
    asynchronous ("CreateStream is an asynchronous operation ... After the stream is created, Kinesis Data Streams
    sets the stream status to ACTIVE", https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html).
    Observed times are a few seconds for a new stream (AWS's own SDK tests log one "ACTIVE after 3851ms",
    https://github.com/aws/aws-sdk-java-v2/pull/6006) and tens of seconds for a reshard (a split "takes 65 secs to run
    on production" in kinesalite's tests). The defaults are 5, 5 and 30 virtual seconds.

    ``throttling``: enforce the per-shard write and read limits (:mod:`.throughput`). On by default, as on AWS;
    a lab can switch it off to look at something else.
    """

    creating_s: float = 5.0
    deleting_s: float = 5.0
    updating_s: float = 30.0
    throttling: bool = True


@dataclass(eq=False)
class Shard:
    """One shard: its hash key range, lineage, records, and throughput windows."""

    number: int
    start_hash: int
    end_hash: int
    #: Unix epoch second the shard was created (it is part of every sequence number of the shard).
    created_s: int
    #: Virtual time the shard was created and (for a closed shard) closed.
    created_at: float
    parent: str | None = None
    adjacent_parent: str | None = None
    closed_at: float | None = None
    ending_sequence: str | None = None
    records: list[Record] = field(default_factory=list)
    #: Absolute position of ``records[0]``; positions before it were dropped from memory.
    offset: int = 0
    #: Absolute position of the oldest record still within the retention period (the trim horizon).
    trimmed: int = 0
    writes: WriteWindow = field(default_factory=WriteWindow)
    reads: ReadWindow = field(default_factory=ReadWindow)

    def __post_init__(self) -> None:
        self.shard_id = shard_id(self.number)
        self.base = sequence.shard_base(self.created_s, self.number)
        self.starting_sequence = sequence.number(self.base, 0, self.created_s)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def end(self) -> int:
        """The position the next record will take (one past the newest record)."""
        return self.offset + len(self.records)

    def record_at(self, position: int) -> Record:
        return self.records[position - self.offset]

    def trim(self, horizon: float) -> None:
        """Move the trim horizon past records that arrived at or before virtual time ``horizon``.

        The horizon only moves forward, so a longer retention period never brings expired records back: "it does
        not make previous, expired data (older than the stream's previous retention period) accessible"
        (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_IncreaseStreamRetentionPeriod.html).
        """
        records, offset, trimmed = self.records, self.offset, self.trimmed
        end = offset + len(records)
        while trimmed < end and records[trimmed - offset][ARRIVAL] <= horizon:
            trimmed += 1
        self.trimmed = trimmed
        dropped = trimmed - offset
        if dropped >= _COMPACT_AFTER and dropped * 2 >= len(records):
            del records[:dropped]
            self.offset = trimmed

    def close(self, at: float) -> None:
        """Close the shard (it was split or merged): no more writes, and an EndingSequenceNumber."""
        self.closed_at = at
        self.ending_sequence = sequence.number(self.base, sequence.MAX_INDEX, int(_epoch_s(at)))


@dataclass(eq=False)
class Stream:
    """A data stream: its settings, status and shards (all of them, open and closed, by shard number)."""

    name: str
    arn: str
    #: Distinguishes this stream from an earlier one of the same name (iterators carry it).
    serial: int
    created_at: float
    mode: str
    retention_hours: int
    max_record_kib: int
    status: str = "CREATING"
    shards: list[Shard] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)
    #: The pending status change (CREATING -> ACTIVE, UPDATING -> ACTIVE, DELETING -> gone).
    timer: Timer | None = None
    #: Open shards ordered by StartingHashKey, and their starting keys, for a binary search per record.
    open_shards: list[Shard] = field(default_factory=list)
    open_starts: list[int] = field(default_factory=list)

    def index_open_shards(self) -> None:
        self.open_shards = sorted((s for s in self.shards if s.is_open), key=lambda s: s.start_hash)
        self.open_starts = [s.start_hash for s in self.open_shards]

    @property
    def retention_s(self) -> float:
        return self.retention_hours * 3600.0


def _epoch_s(virtual_s: float) -> float:
    return EPOCH_SECONDS + virtual_s
