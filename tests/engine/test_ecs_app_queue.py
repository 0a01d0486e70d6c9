"""The task's request model under load (services/ecs/appqueue.py) and the load balancer's batched path (elbv2/batch.py).

AWS defines ECS service CPUUtilization as the CPU units used by the service's tasks over the CPU units reserved for
them, in percent, in 1-minute periods (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cloudwatch-metrics.html,
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_utilization.html): a task whose CPU cannot
keep up is using all of it. Target tracking on ECSServiceAverageCPUUtilization adds tasks when that average stays
above the target (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html).
"""

from __future__ import annotations

from typing import Any

import pocketcloud
from pocketcloud import traffic
from pocketcloud.services.ecs.appqueue import TaskQueue
from pocketcloud.timeutil import to_datetime

from .ecs_support import alb, fargate_service, service, task_definition

SERVICE_DIMS = [{"Name": "ClusterName", "Value": "demo"}, {"Name": "ServiceName", "Value": "web"}]


def _stats(cloud: pocketcloud.Cloud, namespace: str, name: str, dims: list[dict[str, str]], stat: str) -> list[float]:
    points = cloud.client("cloudwatch").get_metric_statistics(
        Namespace=namespace, MetricName=name, Dimensions=dims, Statistics=[stat], Period=60,
        StartTime=to_datetime(0), EndTime=to_datetime(cloud.now),
    )["Datapoints"]  # fmt: skip
    return [round(p[stat], 6) for p in sorted(points, key=lambda p: p["Timestamp"])]


def _service(cloud: pocketcloud.Cloud, desired: int = 1, cpu_ms: str = "50") -> dict[str, Any]:
    lb, tg = alb(cloud)
    fargate_service(cloud, tg, desired=desired, taskDefinition=task_definition(cloud, cpu_ms=cpu_ms))
    cloud.run(until=120)
    return lb


def test_queue_model_is_fifo_slots_then_cpu() -> None:
    """One quarter-vCPU processor: 10 ms of CPU takes 40 ms; the second request waits for the processor, the third
    for a slot (2 slots), the fourth is refused (a queue of 1)."""
    app = TaskQueue(vcpu=0.25, cpu_ms=10, latency_ms=5, concurrency=2, queue=1)
    assert app.admit(0.0) == (0.0, 0.045)
    assert app.admit(0.0) == (0.0, 0.085)
    assert app.admit(0.0) == (0.045, 0.125)
    assert app.admit(0.0) is None
    assert app.in_flight(0.05) == 2 and app.waiting(0.0) == 1
    # CPU: the processor is busy from 0 to 0.12 (three turns of 40 ms, 10 ms of CPU each).
    assert abs(app.cpu_used(0.06) - 0.015) < 1e-12
    assert abs(app.cpu_used(1.0) - 0.030) < 1e-12


def test_an_overloaded_task_reports_full_cpu_and_its_latency_grows() -> None:
    """A quarter-vCPU task needing 50 ms of CPU per request serves 5 requests/s; at 6/s its CPUUtilization stays at
    100 % (not the 38-61 % the old per-request model reported) and the response time grows minute after minute."""
    cloud = pocketcloud.Cloud(seed=3)
    lb = _service(cloud)
    traffic.drive(cloud, traffic.constant(rate=6, duration=240), traffic.http("GET", f"http://{lb['DNSName']}/"))
    cloud.run(until=120 + 240)
    cpu = _stats(cloud, "AWS/ECS", "CPUUtilization", SERVICE_DIMS, "Average")
    assert cpu[-4:] == [100.0, 100.0, 100.0, 100.0]
    lb_dims = [{"Name": "LoadBalancer", "Value": lb["LoadBalancerArn"].split(":loadbalancer/")[1]}]
    latency = _stats(cloud, "AWS/ApplicationELB", "TargetResponseTime", lb_dims, "Average")
    assert latency == sorted(latency) and latency[-1] > 5 * latency[0]


