"""EC2 capacity: Auto Scaling group capacity providers, managed scaling, termination protection, placement."""

from __future__ import annotations

import re

import pytest

import pocketcloud
from pocketcloud import ClientError
from pocketcloud.services.ecs.capacity import auto_scaling_group

from .ecs_support import service


def ec2_cluster(
    target: int = 100,
    protection: str = "ENABLED",
    instance_type: str = "c5.large",
    desired: int = 0,
    max_size: int = 10,
) -> pocketcloud.Cloud:
    cloud = pocketcloud.Cloud(seed=2)
    ecs = cloud.client("ecs")
    arn = auto_scaling_group(cloud, "asg", instance_type=instance_type, max_size=max_size, desired=desired)
    ecs.create_capacity_provider(
        name="cp",
        autoScalingGroupProvider={
            "autoScalingGroupArn": arn,
            "managedScaling": {"status": "ENABLED", "targetCapacity": target},
            "managedTerminationProtection": protection,
        },
    )
    ecs.create_cluster(
        clusterName="demo",
        capacityProviders=["cp"],
        defaultCapacityProviderStrategy=[{"capacityProvider": "cp", "weight": 1}],
    )
    ecs.register_task_definition(
        family="w", cpu="1024", memory="1024",
        containerDefinitions=[{"name": "a", "image": "b", "portMappings": [{"containerPort": 80}]}],
    )  # fmt: skip
    return cloud


def instances(cloud: pocketcloud.Cloud) -> list[dict]:
    ecs = cloud.client("ecs")
    arns = ecs.list_container_instances(cluster="demo")["containerInstanceArns"]
    return (
        ecs.describe_container_instances(cluster="demo", containerInstances=arns)["containerInstances"] if arns else []
    )


def reservation(cloud: pocketcloud.Cloud) -> list[float]:
    series = cloud.metrics.find("AWS/ECS/ManagedScaling", "CapacityProviderReservation", CapacityProviderName="cp")
    return series[0].values if series else []


def test_tasks_wait_in_provisioning_until_managed_scaling_adds_instances() -> None:
    """With no instance, a capacity provider's tasks are PROVISIONING; CapacityProviderReservation is 200 (N = 0,
    M > 0); managed scaling launches ceil(M / target) instances, and the tasks run once they register.
    https://aws.amazon.com/blogs/containers/deep-dive-on-amazon-ecs-cluster-auto-scaling/"""
    cloud = ec2_cluster()
    ecs = cloud.client("ecs")
    ecs.create_service(cluster="demo", serviceName="w", taskDefinition="w", desiredCount=5)
    cloud.run(until=30)
    tasks = ecs.describe_tasks(cluster="demo", tasks=ecs.list_tasks(cluster="demo")["taskArns"])["tasks"]
    assert {t["lastStatus"] for t in tasks} == {"PROVISIONING"} and len(tasks) == 5
    assert {t["capacityProviderName"] for t in tasks} == {"cp"}
    cloud.run(until=61)
    assert reservation(cloud) == [200.0]
    cloud.run(until=300)
    assert service(cloud, "w")["runningCount"] == 5
    found = instances(cloud)
    assert len(found) == 3  # c5.large: 2 vCPUs -> two 1-vCPU tasks per instance
    assert sorted(i["runningTasksCount"] for i in found) == [1, 2, 2]
    assert reservation(cloud)[-1] == 100.0


def test_target_capacity_below_100_keeps_spare_instances() -> None:
    """targetCapacity 50: "the instances … will be 50 % utilized": twice the instances the tasks need.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ManagedScaling.html"""
    cloud = ec2_cluster(target=50)
    cloud.client("ecs").create_service(cluster="demo", serviceName="w", taskDefinition="w", desiredCount=4)
    cloud.run(until=600)
    assert len(instances(cloud)) == 4 and service(cloud, "w")["runningCount"] == 4
    assert reservation(cloud)[-1] == 50.0


def test_scale_in_waits_and_protection_keeps_instances_with_tasks() -> None:
    """Scale-in comes after 15 minutes below target; with managed termination protection only instances without
    tasks are terminated. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-termination-protection.html"""
    cloud = ec2_cluster()
    ecs = cloud.client("ecs")
    ecs.create_service(cluster="demo", serviceName="w", taskDefinition="w", desiredCount=6)
    cloud.run(until=400)
    assert len(instances(cloud)) == 3
    ecs.update_service(cluster="demo", service="w", desiredCount=1)
    cloud.run(until=900)
    assert len(instances(cloud)) == 3  # not yet 15 minutes below target
    cloud.run(until=1800)
    assert len(instances(cloud)) == 1 and service(cloud, "w")["runningCount"] == 1


def test_without_protection_terminated_instances_stop_their_tasks() -> None:
    """Without managed termination protection the group may terminate instances that run tasks: their tasks stop
    ("Host EC2 (instance i-…) terminated.") and the service replaces them."""
    cloud = ec2_cluster(protection="DISABLED")
    ecs = cloud.client("ecs")
    ecs.create_service(cluster="demo", serviceName="w", taskDefinition="w", desiredCount=4)
    cloud.run(until=400)
    ecs.update_service(cluster="demo", service="w", desiredCount=1)
    cloud.run(until=2000)
    assert service(cloud, "w")["runningCount"] == 1 and len(instances(cloud)) == 1
    stopped = ecs.describe_tasks(
        cluster="demo", tasks=ecs.list_tasks(cluster="demo", desiredStatus="STOPPED")["taskArns"]
    )
    assert stopped["tasks"]


