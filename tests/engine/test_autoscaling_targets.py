"""Scalable targets: RegisterScalableTarget, DescribeScalableTargets, DeregisterScalableTarget, tags, bad input.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html
- https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DeregisterScalableTarget.html
- https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html
- https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-scaling-activities.html
- AWS's messages as moto's applicationautoscaling backend and public reports quote them
"""

from __future__ import annotations

import re

import pytest

import pocketcloud
from pocketcloud.services.applicationautoscaling import resources

from .autoscaling_support import DIMENSION, RESOURCE, TARGET, activities, alias, capacity, registered


def test_register_describe_and_service_linked_role(cloud: pocketcloud.Cloud) -> None:
    """A registered target is described with the service-linked role Application Auto Scaling uses for Lambda
    (AWSServiceRoleForApplicationAutoScaling_LambdaConcurrency) and a scalable-target ARN."""
    aas = registered(cloud, low=2, high=10)
    (target,) = aas.describe_scalable_targets(ServiceNamespace="lambda")["ScalableTargets"]
    assert target["ResourceId"] == RESOURCE and target["ScalableDimension"] == DIMENSION
    assert (target["MinCapacity"], target["MaxCapacity"]) == (2, 10)
    assert target["RoleARN"] == (
        "arn:aws:iam::123456789012:role/aws-service-role/lambda.application-autoscaling.amazonaws.com/"
        "AWSServiceRoleForApplicationAutoScaling_LambdaConcurrency"
    )
    assert re.fullmatch(
        r"arn:aws:application-autoscaling:ap-northeast-2:123456789012:scalable-target/[0-9a-f]{36}",
        target["ScalableTargetARN"],
    )
    assert target["SuspendedState"] == {
        "DynamicScalingInSuspended": False, "DynamicScalingOutSuspended": False, "ScheduledScalingSuspended": False,
    }  # fmt: skip
    assert aas.describe_scalable_targets(ServiceNamespace="ecs")["ScalableTargets"] == []


def test_a_new_minimum_scales_the_resource_up(cloud: pocketcloud.Cloud) -> None:
    """Application Auto Scaling "initiates scaling activities when you modify the maximum or minimum size of the
    scalable target": a minimum of 2 over a resource at 0 sets provisioned concurrency to 2 through Lambda. The
    activity says "desired concurrency", as Lambda's do ("Setting desired concurrency to 5.",
    https://www.luminis.eu/blog/aws-lambda-provisioned-concurrency-autoscaling-with-aws-cdk/)."""
    aas = registered(cloud, low=2, high=10)
    assert capacity(cloud) == 2
    (activity,) = activities(aas)
    assert activity["Description"] == "Setting desired concurrency to 2."
    assert activity["StatusCode"] == "Successful"
    aas.register_scalable_target(**TARGET, MaxCapacity=1, MinCapacity=1)
    assert capacity(cloud) == 1


@pytest.mark.parametrize(
    ("namespace", "resource", "dimension"),
    [
        ("ecs", RESOURCE, DIMENSION),
        ("lambda", "function:api", DIMENSION),
        ("lambda", "service/default/api", DIMENSION),
        ("ecs", "service/default", "ecs:service:DesiredCount"),
    ],
)
def test_mismatched_triples_are_refused(
    cloud: pocketcloud.Cloud,
    namespace: str,
    resource: str,
    dimension: str,
) -> None:
    """A namespace, resource ID and dimension that do not fit: "Unsupported service namespace, resource type or
    scalable dimension"; nothing is registered."""
    assert resources.UNSUPPORTED == "Unsupported service namespace, resource type or scalable dimension"
    alias(cloud)
    aas = cloud.client("application-autoscaling")
    with pytest.raises(aas.exceptions.ValidationException) as err:
        aas.register_scalable_target(
            ServiceNamespace=namespace, ResourceId=resource, ScalableDimension=dimension, MinCapacity=0, MaxCapacity=1
        )
    assert err.value.response["Error"]["Message"] == resources.UNSUPPORTED
    assert aas.describe_scalable_targets(ServiceNamespace=namespace)["ScalableTargets"] == []


def test_unknown_alias_and_unknown_ecs_service_are_refused(cloud: pocketcloud.Cloud) -> None:
    alias(cloud)
    aas = cloud.client("application-autoscaling")
    with pytest.raises(aas.exceptions.ValidationException) as err:
        aas.register_scalable_target(**{**TARGET, "ResourceId": "function:api:nope"}, MinCapacity=0, MaxCapacity=1)
    assert "nope" in err.value.response["Error"]["Message"]
    with pytest.raises(pocketcloud.ClientError):
        aas.register_scalable_target(
            ServiceNamespace="ecs", ResourceId="service/default/web", ScalableDimension="ecs:service:DesiredCount",
            MinCapacity=0, MaxCapacity=1,
        )  # fmt: skip
    assert capacity(cloud) == 0


def test_maximum_below_minimum_is_refused_and_nothing_changes(cloud: pocketcloud.Cloud) -> None:
    aas = registered(cloud, low=1, high=5)
    with pytest.raises(aas.exceptions.ValidationException) as err:
        aas.register_scalable_target(**TARGET, MinCapacity=4, MaxCapacity=3)
    assert err.value.response["Error"]["Message"] == "Maximum capacity cannot be less than minimum capacity"
    (target,) = aas.describe_scalable_targets(ServiceNamespace="lambda")["ScalableTargets"]
    assert (target["MinCapacity"], target["MaxCapacity"]) == (1, 5)
    assert capacity(cloud) == 1


