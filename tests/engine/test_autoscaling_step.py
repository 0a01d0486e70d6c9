"""Step scaling: a CloudWatch alarm the user creates invokes the policy ARN; step adjustments by the size of the
breach, adjustment types, MetricAggregationType, cooldown, and the alarm history's action items.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/autoscaling/application/userguide/step-scaling-policy-overview.html
- https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepScalingPolicyConfiguration.html
- https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepAdjustment.html
- https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-simple-step.html (PercentChangeInCapacity rounding)
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html (actions, repeats)
"""

from __future__ import annotations

from typing import Any

import pytest

import pocketcloud
from pocketcloud.services.applicationautoscaling import policies

from .autoscaling_support import TARGET, activities, capacity, publish, registered

GREATER = "GreaterThanThreshold"
STEPS = [
    {"MetricIntervalLowerBound": 0.0, "MetricIntervalUpperBound": 20.0, "ScalingAdjustment": 1},
    {"MetricIntervalLowerBound": 20.0, "ScalingAdjustment": 3},
]


def step_policy(aas: Any, steps: list[dict[str, Any]] | None = None, **config: Any) -> str:
    body: dict[str, Any] = {"AdjustmentType": "ChangeInCapacity", "StepAdjustments": steps or STEPS, "Cooldown": 0}
    body.update(config)
    arn: str = aas.put_scaling_policy(
        PolicyName="step", **TARGET, PolicyType="StepScaling", StepScalingPolicyConfiguration=body
    )["PolicyARN"]
    return arn


def user_alarm(cloud: pocketcloud.Cloud, arn: str, threshold: float = 50.0, operator: str = GREATER) -> None:
    cloud.client("cloudwatch").put_metric_alarm(
        AlarmName="busy-high", Namespace="App", MetricName="Busy", Statistic="Average", Period=60, EvaluationPeriods=1,
        Threshold=threshold, ComparisonOperator=operator, AlarmActions=[arn],
    )  # fmt: skip


@pytest.mark.parametrize(("value", "expected"), [(60.0, 3), (69.999, 3), (70.0, 5), (120.0, 5)])
def test_step_by_the_size_of_the_breach(cloud: pocketcloud.Cloud, value: float, expected: int) -> None:
    """Above the threshold "the lower bound is inclusive and the upper bound is exclusive": with a threshold of 50,
    a breach of 10 or 19.999 takes the first step (+1), 20 and more the second (+3)."""
    aas = registered(cloud, low=2)
    user_alarm(cloud, step_policy(aas))
    publish(cloud, value, 1)
    assert capacity(cloud) == expected
    last = activities(aas)[-1]
    assert last["Cause"] == "monitor alarm busy-high in state ALARM triggered policy step"
    assert last["Description"] == f"Setting desired concurrency to {expected}."


def test_scale_in_step_below_the_threshold(cloud: pocketcloud.Cloud) -> None:
    """Below the threshold the intervals are negative: [-inf, -10] removes 2, (-10, 0] removes 1; the minimum holds."""
    aas = registered(cloud, low=5)
    aas.register_scalable_target(**TARGET, MinCapacity=2)
    steps = [
        {"MetricIntervalUpperBound": -10.0, "ScalingAdjustment": -2},
        {"MetricIntervalLowerBound": -10.0, "MetricIntervalUpperBound": 0.0, "ScalingAdjustment": -1},
    ]
    user_alarm(cloud, step_policy(aas, steps), threshold=30.0, operator="LessThanThreshold")
    publish(cloud, 20.0, 1)  # 20 - 30 = -10: the lower step's inclusive upper bound
    assert capacity(cloud) == 3
    publish(cloud, 1.0, 2)
    assert capacity(cloud) == 2


def test_repeats_every_period_in_alarm_and_cooldown_counts_added_capacity(cloud: pocketcloud.Cloud) -> None:
    """The alarm invokes the policy every minute it stays in ALARM; during the Cooldown the capacity the first
    scale-out added counts toward the next one, so the same breach adds nothing more until the cooldown ends."""
    aas = registered(cloud, low=2)
    user_alarm(cloud, step_policy(aas, Cooldown=300))
    publish(cloud, 60.0, 1)
    assert capacity(cloud) == 3
    publish(cloud, 60.0, 2)
    assert capacity(cloud) == 3  # in cooldown: 2 + 1 is already there
    publish(cloud, 80.0, 1)
    assert capacity(cloud) == 5  # a bigger breach: 2 + 3, from the capacity before the cooldown
    publish(cloud, 60.0, 6)
    assert capacity(cloud) == 6  # the cooldown (restarted at 240 s) ends at 540 s: +1 again, once


