"""The state of CloudWatch Logs in one cloud: groups, streams, events.

Other services write here the way Lambda's platform does on AWS (an internal path, :meth:`LogsBackend.put_many`, not the
public API), while readers use the ``logs`` client's public operations, which reach the state through the lookup
and mutation methods below. The backend raises :class:`~pocketcloud.errors.ServiceError` with CloudWatch Logs'
own codes and messages, so every operation that touches a missing group or stream fails the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...errors import ServiceError
from ...timeutil import epoch_millis

if TYPE_CHECKING:
    from ...cloud import Cloud

#: One log event as stored: (timestamp ms, message, ingestion time ms). Its position in ``LogStream.events`` is
#: its sequence number, which breaks ties between events of the same millisecond and keeps paging stable.
Event = tuple[int, str, int]


@dataclass
class LogStream:
    name: str
    created: int
    events: list[Event] = field(default_factory=list)  # (timestamp ms, message, ingestion ms)
    #: Creation order within the group; part of FilterLogEvents' event IDs, so they stay stable across calls.
    ordinal: int = 0

    @property
    def first_event_timestamp(self) -> int | None:
        return min(event[0] for event in self.events) if self.events else None

    @property
    def last_event_timestamp(self) -> int | None:
        return max(event[0] for event in self.events) if self.events else None

    @property
    def last_ingestion_time(self) -> int | None:
        return max(event[2] for event in self.events) if self.events else None

    def ordered(self) -> list[tuple[int, int]]:
        """``(timestamp, sequence)`` of every event in reading order: by time, then by arrival."""
        return sorted((event[0], seq) for seq, event in enumerate(self.events))


@dataclass
class LogGroup:
    name: str
    created: int
    streams: dict[str, LogStream] = field(default_factory=dict)
    next_ordinal: int = 0
    #: STANDARD unless CreateLogGroup asked for another class; Lambda's automatic groups are STANDARD.
    log_group_class: str = "STANDARD"

    @property
    def stored_bytes(self) -> int:
        """UTF-8 size of every message in the group: pocketcloud's stand-in for AWS's storedBytes.

        AWS reports the (compressed, archived) bytes it stores; the raw message size is the honest figure a
        simulation can give, and it grows exactly when the learner logs more.
        """
        return sum(len(event[1].encode("utf-8")) for stream in self.streams.values() for event in stream.events)


class LogsBackend:
    """Log groups by name. Lambda creates its group and streams on first write, as it does on AWS."""

    def __init__(self, cloud: Cloud) -> None:
        self._cloud = cloud
        self.groups: dict[str, LogGroup] = {}

    # -- the platform's write path (Lambda) ----------------------------------------------------------------------
    def put_many(self, group: str, stream: str, lines: list[tuple[float, str]]) -> None:
        """Append several events (``(virtual seconds, message)``) to one stream: the invoke path's batch."""
        if not lines:
            return
        log_group = self.groups.get(group)
        first = epoch_millis(lines[0][0])
        if log_group is None:
            log_group = self.groups[group] = LogGroup(group, first)
        log_stream = log_group.streams.get(stream)
        if log_stream is None:
            log_stream = self._new_stream(log_group, stream, first)
        append = log_stream.events.append
        for at, message in lines:
            millis = epoch_millis(at)
            append((millis, message, millis))

    def events(self, group: str, stream: str) -> list[tuple[int, str, int]]:
        log_group = self.groups.get(group)
        if log_group is None or stream not in log_group.streams:
            return []
        return log_group.streams[stream].events

    # -- ARNs ------------------------------------------------------------------------------------------------------
    def group_arn(self, group: str) -> str:
        """The log group ARN without the trailing ``:*`` (DescribeLogGroups' ``logGroupArn``), in the cloud's
        partition (``arn:aws-cn:logs:cn-north-1:...`` in China)."""
        cloud = self._cloud
        return f"arn:{cloud.partition}:logs:{cloud.region}:{cloud.account_id}:log-group:{group}"

    def stream_arn(self, group: str, stream: str) -> str:
        return f"{self.group_arn(group)}:log-stream:{stream}"

    # -- lookups for the public API --------------------------------------------------------------------------------
    def group(self, name: str) -> LogGroup:
        log_group = self.groups.get(name)
        if log_group is None:
            raise ServiceError("ResourceNotFoundException", "The specified log group does not exist.")
        return log_group

    def stream(self, group: str, name: str) -> LogStream:
        log_stream = self.group(group).streams.get(name)
        if log_stream is None:
            raise ServiceError("ResourceNotFoundException", "The specified log stream does not exist.")
        return log_stream

    # -- mutations for the public API ------------------------------------------------------------------------------
    def create_group(self, name: str) -> LogGroup:
        if name in self.groups:
            raise ServiceError("ResourceAlreadyExistsException", "The specified log group already exists")
        log_group = self.groups[name] = LogGroup(name, epoch_millis(self._cloud.now))
        return log_group

    def create_stream(self, group: str, name: str) -> LogStream:
        log_group = self.group(group)
        if name in log_group.streams:
            raise ServiceError("ResourceAlreadyExistsException", "The specified log stream already exists")
        return self._new_stream(log_group, name, epoch_millis(self._cloud.now))

    def delete_group(self, name: str) -> None:
        self.group(name)
        del self.groups[name]

    def delete_stream(self, group: str, name: str) -> None:
        self.stream(group, name)
        del self.groups[group].streams[name]

    def _new_stream(self, log_group: LogGroup, name: str, created: int) -> LogStream:
        log_stream = log_group.streams[name] = LogStream(name, created, ordinal=log_group.next_ordinal)
        log_group.next_ordinal += 1
        return log_stream
