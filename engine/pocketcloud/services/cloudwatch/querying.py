"""Periods, retention and the aggregation of data points into one value per period.

Rules from the GetMetricStatistics and MetricStat API references
(https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html,
https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricStat.html), checked 2026-12-01:

* a period is 1, 5, 10, 20, 30 or a multiple of 60 seconds; "For metrics with regular resolution, a period can be
  as short as one minute": a standard-resolution metric has one-minute granularity, so with a shorter period its
  points all fall in the bucket that starts the minute (the other buckets of that minute are empty);
* StartTime is inclusive and EndTime exclusive; CloudWatch rounds StartTime down to the whole minute (start less
  than 15 days ago), to 5 minutes (15 to 63 days) or to the hour (older), and each datapoint's timestamp is the start
  of its period;
* retention: "Data points with a period of less than 60 seconds are available for 3 hours ... 60 seconds (1 minute)
  are available for 15 days ... 300 seconds (5 minute) are available for 63 days ... 3600 seconds (1 hour) are
  available for 455 days (15 months)", and a query reaching further back "must specify the period as follows or no
  data points in that time range is returned": a multiple of 60 beyond 3 hours, of 300 beyond 15 days, of 3600 beyond
  63 days. pocketcloud applies the rule to each period's age (AWS states it for the StartTime), so one query spanning
  both sides of a boundary returns what each side keeps. Ages are measured on the virtual clock.

Virtual time 0 is :data:`pocketcloud.timeutil.EPOCH` (2026-01-01T00:00:00Z); a learner passes timestamps as boto3
does, as datetimes (``EPOCH + timedelta(minutes=5)``, or ``timeutil.to_datetime(cloud.now)``), epoch seconds or
ISO 8601 strings.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator, Sequence
from datetime import datetime

from ... import limits
from ...metrics import Series, StatisticSet
from ...timeutil import EPOCH, to_datetime
from .statistics import Statistic

HIGH_RESOLUTION_PERIODS = (1, 5, 10, 20, 30)
HOUR = 3600.0
DAY = 86400.0


def to_virtual(moment: datetime) -> float:
    """A timestamp parameter (an aware datetime) as virtual seconds since :data:`EPOCH` (negative before it)."""
    return (moment - EPOCH).total_seconds()


def valid_period(period: int) -> bool:
    return period in HIGH_RESOLUTION_PERIODS or (period >= 60 and period % 60 == 0)


def round_start(start: float, now: float) -> float:
    """StartTime rounded down as CloudWatch rounds it (by its age on the virtual clock)."""
    age = now - start
    step = 60.0 if age < 15 * DAY else 300.0 if age < 63 * DAY else HOUR
    return math.floor(start / step) * step


def granularity_for_age(age: float) -> float:
    """The coarsest period a point of this age is still kept at (see the module docstring)."""
    if age > limits.CLOUDWATCH_RETENTION_HOUR_S:
        return math.inf
    if age > limits.CLOUDWATCH_RETENTION_FIVE_MINUTE_S:
        return HOUR
    if age > limits.CLOUDWATCH_RETENTION_ONE_MINUTE_S:
        return 300.0
    if age > limits.CLOUDWATCH_RETENTION_HIGH_RESOLUTION_S:
        return 60.0
    return 1.0


def kept(bucket: float, period: int, now: float) -> bool:
    """Whether a period starting at ``bucket`` still has its data at this period length."""
    step = granularity_for_age(now - bucket)
    return step != math.inf and period % step == 0


def datapoint_count(start: float, end: float, period: int) -> int:
    """How many datapoints a query may return ("You have requested up to N datapoints")."""
    return int((end - start) // period)


Bucket = tuple[float, Sequence[float], list[StatisticSet]]


def buckets(series: Series, start: float, end: float, period: int, now: float) -> Iterator[Bucket]:
    """The non-empty periods of ``series`` between ``start`` (already rounded) and ``end``, oldest first:
    ``(period start, values, statistic sets)``."""
    coarse = not series.high_resolution and period < 60
    groups: dict[float, tuple[Sequence[float], list[StatisticSet]]] = {}

    def bucket_of(t: float) -> float:
        if coarse:
            return math.floor(t / 60) * 60
        return start + math.floor((t - start) / period) * period

    limit = end
    if coarse:
        # The last minute's points count in full once the minute's bucket starts before `end`.
        limit = math.ceil(end / 60) * 60
    low, high = series.window(start, limit)
    times, values = series.times, series.values
    width = 60.0 if coarse else float(period)
    index = low
    while index < high:
        # One bisection per non-empty period (not one step per point): the hot path of every query and alarm.
        key = bucket_of(times[index])
        stop = bisect.bisect_left(times, key + width, index + 1, high)
        if key < end:
            groups[key] = (values[index:stop], [])
        index = stop
    if series.set_times is not None and series.sets is not None:
        set_times, sets = series.set_times, series.sets
        for position in range(_left(set_times, start), _left(set_times, limit)):
            key = bucket_of(set_times[position])
            if key < end:
                groups.setdefault(key, ([], []))[1].append(sets[position])
    for key in sorted(groups):
        if kept(key, period, now):
            single, grouped = groups[key]
            yield key, single, grouped


def _left(times: list[float], value: float) -> int:
    return bisect.bisect_left(times, value)


def aggregate(
    series: Series, start: float, end: float, period: int, stats: Sequence[Statistic], now: float
) -> list[tuple[float, dict[str, float], float]]:
    """Per non-empty period: its start, the value of each statistic that has one, and its sample count."""
    out: list[tuple[float, dict[str, float], float]] = []
    for key, single, grouped in buckets(series, start, end, period, now):
        computed: dict[str, float] = {}
        for stat in stats:
            value = stat.compute(single, grouped)
            if value is not None:
                computed[stat.text] = value
        count = len(single) + sum(s[0] for s in grouped)
        out.append((key, computed, count))
    return out


def statistics_datapoints(
    series_list: Sequence[Series],
    start: float,
    end: float,
    period: int,
    stats: Sequence[Statistic],
    now: float,
) -> list[dict[str, object]]:
    """GetMetricStatistics' ``Datapoints``: one per period and unit, oldest first.

    AWS says "Data points are not returned in chronological order"; pocketcloud returns them oldest first, which is
    one of the orders AWS may use and keeps every run identical.
    """
    rows: list[tuple[float, int, dict[str, object]]] = []
    for order, series in enumerate(series_list):
        for key, computed, _count in aggregate(series, start, end, period, stats, now):
            point: dict[str, object] = {"Timestamp": to_datetime(key)}
            for stat in stats:
                if not stat.extended and stat.text in computed:
                    point[stat.text] = computed[stat.text]
            extended = {s.text: computed[s.text] for s in stats if s.extended and s.text in computed}
            if extended:
                point["ExtendedStatistics"] = extended
            point["Unit"] = series.unit
            rows.append((key, order, point))
    rows.sort(key=lambda row: (row[0], row[1]))
    return [point for _key, _order, point in rows]
