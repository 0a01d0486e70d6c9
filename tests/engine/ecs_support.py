"""Shared set-up for the ECS and elbv2 tests: an ALB with a target group and a Fargate service behind it."""

from __future__ import annotations

from typing import Any

import pocketcloud

NETWORK = {"awsvpcConfiguration": {"subnets": ["subnet-a", "subnet-b"], "assignPublicIp": "DISABLED"}}


def alb(cloud: pocketcloud.Cloud, name: str = "web", **group: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """A load balancer with an HTTP:80 listener forwarding to an ``ip`` target group on port 8080."""
    elb = cloud.client("elbv2")
    lb = elb.create_load_balancer(Name=name, Subnets=["subnet-a", "subnet-b"])["LoadBalancers"][0]
    settings = {"Protocol": "HTTP", "Port": 8080, "VpcId": "vpc-1", "TargetType": "ip", "HealthCheckPath": "/health"}
    tg = elb.create_target_group(Name=name, **{**settings, **group})["TargetGroups"][0]
    elb.create_listener(
        LoadBalancerArn=lb["LoadBalancerArn"],
        Protocol="HTTP",
        Port=80,
        DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}],
    )
    return lb, tg


def task_definition(
    cloud: pocketcloud.Cloud, family: str = "web", cpu: str = "256", memory: str = "512", **labels: str
) -> str:
    container = {
        "name": "app",
        "image": "public.ecr.aws/nginx/nginx:latest",
        "portMappings": [{"containerPort": 8080}],
        "dockerLabels": {f"pocketcloud.{k}": v for k, v in labels.items()},
    }
    td = cloud.client("ecs").register_task_definition(
        family=family,
        requiresCompatibilities=["FARGATE"],
        networkMode="awsvpc",
        cpu=cpu,
        memory=memory,
        containerDefinitions=[container],
    )
    return str(td["taskDefinition"]["taskDefinitionArn"])


def fargate_service(
    cloud: pocketcloud.Cloud, tg: dict[str, Any] | None = None, desired: int = 2, name: str = "web", **extra: Any
) -> dict[str, Any]:
    ecs = cloud.client("ecs")
    if "demo" not in [arn.rsplit("/", 1)[1] for arn in ecs.list_clusters()["clusterArns"]]:
        ecs.create_cluster(clusterName="demo")
    params: dict[str, Any] = {
        "cluster": "demo",
        "serviceName": name,
        "taskDefinition": extra.pop("taskDefinition", None) or task_definition(cloud),
        "desiredCount": desired,
        "launchType": "FARGATE",
        "networkConfiguration": NETWORK,
    }
    if tg is not None:
        params["loadBalancers"] = [
            {"targetGroupArn": tg["TargetGroupArn"], "containerName": "app", "containerPort": 8080}
        ]
    params.update(extra)
    params = {k: v for k, v in params.items() if v is not None}
    return dict(ecs.create_service(**params)["service"])


def service(cloud: pocketcloud.Cloud, name: str = "web") -> dict[str, Any]:
    return dict(cloud.client("ecs").describe_services(cluster="demo", services=[name])["services"][0])


def messages(cloud: pocketcloud.Cloud, name: str = "web") -> list[str]:
    """The service's event messages, oldest first."""
    return [e["message"] for e in reversed(service(cloud, name)["events"])]
