"""Rotation schedules: RotationRules (AutomaticallyAfterDays, ScheduleExpression, Duration) and the window in
which the next rotation happens, on the virtual clock.

What AWS documents (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html,
https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotationRulesType.html):

* ``AutomaticallyAfterDays`` (1-1000): "Secrets Manager schedules the date by adding the rotation interval (number
  of days) to the actual date of the last rotation"; you can set it "or ScheduleExpression, but not both";
* ``rate(N hours)`` / ``rate(N days)``: "You can rotate a secret as often as every four hours"; "The maximum
  rotation period is 999 days"; "For a rate in hours, the default rotation window starts at midnight and closes
  after one hour" and "A cron expression that includes increments of hours resets each day"; "For a rate in days,
  the default rotation window starts at midnight and closes at the end of the day";
* ``cron(Minutes Hours Day-of-month Month Day-of-week Year)``: minutes "Must be 0" ("rotation windows open on the
  hour"), year "Must be *"; hours 0-23, day-of-month 1-31 (``, - * ? / L``), month 1-12 or JAN-DEC (``, - * /``),
  day-of-week 1-7 or SUN-SAT (``# , - * ? / L``); rotation schedules use UTC;
* ``Duration`` (``3h``): the window's length; "The rotation window must not extend into the next UTC day or into
  the next rotation window".

"Secrets Manager rotates your secret at any time during the rotation window." pocketcloud rotates at the moment
the window opens, so that a run is reproducible and ``cloud.run(until=...)`` can stop just after it (a
deterministic model of "any time during the window"); NextRotationDate reports that moment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ...errors import ServiceError
from ...timeutil import EPOCH, to_datetime

_RATE = re.compile(r"^rate\((\d+) (hour|hours|day|days)\)$")
_CRON = re.compile(r"^cron\((.*)\)$")
_DURATION = re.compile(r"^(\d+)h$")
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_DAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
_HOUR = timedelta(hours=1)
#: How far ahead the next cron window is searched (a schedule that matches nothing within two years is refused).
_SEARCH_DAYS = 2 * 366


def invalid(message: str) -> ServiceError:
    return ServiceError("InvalidParameterException", message)


def _seconds(moment: datetime) -> float:
    return (moment - EPOCH).total_seconds()


def _midnight(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


@dataclass(frozen=True)
class Schedule:
    """A parsed schedule: ``kind`` is "days", "hours" or "cron"; ``every`` the interval for the first two."""

    kind: str
    every: int = 0
    cron: tuple[Any, ...] | None = None
    window_hours: int | None = None

    def next_window(self, after: float, last_rotated: float | None) -> float:
        """The opening of the first rotation window strictly after ``after`` (virtual seconds)."""
        now = to_datetime(after)
        if self.kind == "days":
            base = to_datetime(last_rotated if last_rotated is not None else after)
            day = _midnight(base) + timedelta(days=self.every)
            while day <= now:
                day += timedelta(days=self.every)
            return _seconds(day)
        if self.kind == "hours":
            day = _midnight(now)
            for _ in range(3):
                for start in range(0, 24, self.every):
                    moment = day + timedelta(hours=start)
                    if moment > now:
                        return _seconds(moment)
                day += timedelta(days=1)
        assert self.cron is not None
        moment = now.replace(minute=0, second=0, microsecond=0) + _HOUR
        for _ in range(_SEARCH_DAYS * 24):
            if _cron_matches(self.cron, moment):
                return _seconds(moment)
            moment += _HOUR
        raise invalid("The ScheduleExpression never matches a time in the next two years.")


def parse_rules(rules: dict[str, Any]) -> Schedule | None:
    """Check RotationRules and return their schedule (None when the rules name no schedule)."""
    days = rules.get("AutomaticallyAfterDays")
    expression = rules.get("ScheduleExpression")
    duration = rules.get("Duration")
    if days is not None and expression is not None:
        raise invalid("You can set AutomaticallyAfterDays or ScheduleExpression in RotationRules, but not both.")
    window = None
    if duration is not None:
        match = _DURATION.match(duration)
        if match is None or not 1 <= int(match.group(1)) <= 24:
            raise invalid(f"Duration must be a number of hours from 1h to 24h, for example 3h: {duration}")
        window = int(match.group(1))
    if days is not None:
        return Schedule("days", int(days), window_hours=window)
    if expression is None:
        if window is not None:
            raise invalid("Duration needs a ScheduleExpression or AutomaticallyAfterDays.")
        return None
    rate = _RATE.match(expression.strip())
    if rate is not None:
        value, unit = int(rate.group(1)), rate.group(2)
        if unit.startswith("hour"):
            if value < 4:
                raise invalid(f"You can rotate a secret as often as every four hours: {expression}")
            if value >= 24:
                raise invalid(f"Use a rate in days for rotations a day or more apart: {expression}")
            if window is not None and window > value:
                raise invalid("The rotation window must not extend into the next rotation window.")
            return Schedule("hours", value, window_hours=window)
        if not 1 <= value <= 999:
            raise invalid(f"The maximum rotation period is 999 days: {expression}")
        return Schedule("days", value, window_hours=window)
    cron = _CRON.match(expression.strip())
    if cron is None:
        raise invalid(f"ScheduleExpression must be a rate() or cron() expression: {expression}")
    fields = _parse_cron(cron.group(1), expression)
    if window is not None and max(fields[0]) + window > 24:
        raise invalid("The rotation window must not extend into the next UTC day.")
    return Schedule("cron", cron=fields, window_hours=window)


# -- cron -----------------------------------------------------------------------------------------------------------


def _values(text: str, low: int, high: int, names: tuple[str, ...], expression: str) -> set[int]:
    """The values one cron field (``1,15``, ``MON-FRI``, ``*/2``, ``4/12``) allows."""

    def number(token: str) -> int:
        upper = token.upper()
        if upper in names:
            return names.index(upper) + low
        if not token.isdigit() or not low <= int(token) <= high:
            raise invalid(f"Invalid cron field '{text}' in {expression}")
        return int(token)

    allowed: set[int] = set()
    for part in text.split(","):
        step = 1
        if "/" in part:
            part, step_text = part.split("/", 1)
            if not step_text.isdigit() or int(step_text) == 0:
                raise invalid(f"Invalid cron step '{step_text}' in {expression}")
            step = int(step_text)
        if part in ("*", "?"):
            start, end = low, high
        elif "-" in part:
            first, last = part.split("-", 1)
            start, end = number(first), number(last)
        else:
            start = number(part)
            end = high if step > 1 else start
        allowed.update(range(start, end + 1, step))
    return allowed


def _parse_cron(body: str, expression: str) -> tuple[Any, ...]:
    parts = body.split()
    if len(parts) != 6:
        raise invalid(
            f"A cron expression has six fields (Minutes Hours Day-of-month Month Day-of-week Year): {expression}"
        )
    minutes, hours, dom, month, dow, year = parts
    if minutes != "0":
        raise invalid(f"The minutes field must be 0: rotation windows open on the hour: {expression}")
    if year != "*":
        raise invalid(f"The year field must be *: {expression}")
    if dom != "?" and dow != "?":
        raise invalid(f"Specify ? for either day-of-month or day-of-week: {expression}")
    hour_set = _values(hours, 0, 23, (), expression)
    months = _values(month, 1, 12, _MONTHS, expression)
    last_day = dom.upper() == "L"
    days = None if dom == "?" or last_day else _values(dom, 1, 31, (), expression)
    weekday: Any = None
    if dow != "?":
        match = re.match(r"^(\w+)#([1-5])$", dow)
        if match is not None:
            weekday = ("nth", next(iter(_values(match.group(1), 1, 7, _DAYS, expression))), int(match.group(2)))
        elif dow.upper().endswith("L") and len(dow) > 1:
            weekday = ("last", next(iter(_values(dow[:-1], 1, 7, _DAYS, expression))))
        else:
            weekday = ("set", _values(dow, 1, 7, _DAYS, expression))
    return (sorted(hour_set), months, days, last_day, weekday)


def _cron_matches(fields: tuple[Any, ...], moment: datetime) -> bool:
    hours, months, days, last_day, weekday = fields
    if moment.hour not in hours or moment.month not in months:
        return False
    if last_day:
        return (moment + timedelta(days=1)).month != moment.month
    if days is not None:
        return moment.day in days
    if weekday is None:
        return True
    cron_day = (moment.weekday() + 1) % 7 + 1  # cron: SUN=1 ... SAT=7; Python: Monday=0
    if weekday[0] == "set":
        return bool(cron_day in weekday[1])
    if cron_day != weekday[1]:
        return False
    if weekday[0] == "nth":
        return bool((moment.day - 1) // 7 + 1 == weekday[2])
    return (moment + timedelta(days=7)).month != moment.month
