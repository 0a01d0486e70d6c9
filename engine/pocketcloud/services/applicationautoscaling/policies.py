"""Scaling policies: what PutScalingPolicy accepts, the alarms target tracking creates, and the capacity arithmetic.

*Target tracking* (https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html,
checked 2026-12-01): "Application Auto Scaling creates and manages the CloudWatch alarms that invoke the scaling
policy and calculates the scaling adjustment based on the metric and the target value." It scales out
"proportional to the metric value as fast as it can" and scales in conservatively: "if removing a minimum capacity
unit would push the metric above the target value" it does not scale in. Two alarms are created, named
``TargetTracking-<ResourceId>-AlarmHigh-<uuid>`` and ``...-AlarmLow-<uuid>``, described "DO NOT EDIT OR DELETE. For
TargetTrackingScaling policy <policy ARN>:createdBy/<uuid>.", with the policy ARN plus ``:createdBy/<uuid>`` as
their action. Their shape is copied from real alarms exported from AWS accounts (Terraform exports in public
repositories, 2021-2024): AlarmHigh ``GreaterThanThreshold`` the target, 3 evaluation periods of 60 s; AlarmLow
``LessThanThreshold`` 90 % of the target, 15 evaluation periods of 60 s (an ECS CPU target of 50 gives 50 and 45);
``Average`` of ``AWS/ECS`` ``CPUUtilization`` (or ``MemoryUtilization``) by ClusterName and ServiceName in
``Percent``; ``Sum`` of ``AWS/ApplicationELB`` ``RequestCountPerTarget`` by TargetGroup for ALBRequestCountPerTarget.
With DisableScaleIn only AlarmHigh is created (pocketcloud's reading: a scale-in alarm would have nothing to do).

The capacity arithmetic is a pocketcloud model of the documented behaviour: scale-out sets
``ceil(capacity * metric / target)``; scale-in sets the same rounded up, and only when that is below the current
capacity (so one unit fewer never pushes the metric over the target). During a scale-out cooldown "the capacity
that has been added by the previous scale-out action that initiated the cooldown is calculated as part of the
desired capacity for the next scale out": the next scale-out starts from the capacity before that action and only
acts if it asks for more. https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TargetTrackingScalingPolicyConfiguration.html

*Step scaling* (https://docs.aws.amazon.com/autoscaling/application/userguide/step-scaling-policy-overview.html,
https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepAdjustment.html): the adjustment whose
bounds contain ``metric - threshold`` applies; above the threshold "the lower bound is inclusive and the upper bound
is exclusive", below it the lower bound is exclusive and the upper inclusive; a null bound is infinity. Intervals
may not overlap nor have gaps. PercentChangeInCapacity rounds as EC2 Auto Scaling documents: a result between 0 and 1
becomes 1 (-1 below zero), larger ones round toward zero, and MinAdjustmentMagnitude is the least change.

*Cooldown defaults*: 300 s for ECS services, 0 for Lambda provisioned concurrency (the "Define cooldown periods"
list of the target tracking overview, and ``StepScalingPolicyConfiguration.Cooldown``).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

from ...errors import ServiceError

#: Predefined metric -> (namespace, metric name, statistic, unit). ``None`` namespace: not simulated here.
PREDEFINED = {
    "ECSServiceAverageCPUUtilization": ("AWS/ECS", "CPUUtilization", "Average", "Percent"),
    "ECSServiceAverageMemoryUtilization": ("AWS/ECS", "MemoryUtilization", "Average", "Percent"),
    "ALBRequestCountPerTarget": ("AWS/ApplicationELB", "RequestCountPerTarget", "Sum", None),
    # Lambda's ProvisionedConcurrencyUtilization is a ratio (unit None): "For example, .5 indicates that 50 percent
    # of allocated provisioned concurrency is in use" (CDK's UtilizationScalingOptions, and Lambda's own page
    # https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html#managing-provisioned-concurrency).
    "LambdaProvisionedConcurrencyUtilization": ("AWS/Lambda", "ProvisionedConcurrencyUtilization", "Average", None),
}
#: Which predefined metrics fit which namespace.
PREDEFINED_NAMESPACE = {
    "ECSServiceAverageCPUUtilization": "ecs",
    "ECSServiceAverageMemoryUtilization": "ecs",
    "ALBRequestCountPerTarget": "ecs",
    "LambdaProvisionedConcurrencyUtilization": "lambda",
}
DEFAULT_COOLDOWN_S = {"ecs": 300, "lambda": 0}
HIGH_PERIODS, LOW_PERIODS, ALARM_PERIOD_S = 3, 15, 60
LOW_FRACTION = 0.9
#: TargetValue range: "8.515920e-109 to 1.174271e+108 (Base 10)".
TARGET_MIN, TARGET_MAX = 8.515920e-109, 1.174271e108


def _invalid(message: str) -> ServiceError:
    return ServiceError("ValidationException", message)


@dataclass
class Policy:
    """One scaling policy of one scalable target."""

    name: str
    arn: str
    namespace: str
    resource_id: str
    dimension: str
    policy_type: str
    config: dict[str, Any]
    created_at: float
    #: Target tracking: the alarms it manages (name, ARN) and the ``createdBy`` id of their action.
    alarms: list[tuple[str, str]] = field(default_factory=list)
    created_by: str = ""

    @property
    def action_arn(self) -> str:
        return f"{self.arn}:createdBy/{self.created_by}" if self.created_by else self.arn

    def describe(self) -> dict[str, Any]:
        member = {
            "TargetTrackingScaling": "TargetTrackingScalingPolicyConfiguration",
            "StepScaling": "StepScalingPolicyConfiguration",
        }[self.policy_type]
        from ...timeutil import to_datetime

        return {
            "PolicyARN": self.arn,
            "PolicyName": self.name,
            "ServiceNamespace": self.namespace,
            "ResourceId": self.resource_id,
            "ScalableDimension": self.dimension,
            "PolicyType": self.policy_type,
            member: _copy(self.config),
            "Alarms": [{"AlarmName": n, "AlarmARN": a} for n, a in self.alarms],
            "CreationTime": to_datetime(self.created_at),
        }


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def check_target_tracking(config: dict[str, Any] | None, namespace: str) -> dict[str, Any]:
    """Check a TargetTrackingScalingPolicyConfiguration (ValidationException on the first problem)."""
    if config is None:
        raise _invalid("TargetTrackingScalingPolicyConfiguration is required for a TargetTrackingScaling policy")
    target = float(config["TargetValue"])
    if not TARGET_MIN <= target <= TARGET_MAX:
        raise _invalid(f"The target value {target} must be between {TARGET_MIN} and {TARGET_MAX}.")
    predefined, custom = config.get("PredefinedMetricSpecification"), config.get("CustomizedMetricSpecification")
    if (predefined is None) == (custom is None):
        raise _invalid("Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification must be given")
    if predefined is not None:
        kind = predefined["PredefinedMetricType"]
        if kind not in PREDEFINED:
            raise _invalid(f"pocketcloud does not simulate the predefined metric {kind}.")
        if PREDEFINED_NAMESPACE[kind] != namespace:
            raise _invalid(f"Predefined metric {kind} is not supported for service namespace {namespace}")
        if kind == "ALBRequestCountPerTarget" and not predefined.get("ResourceLabel"):
            raise _invalid("ResourceLabel is required for predefined metric type ALBRequestCountPerTarget")
    else:
        assert custom is not None
        if custom.get("Metrics"):
            if any(custom.get(k) for k in ("MetricName", "Namespace", "Dimensions", "Statistic")):
                raise _invalid("Metrics cannot be combined with MetricName, Namespace, Dimensions or Statistic")
            if sum(1 for m in custom["Metrics"] if m.get("ReturnData", True)) != 1:
                raise _invalid("Exactly one metric data query must have ReturnData set to true")
        elif not (custom.get("MetricName") and custom.get("Namespace") and custom.get("Statistic")):
            raise _invalid("MetricName, Namespace and Statistic are required for a customized metric")
    for member in ("ScaleOutCooldown", "ScaleInCooldown"):
        if config.get(member) is not None and config[member] < 0:
            raise _invalid(f"{member} must be greater than or equal to 0")
    return config


def check_step(config: dict[str, Any] | None) -> dict[str, Any]:
    """Check a StepScalingPolicyConfiguration: adjustment type, steps without gaps or overlaps."""
    if config is None:
        raise _invalid("StepScalingPolicyConfiguration is required for a StepScaling policy")
    if not config.get("AdjustmentType"):
        raise _invalid("AdjustmentType is required for a StepScaling policy")
    steps = config.get("StepAdjustments") or []
    if not steps:
        raise _invalid("StepAdjustments must have at least one step adjustment")
    if config.get("MinAdjustmentMagnitude") is not None and config["AdjustmentType"] != "PercentChangeInCapacity":
        raise _invalid("MinAdjustmentMagnitude is only supported for the PercentChangeInCapacity adjustment type")
    if config["AdjustmentType"] == "ExactCapacity" and any(s["ScalingAdjustment"] < 0 for s in steps):
        raise _invalid("ScalingAdjustment cannot be negative for the ExactCapacity adjustment type")
    ordered = sorted(steps, key=lambda s: s.get("MetricIntervalLowerBound", -math.inf))
    for step in ordered:
        low, high = step.get("MetricIntervalLowerBound"), step.get("MetricIntervalUpperBound")
        if low is None and high is None and len(steps) > 1:
            raise _invalid("Only one step adjustment can have no lower and no upper bound")
        if low is not None and high is not None and low >= high:
            raise _invalid("The upper bound of a step adjustment must be greater than its lower bound")
    for before, after in itertools.pairwise(ordered):
        high, low = before.get("MetricIntervalUpperBound"), after.get("MetricIntervalLowerBound")
        if high is None or low is None or high != low:
            raise _invalid("Step adjustment intervals must not overlap and must not have gaps between them")
    for member in ("Cooldown",):
        if config.get(member) is not None and config[member] < 0:
            raise _invalid(f"{member} must be greater than or equal to 0")
    return config


def alarm_metric(config: dict[str, Any], resource_id: str, parts: tuple[str, str]) -> dict[str, Any]:
    """The PutMetricAlarm members naming the metric a target tracking policy tracks."""
    predefined = config.get("PredefinedMetricSpecification")
    if predefined is not None:
        kind = predefined["PredefinedMetricType"]
        namespace, name, statistic, unit = PREDEFINED[kind]
        if kind == "ALBRequestCountPerTarget":
            label = predefined["ResourceLabel"]
            group = label[label.find("targetgroup/") :] if "targetgroup/" in label else label
            dims = [{"Name": "TargetGroup", "Value": group}]
        elif namespace == "AWS/ECS":
            dims = [{"Name": "ClusterName", "Value": parts[0]}, {"Name": "ServiceName", "Value": parts[1]}]
        else:
            resource = f"{parts[0]}:{parts[1]}"
            dims = [{"Name": "FunctionName", "Value": parts[0]}, {"Name": "Resource", "Value": resource}]
        out: dict[str, Any] = {
            "Namespace": namespace, "MetricName": name, "Statistic": statistic, "Dimensions": dims,
            "Period": ALARM_PERIOD_S,
        }  # fmt: skip
        if unit is not None:
            out["Unit"] = unit
        return out
    custom = config["CustomizedMetricSpecification"]
    if custom.get("Metrics"):
        queries = []
        for query in custom["Metrics"]:
            item: dict[str, Any] = {"Id": query["Id"], "ReturnData": query.get("ReturnData", True)}
            if "Label" in query:
                item["Label"] = query["Label"]
            if "Expression" in query:
                item["Expression"] = query["Expression"]
                item["Period"] = ALARM_PERIOD_S
            if "MetricStat" in query:
                stat = query["MetricStat"]
                metric = {k: _copy(v) for k, v in stat["Metric"].items()}
                item["MetricStat"] = {"Metric": metric, "Period": ALARM_PERIOD_S, "Stat": stat["Stat"]}
                if "Unit" in stat:
                    item["MetricStat"]["Unit"] = stat["Unit"]
            queries.append(item)
        return {"Metrics": queries}
    out = {
        "Namespace": custom["Namespace"], "MetricName": custom["MetricName"], "Statistic": custom["Statistic"],
        "Dimensions": _copy(custom.get("Dimensions") or []), "Period": ALARM_PERIOD_S,
    }  # fmt: skip
    if custom.get("Unit"):
        out["Unit"] = custom["Unit"]
    return out


def tracking_alarms(
    config: dict[str, Any], resource_id: str, parts: tuple[str, str]
) -> list[tuple[str, dict[str, Any]]]:
    """(kind, PutMetricAlarm members without name/description/actions) for AlarmHigh and, unless scale-in is
    disabled, AlarmLow."""
    metric = alarm_metric(config, resource_id, parts)
    target = float(config["TargetValue"])
    high = {**metric, "ComparisonOperator": "GreaterThanThreshold", "Threshold": target,
            "EvaluationPeriods": HIGH_PERIODS, "TreatMissingData": "missing"}  # fmt: skip
    found = [("AlarmHigh", high)]
    if not config.get("DisableScaleIn", False):
        low = {**_copy(metric), "ComparisonOperator": "LessThanThreshold", "Threshold": target * LOW_FRACTION,
               "EvaluationPeriods": LOW_PERIODS, "TreatMissingData": "missing"}  # fmt: skip
        found.append(("AlarmLow", low))
    return found


def tracking_capacity(current: int, metric: float, target: float) -> int:
    """The capacity that brings ``metric`` (measured at ``current``) to ``target``: rounded up, in both directions."""
    if current <= 0:
        return 1 if metric > target else 0
    return max(0, math.ceil(current * metric / target - 1e-9))


def step_for(steps: list[dict[str, Any]], difference: float) -> dict[str, Any] | None:
    """The step adjustment whose interval contains ``metric - threshold`` (bounds as the API reference says)."""
    for step in steps:
        low = step.get("MetricIntervalLowerBound", -math.inf)
        high = step.get("MetricIntervalUpperBound", math.inf)
        if difference >= 0:
            if low <= difference < high or (high == math.inf and difference >= low):
                return step
        elif low < difference <= high:
            return step
    return None


def step_capacity(config: dict[str, Any], current: int, adjustment: int) -> int:
    """The capacity one step adjustment asks for (before min/max clamping)."""
    kind = config["AdjustmentType"]
    if kind == "ExactCapacity":
        return adjustment
    if kind == "ChangeInCapacity":
        return current + adjustment
    change = current * adjustment / 100.0
    if 0 < change < 1:
        rounded = 1
    elif -1 < change < 0:
        rounded = -1
    else:
        rounded = int(change)  # toward zero
    minimum = config.get("MinAdjustmentMagnitude")
    if minimum is not None and rounded != 0 and abs(rounded) < minimum:
        rounded = minimum if rounded > 0 else -minimum
    return current + rounded
