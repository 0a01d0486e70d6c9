"""Target tracking scaling: the alarms Application Auto Scaling creates, scale-out fast, scale-in conservative,
cooldowns, DisableScaleIn, insufficient data, capacity limits — on the virtual clock, through CloudWatch and Lambda.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html
- https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TargetTrackingScalingPolicyConfiguration.html
- https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-scaling-activities.html
- https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-autoscaling-targettracking.html
- real target tracking alarms exported from AWS accounts (Terraform exports in public repositories): AlarmHigh
  GreaterThanThreshold target, 3 x 60 s; AlarmLow LessThanThreshold 0.9 x target, 15 x 60 s; "DO NOT EDIT OR DELETE."
"""

from __future__ import annotations

import re
from typing import Any

import pytest

import pocketcloud
from pocketcloud import traffic
from pocketcloud.services.applicationautoscaling import policies

from .autoscaling_support import TARGET, activities, busy_metric, capacity, publish, registered


def tracking(aas: Any, name: str = "busy", **config: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"TargetValue": 50.0, "CustomizedMetricSpecification": busy_metric()}
    body.update(config)
    result: dict[str, Any] = aas.put_scaling_policy(
        PolicyName=name, **TARGET, PolicyType="TargetTrackingScaling", TargetTrackingScalingPolicyConfiguration=body
    )
    return result


def alarms(cloud: pocketcloud.Cloud) -> dict[str, dict[str, Any]]:
    found = cloud.client("cloudwatch").describe_alarms()["MetricAlarms"]
    return {("High" if "-AlarmHigh-" in a["AlarmName"] else "Low"): a for a in found}


def test_policy_creates_alarm_high_and_alarm_low(cloud: pocketcloud.Cloud) -> None:
    """Application Auto Scaling "creates and manages the CloudWatch alarms": AlarmHigh (> target, 3 datapoints of
    1 minute) and AlarmLow (< 90 % of the target, 15 datapoints of 1 minute), named
    TargetTracking-<ResourceId>-AlarmHigh/Low-<uuid>, whose action is the policy ARN plus ``:createdBy/<uuid>``."""
    aas = registered(cloud)
    result = tracking(aas)
    arn = result["PolicyARN"]
    assert re.fullmatch(
        r"arn:aws:autoscaling:ap-northeast-2:123456789012:scalingPolicy:[0-9a-f-]{36}:resource/lambda/"
        r"function:api:live:policyName/busy",
        arn,
    )
    found = alarms(cloud)
    high, low = found["High"], found["Low"]
    assert re.fullmatch(r"TargetTracking-function:api:live-AlarmHigh-[0-9a-f-]{36}", high["AlarmName"])
    assert (high["ComparisonOperator"], high["Threshold"], high["EvaluationPeriods"], high["Period"]) == (
        "GreaterThanThreshold", 50.0, 3, 60,
    )  # fmt: skip
    assert (low["ComparisonOperator"], low["Threshold"], low["EvaluationPeriods"], low["Period"]) == (
        "LessThanThreshold", 45.0, 15, 60,
    )  # fmt: skip
    (action,) = high["AlarmActions"]
    assert re.fullmatch(re.escape(arn) + r":createdBy/[0-9a-f-]{36}", action)
    assert high["AlarmDescription"] == f"DO NOT EDIT OR DELETE. For TargetTrackingScaling policy {action}."
    assert [a["AlarmName"] for a in result["Alarms"]] == [high["AlarmName"], low["AlarmName"]]
    (described,) = aas.describe_scaling_policies(ServiceNamespace="lambda")["ScalingPolicies"]
    assert described["Alarms"] == result["Alarms"] and described["PolicyType"] == "TargetTrackingScaling"


def test_disable_scale_in_creates_no_low_alarm(cloud: pocketcloud.Cloud) -> None:
    """With DisableScaleIn "the target tracking policy won't remove capacity": no scale-in alarm is needed."""
    aas = registered(cloud)
    result = tracking(aas, DisableScaleIn=True)
    assert len(result["Alarms"]) == 1 and "-AlarmHigh-" in result["Alarms"][0]["AlarmName"]


