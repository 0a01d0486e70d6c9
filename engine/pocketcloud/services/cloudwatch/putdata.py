"""PutMetricData and ListMetrics: custom metrics in, the list of every metric out.

PutMetricData (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html, checked
2026-12-01) takes up to 1,000 metrics a request (1 MB at most), each with one of ``Value``, ``Values`` (up to 150,
with optional ``Counts`` of the same size: "the number of times each value occurred") or ``StatisticValues``
(SampleCount, Sum, Minimum, Maximum); a ``Unit`` (default ``None``), up to 30 ``Dimensions``, a ``Timestamp`` (default:
now) and a ``StorageResolution`` of 1 (high resolution) or 60 (standard, the default). Values are finite and within
±2^360. A custom namespace cannot start with ``AWS/`` (reserved for AWS's services). Everything is checked before
anything is stored, so a refused request stores nothing.

Timestamps are virtual: second 0 of the cloud is :data:`pocketcloud.timeutil.EPOCH`, and a learner passes a datetime
as boto3 takes it, e.g. ``Timestamp=pocketcloud.timeutil.to_datetime(cloud.now)``; a point may be up to two weeks old
or two hours ahead of the cloud's clock.

Messages are the forms AWS's query front end uses ("The parameter X is required.", "The parameters X and Y are
mutually exclusive and you have specified both.", "The value V for parameter X is invalid."), as recorded by
LocalStack's AWS-validated tests and Eucalyptus' CloudWatch; where no recorded message exists the wording is
pocketcloud's in the same form.
"""

from __future__ import annotations

import json
import math
from typing import Any

from ... import limits
from ...errors import ServiceError
from ...metrics import MetricStore, dimensions
from .querying import to_virtual


def _invalid(message: str) -> ServiceError:
    return ServiceError("InvalidParameterValue", message)


def _combination(message: str) -> ServiceError:
    return ServiceError("InvalidParameterCombination", message)


def _missing(message: str) -> ServiceError:
    return ServiceError("MissingParameter", message)


def _check_value(value: float, where: str) -> None:
    magnitude = abs(value)
    if not math.isfinite(value) or magnitude > limits.CLOUDWATCH_VALUE_MAX or 0 < magnitude < 2.0**-360:
        raise _invalid(f"The value {value} for parameter {where} is invalid.")


def _check_datum(datum: dict[str, Any], where: str, now: float) -> None:
    value, values, counts = datum.get("Value"), datum.get("Values"), datum.get("Counts")
    stats = datum.get("StatisticValues")
    for first, second, a, b in (
        ("Value", "Values", value, values),
        ("Value", "StatisticValues", value, stats),
        ("Values", "StatisticValues", values, stats),
    ):
        if a is not None and b is not None:
            raise _combination(
                f"The parameters {where}.{first} and {where}.{second} are mutually exclusive and you have specified "
                "both."
            )
    if value is None and values is None and stats is None:
        raise _missing(f"At least one of the parameters {where}.Value or {where}.StatisticValues must be specified.")
    if counts is not None and values is None:
        raise _missing(f"The parameter {where}.Values is required when {where}.Counts is specified.")
    if value is not None:
        _check_value(value, f"{where}.Value")
    if values is not None:
        if len(values) > limits.CLOUDWATCH_PUT_MAX_VALUES:
            raise _invalid(
                f"The collection {where}.Values must not have a size greater than {limits.CLOUDWATCH_PUT_MAX_VALUES}."
            )
        if counts is not None and len(counts) != len(values):
            raise _invalid(f"The parameters {where}.Values and {where}.Counts must be of the same size.")
        for index, item in enumerate(values, start=1):
            _check_value(item, f"{where}.Values.member.{index}")
        for index, count in enumerate(counts or [], start=1):
            if not math.isfinite(count) or count < 0:
                raise _invalid(f"The value {count} for parameter {where}.Counts.member.{index} is invalid.")
    if stats is not None:
        for member in ("SampleCount", "Sum", "Minimum", "Maximum"):
            _check_value(stats[member], f"{where}.StatisticValues.{member}")
        if stats["SampleCount"] <= 0:
            raise _invalid(f"The parameter {where}.StatisticValues.SampleCount must be greater than 0.")
        if stats["Maximum"] < stats["Minimum"]:
            raise _invalid(
                f"The parameter {where}.StatisticValues.Maximum must be greater than {where}.StatisticValues.Minimum."
            )
    names = [d["Name"] for d in datum.get("Dimensions") or []]
    if len(set(names)) != len(names):
        repeated = next(n for n in names if names.count(n) > 1)
        raise _invalid(f"The collection {where}.Dimensions must not hold the dimension name {repeated} twice.")
    resolution = datum.get("StorageResolution")
    if resolution is not None and resolution not in (1, 60):
        raise _invalid(f"The value {resolution} for parameter {where}.StorageResolution is invalid (1 or 60).")
    stamp = datum.get("Timestamp")
    if stamp is not None:
        at = to_virtual(stamp)
        if at < now - limits.CLOUDWATCH_PUT_MAX_AGE_S:
            raise _invalid(f"The parameter {where}.Timestamp must specify a time within the past two weeks.")
        if at > now + limits.CLOUDWATCH_PUT_MAX_FUTURE_S:
            raise _invalid(f"The parameter {where}.Timestamp must specify a time no more than two hours in the future.")


