"""HTTP requests per second through an Application Load Balancer to an ECS service on Fargate, in CPython.

Each request goes the whole way a learner's does: a traffic generator's ``cloud.http_request_and_then`` -> the
router -> the ALB's listener and target group (round robin over healthy targets, idle-timeout timer, X-Forwarded-*
headers) -> the task's IP through the router -> the task's request model (concurrency slots, CPU time on its
vCPUs) -> the response back through the ALB, with its ``AWS/ApplicationELB`` data points, on the virtual clock. The
service (4 tasks of 1 vCPU, 10 ms of CPU per request: 400 requests/s of capacity) is sized so that nothing queues:
the number is the simulation's cost per request, not a queueing effect. Measured twice: one request at a time
(``traffic.http``) and on the load balancer's batched path (``traffic.http(..., batched=True)``,
:mod:`pocketcloud.services.elbv2.batch`: the same answers without a kernel event per request).

    python -m bench.alb_ecs [requests]
"""

from __future__ import annotations

import sys
import time

import pocketcloud
from pocketcloud import traffic


def measure(requests: int = 60_000, rate: float = 200.0, batched: bool = False) -> dict[str, float]:
    cloud = pocketcloud.Cloud(seed=1)
    elb = cloud.client("elbv2")
    ecs = cloud.client("ecs")
    lb = elb.create_load_balancer(Name="bench", Subnets=["subnet-a", "subnet-b"])["LoadBalancers"][0]
    tg = elb.create_target_group(Name="bench", Protocol="HTTP", Port=8080, VpcId="vpc-1", TargetType="ip")
    arn = tg["TargetGroups"][0]["TargetGroupArn"]
    elb.create_listener(
        LoadBalancerArn=lb["LoadBalancerArn"], Port=80, DefaultActions=[{"Type": "forward", "TargetGroupArn": arn}]
    )
    ecs.create_cluster(clusterName="bench")
    ecs.register_task_definition(
        family="bench", requiresCompatibilities=["FARGATE"], networkMode="awsvpc", cpu="1024", memory="2048",
        containerDefinitions=[{"name": "app", "image": "app", "portMappings": [{"containerPort": 8080}],
                               "dockerLabels": {"pocketcloud.cpu_ms": "10"}}],
    )  # fmt: skip
    ecs.create_service(
        cluster="bench", serviceName="bench", taskDefinition="bench", desiredCount=4, launchType="FARGATE",
        networkConfiguration={"awsvpcConfiguration": {"subnets": ["subnet-a"]}},
        loadBalancers=[{"targetGroupArn": arn, "containerName": "app", "containerPort": 8080}],
    )  # fmt: skip
    cloud.run(until=120)
    duration = requests / rate
    started = time.perf_counter()
    run = traffic.drive(
        cloud,
        traffic.constant(rate=rate, duration=duration),
        traffic.http("GET", f"http://{lb['DNSName']}/", batched=batched),
    )
    cloud.run(until=cloud.now + duration + 10)
    seconds = time.perf_counter() - started
    if run.ok != requests:
        raise RuntimeError(f"expected {requests} answered requests, got {run}")
    return {"requests": float(requests), "seconds": seconds, "per_s": requests / seconds}


def main(requests: int = 60_000) -> None:
    one = measure(requests)
    batched = measure(requests, batched=True)
    print(
        f"ALB -> ECS on Fargate, {int(one['requests']):,} HTTP requests: {one['seconds']:.2f} s "
        f"({one['per_s']:,.0f} requests/s) one at a time; {batched['seconds']:.2f} s ({batched['per_s']:,.0f} "
        f"requests/s, {batched['per_s'] / one['per_s']:.1f}x) on the batched path"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 60_000)
