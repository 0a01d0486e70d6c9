"""ECS services on Fargate: task start-up, desiredCount, rolling deployments, events, StopTask, errors."""

from __future__ import annotations

import re

import pytest

import pocketcloud
from pocketcloud import ClientError

from .ecs_support import NETWORK, fargate_service, messages, service, task_definition


def test_tasks_go_through_provisioning_and_pending_to_running() -> None:
    """lastStatus PROVISIONING -> PENDING -> RUNNING on the virtual clock (durations are pocketcloud settings).
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html"""
    cloud = pocketcloud.Cloud()
    fargate_service(cloud, desired=2)
    ecs = cloud.client("ecs")
    arns = ecs.list_tasks(cluster="demo", serviceName="web")["taskArns"]
    assert len(arns) == 2
    statuses = lambda: [t["lastStatus"] for t in ecs.describe_tasks(cluster="demo", tasks=arns)["tasks"]]  # noqa: E731
    assert statuses() == ["PROVISIONING", "PROVISIONING"]
    assert (service(cloud)["pendingCount"], service(cloud)["runningCount"]) == (2, 0)
    cloud.run(until=15)
    assert statuses() == ["PENDING", "PENDING"]
    cloud.run(until=31)
    assert statuses() == ["RUNNING", "RUNNING"]
    assert (service(cloud)["pendingCount"], service(cloud)["runningCount"]) == (0, 2)
    task = ecs.describe_tasks(cluster="demo", tasks=arns[:1])["tasks"][0]
    assert (
        task["group"] == "service:web" and task["launchType"] == "FARGATE" and task["startedBy"].startswith("ecs-svc/")
    )


def test_service_events_use_ecs_messages_and_reach_a_steady_state() -> None:
    """ "(service web) has started 2 tasks: (task …) (task …)." then "(service web) has reached a steady state."
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages-list.html; the task ids are
    32 hex digits, as in real events ("(service okkez-sandbox-app) has started 6 tasks: (task
    908525d4911d4f03898ed7ea2ca80e08) …", https://github.com/reproio/ecs_deploy/pull/81), and the deployment event
    reads "(service tutorial) (deployment ecs-svc/3625060107450266417) deployment completed." (a real event quoted in
    public GitHub code; rolloutStateReason "ECS deployment ecs-svc/… completed.",
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_service_deployment_events.html)."""
    cloud = pocketcloud.Cloud()
    fargate_service(cloud, desired=2)
    cloud.run(until=60)
    events = messages(cloud)
    started = r"\(service web\) has started 2 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\."
    assert re.fullmatch(started, events[0])
    assert events[-1] == "(service web) has reached a steady state."
    deployment = service(cloud)["deployments"][0]
    assert deployment["rolloutState"] == "COMPLETED" and deployment["status"] == "PRIMARY"
    assert f"(service web) (deployment {deployment['id']}) deployment completed." in events
    assert re.fullmatch(r"ecs-svc/\d{19}", deployment["id"])


def test_update_service_desired_count_scales_out_and_in() -> None:
    """UpdateService desiredCount: the scheduler starts or stops tasks; stopped ones carry "Scaling activity initiated
    by (deployment …)" and stopCode ServiceSchedulerInitiated.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html"""
    cloud = pocketcloud.Cloud()
    fargate_service(cloud, desired=1)
    cloud.run(until=60)
    ecs = cloud.client("ecs")
    ecs.update_service(cluster="demo", service="web", desiredCount=3)
    assert service(cloud)["desiredCount"] == 3 and service(cloud)["pendingCount"] == 2
    cloud.run(until=120)
    assert service(cloud)["runningCount"] == 3
    ecs.update_service(cluster="demo", service="web", desiredCount=1)
    cloud.run(until=180)
    assert service(cloud)["runningCount"] == 1
    stopped = ecs.list_tasks(cluster="demo", desiredStatus="STOPPED")["taskArns"]
    tasks = ecs.describe_tasks(cluster="demo", tasks=stopped)["tasks"]
    deployment = service(cloud)["deployments"][0]["id"]
    assert {t["stoppedReason"] for t in tasks} == {f"Scaling activity initiated by (deployment {deployment})"}
    assert {t["stopCode"] for t in tasks} == {"ServiceSchedulerInitiated"} and len(tasks) == 2