def put_metric_data(store: MetricStore, params: dict[str, Any], now: float) -> None:
    namespace = params["Namespace"]
    if namespace.startswith("AWS/"):
        raise _invalid(f"The value {namespace} for parameter Namespace is invalid.")
    data = params.get("MetricData")
    if not data:
        raise _missing("The parameter MetricData is required.")
    if len(data) > limits.CLOUDWATCH_PUT_MAX_METRICS:
        raise _invalid(
            f"The collection MetricData must not have a size greater than {limits.CLOUDWATCH_PUT_MAX_METRICS}."
        )
    size = len(json.dumps(params, default=str, separators=(",", ":")).encode("utf-8"))
    if size > limits.CLOUDWATCH_PUT_MAX_BYTES:
        raise ServiceError(
            "RequestEntityTooLarge", f"Request size {size} exceeded {limits.CLOUDWATCH_PUT_MAX_BYTES} bytes", 413
        )
    for index, datum in enumerate(data, start=1):
        _check_datum(datum, f"MetricData.member.{index}", now)
    for datum in data:
        dims = dimensions({d["Name"]: d["Value"] for d in datum.get("Dimensions") or []})
        series = store.series_for(namespace, datum["MetricName"], dims, datum.get("Unit", "None"))
        if datum.get("StorageResolution") == 1:
            series.high_resolution = True
        series.published_at = max(series.published_at, now)
        at = to_virtual(datum["Timestamp"]) if "Timestamp" in datum else now
        if "Value" in datum:
            series.add(float(datum["Value"]), at)
        elif "Values" in datum:
            counts = datum.get("Counts") or [1.0] * len(datum["Values"])
            for item, count in zip(datum["Values"], counts, strict=True):
                if count == 1:
                    series.add(float(item), at)
                elif count > 0:
                    series.add_set(at, float(count), float(item) * count, float(item), float(item))
        else:
            stats = datum["StatisticValues"]
            series.add_set(at, stats["SampleCount"], stats["Sum"], stats["Minimum"], stats["Maximum"])


def list_metrics(store: MetricStore, params: dict[str, Any], now: float, account: str) -> dict[str, Any]:
    """ListMetrics: the matching metrics that had data in the past two weeks, sorted, 500 a page."""
    namespace, name = params.get("Namespace"), params.get("MetricName")
    filters = params.get("Dimensions") or []
    horizon = now - (
        limits.CLOUDWATCH_RECENTLY_ACTIVE_S if params.get("RecentlyActive") == "PT3H"
        else limits.CLOUDWATCH_LIST_METRICS_HORIZON_S
    )  # fmt: skip
    if params.get("OwningAccount") not in (None, account):
        return {"Metrics": []}
    found = []
    for series in store:
        if namespace is not None and series.namespace != namespace:
            continue
        if name is not None and series.name != name:
            continue
        dims = dict(series.dimensions)
        if any(f["Name"] not in dims or ("Value" in f and dims[f["Name"]] != f["Value"]) for f in filters):
            continue
        newest = max(max(s.last_time, s.published_at) for s in series.by_unit())
        if newest < horizon:
            continue
        found.append(series)
    found.sort(key=lambda s: (s.namespace, s.name, s.dimensions))
    start = 0
    token = params.get("NextToken")
    if token is not None:
        if not token.isdigit() or int(token) > len(found):
            raise ServiceError("InvalidNextToken", "The NextToken is not valid for this request.")
        start = int(token)
    page = found[start : start + limits.CLOUDWATCH_LIST_METRICS_PAGE]
    result: dict[str, Any] = {
        "Metrics": [
            {
                "Namespace": s.namespace,
                "MetricName": s.name,
                "Dimensions": [{"Name": k, "Value": v} for k, v in s.dimensions],
            }
            for s in page
        ]
    }
    if params.get("IncludeLinkedAccounts"):
        result["OwningAccounts"] = [account] * len(page)
    if start + len(page) < len(found):
        result["NextToken"] = str(start + len(page))
    return result
