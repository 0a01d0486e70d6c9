"""Virtual time as AWS prints it.

Virtual second 0 is :data:`EPOCH` (a fixed date, so timestamps in a lab are the same on every run). Each helper
formats a virtual time the way one AWS surface prints timestamps.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

#: Virtual time 0. Fixed rather than "now" so that every run of a lab prints the same log stream names,
#: LastModified values and log timestamps.
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
EPOCH_SECONDS = EPOCH.timestamp()


def to_datetime(t: float) -> datetime:
    return EPOCH + timedelta(seconds=t)


def iso_millis(t: float) -> str:
    """``2026-01-01T00:00:00.123Z``: the timestamp Lambda's Python runtime puts on log lines."""
    return to_datetime(t).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def last_modified(t: float) -> str:
    """``2026-01-01T00:00:00.000+0000``: the format of a function's ``LastModified``."""
    return to_datetime(t).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "+0000"


def log_stream_day(t: float) -> str:
    """``2026/01/01``: the date prefix of a Lambda log stream name."""
    return to_datetime(t).strftime("%Y/%m/%d")


def epoch_millis(t: float) -> int:
    """Milliseconds since the Unix epoch, as CloudWatch Logs event timestamps are."""
    return round((EPOCH_SECONDS + t) * 1000)