def test_rolling_update_keeps_minimum_healthy_and_maximum_percent() -> None:
    """A new task definition starts a rolling update: never fewer than minimumHealthyPercent (rounded up) healthy
    tasks, never more than maximumPercent (rounded down) running or pending.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html"""
    cloud = pocketcloud.Cloud()
    fargate_service(cloud, desired=4, deploymentConfiguration={"minimumHealthyPercent": 50, "maximumPercent": 100})
    cloud.run(until=60)
    ecs = cloud.client("ecs")
    v2 = task_definition(cloud)
    ecs.update_service(cluster="demo", service="web", taskDefinition=v2)
    seen_live, seen_running = [], []
    for t in range(61, 240):
        cloud.run(until=t)
        tasks = [x for x in cloud.backend("ecs", object).tasks.values() if x.live]
        seen_live.append(len(tasks))
        seen_running.append(sum(1 for x in tasks if x.last_status == "RUNNING"))
    assert max(seen_live) <= 4 and min(seen_running) >= 2
    final = service(cloud)
    assert final["taskDefinition"] == v2 and final["runningCount"] == 4 and len(final["deployments"]) == 1


def test_stop_task_is_replaced_by_the_service() -> None:
    """StopTask: "Task stopped by user" / UserInitiated; the service scheduler starts a replacement.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StopTask.html"""
    cloud = pocketcloud.Cloud()
    fargate_service(cloud, desired=1)
    cloud.run(until=60)
    ecs = cloud.client("ecs")
    arn = ecs.list_tasks(cluster="demo")["taskArns"][0]
    stopped = ecs.stop_task(cluster="demo", task=arn)["task"]
    assert stopped["desiredStatus"] == "STOPPED"
    cloud.run(until=120)
    task = ecs.describe_tasks(cluster="demo", tasks=[arn])["tasks"][0]
    assert (task["lastStatus"], task["stoppedReason"], task["stopCode"]) == (
        "STOPPED",
        "Task stopped by user",
        "UserInitiated",
    )
    assert service(cloud)["runningCount"] == 1 and ecs.list_tasks(cluster="demo")["taskArns"] != [arn]
    with pytest.raises(ClientError, match=re.escape("The referenced task was not found.")):
        ecs.stop_task(cluster="demo", task="0" * 32)


def test_ec2_service_without_capacity_writes_the_placement_event() -> None:
    """With no container instance: "(service x) was unable to place a task because no container instance met all of
    its requirements. Reason: No Container Instances were found in your cluster. …"
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages-list.html"""
    cloud = pocketcloud.Cloud()
    ecs = cloud.client("ecs")
    ecs.create_cluster(clusterName="demo")
    ecs.register_task_definition(family="batch", containerDefinitions=[{"name": "a", "image": "b", "memory": 256}])
    ecs.create_service(cluster="demo", serviceName="ec2", taskDefinition="batch", desiredCount=1, launchType="EC2")
    assert messages(cloud, "ec2")[0].startswith(
        "(service ec2) was unable to place a task because no container instance met all of its requirements. "
        "Reason: No Container Instances were found in your cluster."
    )
    assert service(cloud, "ec2")["pendingCount"] == 0


