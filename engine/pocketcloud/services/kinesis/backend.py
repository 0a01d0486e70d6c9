"""The state of Kinesis Data Streams in one cloud: streams by name, how a request names one, and their lifecycle.

A stream is addressed by ``StreamName`` or, as AWS recommends, by ``StreamARN`` ("When invoking this API, you must
use either the StreamARN or the StreamName parameter, or both. It is recommended that you use the StreamARN input
parameter", e.g. https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html). An ARN of another
account or Region names no stream here.

Status changes happen on the virtual clock: CreateStream returns at once with the stream CREATING and schedules
ACTIVE ``settings.creating_s`` later; DeleteStream leaves it DELETING for ``settings.deleting_s`` and then removes it
(:class:`~.models.Settings` documents the model and its defaults). From outside the simulation, run the clock
(``cloud.run(until=...)``) or use the ``stream_exists`` waiter, which does that for you.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ...timeutil import EPOCH_SECONDS
from . import messages
from .hashing import even_ranges
from .iterators import IteratorCodec
from .models import Settings, Shard, Stream

if TYPE_CHECKING:
    from ...cloud import Cloud

_ARN = re.compile(r"^arn:aws[a-zA-Z-]*:kinesis:(?P<region>[^:]*):(?P<account>\d{12}):stream/(?P<name>[^/]+)$")
PROVISIONED = "PROVISIONED"
ON_DEMAND = "ON_DEMAND"
#: Statuses in which reads and writes work ("Read and write operations continue to work while the stream is in
#: the UPDATING state"; DELETING "might continue to accept data read and write operations ... until the stream
#: deletion is complete": https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DeleteStream.html).
DATA_STATUSES = frozenset({"ACTIVE", "UPDATING", "DELETING"})


class KinesisBackend:
    """Streams by name (in creation order), the model settings, and the iterator codec."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.account = cloud.account_id
        self.region = cloud.region
        self.streams: dict[str, Stream] = {}
        self.settings = Settings()
        self.iterators = IteratorCodec(cloud.seed, cloud.account_id, cloud.region)
        self._serial = 0

    # -- naming ------------------------------------------------------------------------------------------------------
    def arn(self, name: str) -> str:
        return f"arn:aws:kinesis:{self.region}:{self.account}:stream/{name}"

    def stream_name(self, params: dict[str, Any]) -> str:
        """The stream name a request's StreamName and/or StreamARN give (checked to agree when both are given)."""
        name = params.get("StreamName")
        arn = params.get("StreamARN")
        if arn is None:
            if name is None:
                raise messages.missing_stream_identifier()
            return str(name)
        match = _ARN.match(arn)
        if match is None or match.group("region") != self.region or match.group("account") != self.account:
            # A well-formed ARN of another account or Region (the model's pattern already refused the rest).
            raise messages.stream_not_found(match.group("name") if match is not None else arn, self.account)
        from_arn = match.group("name")
        if name is not None and name != from_arn:
            # pocketcloud's wording: AWS documents no message for a StreamName and StreamARN that disagree.
            raise ServiceError(
                "InvalidArgumentException", f"StreamARN {arn} does not identify the stream named {name}."
            )
        return from_arn

    def stream(self, params: dict[str, Any]) -> Stream:
        """The stream a request names, whatever its status."""
        name = self.stream_name(params)
        found = self.streams.get(name)
        if found is None:
            raise messages.stream_not_found(name, self.account)
        return found

    def data_stream(self, params: dict[str, Any]) -> Stream:
        """The stream a read or write names; refused while it is still CREATING (ResourceInUseException)."""
        found = self.stream(params)
        if found.status not in DATA_STATUSES:
            raise messages.not_active_or_updating(found.name, self.account, found.status)
        return found

    def active_stream(self, params: dict[str, Any]) -> Stream:
        """The stream a control-plane change names; it must be ACTIVE."""
        found = self.stream(params)
        if found.status != "ACTIVE":
            raise messages.not_active(found.name, self.account, found.status)
        return found

    # -- lifecycle ---------------------------------------------------------------------------------------------------
    def create_stream(self, params: dict[str, Any]) -> None:
        """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html"""
        name = params["StreamName"]
        mode = (params.get("StreamModeDetails") or {}).get("StreamMode", PROVISIONED)
        count = params.get("ShardCount")
        if "WarmThroughputMiBps" in params:
            raise messages.not_simulated("warm throughput for on-demand streams", "WarmThroughputMiBps")
        strategy = params.get("RecordDistributionStrategy")
        if strategy == "AUTO":
            raise messages.not_simulated("the AUTO record distribution strategy", "RecordDistributionStrategy")
        if mode == ON_DEMAND:
            if count is not None:
                # The message CloudFormation relays from Kinesis for this request (aws-cdk issue #18247).
                raise ServiceError("InvalidArgumentException", "ShardCount is not expected when StreamMode=ON_DEMAND")
            count = limits.KINESIS_ON_DEMAND_INITIAL_SHARDS
        elif count is None:
            # pocketcloud's wording for the reference's "For the data streams with a provisioned mode, you must
            # specify the number of shards for the data stream."
            raise ServiceError("InvalidArgumentException", "ShardCount is required when StreamMode=PROVISIONED")
        elif strategy is not None:
            # "The record distribution strategy is only supported for streams that use the on-demand capacity mode."
            raise ServiceError(
                "InvalidArgumentException",
                "RecordDistributionStrategy is only supported for streams that use the on-demand capacity mode",
            )
        if name in self.streams:
            raise messages.stream_exists(name, self.account)
        now = self.cloud.now
        self._serial += 1
        stream = Stream(
            name=name,
            arn=self.arn(name),
            serial=self._serial,
            created_at=now,
            mode=mode,
            retention_hours=limits.KINESIS_DEFAULT_RETENTION_HOURS,
            max_record_kib=params.get("MaxRecordSizeInKiB", limits.KINESIS_DEFAULT_MAX_RECORD_SIZE_KIB),
            tags=dict(params.get("Tags") or {}),
        )
        created_s = math.floor(self._epoch(now))
        stream.shards = [
            Shard(number, start, end, created_s=created_s, created_at=now)
            for number, (start, end) in enumerate(even_ranges(count))
        ]
        stream.index_open_shards()
        self.streams[name] = stream
        stream.timer = self.cloud.kernel.schedule(self.settings.creating_s, self._activate, stream)

    def delete_stream(self, params: dict[str, Any]) -> None:
        """https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DeleteStream.html

        "If the stream is in the ACTIVE state, you can delete it" (and, pocketcloud assumes, while UPDATING, which
        cancels the pending reshard); a stream still CREATING is refused.
        """
        stream = self.stream(params)
        if stream.status not in ("ACTIVE", "UPDATING"):
            raise messages.not_active(stream.name, self.account, stream.status)
        if stream.timer is not None:
            stream.timer.cancel()
        stream.status = "DELETING"
        stream.timer = self.cloud.kernel.schedule(self.settings.deleting_s, self._remove, stream)

    def _activate(self, stream: Stream) -> None:
        stream.status = "ACTIVE"
        stream.timer = None

    def _remove(self, stream: Stream) -> None:
        if self.streams.get(stream.name) is stream:
            del self.streams[stream.name]
        stream.timer = None

    # -- retention ---------------------------------------------------------------------------------------------------
    def change_retention(self, params: dict[str, Any], *, increasing: bool) -> None:
        """Increase/DecreaseStreamRetentionPeriod: 24 to 8,760 hours, in the direction the operation names.

        https://docs.aws.amazon.com/kinesis/latest/APIReference/API_IncreaseStreamRetentionPeriod.html
        https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DecreaseStreamRetentionPeriod.html
        """
        hours = params["RetentionPeriodHours"]
        low, high = limits.KINESIS_MIN_RETENTION_HOURS, limits.KINESIS_MAX_RETENTION_HOURS
        if not low <= hours <= high:
            raise messages.retention_out_of_range(hours, low, high)
        stream = self.active_stream(params)
        current = stream.retention_hours
        if (increasing and hours < current) or (not increasing and hours > current):
            raise messages.retention_wrong_direction(stream.name, hours, current, increasing=increasing)
        stream.retention_hours = hours
        self.trim(stream)

    def trim(self, stream: Stream) -> None:
        """Let every shard's trim horizon catch up with the clock (records older than the retention period)."""
        horizon = self.cloud.now - stream.retention_s
        for shard in stream.shards:
            shard.trim(horizon)

    @staticmethod
    def _epoch(virtual_s: float) -> float:
        return EPOCH_SECONDS + virtual_s
