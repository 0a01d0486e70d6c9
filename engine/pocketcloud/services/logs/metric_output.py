"""The metric data points metric filters emit, kept where the simulated CloudWatch will read them.

On AWS a metric filter turns matching log events into CloudWatch metric data: "When a metric filter finds one of
the matching terms, phrases, or values in your log events, it increments the count in the CloudWatch metric by
the amount you specify for Metric Value" and "If logs are ingested ... but no matches are found, the value
specified for Default Value (if any) is reported"
(https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html). CloudWatch Logs
records every data point it publishes here, one :class:`MetricDataPoint` per log event (a matching event's
value, or the default value for an event that does not match), in the order the events were ingested, and
publishes each point to the cloud's metric store (:attr:`pocketcloud.Cloud.metrics`, what the ``cloudwatch``
client reads), at the log event's timestamp. AWS then aggregates points per minute; that aggregation is
CloudWatch's job, done when a metric is read.

The raw points, with where each came from, are one function away (for learners who want to look)::

    from pocketcloud.services.logs.metric_output import metric_data_points

    points = metric_data_points(cloud)             # everything emitted so far, oldest first
    newer = metric_data_points(cloud, start=len(points))   # only what was emitted since

Each point has ``namespace``, ``metric_name``, ``value`` (float), ``timestamp`` (an aware ``datetime`` of the
log event's timestamp), ``timestamp_ms``, ``dimensions`` (``dict[str, str]``), ``unit`` (one of CloudWatch's
StandardUnit names, ``"None"`` when the filter gives none: "If you omit this, the unit is set as None"), and where
it came from: ``log_group_name``, ``filter_name``, ``sequence`` (its position in the store, from 0). A point's
``sequence`` never changes and points are never removed, so ``start`` works as a cursor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from ...metrics import dimensions as metric_dimensions
from ...timeutil import EPOCH_SECONDS, to_datetime

if TYPE_CHECKING:
    from ...cloud import Cloud
    from .backend import LogsBackend


@dataclass(frozen=True)
class MetricDataPoint:
    """One value a metric filter published, as CloudWatch's PutMetricData would receive it."""

    namespace: str
    metric_name: str
    value: float
    timestamp_ms: int
    dimensions: dict[str, str] = field(default_factory=dict)
    unit: str = "None"
    log_group_name: str = ""
    filter_name: str = ""
    sequence: int = 0

    @property
    def timestamp(self) -> datetime:
        """The log event's timestamp as an aware UTC ``datetime`` (CloudWatch's ``Timestamp``)."""
        return to_datetime(self.timestamp_ms / 1000 - EPOCH_SECONDS)


class MetricOutput:
    """The account's emitted metric data, in emission order."""

    def __init__(self, backend: LogsBackend) -> None:
        self.points: list[MetricDataPoint] = []
        self._metrics = backend.cloud.metrics

    def emit(
        self,
        *,
        namespace: str,
        metric_name: str,
        value: float,
        timestamp_ms: int,
        dimensions: dict[str, str],
        unit: str,
        log_group_name: str,
        filter_name: str,
    ) -> None:
        self.points.append(
            MetricDataPoint(
                namespace,
                metric_name,
                value,
                timestamp_ms,
                dimensions,
                unit,
                log_group_name,
                filter_name,
                len(self.points),
            )
        )
        self._metrics.record(
            namespace, metric_name, metric_dimensions(dimensions), value, timestamp_ms / 1000 - EPOCH_SECONDS, unit
        )


def output(backend: LogsBackend) -> MetricOutput:
    store: MetricOutput = backend.extension("metric_output", MetricOutput)
    return store


def metric_data_points(cloud: Cloud, start: int = 0) -> list[MetricDataPoint]:
    """Every metric data point the cloud's metric filters have emitted, from position ``start`` on, oldest first.

    This is the one place the simulated CloudWatch reads metric filter output from (see the module docstring).
    """
    from .backend import LogsBackend

    backend: LogsBackend = cloud.backend("logs", LogsBackend)
    return output(backend).points[start:]
