"""The cloud's metric data points: what every service emits and what the ``cloudwatch`` client reads.

CloudWatch keeps, per metric (namespace, metric name and a set of dimensions), data points with a timestamp, a
value and a unit; GetMetricData and GetMetricStatistics aggregate them per period (Sum, Average, Minimum, Maximum,
SampleCount, percentiles such as p99). pocketcloud keeps every data point exactly as emitted, in virtual-time
order, and aggregates when asked, so a percentile over any period is exact, not estimated. Services record points
with :meth:`MetricStore.record` (a dictionary lookup and two list appends: cheap enough for every invocation of a
million-invocation day) and never read another service's state to do it.
https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html

>>> store = MetricStore()
>>> store.record("AWS/Lambda", "Invocations", (("FunctionName", "hello"),), 1.0, 30.0, "Count")
>>> store.record("AWS/Lambda", "Invocations", (("FunctionName", "hello"),), 1.0, 70.0, "Count")
>>> series = store.series("AWS/Lambda", "Invocations", (("FunctionName", "hello"),))
>>> series.values_between(0.0, 60.0)
[1.0]
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

#: A metric's dimensions: (name, value) pairs sorted by name, so the same set always gives the same key.
Dimensions = tuple[tuple[str, str], ...]


def dimensions(mapping: dict[str, str] | None = None, **named: str) -> Dimensions:
    """The canonical key for a set of dimensions (order does not matter, as in CloudWatch)."""
    items = dict(mapping or {}, **named)
    return tuple(sorted((str(k), str(v)) for k, v in items.items()))


@dataclass
class Series:
    """The data points of one metric, in the order of their (virtual) timestamps."""

    namespace: str
    name: str
    dimensions: Dimensions
    unit: str = "None"
    times: list[float] = field(default_factory=list)
    values: list[float] = field(default_factory=list)

    def add(self, value: float, timestamp: float) -> None:
        times = self.times
        if times and timestamp < times[-1]:
            # Out of order (PutMetricData with an older timestamp): keep the lists sorted.
            index = bisect.bisect_right(times, timestamp)
            times.insert(index, timestamp)
            self.values.insert(index, value)
            return
        times.append(timestamp)
        self.values.append(value)

    def window(self, start: float, end: float) -> tuple[int, int]:
        """Indexes of the points with ``start <= timestamp < end``."""
        return bisect.bisect_left(self.times, start), bisect.bisect_left(self.times, end)

    def values_between(self, start: float, end: float) -> list[float]:
        low, high = self.window(start, end)
        return self.values[low:high]


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
        series.add(value, timestamp)

    def series(self, namespace: str, name: str, dims: Dimensions) -> Series | None:
        return self._series.get((namespace, name, dims))

    def __iter__(self) -> Iterator[Series]:
        return iter(self._series.values())

    def __len__(self) -> int:
        return len(self._series)