def test_predefined_metrics_name_the_documented_metrics() -> None:
    """ECSServiceAverageCPUUtilization is the Average of AWS/ECS CPUUtilization by ClusterName and ServiceName in
    Percent; ALBRequestCountPerTarget the Sum of AWS/ApplicationELB RequestCountPerTarget by TargetGroup;
    LambdaProvisionedConcurrencyUtilization AWS/Lambda ProvisionedConcurrencyUtilization by FunctionName and
    Resource (as real exported alarms and Lambda's metrics page show them)."""
    cpu = policies.alarm_metric(
        {"PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}},
        "service/default/web", ("default", "web"),
    )  # fmt: skip
    assert cpu == {
        "Namespace": "AWS/ECS", "MetricName": "CPUUtilization", "Statistic": "Average", "Period": 60,
        "Dimensions": [{"Name": "ClusterName", "Value": "default"}, {"Name": "ServiceName", "Value": "web"}],
        "Unit": "Percent",
    }  # fmt: skip
    label = "app/my-alb/778d41231b141a0f/targetgroup/my-tg/943f017f100becff"
    alb = policies.alarm_metric(
        {"PredefinedMetricSpecification": {"PredefinedMetricType": "ALBRequestCountPerTarget", "ResourceLabel": label}},
        "service/default/web", ("default", "web"),
    )  # fmt: skip
    assert alb["Statistic"] == "Sum" and alb["MetricName"] == "RequestCountPerTarget"
    assert alb["Dimensions"] == [{"Name": "TargetGroup", "Value": "targetgroup/my-tg/943f017f100becff"}]
    lam = policies.alarm_metric(
        {"PredefinedMetricSpecification": {"PredefinedMetricType": "LambdaProvisionedConcurrencyUtilization"}},
        "function:api:live", ("api", "live"),
    )  # fmt: skip
    assert lam["Dimensions"] == [{"Name": "FunctionName", "Value": "api"}, {"Name": "Resource", "Value": "api:live"}]


def test_scale_out_after_three_breaching_minutes_proportionally(cloud: pocketcloud.Cloud) -> None:
    """Scale-out waits for AlarmHigh (3 datapoints of one minute above the target) and then adds capacity
    "proportional to the metric value": 2 at twice the target become 4. The activity reads as a real Lambda one:
    "Setting desired concurrency to 5." / "Successfully set desired concurrency to 5. Change successfully fulfilled
    by lambda." (https://www.luminis.eu/blog/aws-lambda-provisioned-concurrency-autoscaling-with-aws-cdk/; this test
    used to expect "provisioned concurrency", a transposition of the ECS example that Lambda does not write)."""
    aas = registered(cloud, low=2)
    tracking(aas)
    publish(cloud, 100.0, 2)
    assert capacity(cloud) == 2  # two breaching minutes are not enough
    publish(cloud, 100.0, 1)
    assert capacity(cloud) == 4
    last = activities(aas)[-1]
    high = alarms(cloud)["High"]["AlarmName"]
    assert last["Description"] == "Setting desired concurrency to 4."
    assert last["Cause"] == f"monitor alarm {high} in state ALARM triggered policy busy"
    assert last["StatusCode"] == "Successful"
    assert last["StatusMessage"] == (
        "Successfully set desired concurrency to 4. Change successfully fulfilled by lambda."
    )
    assert last["StartTime"] == pocketcloud.timeutil.to_datetime(180)


def test_scale_out_repeats_while_the_alarm_stays_in_alarm(cloud: pocketcloud.Cloud) -> None:
    """A scaling policy is invoked "for every period that the alarm remains in the new state" (the EC2 Auto Scaling
    rule, modelled for Application Auto Scaling): with Lambda's default scale-out cooldown of 0 it keeps adding."""
    aas = registered(cloud, low=2)
    tracking(aas)
    publish(cloud, 100.0, 4)
    assert capacity(cloud) == 8
    assert [a["Description"] for a in activities(aas)][-2:] == [
        "Setting desired concurrency to 4.", "Setting desired concurrency to 8.",
    ]  # fmt: skip


def test_scale_out_cooldown_counts_the_capacity_already_added(cloud: pocketcloud.Cloud) -> None:
    """During a scale-out cooldown "the capacity that has been added by the previous scale out event that initiated
    the cooldown is calculated as part of the desired capacity for the next scale out": the same breach adds nothing
    more, a bigger one adds only the difference."""
    aas = registered(cloud, low=2)
    tracking(aas, ScaleOutCooldown=300)
    publish(cloud, 100.0, 4)
    assert capacity(cloud) == 4  # at 240 s: ceil(2 x 100 / 50) = 4, already there
    publish(cloud, 150.0, 1)
    assert capacity(cloud) == 6  # ceil(2 x 150 / 50) = 6, from the capacity before the cooldown began
    not_scaled = [a for a in activities(aas, include=True) if a["StatusCode"] == "Failed"]
    assert not_scaled[0]["NotScaledReasons"][0]["Code"] == "AlreadyAtDesiredCapacity"
    assert not_scaled[0]["Description"] == "Attempting to scale due to alarm triggered"


def test_scale_in_waits_fifteen_minutes_and_removes_conservatively(cloud: pocketcloud.Cloud) -> None:
    """Scale-in needs AlarmLow: 15 datapoints of one minute under 90 % of the target; it then removes only what keeps
    the metric under the target (rounding the new capacity up): 4 at 20 % of a 50 target become ceil(1.6) = 2."""
    aas = registered(cloud, low=4)
    aas.register_scalable_target(**TARGET, MinCapacity=1)
    tracking(aas)
    publish(cloud, 20.0, 14)
    assert capacity(cloud) == 4
    publish(cloud, 20.0, 1)
    assert capacity(cloud) == 2
    low = alarms(cloud)["Low"]["AlarmName"]
    assert activities(aas)[-1]["Cause"] == f"monitor alarm {low} in state ALARM triggered policy busy"


def test_scale_in_cooldown_blocks_the_next_scale_in(cloud: pocketcloud.Cloud) -> None:
    """ "The cooldown period is used to block subsequent scale in requests until it has expired.\""""
    aas = registered(cloud, low=1)
    aas.register_scalable_target(**TARGET, MinCapacity=8)
    aas.register_scalable_target(**TARGET, MinCapacity=1)
    tracking(aas, ScaleInCooldown=600)
    publish(cloud, 10.0, 15)
    assert capacity(cloud) == 2  # ceil(8 x 10 / 50)
    publish(cloud, 10.0, 5)
    assert capacity(cloud) == 2  # still cooling down (600 s)
    publish(cloud, 10.0, 6)
    assert capacity(cloud) == 1


def test_disable_scale_in_never_removes_capacity(cloud: pocketcloud.Cloud) -> None:
    aas = registered(cloud, low=1)
    aas.register_scalable_target(**TARGET, MinCapacity=4)
    aas.register_scalable_target(**TARGET, MinCapacity=1)
    tracking(aas, DisableScaleIn=True)
    publish(cloud, 5.0, 20)
    assert capacity(cloud) == 4


def test_insufficient_data_scales_nothing(cloud: pocketcloud.Cloud) -> None:
    """ "A target tracking scaling policy does not perform scaling when the specified metric has insufficient data"."""
    aas = registered(cloud, low=3)
    tracking(aas)
    cloud.run(until=3600)
    assert capacity(cloud) == 3
    assert len(activities(aas, include=True)) == 1  # only the registration's


def test_maximum_capacity_caps_and_is_reported_as_not_scaled(cloud: pocketcloud.Cloud) -> None:
    """Scaling "is blocked by the maximum capacity that you specified": AlreadyAtMaxCapacity with MaxCapacity, shown
    only with IncludeNotScaledActivities."""
    aas = registered(cloud, low=2, high=5)
    tracking(aas)
    publish(cloud, 500.0, 4)
    assert capacity(cloud) == 5
    assert all(a["StatusCode"] == "Successful" for a in activities(aas))
    failed = [a for a in activities(aas, include=True) if a["StatusCode"] == "Failed"]
    assert failed[-1]["NotScaledReasons"] == [{"Code": "AlreadyAtMaxCapacity", "MaxCapacity": 5}]


def test_scale_in_needs_every_tracking_policy_ready(cloud: pocketcloud.Cloud) -> None:
    """With several target tracking policies, the target scales in "only if all of the target tracking policies
    (with the scale-in portion enabled) are ready to scale in"."""
    aas = registered(cloud, low=4)
    aas.register_scalable_target(**TARGET, MinCapacity=1)
    tracking(aas, "busy")
    tracking(aas, "other", CustomizedMetricSpecification=busy_metric(MetricName="Other"))
    publish(cloud, 10.0, 20)  # Busy is low; Other has no data, so its AlarmLow never goes to ALARM
    assert capacity(cloud) == 4


def test_updating_a_policy_replaces_its_alarms_and_deleting_removes_them(cloud: pocketcloud.Cloud) -> None:
    aas = registered(cloud)
    first = {a["AlarmName"] for a in tracking(aas)["Alarms"]}
    second = {a["AlarmName"] for a in tracking(aas, TargetValue=60.0)["Alarms"]}
    names = {a["AlarmName"] for a in cloud.client("cloudwatch").describe_alarms()["MetricAlarms"]}
    assert names == second and not first & second
    assert alarms(cloud)["High"]["Threshold"] == 60.0
    aas.delete_scaling_policy(PolicyName="busy", **TARGET)
    assert cloud.client("cloudwatch").describe_alarms()["MetricAlarms"] == []


CPU = "ECSServiceAverageCPUUtilization"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"TargetValue": 50.0}, "Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification"),
        (
            {"TargetValue": 50.0, "PredefinedMetricSpecification": {"PredefinedMetricType": CPU}},
            "Predefined metric ECSServiceAverageCPUUtilization is not supported for service namespace lambda",
        ),
        ({"TargetValue": 0.0, "CustomizedMetricSpecification": busy_metric()}, "The target value"),
    ],
)
def test_impossible_targets_are_refused_and_nothing_changes(
    cloud: pocketcloud.Cloud, config: dict[str, Any], message: str
) -> None:
    aas = registered(cloud)
    with pytest.raises(aas.exceptions.ValidationException) as err:
        aas.put_scaling_policy(
            PolicyName="bad", **TARGET, PolicyType="TargetTrackingScaling",
            TargetTrackingScalingPolicyConfiguration=config,
        )  # fmt: skip
    assert message in err.value.response["Error"]["Message"]
    assert aas.describe_scaling_policies(ServiceNamespace="lambda")["ScalingPolicies"] == []
    assert cloud.client("cloudwatch").describe_alarms()["MetricAlarms"] == []


