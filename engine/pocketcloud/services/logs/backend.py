"""The state of CloudWatch Logs in one cloud: groups, streams, events, and what watches new events arrive.

Other services write here the way Lambda's platform does on AWS (an internal path, :meth:`LogsBackend.put_many`, not the
public API), while readers use the ``logs`` client's public operations, which reach the state through the lookup
and mutation methods below. The backend raises :class:`~pocketcloud.errors.ServiceError` with CloudWatch Logs'
own codes and messages, so every operation that touches a missing group or stream fails the same way.

Both write paths (Lambda's and PutLogEvents) end in :meth:`LogsBackend.ingest`, the one place where a group's
metric filters and subscription filters see new events, so a learner's ``print`` in a handler and a
``put_log_events`` call are filtered, counted and delivered alike.

Retention: a group with ``retentionInDays`` hides every event older than that from every reader (GetLogEvents,
FilterLogEvents, Insights, exports, storedBytes) from the virtual instant the event passes the limit. AWS "doesn't
immediately delete log events when they reach their retention setting. It typically takes up to 72 hours"; the
expired events are then "marked for deletion" and no longer counted in storedBytes. pocketcloud hides them
exactly at the limit, so ``cloud.run(until=...)`` shows the cut deterministically, and deletes them for good
exactly 72 hours later (the documented upper bound, taken as a deterministic model). Until then a longer
retention brings them back, as the same page warns ("imagine that you change a log group to have a longer
retention setting when it contains log events that are past the expiration date, but haven't been deleted ...
keep a log group at its lower retention setting until 72 hours after the previous retention period ends").
Deletion is recorded as a timestamp floor (:attr:`LogGroup.deleted_before`) taken when the policy changes; an
event written later with a timestamp under that floor (at least three days older than the old retention) is
hidden too, a simplification of no consequence for what a learner writes.
https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ...errors import ServiceError
from ...timeutil import epoch_millis

if TYPE_CHECKING:
    from ...cloud import Cloud

#: One log event as stored: (timestamp ms, message, ingestion time ms). Its position in ``LogStream.events`` is
#: its sequence number, which breaks ties between events of the same millisecond and keeps paging stable.
Event = tuple[int, str, int]
#: "It typically takes up to 72 hours after that before log events are deleted" (PutRetentionPolicy).
_DELETION_DELAY_MS = 72 * 60 * 60 * 1000
_DAY_MS = 86_400_000

GROUP_NOT_FOUND = "The specified log group does not exist."


class LazyLines(Protocol):
    """Something that knows the log lines it stands for, formatted only when a reader asks (see
    :meth:`LogsBackend.put_lazy`): ``(virtual seconds, message)`` pairs, oldest first."""

    def log_events(self) -> list[tuple[float, str]]: ...


@dataclass
class LogStream:
    name: str
    created: int
    _events: list[Event] = field(default_factory=list)  # (timestamp ms, message, ingestion ms)
    #: Creation order within the group; part of FilterLogEvents' event IDs, so they stay stable across calls.
    ordinal: int = 0
    #: The smallest timestamp ever stored here (None while empty): lets retention skip streams with nothing old.
    oldest: int | None = None
    #: Writes not yet formatted (:meth:`LogsBackend.put_lazy`), in the order they were made.
    pending: list[LazyLines] = field(default_factory=list)

    @property
    def events(self) -> list[Event]:
        """Every event of the stream, in the order written (pending lazy writes are formatted first)."""
        if self.pending:
            self._flush()
        return self._events

    def _flush(self) -> None:
        pending = self.pending
        append = self._events.append
        oldest = self.oldest
        for item in pending:
            for at, message in item.log_events():
                millis = epoch_millis(at)
                append((millis, message, millis))
                if oldest is None or millis < oldest:
                    oldest = millis
        self.oldest = oldest
        pending.clear()

    def visible(self, cutoff: int | None) -> list[tuple[int, Event]]:
        """``(sequence, event)`` of every event not expired by ``cutoff`` (None: nothing expires)."""
        events = self.events  # formats pending lazy writes first, so ``oldest`` is up to date
        if cutoff is None or self.oldest is None or self.oldest >= cutoff:
            return list(enumerate(events))
        return [(seq, event) for seq, event in enumerate(events) if event[0] >= cutoff]

    def times(self, cutoff: int | None) -> tuple[int, int, int] | None:
        """(first event timestamp, last event timestamp, last ingestion time) of the visible events, or None."""
        visible = self.visible(cutoff)
        if not visible:
            return None
        return (
            min(event[0] for _, event in visible),
            max(event[0] for _, event in visible),
            max(event[2] for _, event in visible),
        )

    def ordered(self, cutoff: int | None = None) -> list[tuple[int, int]]:
        """``(timestamp, sequence)`` of every visible event in reading order: by time, then by arrival."""
        return sorted((event[0], seq) for seq, event in self.visible(cutoff))


@dataclass
class LogGroup:
    name: str
    created: int
    streams: dict[str, LogStream] = field(default_factory=dict)
    next_ordinal: int = 0
    #: STANDARD unless CreateLogGroup asked for another class; Lambda's automatic groups are STANDARD.
    log_group_class: str = "STANDARD"
    #: PutRetentionPolicy's days, or None: "By default, log data is stored in CloudWatch Logs indefinitely."
    #: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html
    retention_in_days: int | None = None
    #: When the current retention policy was set (ms since the epoch): events it expires are marked then at the
    #: earliest, and deleted 72 hours after they are marked.
    retention_set_at: int = 0
    #: Events with a timestamp under this were deleted for good (see the module docstring); None: none were.
    deleted_before: int | None = None
    tags: dict[str, str] = field(default_factory=dict)
    kms_key_id: str | None = None
    #: Filter name -> filter object (see :mod:`.metric_filters` and :mod:`.subscriptions`), in creation order.
    metric_filters: dict[str, Any] = field(default_factory=dict)
    subscription_filters: dict[str, Any] = field(default_factory=dict)

    def cutoff(self, now_ms: int) -> int | None:
        """The oldest timestamp still retained at ``now_ms`` (None when the group keeps events forever)."""
        if self.retention_in_days is None:
            return self.deleted_before
        retained = now_ms - self.retention_in_days * _DAY_MS
        return retained if self.deleted_before is None else max(retained, self.deleted_before)

    def set_retention(self, days: int | None, now_ms: int) -> None:
        """Change the retention policy, first deleting for good what the old one expired 72 hours ago or more.

        Under the old policy an event was marked for deletion at ``max(timestamp + old retention, when the policy
        was set)`` and is gone 72 hours after that; the rest of what it hid comes back under a longer retention.
        """
        if self.retention_in_days is not None and self.retention_set_at + _DELETION_DELAY_MS <= now_ms:
            floor = now_ms - self.retention_in_days * _DAY_MS - _DELETION_DELAY_MS + 1
            self.deleted_before = floor if self.deleted_before is None else max(floor, self.deleted_before)
        self.retention_in_days = days
        self.retention_set_at = now_ms

    def stored_bytes(self, cutoff: int | None) -> int:
        """UTF-8 size of every retained message in the group: pocketcloud's stand-in for AWS's storedBytes.

        AWS reports the (compressed, archived) bytes it stores; the raw message size is the honest figure a
        simulation can give, and it grows exactly when the learner logs more. Expired events do not count
        ("not included when you use an API to retrieve the storedBytes value").
        """
        return sum(
            len(event[1].encode("utf-8")) for stream in self.streams.values() for _, event in stream.visible(cutoff)
        )


class LogsBackend:
    """Log groups by name. Lambda creates its group and streams on first write, as it does on AWS."""

    def __init__(self, cloud: Cloud) -> None:
        self._cloud = cloud
        self.groups: dict[str, LogGroup] = {}
        #: Per-service extensions (metric output, queries, export tasks, resource policies), created on demand.
        self.extensions: dict[str, Any] = {}

    @property
    def cloud(self) -> Cloud:
        return self._cloud

    def now_ms(self) -> int:
        return epoch_millis(self._cloud.now)

    def extension(self, name: str, factory: Callable[[LogsBackend], Any]) -> Any:
        """The one state object of a Logs feature (e.g. the metric output store), made on first use."""
        state = self.extensions.get(name)
        if state is None:
            state = self.extensions[name] = factory(self)
        return state

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
        batch: list[Event] = []
        for at, message in lines:
            millis = epoch_millis(at)
            batch.append((millis, message, millis))
        self.ingest(log_group, log_stream, batch)

    def put_lazy(self, group: str, stream: str, item: LazyLines, at: float) -> None:
        """Append the lines ``item`` stands for without formatting them now: the stream exists (and is listed)
        at once, and the lines are formatted, in write order, the first time anything reads the stream.

        This is how a simulation of a million invocations keeps every invocation's log lines without paying
        for text nobody reads; a reader sees the same as if each line had been written eagerly (``at`` is the
        virtual time of the first line, used if the stream is new). A group with metric or subscription
        filters sees its events at once, so there the lines are formatted and ingested now."""
        log_group = self.groups.get(group)
        first = epoch_millis(at)
        if log_group is None:
            log_group = self.groups[group] = LogGroup(group, first)
        log_stream = log_group.streams.get(stream)
        if log_stream is None:
            log_stream = self._new_stream(log_group, stream, first)
        if log_group.metric_filters or log_group.subscription_filters:
            batch: list[Event] = []
            for line_at, message in item.log_events():
                millis = epoch_millis(line_at)
                batch.append((millis, message, millis))
            self.ingest(log_group, log_stream, batch)
            return
        log_stream.pending.append(item)

    def last_pending(self, group: str, stream: str) -> LazyLines | None:
        """The last lazy write of an existing stream not yet formatted, for a writer that extends its own last
        write instead of adding one item per write (see :meth:`put_lazy`); None when the group or stream does
        not exist yet, nothing is pending (the stream was read since), or the group has metric or subscription
        filters (whose writes are formatted at once)."""
        log_group = self.groups.get(group)
        if log_group is None or log_group.metric_filters or log_group.subscription_filters:
            return None
        log_stream = log_group.streams.get(stream)
        return log_stream.pending[-1] if log_stream is not None and log_stream.pending else None

    def ingest(self, log_group: LogGroup, log_stream: LogStream, batch: list[Event]) -> None:
        """Store events in a stream (the one write path) and show them to the group's filters."""
        if not batch:
            return
        events = log_stream.events
        start = len(events)
        events.extend(batch)
        oldest = min(event[0] for event in batch)
        if log_stream.oldest is None or oldest < log_stream.oldest:
            log_stream.oldest = oldest
        if log_group.metric_filters:
            from .metric_filters import on_events as emit_metrics

            emit_metrics(self, log_group, batch)
        if log_group.subscription_filters:
            from .subscriptions import on_events as deliver

            deliver(self, log_group, log_stream, list(enumerate(batch, start=start)))

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
            raise ServiceError("ResourceNotFoundException", GROUP_NOT_FOUND)
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
