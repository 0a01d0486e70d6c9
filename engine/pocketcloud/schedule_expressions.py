"""Schedule expressions, ``rate(...)`` and ``cron(...)``: one grammar that two services read, parsed and evaluated.

EventBridge's scheduled rules (``PutRule``'s ``ScheduleExpression``) and Application Auto Scaling's scheduled
actions (``PutScheduledAction``'s ``Schedule``) write rates and crons the same way: "Cron expressions -
``cron(fields)``" with the six fields of EventBridge's cron and "Rate expressions - ``rate(value unit)``" with
minute(s), hour(s) and day(s)
(https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html,
https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-using-cron-expressions.html).
So the grammar is here, a module with no state that neither service owns, and each service imports it; where the
two differ is the services' own business:

- **EventBridge** knows only ``rate`` and ``cron``, read in UTC: "All scheduled events use UTC+0 time zone"; it
  answers every malformed expression with "Parameter ScheduleExpression is not valid."
  (:mod:`pocketcloud.services.events.schedule`).
- **Application Auto Scaling** also takes a one-off ``at(yyyy-mm-ddThh:mm:ss)``, and a ``Timezone`` parameter
  (an IANA name) that ``at`` and ``cron`` expressions are read in ("At and cron expressions use Universal
  Coordinated Time (UTC) by default"); a rate counts from the action's StartTime
  (:mod:`pocketcloud.services.applicationautoscaling.scheduling`, which matches a cron here against local
  wall-clock time).

What follows is the shared grammar, in EventBridge's documentation, which gives it in the most detail.

"The finest resolution using a cron expression is one minute"; times here are UTC (a caller with a time zone
converts, as Application Auto Scaling's scheduling does).
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html

**Rate expressions**, ``rate(value unit)``: "value: A positive number. unit: minute | minutes | hour | hours | day |
days ... If the value is equal to 1, then the unit must be singular. If the value is greater than 1, the unit must
be plural." A rate counts from an ``anchor`` the caller gives: "A rate expression starts when you create the
scheduled event rule", so a rule created at virtual time ``t`` with ``rate(5 minutes)`` fires at ``t + 5 min``,
``t + 10 min`` ...
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html
AWS answers exactly these as "Parameter ScheduleExpression is not valid.": ``rate(10 seconds)``, ``rate(10 years)``,
``rate(1 minutes)``, ``rate(10 minute)``, ``rate()``, ``rate(10)``, ``rate(foo minutes)``, ``rate(0 minutes)``,
``rate(-10 minutes)``, ``rate(10 MINUTES)``, ``rate( 10 minutes )`` and `` rate(10 minutes)`` (LocalStack's tests
validated against AWS, ``tests/aws/services/events/test_events_schedule.py``, 2024).

**Cron expressions**, ``cron(Minutes Hours Day-of-month Month Day-of-week Year)``, six fields separated by white
space, with the documented values and wildcards (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html):

====================  =====================  ==================
Field                 Values                 Wildcards
====================  =====================  ==================
Minutes               0-59                   ``, - * /``
Hours                 0-23                   ``, - * /``
Day-of-month          1-31                   ``, - * ? / L W``
Month                 1-12 or JAN-DEC        ``, - * /``
Day-of-week           1-7 or SUN-SAT         ``, - * ? L #``
Year                  1970-2199              ``, - * /``
====================  =====================  ==================

``a/b`` is every ``b`` starting at ``a`` ("1/10 ... the 11th, 21st, and 31st minute"), ``L`` the last day of the
month (Day-of-month) or ``nL`` the last weekday ``n`` of the month (Day-of-week; ``L`` alone is the last day of
the week, Saturday), ``nW`` the weekday closest to day ``n`` within the month (``LW`` the last weekday), ``n#k``
the ``k``-th weekday ``n`` of the month ("3#2 ... the second Tuesday"); "If you use the '#' character, you can
define only one expression in the day-of-week field." "You can't specify the Day-of-month and Day-of-week
fields in the same cron expression. If you specify a value (or a *) in one of the fields, you must use a ?
(question mark) in the other." Public reports of AWS's answers agree: ``cron(55 7-23 * * * *)`` and
``cron(15 12 ? * -1 *)`` are refused (serverless#2781, winglang#7115); a ``#`` outside Day-of-week and a value
outside its field's range are refused, while a year past 2199 (``cron(0 20 * * ? 2500)``) is accepted (a
PutRule measurement of 2026-09-07 in a public repository), so pocketcloud accepts years from 1970 up to 9999 and,
like AWS, lets such a rule simply never fire within its horizon. Where AWS documents nothing pocketcloud follows
Quartz, the cron dialect AWS's is modelled on: names are case-insensitive, a range may wrap around
(``FRI-MON``), and ``W`` never crosses into another month.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from .timeutil import EPOCH

_RATE = re.compile(r"rate\((\d+) (minute|minutes|hour|hours|day|days)\)")
_CRON = re.compile(r"cron\(([^()]*)\)")
_UNIT_SECONDS = {"minute": 60, "hour": 3600, "day": 86_400}
_MONTHS = {name: i for i, name in enumerate(calendar.month_abbr) if name}  # Jan=1 ...
_DAYS = {"SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7}
#: Years a ``*`` or a range covers (the documented field range; later years never come within the horizon).
_YEARS = (1970, 2199)
_YEAR_MAX = 9999


class ScheduleError(ValueError):
    """A rate or cron expression AWS refuses. Each service answers it in its own words (EventBridge's
    ValidationException "Parameter ScheduleExpression is not valid.", Application Auto Scaling's
    ValidationException), so the message here is only for a reader of a traceback."""

    def __init__(self) -> None:
        super().__init__("not a valid rate(...) or cron(...) expression")


class Schedule:
    """When a schedule fires. ``next_after(t)`` is the first firing time strictly after virtual time ``t``
    (seconds since the cloud began), or ``None`` when the expression never fires again."""

    expression: str

    def next_after(self, t: float) -> float | None:
        raise NotImplementedError


@dataclass
class RateSchedule(Schedule):
    """``rate(value unit)``: every ``period_s`` seconds from ``anchor`` (for a rule, the virtual time it was
    created)."""

    expression: str
    period_s: float
    anchor: float

    def next_after(self, t: float) -> float | None:
        steps = math.floor((t - self.anchor) / self.period_s) + 1
        return self.anchor + max(steps, 1) * self.period_s


def _check(condition: bool) -> None:
    if not condition:
        raise ScheduleError


@dataclass(frozen=True)
class _Field:
    name: str
    low: int
    high: int
    names: dict[str, int] | None = None


_MINUTES = _Field("minutes", 0, 59)
_HOURS = _Field("hours", 0, 23)
_DOM = _Field("day-of-month", 1, 31)
_MONTH = _Field("month", 1, 12, {k.upper(): v for k, v in _MONTHS.items()})
_DOW = _Field("day-of-week", 1, 7, _DAYS)
_YEAR = _Field("year", 1970, _YEAR_MAX)


def _value(text: str, field: _Field) -> int:
    upper = text.upper()
    if field.names is not None and upper in field.names:
        return field.names[upper]
    _check(text.isdigit() and len(text) <= 4)
    number = int(text)
    _check(field.low <= number <= field.high)
    return number


def _span(field: _Field) -> tuple[int, int]:
    return _YEARS if field is _YEAR else (field.low, field.high)


def _range(start: int, end: int, step: int, field: _Field) -> list[int]:
    """Values from ``start`` to ``end`` every ``step``, wrapping around the field as Quartz does (not years)."""
    if start <= end:
        return list(range(start, end + 1, step))
    _check(field is not _YEAR)
    size = field.high - field.low + 1
    count = (end + size - start) // step + 1
    return [(start - field.low + i * step) % size + field.low for i in range(count)]


def _item(text: str, field: _Field) -> list[int]:
    """One comma-separated item of a numeric field: ``*``, ``n``, ``a-b``, with an optional ``/step``."""
    base, slash, step_text = text.partition("/")
    step = 1
    if slash:
        _check(step_text.isdigit() and 1 <= int(step_text) <= max(field.high, 59))
        step = int(step_text)
    low, high = _span(field)
    if base == "*":
        return list(range(low, high + 1, step))
    first, dash, last = base.partition("-")
    start = _value(first, field)
    if dash:
        return _range(start, _value(last, field), step, field)
    if slash:
        return list(range(start, high + 1, step))
    return [start]


def _numeric(text: str, field: _Field) -> frozenset[int]:
    _check(bool(text))
    values: set[int] = set()
    for part in text.split(","):
        values.update(_item(part, field))
    return frozenset(values)


@dataclass(frozen=True)
class _DayRule:
    """What Day-of-month or Day-of-week asks for, resolved per month by :meth:`days`."""

    kind: str  # "dom", "last", "last-weekday", "nearest-weekday", "dow", "last-dow", "nth-dow"
    values: frozenset[int] = frozenset()
    n: int = 0
    k: int = 0

    def days(self, year: int, month: int) -> list[int]:
        first_weekday, length = calendar.monthrange(year, month)  # Monday = 0
        # AWS numbers days of the week 1 (SUN) to 7 (SAT).
        weekday = [(first_weekday + d + 1) % 7 + 1 for d in range(length)]  # day d+1 -> 1..7
        if self.kind == "dom":
            return sorted(d for d in self.values if d <= length)
        if self.kind == "last":
            return [length]
        if self.kind == "last-weekday":
            day = length
            while weekday[day - 1] in (1, 7):
                day -= 1
            return [day]
        if self.kind == "nearest-weekday":
            if self.n > length:  # no such day this month (Quartz moves on to the next month)
                return []
            day = self.n
            wd = weekday[day - 1]
            if wd == 7:  # Saturday: the Friday before, or Monday after when the 1st is a Saturday
                day = day + 2 if day == 1 else day - 1
            elif wd == 1:  # Sunday: the Monday after, or the Friday before when it is the last day
                day = day - 2 if day == length else day + 1
            return [day]
        if self.kind == "dow":
            return [d + 1 for d in range(length) if weekday[d] in self.values]
        matching = [d + 1 for d in range(length) if weekday[d] == self.n]
        if self.kind == "last-dow":
            return [matching[-1]]
        return [matching[self.k - 1]] if self.k <= len(matching) else []


def _day_of_month(text: str) -> _DayRule:
    upper = text.upper()
    if upper == "L":
        return _DayRule("last")
    if upper == "LW":
        return _DayRule("last-weekday")
    if upper.endswith("W"):
        _check(upper[:-1].isdigit())
        return _DayRule("nearest-weekday", n=_value(upper[:-1], _DOM))
    return _DayRule("dom", _numeric(text, _DOM))


def _day_of_week(text: str) -> _DayRule:
    upper = text.upper()
    if "#" in upper:
        _check("," not in upper)
        day, _, nth = upper.partition("#")
        _check(nth.isdigit() and 1 <= int(nth) <= 5)
        return _DayRule("nth-dow", n=_value(day, _DOW), k=int(nth))
    if upper == "L":
        return _DayRule("dow", frozenset({7}))
    if upper.endswith("L"):
        _check("," not in upper and "-" not in upper and "/" not in upper)
        return _DayRule("last-dow", n=_value(upper[:-1], _DOW))
    return _DayRule("dow", _numeric(text, _DOW))


@dataclass
class CronSchedule(Schedule):
    """``cron(...)``: the minutes (at second 0, UTC) that every field accepts."""

    expression: str
    minutes: frozenset[int]
    hours: frozenset[int]
    days: _DayRule
    months: frozenset[int]
    years: frozenset[int]

    def next_after(self, t: float) -> float | None:
        moment = EPOCH + timedelta(seconds=t)
        start = moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
        found = self._first_from(start)
        return None if found is None else (found - EPOCH).total_seconds()

    def _first_from(self, start: datetime) -> datetime | None:
        minutes, hours = sorted(self.minutes), sorted(self.hours)
        for year in sorted(y for y in self.years if y >= start.year):
            for month in sorted(self.months):
                if (year, month) < (start.year, start.month):
                    continue
                for day in self.days.days(year, month):
                    if (year, month, day) < (start.year, start.month, start.day):
                        continue
                    same_day = (year, month, day) == (start.year, start.month, start.day)
                    for hour in hours:
                        if same_day and hour < start.hour:
                            continue
                        for minute in minutes:
                            if same_day and hour == start.hour and minute < start.minute:
                                continue
                            return start.replace(year=year, month=month, day=day, hour=hour, minute=minute)
        return None


def _cron(expression: str, body: str) -> CronSchedule:
    fields = body.split()
    _check(len(fields) == 6 and body == body.strip())
    minute, hour, dom, month, dow, year = fields
    _check((dom == "?") != (dow == "?"))
    days = _day_of_week(dow) if dom == "?" else _day_of_month(dom)
    schedule = CronSchedule(
        expression, _numeric(minute, _MINUTES), _numeric(hour, _HOURS), days, _numeric(month, _MONTH),
        _numeric(year, _YEAR),
    )  # fmt: skip
    return schedule


def parse(expression: str, anchor: float) -> Schedule:
    """The schedule an expression describes (``anchor``: when a rate starts counting, e.g. when the rule was
    created), or :class:`ScheduleError`."""
    rate = _RATE.fullmatch(expression)
    if rate is not None:
        value, unit = int(rate.group(1)), rate.group(2)
        _check(value >= 1 and unit.endswith("s") == (value > 1))
        return RateSchedule(expression, float(value * _UNIT_SECONDS[unit.rstrip("s")]), anchor)
    cron = _CRON.fullmatch(expression)
    _check(cron is not None)
    assert cron is not None
    return _cron(expression, cron.group(1))
