"""Metric filters: PutMetricFilter, DescribeMetricFilters, DeleteMetricFilter, TestMetricFilter, and emission.

A metric filter watches one log group. Every event ingested after the filter exists (through PutLogEvents or a
Lambda function's output) is matched against its pattern (:mod:`.filter_pattern`); a match emits the
transformation's ``metricValue`` — a number, or ``$.field`` / ``$field`` taken from the event — and an event that
does not match emits ``defaultValue`` when there is one ("The value to emit when a filter pattern does not match a
log event"). Metric filters do not look back: "Filters do not retroactively filter data. Filters only publish the
metric data points for events that happen after the filter was created."
https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html
https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_MetricTransformation.html
https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/MonitoringLogData.html

Data points go to :mod:`.metric_output`, which the simulated CloudWatch reads. pocketcloud models one point per
event (AWS aggregates them per minute before CloudWatch stores them); an event whose ``metricValue`` field or a
dimension field is missing or not a number emits nothing (a pocketcloud model: AWS does not document the case).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from .backend import Event, LogGroup
from .filter_pattern import NOT_LOADED, FilterPattern, Match
from .filter_pattern import parse as parse_pattern
from .group_filters import check_group_regexes, refuse_not_simulated
from .json_pattern import load, parse_selector
from .metric_output import output
from .pattern_values import as_number, invalid
from .reading import page_after

if TYPE_CHECKING:
    from .backend import LogsBackend

#: Terraform's AWS provider documents defaultValue as "Conflicts with dimensions", the rule it carries over from
#: the service (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_log_metric_filter);
#: the wording of this message is pocketcloud's.
_DEFAULT_WITH_DIMENSIONS = "A metric filter can't have both a defaultValue and dimensions."


@dataclass
class MetricFilter:
    name: str
    pattern_text: str
    pattern: FilterPattern
    transformation: dict[str, Any]
    created: int

    def describe(self, group: str) -> dict[str, Any]:
        return {
            "filterName": self.name,
            "filterPattern": self.pattern_text,
            "metricTransformations": [dict(self.transformation)],
            "creationTime": self.created,
            "logGroupName": group,
        }


def _reference(value: str, what: str) -> None:
    """A metricValue or dimension value must be a number, ``$.json.path`` or ``$spaceDelimitedField``."""
    if as_number(value) is not None and what == "metricValue":
        return
    if value.startswith("$.") and parse_selector(value) is not None:
        return
    if value.startswith("$") and value[1:].replace("_", "a").isalnum():
        return
    raise invalid(f"Invalid {what} '{value}': use a number, a $.json.field or a $spaceDelimitedField reference.")


def put_metric_filter(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    """Create or replace (same name) the group's metric filter; everything is checked before anything changes."""
    refuse_not_simulated(params)
    group = backend.group(params["logGroupName"])
    name = params["filterName"]
    pattern = parse_pattern(params["filterPattern"])
    transformation = dict(params["metricTransformations"][0])
    _reference(transformation["metricValue"], "metricValue")
    dimensions = transformation.get("dimensions") or {}
    if len(dimensions) > limits.LOGS_METRIC_DIMENSIONS_MAX:
        raise invalid(f"A metric filter can include as many as {limits.LOGS_METRIC_DIMENSIONS_MAX} dimensions.")
    for value in dimensions.values():
        _reference(value, "dimension value")
    if dimensions and transformation.get("defaultValue") is not None:
        raise invalid(_DEFAULT_WITH_DIMENSIONS)
    if name not in group.metric_filters and len(group.metric_filters) >= limits.LOGS_METRIC_FILTERS_PER_GROUP_MAX:
        raise ServiceError("LimitExceededException", "Resource limit exceeded.")
    check_group_regexes(group, pattern, metric_filter=name)
    existing = group.metric_filters.get(name)
    created = existing.created if existing is not None else backend.now_ms()
    group.metric_filters[name] = MetricFilter(name, params["filterPattern"], pattern, transformation, created)
    return {}