def test_target_tracking_on_cpu_scales_out_an_overloaded_service() -> None:
    """The overload shows in ECSServiceAverageCPUUtilization, so a 50 % target adds tasks."""
    cloud = pocketcloud.Cloud(seed=3)
    lb = _service(cloud)
    aas = cloud.client("application-autoscaling")
    target = {
        "ServiceNamespace": "ecs",
        "ResourceId": "service/demo/web",
        "ScalableDimension": "ecs:service:DesiredCount",
    }
    aas.register_scalable_target(**target, MinCapacity=1, MaxCapacity=6)
    aas.put_scaling_policy(
        PolicyName="cpu", PolicyType="TargetTrackingScaling", **target,
        TargetTrackingScalingPolicyConfiguration={
            "TargetValue": 50.0, "ScaleOutCooldown": 60,
            "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
        },
    )  # fmt: skip
    traffic.drive(cloud, traffic.constant(rate=6, duration=600), traffic.http("GET", f"http://{lb['DNSName']}/"))
    cloud.run(until=120 + 600)
    assert service(cloud)["desiredCount"] >= 2
    assert service(cloud)["runningCount"] >= 2


def test_health_checks_cost_no_cpu() -> None:
    """Health checks are tiny GETs: an idle service's tasks report 0 % CPU and no requests."""
    cloud = pocketcloud.Cloud(seed=3)
    _service(cloud, cpu_ms="250")
    cloud.run(until=600)
    assert set(_stats(cloud, "AWS/ECS", "CPUUtilization", SERVICE_DIMS, "Average")) == {0.0}


def _day(batched: bool, algorithm: str | None) -> tuple[Any, ...]:
    cloud = pocketcloud.Cloud(seed=5)
    lb, tg = alb(cloud)
    if algorithm is not None:
        cloud.client("elbv2").modify_target_group_attributes(
            TargetGroupArn=tg["TargetGroupArn"],
            Attributes=[{"Key": "load_balancing.algorithm.type", "Value": algorithm}],
        )
    fargate_service(cloud, tg, desired=3, taskDefinition=task_definition(cloud, cpu_ms="20"))
    cloud.run(until=120)
    pattern = traffic.poisson(rate=30, duration=100)
    run = traffic.drive(cloud, pattern, traffic.http("GET", f"http://{lb['DNSName']}/", batched=batched))
    cloud.run(until=120 + 170)
    lb_dims = [{"Name": "LoadBalancer", "Value": lb["LoadBalancerArn"].split(":loadbalancer/")[1]}]
    targets = cloud.client("elbv2").describe_target_health(TargetGroupArn=tg["TargetGroupArn"])
    return (
        (run.sent, run.ok, run.errors),
        _stats(cloud, "AWS/ECS", "CPUUtilization", SERVICE_DIMS, "Average"),
        _stats(cloud, "AWS/ApplicationELB", "RequestCount", lb_dims, "Sum"),
        _stats(cloud, "AWS/ApplicationELB", "TargetResponseTime", lb_dims, "Average"),
        len(targets["TargetHealthDescriptions"]),
    )


def test_the_batched_path_gives_the_same_answers_and_metrics() -> None:
    """traffic.http(..., batched=True) takes the arrivals without an event each: the same tallies, CPU, request
    counts and response times as one request at a time, for round robin and least outstanding requests."""
    for algorithm in (None, "least_outstanding_requests"):
        assert _day(True, algorithm) == _day(False, algorithm)


def test_the_batched_path_answers_503_without_a_healthy_target() -> None:
    """No registered target: the load balancer answers 503 itself, on the batched path too."""
    cloud = pocketcloud.Cloud(seed=3)
    lb, _tg = alb(cloud)
    cloud.run(until=60)
    run = traffic.drive(
        cloud, traffic.constant(rate=2, duration=30), traffic.http("GET", f"http://{lb['DNSName']}/", batched=True)
    )
    cloud.run(until=120)
    assert (run.sent, run.errors) == (60, 60)
    lb_dims = [{"Name": "LoadBalancer", "Value": lb["LoadBalancerArn"].split(":loadbalancer/")[1]}]
    assert _stats(cloud, "AWS/ApplicationELB", "HTTPCode_ELB_503_Count", lb_dims, "Sum") == [60.0]
