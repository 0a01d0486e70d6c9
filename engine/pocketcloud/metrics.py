"""The cloud's metric data points: what every service emits and what the ``cloudwatch`` client reads.

CloudWatch keeps, per metric (namespace, metric name and a set of dimensions), data points with a timestamp, a
value and a unit; GetMetricData and GetMetricStatistics aggregate them per period (Sum, Average, Minimum, Maximum,
SampleCount, percentiles such as p99). pocketcloud keeps every data point exactly as emitted, in virtual-time
order, and aggregates when asked, so a percentile over any period is exact, not estimated. Services record points
with :meth:`MetricStore.record` (a dictionary lookup and two appends: cheap enough for every invocation of a
million-invocation day) and never read another service's state to do it.
https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html

A series keeps its timestamps and values in ``array('d')`` buffers, not lists: the same IEEE doubles (a float
goes in and comes out bit for bit), 8 bytes a point instead of a pointer plus a float object, and nothing for the
garbage collector to walk. A list of a million floats is a tracked container that every full collection
traverses element by element; on a million-invocation day (10 series, two buffers each, written on every
invocation) full collections took about 7 of the 46 us each invocation cost, with the lazy log's rows
(:class:`~pocketcloud.services.awslambda.records.LazyLog`). An append to an array costs about 30 ns more than
to a list (CPython converts the float), far less than the walk it saves. The buffers (:class:`Doubles`) read
like the lists they replace: ``len``, indexing, slicing, iteration, ``sum``, ``max``, ``sorted``, ``bisect``,
``==`` with a list of the same numbers, and a list's ``repr``.

Three things beyond single values, all from PutMetricData:

* *statistic sets* (``StatisticValues``: SampleCount, Sum, Minimum, Maximum) and ``Values`` with ``Counts`` above 1
  are kept as sets beside the single values (:meth:`Series.add_set`), never expanded;
* the *unit* is part of the data: "If you don't specify Unit, CloudWatch retrieves all unit types that have been
  published for the metric" (API_GetMetricStatistics), so points of another unit go to a sibling series
  (:meth:`Series.for_unit`) and the common case, one unit, costs one string comparison;
* *storage resolution*: a metric stored with ``StorageResolution=1`` is high resolution; every other metric
  (all of AWS's own) is standard resolution, "with data having a one-minute granularity".
  https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Resolution_definition

The same data as plain Python: ``cloud.metrics.find("AWS/SQS", QueueName="jobs")`` lists the matching series, and
:meth:`Series.points` gives ``(virtual seconds, value)`` pairs.

>>> store = MetricStore()
>>> store.record("AWS/Lambda", "Invocations", (("FunctionName", "hello"),), 1.0, 30.0, "Count")
>>> store.record("AWS/Lambda", "Invocations", (("FunctionName", "hello"),), 1.0, 70.0, "Count")
>>> series = store.series("AWS/Lambda", "Invocations", (("FunctionName", "hello"),))
>>> series.values_between(0.0, 60.0)
[1.0]
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

#: A metric's dimensions: (name, value) pairs sorted by name, so the same set always gives the same key.
Dimensions = tuple[tuple[str, str], ...]

#: One statistic set: (SampleCount, Sum, Minimum, Maximum).
StatisticSet = tuple[float, float, float, float]


class Doubles(array):  # type: ignore[type-arg]
    """A series' timestamps or values: an ``array('d')`` that compares equal to a list of the same numbers and
    prints like one, so code written when these were lists (``series.values == [1.0, 2.0]`` in a lab or a test)
    reads them the same way. Appends, indexing and slicing stay the array's own C methods, so the hot path and
    ``bisect`` pay nothing for it (a slice is a plain ``array``; ``tolist()`` gives a list)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, list):
            return self.tolist() == other
        return bool(array.__eq__(self, other))

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __repr__(self) -> str:
        return repr(self.tolist())


def _doubles() -> Doubles:
    """An empty buffer of doubles (a series' timestamps or values: see the module docstring)."""
    return Doubles("d")


def dimensions(mapping: dict[str, str] | None = None, **named: str) -> Dimensions:
    """The canonical key for a set of dimensions (order does not matter, as in CloudWatch)."""
    items = dict(mapping or {}, **named)
    return tuple(sorted((str(k), str(v)) for k, v in items.items()))