def test_history_records_the_action(cloud: pocketcloud.Cloud) -> None:
    aas = registered(cloud, low=2)
    arn = step_policy(aas)
    user_alarm(cloud, arn)
    publish(cloud, 60.0, 1)
    actions = cloud.client("cloudwatch").describe_alarm_history(AlarmName="busy-high", HistoryItemType="Action")
    assert actions["AlarmHistoryItems"][-1]["HistorySummary"] == f"Successfully executed action {arn}"


def test_deleted_policy_leaves_the_alarm_and_its_action_fails(cloud: pocketcloud.Cloud) -> None:
    """ "Deleting a step scaling policy deletes the underlying alarm action, but it does not delete the alarm"
    (DeleteScalingPolicy); the action now finds no policy."""
    aas = registered(cloud, low=2)
    arn = step_policy(aas)
    user_alarm(cloud, arn)
    aas.delete_scaling_policy(PolicyName="step", **TARGET)
    publish(cloud, 60.0, 1)
    assert capacity(cloud) == 2
    assert [a["AlarmName"] for a in cloud.client("cloudwatch").describe_alarms()["MetricAlarms"]] == ["busy-high"]
    items = cloud.client("cloudwatch").describe_alarm_history(AlarmName="busy-high", HistoryItemType="Action")
    assert items["AlarmHistoryItems"][-1]["HistorySummary"].startswith(f"Failed to execute action {arn}")


def test_exact_capacity_and_metric_aggregation(cloud: pocketcloud.Cloud) -> None:
    """ExactCapacity sets the capacity; MetricAggregationType=Maximum judges the period's largest value."""
    aas = registered(cloud, low=1)
    user_alarm(
        cloud,
        step_policy(aas, [{"MetricIntervalLowerBound": 0.0, "ScalingAdjustment": 7}], AdjustmentType="ExactCapacity",
                    MetricAggregationType="Maximum"),
    )  # fmt: skip
    publish(cloud, 60.0, 1)
    assert capacity(cloud) == 7


@pytest.mark.parametrize(
    ("current", "adjustment", "minimum", "expected"),
    [(10, 50, None, 15), (3, 10, None, 4), (3, -10, None, 2), (10, -25, None, 8), (10, 10, 3, 13), (7, 33, None, 9)],
)
def test_percent_change_rounding(current: int, adjustment: int, minimum: int | None, expected: int) -> None:
    """PercentChangeInCapacity: a change between 0 and 1 is 1 (-1 below zero), larger ones round toward zero;
    MinAdjustmentMagnitude is the least change."""
    config: dict[str, Any] = {"AdjustmentType": "PercentChangeInCapacity"}
    if minimum is not None:
        config["MinAdjustmentMagnitude"] = minimum
    assert policies.step_capacity(config, current, adjustment) == expected


@pytest.mark.parametrize(
    "steps",
    [
        [{"MetricIntervalLowerBound": 0.0, "MetricIntervalUpperBound": 10.0, "ScalingAdjustment": 1},
         {"MetricIntervalLowerBound": 20.0, "ScalingAdjustment": 2}],
        [{"MetricIntervalLowerBound": 0.0, "MetricIntervalUpperBound": 30.0, "ScalingAdjustment": 1},
         {"MetricIntervalLowerBound": 20.0, "ScalingAdjustment": 2}],
        [],
    ],
)  # fmt: skip
def test_gaps_overlaps_and_no_steps_are_refused(cloud: pocketcloud.Cloud, steps: list[dict[str, Any]]) -> None:
    """Step intervals "can't overlap" and must leave no gap; nothing is stored when refused."""
    aas = registered(cloud)
    with pytest.raises(aas.exceptions.ValidationException):
        aas.put_scaling_policy(
            PolicyName="step", **TARGET, PolicyType="StepScaling",
            StepScalingPolicyConfiguration={"AdjustmentType": "ChangeInCapacity", "StepAdjustments": steps},
        )  # fmt: skip
    assert aas.describe_scaling_policies(ServiceNamespace="lambda")["ScalingPolicies"] == []
