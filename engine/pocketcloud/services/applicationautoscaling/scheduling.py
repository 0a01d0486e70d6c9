"""When a scheduled action runs: ``at(...)``, ``rate(...)`` and ``cron(...)`` in a time zone, on the virtual clock.

PutScheduledAction's ``Schedule`` (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html,
https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-using-cron-expressions.html, checked
2026-12-01): "At expressions - ``at(yyyy-mm-ddThh:mm:ss)``", "Rate expressions - ``rate(value unit)``" (minute(s),
hour(s), day(s)), "Cron expressions - ``cron(fields)``" with six fields as EventBridge's. "At and cron expressions use
Universal Coordinated Time (UTC) by default"; ``Timezone`` is an IANA name ("Etc/GMT+9 or Pacific/Tahiti") that at and
cron expressions are read in. ``StartTime``/``EndTime`` bound when the action may run; a rate counts from StartTime
(or from when the action was created).

The rate and cron grammar is EventBridge's, parsed by the same pure functions as scheduled rules
(:mod:`pocketcloud.schedule_expressions`, a shared parser with no state that neither service owns); the ``at(...)``
form and the time zone are this service's own. A cron in a time zone is matched against local wall-clock time
(:mod:`zoneinfo`); a zone the runtime has no data for is refused.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from ... import schedule_expressions as grammar
from ...errors import ServiceError
from ...timeutil import EPOCH

if TYPE_CHECKING:
    from datetime import tzinfo

_AT = re.compile(r"at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)")
_NAIVE_EPOCH = EPOCH.replace(tzinfo=None)


def zone(name: str | None) -> tzinfo:
    """The time zone ``name`` (UTC when None), or ValidationException."""
    if name is None or name in ("UTC", "Etc/UTC", "GMT", "Etc/GMT"):
        return UTC
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except (ValueError, OSError, ImportError) as exc:  # ZoneInfoNotFoundError is a KeyError subclass: below
        raise ServiceError("ValidationException", f"Timezone {name} is not a valid IANA time zone.") from exc
    except KeyError:
        raise ServiceError("ValidationException", f"Timezone {name} is not a valid IANA time zone.") from None


def _local_seconds(t: float, tz: tzinfo) -> float:
    """Virtual time ``t`` as wall-clock seconds in ``tz``, counted from the (naive) epoch."""
    local = (EPOCH + timedelta(seconds=t)).astimezone(tz).replace(tzinfo=None)
    return (local - _NAIVE_EPOCH).total_seconds()


def _from_local(seconds: float, tz: tzinfo) -> float:
    local = (_NAIVE_EPOCH + timedelta(seconds=seconds)).replace(tzinfo=tz)
    return (local.astimezone(UTC) - EPOCH).total_seconds()


class Schedule:
    """A parsed Schedule: ``next_after(t)`` is the first run strictly after virtual time ``t`` (or None)."""

    def __init__(self, expression: str, timezone: str | None, anchor: float) -> None:
        self.expression = expression
        self.tz = zone(timezone)
        self.at: float | None = None
        self.rule: grammar.Schedule | None = None
        match = _AT.fullmatch(expression)
        if match is not None:
            try:
                year, month, day, hour, minute, second = (int(g) for g in match.groups())
                moment = datetime(year, month, day, hour, minute, second)
            except ValueError:
                raise _invalid(expression) from None
            self.at = _from_local((moment - _NAIVE_EPOCH).total_seconds(), self.tz)
            return
        try:
            self.rule = grammar.parse(expression, anchor)
        except grammar.ScheduleError:
            raise _invalid(expression) from None

    @property
    def is_rate(self) -> bool:
        return isinstance(self.rule, grammar.RateSchedule)

    def next_after(self, t: float) -> float | None:
        if self.at is not None:
            return self.at if self.at > t else None
        assert self.rule is not None
        if self.is_rate or self.tz is UTC:
            return self.rule.next_after(t)
        local = self.rule.next_after(_local_seconds(t, self.tz))
        return None if local is None else _from_local(local, self.tz)


def _invalid(expression: str) -> ServiceError:
    # The wording is pocketcloud's; AWS answers a malformed Schedule with a ValidationException.
    return ServiceError("ValidationException", f"Unsupported schedule format: {expression}")