@dataclass
class Series:
    """The data points of one metric in one unit, in the order of their (virtual) timestamps."""

    namespace: str
    name: str
    dimensions: Dimensions
    unit: str = "None"
    #: Virtual seconds and values, as ``array('d')`` buffers (see the module docstring).
    times: Doubles = field(default_factory=_doubles)
    values: Doubles = field(default_factory=_doubles)
    #: Timestamps and contents of statistic sets, sorted by time (None until the first set arrives).
    set_times: list[float] | None = None
    sets: list[StatisticSet] | None = None
    #: Stored by PutMetricData with StorageResolution=1 (one-second granularity); AWS's metrics are standard.
    high_resolution: bool = False
    #: The latest virtual time PutMetricData published to this series (ListMetrics' RecentlyActive reads it,
    #: with the newest timestamp; services record at the current time, so their newest timestamp is that time).
    published_at: float = float("-inf")
    #: Series of the same metric in other units (None while every point has had this one's unit).
    other_units: dict[str, Series] | None = None

    def add(self, value: float, timestamp: float) -> None:
        times = self.times
        if times and timestamp < times[-1]:
            # Out of order (PutMetricData with an older timestamp): keep the buffers sorted.
            index = bisect.bisect_right(times, timestamp)
            times.insert(index, timestamp)
            self.values.insert(index, value)
            return
        times.append(timestamp)
        self.values.append(value)

    def add_many(self, points: list[tuple[float, float]]) -> None:
        """:meth:`add` for each ``(timestamp, value)`` of ``points``, which are sorted by time: appended in one step
        when they all come after the series' last point (a minute of a load balancer's response times)."""
        if not points:
            return
        times = self.times
        if times and points[0][0] < times[-1]:
            for timestamp, value in points:
                self.add(value, timestamp)
            return
        times.extend([timestamp for timestamp, _value in points])
        self.values.extend([value for _timestamp, value in points])

    def add_set(self, timestamp: float, count: float, total: float, minimum: float, maximum: float) -> None:
        """A statistic set (or ``count`` occurrences of one value: ``minimum == maximum``) at ``timestamp``."""
        if self.set_times is None or self.sets is None:
            self.set_times, self.sets = [], []
        index = bisect.bisect_right(self.set_times, timestamp)
        self.set_times.insert(index, timestamp)
        self.sets.insert(index, (count, total, minimum, maximum))

    def for_unit(self, unit: str) -> Series:
        """The sibling series of this metric for ``unit`` (this one if it is this series' unit)."""
        if unit == self.unit:
            return self
        if self.other_units is None:
            self.other_units = {}
        sibling = self.other_units.get(unit)
        if sibling is None:
            sibling = self.other_units[unit] = Series(self.namespace, self.name, self.dimensions, unit)
        return sibling

    def by_unit(self) -> list[Series]:
        """This series and its siblings in other units, first unit first."""
        return [self, *(self.other_units or {}).values()]

    def window(self, start: float, end: float) -> tuple[int, int]:
        """Indexes of the points with ``start <= timestamp < end``."""
        return bisect.bisect_left(self.times, start), bisect.bisect_left(self.times, end)

    def values_between(self, start: float, end: float) -> list[float]:
        low, high = self.window(start, end)
        return self.values[low:high].tolist()

    def sets_between(self, start: float, end: float) -> list[StatisticSet]:
        if self.set_times is None or self.sets is None:
            return []
        low = bisect.bisect_left(self.set_times, start)
        high = bisect.bisect_left(self.set_times, end)
        return self.sets[low:high]

    @property
    def last_time(self) -> float:
        """The newest timestamp of any point or set (``-inf`` for an empty series)."""
        newest = self.times[-1] if self.times else float("-inf")
        if self.set_times:
            newest = max(newest, self.set_times[-1])
        return newest

    def points(self) -> list[tuple[float, float]]:
        """Every single value as ``(virtual seconds, value)``, oldest first (statistic sets not included)."""
        return list(zip(self.times, self.values, strict=True))

    def __len__(self) -> int:
        return len(self.times) + (len(self.set_times) if self.set_times else 0)


class MetricStore:
    """Every series of one cloud, by (namespace, metric name, dimensions)."""

    def __init__(self, cloud: object | None = None) -> None:
        self._series: dict[tuple[str, str, Dimensions], Series] = {}

    def record(
        self, namespace: str, name: str, dims: Dimensions, value: float, timestamp: float, unit: str = "None"
    ) -> None:
        """Add one data point at virtual time ``timestamp`` (seconds since the cloud began)."""
        key = (namespace, name, dims)
        series = self._series.get(key)
        if series is None:
            series = self._series[key] = Series(namespace, name, dims, unit)
        elif series.unit != unit:
            series = series.for_unit(unit)
        series.add(value, timestamp)

    def series_for(self, namespace: str, name: str, dims: Dimensions, unit: str) -> Series:
        """The series points of ``unit`` go to, created when missing (PutMetricData's way in)."""
        key = (namespace, name, dims)
        series = self._series.get(key)
        if series is None:
            series = self._series[key] = Series(namespace, name, dims, unit)
        return series.for_unit(unit)

    def series(self, namespace: str, name: str, dims: Dimensions) -> Series | None:
        return self._series.get((namespace, name, dims))

    def find(self, namespace: str | None = None, name: str | None = None, **dims: str) -> list[Series]:
        """The series (first unit of each) whose namespace, name and dimensions match what is given, in the order
        they were first recorded: plain Python data without the cloudwatch client."""
        wanted = set(dims.items())
        return [
            series
            for (ns, metric, key), series in self._series.items()
            if (namespace is None or ns == namespace) and (name is None or metric == name) and wanted <= set(key)
        ]

    def __iter__(self) -> Iterator[Series]:
        return iter(self._series.values())

    def __len__(self) -> int:
        return len(self._series)