def test_bad_requests_change_nothing() -> None:
    """ECS's errors: unknown cluster "Cluster not found.", unknown task definition "TaskDefinition not found.",
    awsvpc without networkConfiguration, duplicate names "Creation of service was not idempotent."; unknown services
    in DescribeServices are failures with reason MISSING.
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/api_failures_messages.html"""
    cloud = pocketcloud.Cloud()
    ecs = cloud.client("ecs")
    with pytest.raises(ecs.exceptions.ClusterNotFoundException, match=re.escape("Cluster not found.")):
        ecs.describe_services(cluster="nope", services=["web"])
    ecs.create_cluster(clusterName="demo")
    td = task_definition(cloud)
    base = {"cluster": "demo", "serviceName": "web", "desiredCount": 1, "launchType": "FARGATE"}
    with pytest.raises(ecs.exceptions.InvalidParameterException, match=re.escape("TaskDefinition not found.")):
        ecs.create_service(**base, taskDefinition="missing", networkConfiguration=NETWORK)
    with pytest.raises(
        ClientError, match=re.escape("Network Configuration must be provided when networkMode 'awsvpc'")
    ):
        ecs.create_service(**base, taskDefinition=td)
    assert ecs.list_services(cluster="demo")["serviceArns"] == []
    ecs.create_service(**base, taskDefinition=td, networkConfiguration=NETWORK)
    with pytest.raises(ClientError, match=re.escape("Creation of service was not idempotent.")):
        ecs.create_service(**base, taskDefinition=td, networkConfiguration=NETWORK)
    found = ecs.describe_services(cluster="demo", services=["web", "ghost"])
    assert [s["serviceName"] for s in found["services"]] == ["web"]
    assert found["failures"] == [
        {"arn": "arn:aws:ecs:ap-northeast-2:123456789012:service/demo/ghost", "reason": "MISSING"}
    ]
    with pytest.raises(ecs.exceptions.ServiceNotFoundException, match=re.escape("Service not found.")):
        ecs.update_service(cluster="demo", service="ghost", desiredCount=2)


def test_same_seed_same_history() -> None:
    """Determinism: the same seed and calls give the same task IDs, IPs and events."""

    def history() -> list[str]:
        cloud = pocketcloud.Cloud(seed=7)
        fargate_service(cloud, desired=3)
        cloud.run(until=90)
        return messages(cloud) + cloud.client("ecs").list_tasks(cluster="demo")["taskArns"]

    assert history() == history()


def test_desired_count_is_within_the_tasks_per_service_quota() -> None:
    """ "Tasks per service 5,000" (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html);
    a refused UpdateService changes nothing."""
    cloud = pocketcloud.Cloud()
    fargate_service(cloud, desired=1)
    ecs = cloud.client("ecs")
    with pytest.raises(ecs.exceptions.InvalidParameterException, match=re.escape("Desired count cannot exceed 5000.")):
        ecs.update_service(cluster="demo", service="web", desiredCount=5001)
    assert service(cloud)["desiredCount"] == 1


def test_capacity_provider_strategy_base_then_weight_on_fargate_and_spot() -> None:
    """A strategy's base tasks go to their provider first, the rest by weight: base 1 on FARGATE, weights 1:3 ->
    of 5 tasks, 2 on FARGATE and 3 on FARGATE_SPOT.
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html"""
    cloud = pocketcloud.Cloud()
    ecs = cloud.client("ecs")
    ecs.create_cluster(clusterName="demo", capacityProviders=["FARGATE", "FARGATE_SPOT"])
    strategy = [
        {"capacityProvider": "FARGATE", "base": 1, "weight": 1},
        {"capacityProvider": "FARGATE_SPOT", "weight": 3},
    ]
    fargate_service(cloud, desired=5, launchType=None, capacityProviderStrategy=strategy)
    tasks = ecs.describe_tasks(cluster="demo", tasks=ecs.list_tasks(cluster="demo")["taskArns"])["tasks"]
    providers = sorted(t["capacityProviderName"] for t in tasks)
    assert providers == ["FARGATE", "FARGATE", "FARGATE_SPOT", "FARGATE_SPOT", "FARGATE_SPOT"]
    assert service(cloud)["capacityProviderStrategy"] == strategy
