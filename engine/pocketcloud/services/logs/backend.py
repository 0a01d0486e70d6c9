"""The state of CloudWatch Logs in one cloud: groups, streams, events.

Other services write here the way Lambda's platform does on AWS (an internal path, not the public API), while
readers use the ``logs`` client's public operations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...timeutil import epoch_millis

if TYPE_CHECKING:
    from ...cloud import Cloud


@dataclass
class LogStream:
    name: str
    created: int
    events: list[tuple[int, str, int]] = field(default_factory=list)  # (timestamp ms, message, ingestion ms)


@dataclass
class LogGroup:
    name: str
    created: int
    streams: dict[str, LogStream] = field(default_factory=dict)


class LogsBackend:
    """Log groups by name. Lambda creates its group and streams on first write, as it does on AWS."""

    def __init__(self, cloud: Cloud) -> None:
        self._cloud = cloud
        self.groups: dict[str, LogGroup] = {}

    def put(self, group: str, stream: str, at: float, message: str) -> None:
        """Append one event at virtual time ``at`` (seconds)."""
        log_group = self.groups.get(group)
        if log_group is None:
            log_group = self.groups[group] = LogGroup(group, epoch_millis(at))
        log_stream = log_group.streams.get(stream)
        if log_stream is None:
            log_stream = log_group.streams[stream] = LogStream(stream, epoch_millis(at))
        millis = epoch_millis(at)
        log_stream.events.append((millis, message, millis))

    def events(self, group: str, stream: str) -> list[tuple[int, str, int]]:
        log_group = self.groups.get(group)
        if log_group is None or stream not in log_group.streams:
            return []
        return log_group.streams[stream].events