def test_lambda_provisioned_concurrency_chases_real_traffic() -> None:
    """End to end on the one invoke path: 10 requests a second of 0.5 s on the alias keep about 5 environments
    busy; LambdaProvisionedConcurrencyUtilization at a 0.7 target grows provisioned concurrency from 1 until the
    utilisation falls under the target (ceil(5 / 0.7) = 8), and the same seed gives the same activities."""

    def run() -> list[tuple[str, str]]:
        cloud = pocketcloud.Cloud(seed=3)
        aas = registered(cloud, low=1, high=50)
        aas.put_scaling_policy(
            PolicyName="pc", **TARGET, PolicyType="TargetTrackingScaling",
            TargetTrackingScalingPolicyConfiguration={
                "TargetValue": 0.7,
                "PredefinedMetricSpecification": {"PredefinedMetricType": "LambdaProvisionedConcurrencyUtilization"},
            },
        )  # fmt: skip
        cloud.run(until=120)
        traffic.drive(cloud, traffic.constant(10, 900), traffic.sync("api", qualifier="live"))
        cloud.run(until=1100)
        assert 6 <= capacity(cloud) <= 9
        return [(a["StartTime"].isoformat(), a["Description"]) for a in activities(aas)]

    first = run()
    assert len(first) >= 3
    assert first == run()


def test_customized_metric_math_is_tracked(cloud: pocketcloud.Cloud) -> None:
    """A customized metric may be metric math (``Metrics``: MetricStat queries and one returned expression); the
    alarms carry the queries with one-minute periods and the policy tracks the expression's value."""
    aas = registered(cloud, low=2)
    tracking(aas, CustomizedMetricSpecification={"Metrics": [
        {"Id": "busy", "MetricStat": {"Metric": {"Namespace": "App", "MetricName": "Busy"}, "Stat": "Average"},
         "ReturnData": False},
        {"Id": "half", "Expression": "busy / 2", "Label": "half", "ReturnData": True},
    ]})  # fmt: skip
    queries = alarms(cloud)["High"]["Metrics"]
    assert queries[0]["MetricStat"]["Period"] == 60 and queries[1]["Expression"] == "busy / 2"
    publish(cloud, 200.0, 3)
    assert capacity(cloud) == 4  # ceil(2 x (200 / 2) / 50)
