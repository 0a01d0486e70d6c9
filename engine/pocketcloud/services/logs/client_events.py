"""The core of the Logs API: log groups, log streams, and writing and reading events.

This is where a learner reads what their Lambda function printed: the ``/aws/lambda/<name>`` group, one stream per
execution environment, and in each stream INIT_START, START, the function's own lines, END and REPORT.
:mod:`.backend` holds the state and :mod:`.reading` the paging rules.
https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/Welcome.html
"""

from __future__ import annotations

import itertools
from typing import Any

from ... import limits
from ...client import operation
from ...errors import ServiceError
from ...timeutil import epoch_millis
from .client_base import LogsClientBase
from .filter_pattern import parse as parse_filter_pattern
from .group_listing import listed
from .reading import describe_group, describe_stream, filter_log_events, get_log_events, page_after
from .tagging import check_tag_count


class EventsOperations(LogsClientBase):
    """CreateLogGroup ... FilterLogEvents: the operations every Lambda learner uses."""

    # -- log groups ------------------------------------------------------------------------------------------------
    @operation("CreateLogGroup")
    def create_log_group(self, **params: Any) -> dict[str, Any]:
        """Create a log group, with ``tags`` (see :mod:`.tagging`). ``kmsKeyId`` is recorded and reported by
        DescribeLogGroups; nothing is encrypted."""
        name = params["logGroupName"]
        if name.startswith("aws/"):
            raise ServiceError("InvalidParameterException", "Log group names can't start with the string aws/")
        if params.get("deletionProtectionEnabled"):
            raise ServiceError("InvalidParameterException", "pocketcloud does not simulate deletion protection.")
        if name in self._backend.groups:
            self._backend.create_group(name)  # ResourceAlreadyExistsException before the tags are checked
        tags = dict(params.get("tags") or {})
        check_tag_count({}, tags)
        group = self._backend.create_group(name)
        group.log_group_class = params.get("logGroupClass", "STANDARD")
        group.tags.update(tags)
        group.kms_key_id = params.get("kmsKeyId")
        return {}

    @operation("DeleteLogGroup")
    def delete_log_group(self, **params: Any) -> dict[str, Any]:
        """Delete a group and its events. Lambda creates it again on the function's next invocation, as on AWS."""
        self._backend.delete_group(params["logGroupName"])
        return {}

    @operation("DescribeLogGroups")
    def describe_log_groups(self, **params: Any) -> dict[str, Any]:
        """Groups ASCII-sorted by name, at most ``limit`` (default and maximum 50) a page.

        ``logGroupNamePattern`` is a case-sensitive substring match, and then "only arn, creationTime, and
        logGroupName are included in the response". There are no linked accounts to include.
        """
        prefix = params.get("logGroupNamePrefix")
        pattern = params.get("logGroupNamePattern")
        if prefix is not None and pattern is not None:
            raise ServiceError(
                "InvalidParameterException",
                "logGroupNamePrefix and logGroupNamePattern are mutually exclusive. Only one of these parameters "
                "can be passed.",
            )
        identifiers = params.get("logGroupIdentifiers")
        if identifiers is not None and (prefix is not None or pattern is not None):
            raise ServiceError(
                "InvalidParameterException",
                "If you specify logGroupIdentifiers, the only other filter you can choose to specify is "
                "includeLinkedAccounts.",
            )
        group_class = params.get("logGroupClass")
        limit = params.get("limit", limits.LOGS_DESCRIBE_LIMIT_MAX)
        wanted = {self._resolve_identifier(i) for i in identifiers} if identifiers is not None else None
        groups = [
            group
            for name, group in self._backend.groups.items()
            if (prefix is None or name.startswith(prefix))
            and (pattern is None or pattern in name)
            and (wanted is None or name in wanted)
            and (group_class is None or group.log_group_class == group_class)
        ]
        page, token = page_after(groups, lambda g: [g.name], limit=limit, next_token=params.get("nextToken"))
        entries = [describe_group(self._backend, group) for group in page]
        if pattern is not None:
            entries = [{k: e[k] for k in ("logGroupName", "creationTime", "arn")} for e in entries]
        result: dict[str, Any] = {"logGroups": entries}
        if token is not None:
            result["nextToken"] = token
        return result

    @operation("ListLogGroups")
    def list_log_groups(self, **params: Any) -> dict[str, Any]:
        """Log groups as ``{logGroupName, logGroupArn, logGroupClass}``, by name, at most ``limit`` (default 50)
        a page, filtered by a name pattern, class and tags (see :mod:`.group_listing`). There are no linked
        accounts to include. https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_ListLogGroups.html
        """
        groups = [group for _, group in sorted(self._backend.groups.items()) if listed(group, params)]
        limit = params.get("limit", limits.LOGS_DESCRIBE_LIMIT_MAX)
        page, token = page_after(groups, lambda g: [g.name], limit=limit, next_token=params.get("nextToken"))
        entries = [
            {
                "logGroupName": group.name,
                "logGroupArn": self._backend.group_arn(group.name),
                "logGroupClass": group.log_group_class,
            }
            for group in page
        ]
        result: dict[str, Any] = {"logGroups": entries}
        if token is not None:
            result["nextToken"] = token
        return result

    # -- log streams -----------------------------------------------------------------------------------------------
    @operation("CreateLogStream")
    def create_log_stream(self, **params: Any) -> dict[str, Any]:
        group = params["logGroupName"]
        self._backend.create_stream(group, params["logStreamName"])
        return {}

    @operation("DeleteLogStream")
    def delete_log_stream(self, **params: Any) -> dict[str, Any]:
        group = params["logGroupName"]
        self._backend.delete_stream(group, params["logStreamName"])
        return {}

    @operation("DescribeLogStreams")
    def describe_log_streams(self, **params: Any) -> dict[str, Any]:
        """A group's streams by name (default) or by ``LastEventTime``; ``descending=True`` puts the newest first.

        Lambda's stream names start with the date, so ordering by name is also roughly by creation; ordering by
        ``LastEventTime`` finds the environment that logged last. A prefix cannot be combined with that order.
        """
        group = self._group(params)
        prefix = params.get("logStreamNamePrefix")
        order_by = params.get("orderBy", "LogStreamName")
        if order_by == "LastEventTime" and prefix is not None:
            raise ServiceError("InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix.")
        descending = bool(params.get("descending", False))
        limit = params.get("limit", limits.LOGS_DESCRIBE_LIMIT_MAX)
        cutoff = group.cutoff(self._backend.now_ms())
        streams = [s for name, s in group.streams.items() if prefix is None or name.startswith(prefix)]
        if order_by == "LogStreamName":
            page, token = page_after(
                streams, lambda s: [s.name], limit=limit, next_token=params.get("nextToken"), descending=descending
            )
        else:
            page, token = page_after(
                streams,
                lambda s: [(s.times(cutoff) or (0, 0, 0))[1], s.name],
                limit=limit,
                next_token=params.get("nextToken"),
                descending=descending,
            )
        result: dict[str, Any] = {"logStreams": [describe_stream(self._backend, group, s) for s in page]}
        if token is not None:
            result["nextToken"] = token
        return result

    # -- events ----------------------------------------------------------------------------------------------------
    @operation("PutLogEvents")
    def put_log_events(self, **params: Any) -> dict[str, Any]:
        """Append a batch of ``{"timestamp": ms, "message": str}`` events, in chronological order.

        As on AWS, events more than 2 hours ahead of the cloud's clock, more than 14 days behind it, or older
        than the group's retention ("None of the log events in the batch can be older than 14 days or older than
        the retention period of the log group", API_PutLogEvents.html) are not stored and are reported in
        ``rejectedLogEventsInfo``; use ``pocketcloud.timeutil.epoch_millis(cloud.now)``
        for "now", since the cloud's clock is virtual. ``sequenceToken`` is ignored, as it now is on AWS.
        """
        group_name = params["logGroupName"]
        stream = self._backend.stream(group_name, params["logStreamName"])
        group = self._backend.group(group_name)
        batch = _log_events(params["logEvents"])
        now = epoch_millis(self._cloud.now)
        too_old = sum(1 for timestamp, _ in batch if timestamp < now - limits.LOGS_PUT_MAX_AGE_MS)
        cutoff = group.cutoff(now) if group.retention_in_days is not None else None
        expired = 0 if cutoff is None else sum(1 for timestamp, _ in batch if timestamp < cutoff)
        too_new = next(
            (i for i, (timestamp, _) in enumerate(batch) if timestamp > now + limits.LOGS_PUT_MAX_FUTURE_MS), None
        )
        self._backend.ingest(
            group, stream, [(timestamp, message, now) for timestamp, message in batch[max(too_old, expired) : too_new]]
        )
        result: dict[str, Any] = {"nextSequenceToken": f"{len(stream.events):056d}"}
        rejected: dict[str, int] = {}
        if too_new is not None:
            rejected["tooNewLogEventStartIndex"] = too_new
        if too_old:
            rejected["tooOldLogEventEndIndex"] = too_old
        if expired:
            rejected["expiredLogEventEndIndex"] = expired
        if rejected:
            result["rejectedLogEventsInfo"] = rejected
        return result

    @operation("GetLogEvents")
    def get_log_events(self, **params: Any) -> dict[str, Any]:
        """One page of one stream: by default the *latest* events; ``startFromHead=True`` for the earliest.

        To read a whole stream from the start, pass ``startFromHead=True`` and keep passing ``nextForwardToken``
        back as ``nextToken`` until the token you get back is the one you sent.
        """
        group = self._group(params)
        stream = self._backend.stream(group.name, params["logStreamName"])
        return get_log_events(
            stream,
            cutoff=group.cutoff(self._backend.now_ms()),
            start_time=params.get("startTime"),
            end_time=params.get("endTime"),
            limit=params.get("limit", limits.LOGS_EVENTS_LIMIT_MAX),
            start_from_head=bool(params.get("startFromHead", False)),
            next_token=params.get("nextToken"),
        )

    @operation("FilterLogEvents")
    def filter_log_events(self, **params: Any) -> dict[str, Any]:
        """Events of a whole group (or some of its streams) that match ``filterPattern``, interleaved by time.

        The pattern language is AWS's (:mod:`pocketcloud.services.logs.filter_pattern`): terms such as
        ``REPORT``, ``"Task timed out"``, ``?ERROR ?WARN``, ``-DEBUG``, JSON patterns (``{ $.level = "ERROR" }``),
        space-delimited patterns (``[ip, user, ..., status = 5*]``) and ``%regex%`` terms. Names in
        ``logStreamNames`` that do not exist are skipped. ``interleaved`` is accepted and ignored, as on AWS since 2019.
        """
        group = self._group(params)
        names = params.get("logStreamNames")
        prefix = params.get("logStreamNamePrefix")
        if names is not None and prefix is not None:
            raise ServiceError(
                "InvalidParameterException", "You can't specify both logStreamNames and logStreamNamePrefix."
            )
        pattern_text = params.get("filterPattern")
        streams = sorted(group.streams.values(), key=lambda s: s.ordinal)
        if names is not None:
            streams = [s for s in streams if s.name in names]
        if prefix is not None:
            streams = [s for s in streams if s.name.startswith(prefix)]
        return filter_log_events(
            streams,
            parse_filter_pattern(pattern_text),
            cutoff=group.cutoff(self._backend.now_ms()),
            start_time=params.get("startTime"),
            end_time=params.get("endTime"),
            limit=params.get("limit", limits.LOGS_EVENTS_LIMIT_MAX),
            next_token=params.get("nextToken"),
        )


def _log_events(value: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """PutLogEvents' ``logEvents`` (already shape-checked against the model), checked against AWS's batch rules."""
    batch = [(event["timestamp"], event["message"]) for event in value]
    if any(later[0] < earlier[0] for earlier, later in itertools.pairwise(batch)):
        raise ServiceError(
            "InvalidParameterException",
            "Log events in a single PutLogEvents request must be in chronological order.",
        )
    if batch[-1][0] - batch[0][0] > limits.LOGS_PUT_MAX_SPAN_MS:
        raise ServiceError(
            "InvalidParameterException",
            "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.",
        )
    size = sum(len(message.encode("utf-8")) + limits.LOGS_PUT_EVENT_OVERHEAD_BYTES for _, message in batch)
    if size > limits.LOGS_PUT_MAX_BATCH_BYTES:
        raise ServiceError(
            "InvalidParameterException",
            f"Upload too large: {size} bytes exceeds limit of {limits.LOGS_PUT_MAX_BATCH_BYTES}",
        )
    return batch
