"""ECS service auto scaling: Application Auto Scaling on ``ecs:service:DesiredCount``, through ECS's public
DescribeServices/UpdateService, driven by the AWS/ECS CPUUtilization the simulated tasks emit.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-auto-scaling.html
- https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-autoscaling-targettracking.html
- https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-scaling-activities.html
  ("Setting desired count to 1." / "Successfully set desired count to 1. Change successfully fulfilled by ecs.")
- https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html
"""

from __future__ import annotations

from typing import Any

import pytest

import pocketcloud
from pocketcloud import traffic

from .ecs_support import alb, fargate_service, service, task_definition

ECS_TARGET = {
    "ServiceNamespace": "ecs",
    "ResourceId": "service/demo/web",
    "ScalableDimension": "ecs:service:DesiredCount",
}


def web(cloud: pocketcloud.Cloud, desired: int = 1) -> str:
    """A Fargate service of 0.25-vCPU tasks needing 20 ms of CPU per request (12.5 requests/s at 100 %) behind an
    ALB; its URL."""
    lb, tg = alb(cloud)
    fargate_service(cloud, tg, desired=desired, taskDefinition=task_definition(cloud, cpu_ms="20"))
    cloud.run(until=120)
    return f"http://{lb['DNSName']}/"


def ecs_activities(aas: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = aas.describe_scaling_activities(**ECS_TARGET)["ScalingActivities"]
    return found[::-1]


def test_register_an_ecs_service_with_its_service_linked_role(cloud: pocketcloud.Cloud) -> None:
    web(cloud)
    aas = cloud.client("application-autoscaling")
    aas.register_scalable_target(**ECS_TARGET, MinCapacity=1, MaxCapacity=4)
    (target,) = aas.describe_scalable_targets(ServiceNamespace="ecs")["ScalableTargets"]
    assert target["RoleARN"] == (
        "arn:aws:iam::123456789012:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/"
        "AWSServiceRoleForApplicationAutoScaling_ECSService"
    )
    with pytest.raises(aas.exceptions.ValidationException) as err:
        aas.register_scalable_target(**{**ECS_TARGET, "ResourceId": "service/demo/nope"}, MinCapacity=1, MaxCapacity=2)
    assert err.value.response["Error"]["Message"] == "ECS service doesn't exist: service/demo/nope"


def test_minimum_capacity_updates_the_service_desired_count(cloud: pocketcloud.Cloud) -> None:
    web(cloud)
    aas = cloud.client("application-autoscaling")
    aas.register_scalable_target(**ECS_TARGET, MinCapacity=3, MaxCapacity=6)
    assert service(cloud)["desiredCount"] == 3
    cloud.run(until=300)
    assert service(cloud)["runningCount"] == 3
    (activity,) = ecs_activities(aas)
    assert activity["Description"] == "Setting desired count to 3."
    assert activity["StatusMessage"] == "Successfully set desired count to 3. Change successfully fulfilled by ecs."


def test_target_tracking_on_cpu_chases_the_load_and_scales_in_after_it() -> None:
    """30 requests/s of 20 ms on 0.25-vCPU tasks need 0.6 vCPU: one task is saturated (CPU 100 %), so a 50 % CPU
    target scales out as soon as AlarmHigh has 3 breaching minutes and keeps adding while it stays in ALARM, until
    CPU is under 50 % (ceil(0.6 / 0.125) = 5 or more tasks); when the load drops, AlarmLow's 15 minutes under 45 %
    bring the service back to its minimum."""

    def run() -> list[tuple[str, str]]:
        cloud = pocketcloud.Cloud(seed=0)
        url = web(cloud)
        aas = cloud.client("application-autoscaling")
        aas.register_scalable_target(**ECS_TARGET, MinCapacity=1, MaxCapacity=10)
        aas.put_scaling_policy(
            PolicyName="cpu50", **ECS_TARGET, PolicyType="TargetTrackingScaling",
            TargetTrackingScalingPolicyConfiguration={
                "TargetValue": 50.0,
                "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
                "ScaleOutCooldown": 60, "ScaleInCooldown": 120,
            },
        )  # fmt: skip
        load = traffic.drive(cloud, traffic.steps([(0, 30), (1200, 5)], duration=3000), traffic.http("GET", url))
        cloud.run(until=120 + 1200)
        peak = service(cloud)
        assert 5 <= peak["desiredCount"] <= 8 and peak["runningCount"] == peak["desiredCount"]
        cloud.run(until=120 + 3600)
        assert service(cloud)["desiredCount"] == 1
        assert load.ok > 0.8 * load.sent
        done = ecs_activities(aas)
        assert done[0]["Description"] == "Setting desired count to 2."
        assert done[0]["StartTime"] == pocketcloud.timeutil.to_datetime(120 + 180)  # 3 one-minute datapoints
        assert "-AlarmHigh-" in done[0]["Cause"] and "-AlarmLow-" in done[-1]["Cause"]
        return [(a["StartTime"].isoformat(), a["Description"]) for a in done]

    assert len(run()) >= 4


def test_step_scaling_on_an_ecs_cpu_alarm(cloud: pocketcloud.Cloud) -> None:
    """A step policy attached to the user's own alarm on AWS/ECS CPUUtilization (the ECS step scaling pattern):
    CPU 100 % with a threshold of 70 is a breach of 30, which takes the +2 step."""
    url = web(cloud)
    aas = cloud.client("application-autoscaling")
    aas.register_scalable_target(**ECS_TARGET, MinCapacity=1, MaxCapacity=10)
    arn = aas.put_scaling_policy(
        PolicyName="cpu-high", **ECS_TARGET, PolicyType="StepScaling",
        StepScalingPolicyConfiguration={
            "AdjustmentType": "ChangeInCapacity", "Cooldown": 600, "MetricAggregationType": "Average",
            "StepAdjustments": [
                {"MetricIntervalLowerBound": 0.0, "MetricIntervalUpperBound": 20.0, "ScalingAdjustment": 1},
                {"MetricIntervalLowerBound": 20.0, "ScalingAdjustment": 2},
            ],
        },
    )["PolicyARN"]  # fmt: skip
    cloud.client("cloudwatch").put_metric_alarm(
        AlarmName="web-cpu-high", Namespace="AWS/ECS", MetricName="CPUUtilization", Statistic="Average", Period=60,
        EvaluationPeriods=2, Threshold=70.0, ComparisonOperator="GreaterThanThreshold", AlarmActions=[arn],
        Dimensions=[{"Name": "ClusterName", "Value": "demo"}, {"Name": "ServiceName", "Value": "web"}],
    )  # fmt: skip
    traffic.drive(cloud, traffic.constant(30, 600), traffic.http("GET", url))
    cloud.run(until=120 + 600)
    assert service(cloud)["desiredCount"] == 3  # +2 once; the 600 s cooldown holds the same breach
    (activity,) = ecs_activities(aas)[-1:]
    assert activity["Cause"] == "monitor alarm web-cpu-high in state ALARM triggered policy cpu-high"
