"""Step Functions' timestamps on the virtual clock (ISO 8601 with milliseconds and ``Z``, as ``$$`` shows them)."""

from __future__ import annotations

from datetime import datetime

from ...timeutil import EPOCH, to_datetime


def iso(t: float) -> str:
    """``2026-01-01T00:00:00.123Z``: the format of ``$$.Execution.StartTime`` and ``$$.State.EnteredTime``."""
    return to_datetime(t).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def seconds_until(now: float, stamp: datetime) -> float:
    """Virtual seconds from ``now`` until ``stamp`` (0 when it has passed)."""
    target = (stamp - EPOCH).total_seconds()
    return max(0.0, target - now)


def virtual_time(stamp: datetime) -> float:
    return (stamp - EPOCH).total_seconds()
