"""Reading logs back: the paging and ordering rules of GetLogEvents, FilterLogEvents and the Describe operations.

These functions take already-checked arguments from :mod:`.client` and the backend's state, and return response
dictionaries in the API's camelCase shapes. Keeping them apart from parameter handling makes the AWS rules they
encode — which end a page starts from, which bound is inclusive, what a token means — easy to read and test.
https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html
https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Any

from .backend import LogGroup, LogsBackend, LogStream
from .filter_pattern import FilterPattern
from .tokens import event_token, key_token, parse_event_token, parse_key_token


def get_log_events(
    stream: LogStream,
    *,
    cutoff: int | None,
    start_time: int | None,
    end_time: int | None,
    limit: int,
    start_from_head: bool,
    next_token: str | None,
) -> dict[str, Any]:
    """One page of a stream, oldest event first within the page.

    Without a token the page is the *latest* ``limit`` events, unless ``startFromHead`` asks for the earliest
    (AWS: "If the value is false, the latest log events are returned first. The default value is false.").
    ``startTime`` is inclusive and ``endTime`` exclusive ("Events with a timestamp equal to or later than this time
    are not included"). A token carries its own direction: ``nextForwardToken`` reads on towards newer events,
    ``nextBackwardToken`` towards older ones, and at either end of the stream the same token comes back, which is
    how a reader knows to stop ("If you have reached the end of the stream, it returns the same token you passed
    in").
    """
    keys = [
        key
        for key in stream.ordered(cutoff)
        if (start_time is None or key[0] >= start_time) and (end_time is None or key[0] < end_time)
    ]
    if next_token is None:
        page = keys[:limit] if start_from_head else keys[-limit:]
        direction, boundary = ("f", (0, 0)) if start_from_head else ("b", (0, 0))
    else:
        direction, boundary = parse_event_token(next_token)
        cut = bisect.bisect_left(keys, boundary)
        page = keys[cut : cut + limit] if direction == "f" else keys[max(0, cut - limit) : cut]
    if page:
        forward = event_token("f", (page[-1][0], page[-1][1] + 1))
        backward = event_token("b", page[0])
    else:
        forward = next_token if next_token is not None and direction == "f" else event_token("f", boundary)
        backward = next_token if next_token is not None and direction == "b" else event_token("b", boundary)
    events = []
    for _timestamp, seq in page:
        timestamp, message, ingestion = stream.events[seq]
        events.append({"timestamp": timestamp, "message": message, "ingestionTime": ingestion})
    return {"events": events, "nextForwardToken": forward, "nextBackwardToken": backward}


def event_id(timestamp: int, ordinal: int, seq: int) -> str:
    """An event's ID: 56 digits like AWS's (``34622316099697884706540976068822859012661220141643892546`` in the
    Lambda guide's sample), built from the event's place (timestamp, stream, position) so that it never changes."""
    return f"{timestamp:020d}{ordinal:012d}{seq:024d}"


def filter_log_events(
    streams: Iterable[LogStream],
    pattern: FilterPattern,
    *,
    cutoff: int | None,
    start_time: int | None,
    end_time: int | None,
    limit: int,
    next_token: str | None,
) -> dict[str, Any]:
    """Matching events of many streams, interleaved by time; ``nextToken`` only while more remain.

    Both time bounds are inclusive here ("Events with a timestamp before this time are not returned" / "later
    than this time are not returned"). Events are "sorted by event timestamp, the timestamp when the event was
    ingested by CloudWatch Logs, and the ID of the PutLogEvents request"; pocketcloud breaks the last tie by
    stream creation order and arrival, so the order is total and the same on every run. ``searchedLogStreams`` is
    always empty: "As of May 15, 2020, this parameter is no longer supported. This parameter returns an empty
    list."
    """
    matched: list[tuple[int, int, int, int]] = []
    by_ordinal: dict[int, LogStream] = {}
    for stream in streams:
        by_ordinal[stream.ordinal] = stream
        for seq, (timestamp, message, ingestion) in stream.visible(cutoff):
            if start_time is not None and timestamp < start_time:
                continue
            if end_time is not None and timestamp > end_time:
                continue
            if pattern.matches(message):
                matched.append((timestamp, ingestion, stream.ordinal, seq))
    matched.sort()
    if next_token is not None:
        after = tuple(parse_key_token(next_token, 4))
        matched = [key for key in matched if key > after]
    page = matched[:limit]
    events = []
    for timestamp, ingestion, ordinal, seq in page:
        stream = by_ordinal[ordinal]
        events.append(
            {
                "logStreamName": stream.name,
                "timestamp": timestamp,
                "message": stream.events[seq][1],
                "ingestionTime": ingestion,
                "eventId": event_id(timestamp, ordinal, seq),
            }
        )
    result: dict[str, Any] = {"events": events, "searchedLogStreams": []}
    if len(matched) > limit:
        result["nextToken"] = key_token(list(page[-1]))
    return result


def page_after(
    items: list[Any],
    key: Callable[[Any], list[Any]],
    *,
    limit: int,
    next_token: str | None,
    descending: bool = False,
) -> tuple[list[Any], str | None]:
    """Sort ``items`` by ``key`` and return the page after the token's key, plus the token for the next page."""
    ordered = sorted(items, key=key, reverse=descending)
    if next_token is not None:
        sample = key(ordered[0]) if ordered else []
        after = parse_key_token(next_token, len(sample)) if ordered else []
        ordered = [item for item in ordered if (key(item) < after if descending else key(item) > after)]
    page = ordered[:limit]
    return page, (key_token(key(page[-1])) if len(ordered) > limit else None)


def describe_group(backend: LogsBackend, group: LogGroup) -> dict[str, Any]:
    """A LogGroup as DescribeLogGroups returns it: ``retentionInDays`` only when a retention policy is set ("By
    default, log data is stored in CloudWatch Logs indefinitely"), ``kmsKeyId`` only when one was given."""
    entry: dict[str, Any] = {"logGroupName": group.name, "creationTime": group.created}
    if group.retention_in_days is not None:
        entry["retentionInDays"] = group.retention_in_days
    entry["metricFilterCount"] = len(group.metric_filters)
    entry["arn"] = backend.group_arn(group.name) + ":*"
    entry["storedBytes"] = group.stored_bytes(group.cutoff(backend.now_ms()))
    if group.kms_key_id is not None:
        entry["kmsKeyId"] = group.kms_key_id
    entry["logGroupClass"] = group.log_group_class
    entry["logGroupArn"] = backend.group_arn(group.name)
    return entry


def describe_stream(backend: LogsBackend, group: LogGroup, stream: LogStream) -> dict[str, Any]:
    """A LogStream as DescribeLogStreams returns it; event times appear once the stream has events.

    ``storedBytes`` is always 0: "As of June 17, 2019, this parameter is no longer supported for log streams, and
    is always reported as zero." On AWS ``lastEventTimestamp`` can lag by up to an hour; here it is exact.
    """
    entry: dict[str, Any] = {"logStreamName": stream.name, "creationTime": stream.created}
    times = stream.times(group.cutoff(backend.now_ms()))
    if times is not None:
        entry["firstEventTimestamp"], entry["lastEventTimestamp"], entry["lastIngestionTime"] = times
    entry["arn"] = backend.stream_arn(group.name, stream.name)
    entry["storedBytes"] = 0
    return entry
