"""GetMetricStatistics: the statistics of one metric, one datapoint per period.

https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html (checked 2026-12-01):
``Statistics`` (SampleCount, Average, Sum, Minimum, Maximum) and/or ``ExtendedStatistics`` (``p0.0`` to ``p100``
and the trimmed-mean family, "up to 10"), at least one of them; "The maximum number of data points returned from a
single call is 1,440. If you request more than 1,440 data points, CloudWatch returns an error"; each datapoint
carries its period's start as ``Timestamp``, the requested statistics (extended ones under ``ExtendedStatistics``)
and its ``Unit``; the response's ``Label`` is the metric name. Without ``Unit``, each unit the metric was published
in gives its own datapoints.

Messages are AWS's where recorded: "The parameter StartTime must be less than the parameter EndTime." (moto's
AWS-checked tests) and "You have requested up to 16,666 datapoints, which exceeds the limit of 1,440. You may reduce
the datapoints requested by increasing Period, or decreasing the time range." (an AWS error response quoted in the
AWS SDK for Java's tests and users' reports).
"""

from __future__ import annotations

from typing import Any

from ... import limits
from ...errors import ServiceError
from ...metrics import MetricStore, dimensions
from . import statistics
from .metricdata import StatQuery, unit_series
from .querying import datapoint_count, round_start, statistics_datapoints, to_virtual, valid_period

MAX_EXTENDED = 10


def _invalid(message: str) -> ServiceError:
    return ServiceError("InvalidParameterValue", message)


def get_metric_statistics(store: MetricStore, params: dict[str, Any], now: float) -> dict[str, Any]:
    names = params.get("Statistics") or []
    extended = params.get("ExtendedStatistics") or []
    if not names and not extended:
        raise ServiceError("InvalidParameterCombination", "Must specify either Statistics or ExtendedStatistics.")
    if len(extended) > MAX_EXTENDED:
        raise _invalid(f"The collection ExtendedStatistics must not have a size greater than {MAX_EXTENDED}.")
    parsed = []
    for index, name in enumerate(names, start=1):
        stat = statistics.parse(name)
        if stat is None or stat.extended:
            raise _invalid(f"The value {name} for parameter Statistics.member.{index} is invalid.")
        parsed.append(stat)
    for index, name in enumerate(extended, start=1):
        stat = statistics.parse(name)
        if stat is None or not stat.extended:
            raise _invalid(f"The value {name} for parameter ExtendedStatistics.member.{index} is invalid.")
        parsed.append(stat)
    period = params["Period"]
    if not valid_period(period):
        raise _invalid("The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60.")
    start, end = to_virtual(params["StartTime"]), to_virtual(params["EndTime"])
    if start >= end:
        raise _invalid("The parameter StartTime must be less than the parameter EndTime.")
    start = round_start(start, now)
    requested = datapoint_count(start, end, period)
    if requested > limits.CLOUDWATCH_STATISTICS_MAX_DATAPOINTS:
        raise ServiceError(
            "InvalidParameterCombination",
            f"You have requested up to {requested:,} datapoints, which exceeds the limit of 1,440. You may reduce "
            "the datapoints requested by increasing Period, or decreasing the time range.",
        )
    dims = dimensions({d["Name"]: d["Value"] for d in params.get("Dimensions") or []})
    query = StatQuery(params["Namespace"], params["MetricName"], dims, period, parsed[0], params.get("Unit"))
    series = unit_series(store, query)
    points = statistics_datapoints(series, start, end, period, parsed, now)
    return {"Label": params["MetricName"], "Datapoints": points}
