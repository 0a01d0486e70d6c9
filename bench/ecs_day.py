"""A day of traffic on ECS: N HTTP requests on a daily curve through an ALB to a Fargate service that scales itself.

``python -m bench ecs_day [N]`` (default 1,000,000). The same daily curve as :mod:`bench.traffic_day` (a peak at
14:00 of 1.8x the day's mean rate, a night trough of 0.2x, Poisson arrivals: 1,000,000 requests a day is a mean of
11.6 and a peak of about 20.8 requests per second) goes to an Application Load Balancer in front of a Fargate
service of quarter-vCPU tasks (``CPU_MS`` of CPU per request: a task serves at most 12.5 requests per second) with
a target tracking policy (Application Auto Scaling) on ``ECSServiceAverageCPUUtilization`` at ``TARGET_CPU`` %,
between ``MIN_TASKS`` and ``MAX_TASKS``. Everything a learner's run has happens: health checks, the per-minute
``AWS/ECS`` and ``AWS/ApplicationELB`` metrics, the alarms target tracking creates, scale-out and scale-in with
their cooldowns, tasks starting (PROVISIONING, PENDING, start-up) and draining. The requests take the load
balancer's batched path (``traffic.http(..., batched=True)``, :mod:`pocketcloud.services.elbv2.batch`): no kernel
event per request, the same answers.

Printed: the CPython time of the day, the cost per request, the answers, the task count's range and the scaling
activities.
"""

from __future__ import annotations

import time
from typing import Any

import pocketcloud
from pocketcloud import traffic

CPU_MS = 20
PEAK_FACTOR = 1.8
TARGET_CPU = 50.0
MIN_TASKS = 1
MAX_TASKS = 10


def build(cloud: pocketcloud.Cloud) -> str:
    """The load balancer, the service and its scaling policy; returns the load balancer's DNS name."""
    elb: Any = cloud.client("elbv2")
    ecs: Any = cloud.client("ecs")
    lb = elb.create_load_balancer(Name="day", Subnets=["subnet-a", "subnet-b"])["LoadBalancers"][0]
    tg = elb.create_target_group(Name="day", Protocol="HTTP", Port=8080, VpcId="vpc-1", TargetType="ip")
    arn = tg["TargetGroups"][0]["TargetGroupArn"]
    elb.create_listener(
        LoadBalancerArn=lb["LoadBalancerArn"], Port=80, DefaultActions=[{"Type": "forward", "TargetGroupArn": arn}]
    )
    ecs.create_cluster(clusterName="day")
    ecs.register_task_definition(
        family="api", requiresCompatibilities=["FARGATE"], networkMode="awsvpc", cpu="256", memory="512",
        containerDefinitions=[{"name": "app", "image": "app", "portMappings": [{"containerPort": 8080}],
                               "dockerLabels": {"pocketcloud.cpu_ms": str(CPU_MS)}}],
    )  # fmt: skip
    ecs.create_service(
        cluster="day", serviceName="api", taskDefinition="api", desiredCount=MIN_TASKS, launchType="FARGATE",
        networkConfiguration={"awsvpcConfiguration": {"subnets": ["subnet-a"]}},
        loadBalancers=[{"targetGroupArn": arn, "containerName": "app", "containerPort": 8080}],
    )  # fmt: skip
    aas: Any = cloud.client("application-autoscaling")
    target = {
        "ServiceNamespace": "ecs",
        "ResourceId": "service/day/api",
        "ScalableDimension": "ecs:service:DesiredCount",
    }
    aas.register_scalable_target(**target, MinCapacity=MIN_TASKS, MaxCapacity=MAX_TASKS)
    aas.put_scaling_policy(
        PolicyName="cpu", PolicyType="TargetTrackingScaling", **target,
        TargetTrackingScalingPolicyConfiguration={
            "TargetValue": TARGET_CPU, "ScaleOutCooldown": 60, "ScaleInCooldown": 300,
            "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
        },
    )  # fmt: skip
    return str(lb["DNSName"])


def measure(requests: int = 1_000_000) -> dict[str, float]:
    """Simulate a day with about ``requests`` requests; return counts and seconds."""
    cloud = pocketcloud.Cloud(seed=0)
    dns = build(cloud)
    cloud.run(until=120)
    mean_rate = requests / 86_400
    pattern = traffic.daily(peak=mean_rate * PEAK_FACTOR, trough=mean_rate * 0.2, poisson=True)
    ecs: Any = cloud.client("ecs")
    low = high = MIN_TASKS
    started = time.perf_counter()
    run = traffic.drive(cloud, pattern, traffic.http("GET", f"http://{dns}/", batched=True))
    for hour in range(1, 25):
        cloud.run(until=120 + hour * 3600)
        (service,) = ecs.describe_services(cluster="day", services=["api"])["services"]
        low, high = min(low, service["runningCount"]), max(high, service["runningCount"])
    cloud.run(until=120 + 86_400 + 120)
    elapsed = time.perf_counter() - started
    aas: Any = cloud.client("application-autoscaling")
    activities = aas.describe_scaling_activities(ServiceNamespace="ecs")["ScalingActivities"]
    return {
        "sent": run.sent,
        "ok": run.ok,
        "errors": run.errors,
        "seconds": elapsed,
        "us_per_request": elapsed / max(1, run.sent) * 1e6,
        "min_tasks": low,
        "max_tasks": high,
        "activities": len(activities),
    }


def main(requests: int = 1_000_000) -> None:
    day = measure(requests)
    print(
        f"A day on ECS: {day['sent']:,.0f} HTTP requests through an ALB ({day['ok']:,.0f} ok, "
        f"{day['errors']:,.0f} 5xx) to a Fargate service scaling between {day['min_tasks']:.0f} and "
        f"{day['max_tasks']:.0f} tasks ({day['activities']:.0f} scaling activities) in {day['seconds']:.1f} s "
        f"CPython ({day['us_per_request']:.1f} us per request)"
    )


if __name__ == "__main__":
    import sys

    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