def test_policy_for_an_unregistered_target_is_object_not_found(cloud: pocketcloud.Cloud) -> None:
    alias(cloud)
    aas = cloud.client("application-autoscaling")
    with pytest.raises(aas.exceptions.ObjectNotFoundException) as err:
        aas.put_scaling_policy(
            PolicyName="p", **TARGET, PolicyType="StepScaling",
            StepScalingPolicyConfiguration={"AdjustmentType": "ChangeInCapacity", "StepAdjustments": [
                {"MetricIntervalLowerBound": 0.0, "ScalingAdjustment": 1}]},
        )  # fmt: skip
    assert err.value.response["Error"]["Message"] == (
        f"No scalable target registered for service namespace: lambda, resource ID: {RESOURCE}, scalable dimension: "
        f"{DIMENSION}"
    )
    with pytest.raises(aas.exceptions.ObjectNotFoundException) as err:
        aas.delete_scaling_policy(PolicyName="p", **TARGET)
    assert err.value.response["Error"]["Message"].startswith("No scaling policy found for service namespace: lambda")


def test_deregister_deletes_policies_alarms_and_scheduled_actions(cloud: pocketcloud.Cloud) -> None:
    aas = registered(cloud)
    aas.put_scaling_policy(
        PolicyName="t", **TARGET, PolicyType="TargetTrackingScaling",
        TargetTrackingScalingPolicyConfiguration={"TargetValue": 0.5, "PredefinedMetricSpecification": {
            "PredefinedMetricType": "LambdaProvisionedConcurrencyUtilization"}},
    )  # fmt: skip
    aas.put_scheduled_action(
        **TARGET, ScheduledActionName="night", Schedule="cron(0 0 * * ? *)", ScalableTargetAction={"MinCapacity": 1}
    )
    aas.deregister_scalable_target(**TARGET)
    assert aas.describe_scalable_targets(ServiceNamespace="lambda")["ScalableTargets"] == []
    assert aas.describe_scaling_policies(ServiceNamespace="lambda")["ScalingPolicies"] == []
    assert aas.describe_scheduled_actions(ServiceNamespace="lambda")["ScheduledActions"] == []
    assert cloud.client("cloudwatch").describe_alarms()["MetricAlarms"] == []
    with pytest.raises(aas.exceptions.ObjectNotFoundException):
        aas.deregister_scalable_target(**TARGET)


def test_suspended_state_is_kept_and_merged(cloud: pocketcloud.Cloud) -> None:
    aas = registered(cloud)
    aas.register_scalable_target(**TARGET, SuspendedState={"DynamicScalingInSuspended": True})
    aas.register_scalable_target(**TARGET, SuspendedState={"ScheduledScalingSuspended": True})
    (target,) = aas.describe_scalable_targets(ServiceNamespace="lambda", ResourceIds=[RESOURCE])["ScalableTargets"]
    assert target["SuspendedState"] == {
        "DynamicScalingInSuspended": True, "DynamicScalingOutSuspended": False, "ScheduledScalingSuspended": True,
    }  # fmt: skip


def test_tags_on_the_scalable_target_arn(cloud: pocketcloud.Cloud) -> None:
    """TagResource/UntagResource/ListTagsForResource take the ScalableTargetARN."""
    alias(cloud)
    aas = cloud.client("application-autoscaling")
    arn = aas.register_scalable_target(**TARGET, MinCapacity=0, MaxCapacity=3, Tags={"team": "a"})["ScalableTargetARN"]
    aas.tag_resource(ResourceARN=arn, Tags={"env": "prod"})
    assert aas.list_tags_for_resource(ResourceARN=arn)["Tags"] == {"team": "a", "env": "prod"}
    aas.untag_resource(ResourceARN=arn, TagKeys=["team"])
    assert aas.list_tags_for_resource(ResourceARN=arn)["Tags"] == {"env": "prod"}
    with pytest.raises(aas.exceptions.ResourceNotFoundException):
        aas.list_tags_for_resource(ResourceARN=arn[:-4] + "0000")


def test_describe_pages_and_filters(cloud: pocketcloud.Cloud) -> None:
    """Describe* pages hold at most 50 items; a ScalableDimension filter needs the resource ID."""
    aas = registered(cloud)
    page = aas.describe_scalable_targets(ServiceNamespace="lambda", MaxResults=1)
    assert len(page["ScalableTargets"]) == 1 and "NextToken" not in page
    with pytest.raises(aas.exceptions.ValidationException):
        aas.describe_scalable_targets(ServiceNamespace="lambda", ScalableDimension=DIMENSION)
    with pytest.raises(aas.exceptions.ValidationException):
        aas.describe_scaling_activities(ServiceNamespace="lambda", MaxResults=51)
    paginator = aas.get_paginator("describe_scaling_activities")
    assert len(paginator.paginate(ServiceNamespace="lambda").build_full_result()["ScalingActivities"]) == 1