def describe_metric_filters(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    """Metric filters sorted by log group and name. ``filterNamePrefix`` applies "only if you also include the
    logGroupName parameter"; ``metricName`` and ``metricNamespace`` go together ("you must also include")."""
    name = params.get("metricName")
    namespace = params.get("metricNamespace")
    if (name is None) != (namespace is None):
        given, missing = ("metricName", "metricNamespace") if name is not None else ("metricNamespace", "metricName")
        raise invalid(f"If you include {given} in your request, you must also include {missing}.")
    group_name = params.get("logGroupName")
    groups = [backend.group(group_name)] if group_name is not None else list(backend.groups.values())
    prefix = params.get("filterNamePrefix") if group_name is not None else None
    found = [
        (group.name, f)
        for group in groups
        for f in group.metric_filters.values()
        if (prefix is None or f.name.startswith(prefix))
        and (
            name is None
            or (f.transformation["metricName"] == name and f.transformation["metricNamespace"] == namespace)
        )
    ]
    page, token = page_after(
        found,
        lambda item: [item[0], item[1].name],
        limit=params.get("limit", limits.LOGS_DESCRIBE_LIMIT_MAX),
        next_token=params.get("nextToken"),
    )
    result: dict[str, Any] = {"metricFilters": [f.describe(g) for g, f in page]}
    if token is not None:
        result["nextToken"] = token
    return result


def delete_metric_filter(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    group = backend.group(params["logGroupName"])
    if params["filterName"] not in group.metric_filters:
        raise ServiceError("ResourceNotFoundException", "The specified metric filter does not exist.")
    del group.metric_filters[params["filterName"]]
    return {}


def test_metric_filter(params: dict[str, Any]) -> dict[str, Any]:
    """Each matching message with its extracted values (space-delimited fields; "If you are not using a
    space-delimited filter, this will be empty"). eventNumber counts the messages from 1 (pocketcloud's choice:
    the API reference does not say where it starts)."""
    pattern = parse_pattern(params["filterPattern"])
    matches = []
    for number, message in enumerate(params["logEventMessages"], start=1):
        found = pattern.match(message)
        if found is not None:
            matches.append({"eventNumber": number, "eventMessage": message, "extractedValues": dict(found.extracted)})
    return {"matches": matches}


def _value(reference: str, match: Match) -> float | None:
    literal = as_number(reference)
    if literal is not None:
        return literal
    found = match.lookup(reference)
    return None if found is None else as_number(found)


def on_events(backend: LogsBackend, group: LogGroup, batch: list[Event]) -> None:
    """Emit the data points of every metric filter of ``group`` for newly ingested events."""
    store = output(backend)
    filters = list(group.metric_filters.values())
    # Every JSON pattern reads the same parsed event: parse each message once, not once per filter.
    documents = (
        [load(message) for _, message, _ in batch]
        if any(f.pattern.kind == "json" for f in filters)
        else [NOT_LOADED] * len(batch)
    )
    for metric_filter in filters:
        transformation = metric_filter.transformation
        dimensions_spec: dict[str, str] = transformation.get("dimensions") or {}
        default = transformation.get("defaultValue")
        for (timestamp, message, _ingested), document in zip(batch, documents, strict=True):
            match = metric_filter.pattern.match(message, document)
            if match is None:
                if default is None:
                    continue
                value: float | None = float(default)
                dimensions: dict[str, str] | None = {}
            else:
                value = _value(transformation["metricValue"], match)
                dimensions = {}
                for key, reference in dimensions_spec.items():
                    found = match.lookup(reference)
                    if found is None:
                        dimensions = None
                        break
                    dimensions[key] = found
            if value is None or dimensions is None:
                continue
            store.emit(
                namespace=transformation["metricNamespace"],
                metric_name=transformation["metricName"],
                value=value,
                timestamp_ms=timestamp,
                dimensions=dimensions,
                unit=transformation.get("unit", "None"),
                log_group_name=group.name,
                filter_name=metric_filter.name,
            )
