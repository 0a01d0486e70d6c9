"""Metric alarms: what PutMetricAlarm accepts, and an alarm as DescribeAlarms shows it.

PutMetricAlarm (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html, checked
2026-12-01) creates an alarm on one metric (Namespace, MetricName, Dimensions, Statistic or ExtendedStatistic,
Period, Unit) or on metric math (``Metrics``: up to 10 MetricDataQuery entries, "each metric must be using the same
period", exactly one returning data), with EvaluationPeriods, DatapointsToAlarm (M of N; default N), Threshold,
ComparisonOperator and TreatMissingData (``missing`` by default). "When this operation creates an alarm, the alarm
state is immediately set to INSUFFICIENT_DATA"; "When you update an existing alarm, its state is left unchanged,
but the update completely overwrites the previous configuration of the alarm." Period is 10, 20, 30 or a multiple
of 60, and Period × EvaluationPeriods is at most 7 days (one day for periods under an hour).

The anomaly-detection operators (``LessThanLowerOrGreaterThanUpperThreshold`` …) need an anomaly detection model,
which pocketcloud does not simulate: they are refused with a message that says so. Every check runs before the
alarm is stored: a refused request changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ... import limits
from ...errors import ServiceError
from ...metrics import Dimensions, dimensions
from ...timeutil import to_datetime
from . import mathexpr, statistics
from .metricdata import StatQuery, check_metric_stat

STATIC_OPERATORS = (
    "GreaterThanOrEqualToThreshold",
    "GreaterThanThreshold",
    "LessThanThreshold",
    "LessThanOrEqualToThreshold",
)
TREAT_MISSING = ("breaching", "notBreaching", "ignore", "missing")
ALARM_PERIODS = (10, 20, 30)
INITIAL_REASON = "Unchecked: Initial alarm creation"


def _validation(message: str) -> ServiceError:
    return ServiceError("ValidationError", message)


@dataclass
class Alarm:
    name: str
    arn: str
    params: dict[str, Any]
    created_at: float
    updated_at: float
    query: StatQuery | None
    #: Metric math: the checked MetricStat queries by Id, the parsed expressions by Id, and the returned Id.
    stat_queries: dict[str, StatQuery] = field(default_factory=dict)
    expressions: dict[str, mathexpr.Node] = field(default_factory=dict)
    returned_id: str = ""
    state: str = "INSUFFICIENT_DATA"
    reason: str = INITIAL_REASON
    reason_data: str | None = None
    state_updated_at: float = 0.0
    state_transitioned_at: float = 0.0
    actions_enabled: bool = True
    #: The id Lambda actions' events give the metric of a single-metric alarm (a UUID, stable per alarm).
    metric_uuid: str = ""
    #: For repeating actions: the virtual time each ARN was last invoked.
    last_invoked: dict[str, float] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def period(self) -> int:
        if self.query is not None:
            return self.query.period
        if self.stat_queries:
            return next(iter(self.stat_queries.values())).period
        for query in self.params.get("Metrics") or []:
            if query.get("Period"):
                return int(query["Period"])
        return 60

    @property
    def evaluation_periods(self) -> int:
        return int(self.params["EvaluationPeriods"])

    @property
    def datapoints_to_alarm(self) -> int:
        return int(self.params.get("DatapointsToAlarm", self.evaluation_periods))

    @property
    def treat_missing(self) -> str:
        return str(self.params.get("TreatMissingData", "missing"))

    @property
    def namespace(self) -> str | None:
        if self.query is not None:
            return self.query.namespace
        return None

    def actions_for(self, state: str) -> list[str]:
        member = {"ALARM": "AlarmActions", "OK": "OKActions"}.get(state, "InsufficientDataActions")
        return list(self.params.get(member) or [])

    def describe(self) -> dict[str, Any]:
        """The alarm as DescribeAlarms' ``MetricAlarms`` entry (members in AWS's order, unset ones left out)."""
        p = self.params
        out: dict[str, Any] = {"AlarmName": self.name, "AlarmArn": self.arn}
        if "AlarmDescription" in p:
            out["AlarmDescription"] = p["AlarmDescription"]
        out["AlarmConfigurationUpdatedTimestamp"] = to_datetime(self.updated_at)
        out["ActionsEnabled"] = self.actions_enabled
        for member in ("OKActions", "AlarmActions", "InsufficientDataActions"):
            out[member] = list(p.get(member) or [])
        out["StateValue"] = self.state
        out["StateReason"] = self.reason
        if self.reason_data is not None:
            out["StateReasonData"] = self.reason_data
        out["StateUpdatedTimestamp"] = to_datetime(self.state_updated_at)
        for member in ("MetricName", "Namespace", "Statistic", "ExtendedStatistic"):
            if member in p:
                out[member] = p[member]
        if self.query is not None:
            out["Dimensions"] = [{"Name": d["Name"], "Value": d["Value"]} for d in p.get("Dimensions") or []]
        for member in ("Period", "Unit", "EvaluationPeriods", "DatapointsToAlarm", "Threshold", "ComparisonOperator"):
            if member in p:
                out[member] = float(p[member]) if member == "Threshold" else p[member]
        for member in ("TreatMissingData", "EvaluateLowSampleCountPercentile", "Metrics", "ThresholdMetricId"):
            if member in p:
                out[member] = json.loads(json.dumps(p[member])) if member == "Metrics" else p[member]
        out["StateTransitionedTimestamp"] = to_datetime(self.state_transitioned_at)
        return out

    def metric_key(self) -> tuple[str, str, Dimensions] | None:
        if self.query is None:
            return None
        return (self.query.namespace, self.query.name, self.query.dims)


def check_put_metric_alarm(params: dict[str, Any]) -> tuple[StatQuery | None, dict[str, StatQuery], dict[str, Any]]:
    """Check a PutMetricAlarm request; return its MetricStat (single-metric alarm) or its math queries."""
    name = params["AlarmName"]
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise _validation("The parameter AlarmName can't contain ASCII control characters.")
    if params.get("EvaluationCriteria") is not None or params.get("EvaluationInterval") is not None:
        raise _validation("PromQL alarms (EvaluationCriteria, EvaluationInterval) are not simulated by pocketcloud.")
    operator = params.get("ComparisonOperator")
    if operator is None:
        raise _validation(
            "1 validation error detected: Value null at 'comparisonOperator' failed to satisfy constraint: Member "
            "must not be null"
        )
    if operator not in STATIC_OPERATORS:
        raise _validation(
            f"ComparisonOperator {operator} compares with an anomaly detection band (ThresholdMetricId), which "
            "pocketcloud does not simulate; use one of " + ", ".join(STATIC_OPERATORS) + "."
        )
    if params.get("EvaluationPeriods") is None:
        raise _validation(
            "1 validation error detected: Value null at 'evaluationPeriods' failed to satisfy constraint: Member "
            "must not be null"
        )
    if params.get("Threshold") is None:
        raise ServiceError("MissingParameter", "The parameter Threshold must be specified.")
    treat = params.get("TreatMissingData")
    if treat is not None and treat not in TREAT_MISSING:
        raise _validation(
            f"The value {treat} is not supported for TreatMissingData parameter. Supported values are "
            "[breaching, notBreaching, ignore, missing]."
        )
    low = params.get("EvaluateLowSampleCountPercentile")
    if low is not None and low not in ("evaluate", "ignore"):
        raise _validation(
            f"Option {low} is not supported. Supported options for parameter EvaluateLowSampleCountPercentile are "
            "evaluate and ignore."
        )
    evaluations = params["EvaluationPeriods"]
    to_alarm = params.get("DatapointsToAlarm", evaluations)
    if to_alarm > evaluations:
        raise ServiceError(
            "InvalidParameterCombination",
            f"DatapointsToAlarm ({to_alarm}) must be less than or equal to EvaluationPeriods ({evaluations}).",
        )
    if params.get("Metrics"):
        stats, period = _check_math(params)
        query = None
    else:
        query = _check_single(params)
        stats, period = {}, query.period
    span = period * evaluations
    limit = limits.CLOUDWATCH_ALARM_SHORT_PERIOD_MAX_SPAN_S if period < 3600 else limits.CLOUDWATCH_ALARM_MAX_SPAN_S
    if span > limit:
        raise ServiceError(
            "InvalidParameterCombination",
            f"The evaluation period (Period * EvaluationPeriods = {span} seconds) can't be longer than {limit} "
            f"seconds{' for a period of less than an hour' if period < 3600 else ''}.",
        )
    for member in ("OKActions", "AlarmActions", "InsufficientDataActions"):
        for index, arn in enumerate(params.get(member) or [], start=1):
            if not arn.startswith("arn:"):
                raise _validation(f"Invalid arn syntax: {arn} (in {member}.member.{index})")
    return query, stats, {"period": period}


def _check_alarm_period(period: int | None, where: str) -> int:
    if period is None:
        raise ServiceError("MissingParameter", f"The parameter {where} must be specified.")
    if period not in ALARM_PERIODS and (period < 60 or period % 60):
        raise _validation(f"The parameter {where} must be 10, 20, 30 or a multiple of 60 (it is {period}).")
    return period


def _check_single(params: dict[str, Any]) -> StatQuery:
    for member in ("Namespace", "MetricName"):
        if not params.get(member):
            raise ServiceError("MissingParameter", f"The parameter {member} must be specified.")
    statistic, extended = params.get("Statistic"), params.get("ExtendedStatistic")
    if statistic is not None and extended is not None:
        raise ServiceError(
            "InvalidParameterCombination",
            "The parameters Statistic and ExtendedStatistic are mutually exclusive and you have specified both.",
        )
    if statistic is None and extended is None:
        raise ServiceError(
            "MissingParameter", "The parameter Statistic or the parameter ExtendedStatistic must be specified."
        )
    parsed = statistics.parse(extended) if extended is not None else statistics.parse(statistic or "")
    if parsed is None or (extended is not None and not parsed.extended):
        raise ServiceError(
            "InvalidParameterValue", f"The value {extended} for parameter ExtendedStatistic is not supported."
        )
    period = _check_alarm_period(params.get("Period"), "Period")
    dims = dimensions({d["Name"]: d["Value"] for d in params.get("Dimensions") or []})
    return StatQuery(params["Namespace"], params["MetricName"], dims, period, parsed, params.get("Unit"))


def _check_math(params: dict[str, Any]) -> tuple[dict[str, StatQuery], int]:
    single = [
        m for m in ("MetricName", "Namespace", "Statistic", "ExtendedStatistic", "Dimensions", "Period") if m in params
    ]
    if single:
        raise ServiceError(
            "InvalidParameterCombination",
            f"The parameter Metrics can't be combined with {', '.join(single)}: a metric math alarm gives them in "
            "each MetricStat.",
        )
    metrics = params["Metrics"]
    if len(metrics) > limits.CLOUDWATCH_ALARM_MAX_METRICS:
        raise _validation(
            f"The collection Metrics must not have a size greater than {limits.CLOUDWATCH_ALARM_MAX_METRICS}."
        )
    if sum(1 for m in metrics if m.get("ReturnData", True)) != 1:
        raise _validation("Exactly one element of the metrics list should return data.")
    ids = [m["Id"] for m in metrics]
    if len(set(ids)) != len(ids):
        raise _validation("The values for parameter id in Metrics are not unique.")
    stats: dict[str, StatQuery] = {}
    for position, metric in enumerate(metrics, start=1):
        where = f"Metrics.member.{position}"
        if ("MetricStat" in metric) == ("Expression" in metric):
            raise _validation(f"Exactly one of {where}.MetricStat and {where}.Expression must be specified.")
        if "MetricStat" in metric:
            _check_alarm_period(metric["MetricStat"]["Period"], f"{where}.MetricStat.Period")
            stats[metric["Id"]] = check_metric_stat(metric["MetricStat"], f"{where}.MetricStat")
        else:
            try:
                mathexpr.parse(metric["Expression"])
            except mathexpr.ExpressionError as exc:
                raise _validation(f"Error in expression {metric['Id']}: {exc}") from None
    periods = {q.period for q in stats.values()}
    if len(periods) > 1:
        raise _validation("All metrics of a metric math alarm must use the same period.")
    period = periods.pop() if periods else None
    if period is None:
        period = next((int(m["Period"]) for m in metrics if m.get("Period")), None)
        period = _check_alarm_period(period, "Metrics.member.1.Period")
    return stats, period