@pytest.mark.parametrize(("strategy", "expected"), [("binpack", [0, 2, 2]), ("spread", [1, 1, 2])])
def test_binpack_fills_instances_and_spread_evens_them(strategy: str, expected: list[int]) -> None:
    """binpack (memory) places on "the least available amount" of memory; spread (instanceId) evens tasks out.
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-strategies.html"""
    cloud = ec2_cluster(desired=3, instance_type="m5.large")
    cloud.run(until=100)
    ecs = cloud.client("ecs")
    field = "memory" if strategy == "binpack" else "instanceId"
    ecs.create_service(
        cluster="demo", serviceName="w", taskDefinition="w", desiredCount=4,
        placementStrategy=[{"type": strategy, "field": field}],
    )  # fmt: skip
    cloud.run(until=160)
    # Tasks per instance, from the CPU units each has left (m5.large: 2048 units, 1024 per task).
    counts = sorted((2048 - i["remainingResources"][0]["integerValue"]) // 1024 for i in instances(cloud))
    assert counts == expected


def test_capacity_provider_errors() -> None:
    """Names cannot start with aws, ecs or fargate; the Auto Scaling group must exist (pocketcloud's model of one)."""
    cloud = pocketcloud.Cloud()
    ecs = cloud.client("ecs")
    arn = auto_scaling_group(cloud, "asg")
    with pytest.raises(
        ClientError, match=re.escape("Capacity provider names cannot be prefixed with 'aws', 'ecs', or 'fargate'.")
    ):
        ecs.create_capacity_provider(name="ecs-cp", autoScalingGroupProvider={"autoScalingGroupArn": arn})
    with pytest.raises(ClientError):
        ecs.create_capacity_provider(name="cp", autoScalingGroupProvider={"autoScalingGroupArn": arn + "x"})
    with pytest.raises(ClientError, match=re.escape("is not in an ACTIVE state")):
        ecs.create_cluster(clusterName="demo", capacityProviders=["cp"])
    ecs.create_capacity_provider(name="cp", autoScalingGroupProvider={"autoScalingGroupArn": arn})
    names = [p["name"] for p in ecs.describe_capacity_providers()["capacityProviders"]]
    assert names == ["FARGATE", "FARGATE_SPOT", "cp"]


def launched(cloud: pocketcloud.Cloud) -> int:
    """Instances the group has launched and not terminated (booting or registered)."""
    from pocketcloud.services.ecs.backend import EcsService
    from pocketcloud.services.ecs.capacity import groups

    (group,) = groups(cloud.backend("ecs", EcsService)).values()
    return len([i for i in group.instances if i.status in ("LAUNCHING", "ACTIVE")])


def test_scale_out_waits_for_the_instance_warmup() -> None:
    """ "Auto Scaling checks if all existing instances have passed the instanceWarmupPeriod (now minus the instance
    launch time). The scale-out is blocked for Instances that are within the instanceWarmupPeriod"; the default
    period is 300 seconds. One instance launched at minute 1 holds off the next scale-out until minute 6.
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-auto-scaling.html,
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ManagedScaling.html"""
    cloud = ec2_cluster()
    ecs = cloud.client("ecs")
    ecs.create_service(cluster="demo", serviceName="w", taskDefinition="w", desiredCount=2)
    cloud.run(until=90)
    assert launched(cloud) == 1
    ecs.update_service(cluster="demo", service="w", desiredCount=6)
    cloud.run(until=359)
    assert launched(cloud) == 1  # the first instance is still within its 300-second warm-up
    cloud.run(until=361)
    assert launched(cloud) == 3
    cloud.run(until=600)
    assert service(cloud, "w")["runningCount"] == 6


def test_scale_in_removes_up_to_half_the_group_a_minute() -> None:
    """After "15 data points (15 minutes)" below target the scale-in starts, and ECS "reduces ASG capacity
    iteratively over several steps", each "up to 50% ASG capacity": 8 empty instances go 8 -> 4 -> 2 -> 1 -> 0, one
    step a minute (the step interval is pocketcloud's model).
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-auto-scaling.html,
    https://aws.amazon.com/blogs/containers/faster-scaling-in-for-amazon-ecs-cluster-auto-scaling/"""
    cloud = ec2_cluster()
    ecs = cloud.client("ecs")
    ecs.create_service(cluster="demo", serviceName="w", taskDefinition="w", desiredCount=16)
    cloud.run(until=590)
    assert launched(cloud) == 8 and service(cloud, "w")["runningCount"] == 16
    ecs.update_service(cluster="demo", service="w", desiredCount=0)
    sizes = []
    for minute in range(10, 32):
        cloud.run(until=minute * 60 + 30)
        sizes.append(launched(cloud))
    steps = [size for i, size in enumerate(sizes) if i == 0 or size != sizes[i - 1]]
    assert steps == [8, 4, 2, 1, 0]
    # The service empties at 9:50; the datapoints of minutes 10 to 24 are the 15 below target, so the first step is
    # at 24:00 and the samples at 10:30 ... 23:30 still see all 8.
    assert sizes.count(8) == 14
