"""An ECS service behind an Application Load Balancer: registration, routing, 503/502, health replacement, metrics."""

from __future__ import annotations

import pocketcloud
from pocketcloud import traffic

from .ecs_support import alb, fargate_service, messages, service, task_definition


def settled(desired: int = 2, **labels: str) -> tuple[pocketcloud.Cloud, dict, dict]:
    cloud = pocketcloud.Cloud(seed=3)
    lb, tg = alb(cloud)
    fargate_service(cloud, tg, desired=desired, taskDefinition=task_definition(cloud, **labels))
    cloud.run(until=120)
    return cloud, lb, tg


def test_the_service_registers_its_tasks_and_requests_reach_them() -> None:
    """ECS registers each task's IP in the target group ("(service web) registered 1 targets in (target-group …)");
    once the targets pass a health check, requests to the DNS name reach the tasks, round robin.
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-load-balancing.html"""
    cloud, lb, tg = settled()
    elb = cloud.client("elbv2")
    health = elb.describe_target_health(TargetGroupArn=tg["TargetGroupArn"])["TargetHealthDescriptions"]
    assert [h["TargetHealth"]["State"] for h in health] == ["healthy", "healthy"]
    assert f"(service web) registered 1 targets in (target-group {tg['TargetGroupArn']})" in messages(cloud)
    assert messages(cloud)[-1] == "(service web) has reached a steady state."
    answers = [cloud.http_request("GET", f"http://{lb['DNSName']}/hi") for _ in range(4)]
    assert {a["statusCode"] for a in answers} == {200}
    assert len({a["body"] for a in answers}) == 2  # both tasks answered
    counts = elb.target_request_counts(TargetGroupArn=tg["TargetGroupArn"])
    assert [c["Requests"] for c in counts] == [2, 2]


def test_no_registered_target_is_a_503_from_the_load_balancer() -> None:
    """ "HTTP 503: Service Unavailable — The target groups for the load balancer have no registered targets"; the
    load balancer answers with its own page and counts HTTPCode_ELB_5XX_Count.
    https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html"""
    cloud = pocketcloud.Cloud()
    lb, _tg = alb(cloud)
    cloud.run(until=61)
    answer = cloud.http_request("GET", f"http://{lb['DNSName']}/")
    assert answer["statusCode"] == 503 and answer["headers"]["server"] == "awselb/2.0"
    assert "503 Service Temporarily Unavailable" in answer["body"]
    series = cloud.metrics.find("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count")
    assert sum(len(s) for s in series) == 1


def test_unhealthy_tasks_are_replaced() -> None:
    """A task whose target fails its health checks (after the grace period) is stopped with "Task failed ELB health
    checks in (target-group …)" and the service starts a replacement.
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-load-balancing.html
    The service event names the Fargate task and has no closing period: "Fargate: (service service-name) (task
    task-id) (port port-number) is unhealthy in (target-group target-group-name) due to (reason failure-reason)"
    (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-unhealthy-event-messages.html; this test
    used to expect the task's IP as "(instance …)" and a closing period, neither of which ECS writes)."""
    cloud, _lb, tg = settled(desired=1, unhealthy_after="100")
    cloud.run(until=400)
    ecs = cloud.client("ecs")
    stopped = ecs.list_tasks(cluster="demo", desiredStatus="STOPPED")["taskArns"]
    assert stopped
    task = ecs.describe_tasks(cluster="demo", tasks=stopped[:1])["tasks"][0]
    assert task["stoppedReason"] == f"Task failed ELB health checks in (target-group {tg['TargetGroupArn']})"
    unhealthy = [m for m in messages(cloud) if "is unhealthy in" in m]
    task_id = task["taskArn"].rsplit("/", 1)[1]
    assert unhealthy[0].startswith(f"(service web) (task {task_id}) (port ")
    assert unhealthy[0].endswith(
        f"is unhealthy in (target-group {tg['TargetGroupArn']}) due to (reason Health checks failed with these "
        "codes: [500])"
    )
    assert len(ecs.list_tasks(cluster="demo", desiredStatus="RUNNING")["taskArns"]) == 1


def test_busy_tasks_queue_requests_and_response_time_grows() -> None:
    """The request model (pocketcloud's): a task runs ``concurrency`` requests at once and queues the rest, so the
    ALB's TargetResponseTime grows when traffic exceeds what the vCPUs can do (0.25 vCPU, 20 ms CPU: 12.5 req/s)."""
    cloud, lb, _tg = settled(desired=1, cpu_ms="20", concurrency="2")
    url = f"http://{lb['DNSName']}/work"
    light = traffic.drive(cloud, traffic.constant(rate=5, duration=60), traffic.http("GET", url))
    cloud.run(until=200)
    times = cloud.metrics.find("AWS/ApplicationELB", "TargetResponseTime")[0]
    light_avg = sum(times.values) / len(times.values)
    start = len(times.values)
    heavy = traffic.drive(cloud, traffic.constant(rate=20, duration=30), traffic.http("GET", url))
    cloud.run(until=300)
    heavy_avg = sum(times.values[start:]) / len(times.values[start:])
    assert light.ok == 300 and heavy.ok == 600
    assert abs(light_avg - 0.08) < 0.005  # 20 ms of CPU on a quarter vCPU (health checks share it now and then)
    assert heavy_avg > 5 * light_avg


def test_ecs_and_alb_metrics_are_emitted_for_autoscaling() -> None:
    """AWS/ECS CPUUtilization and MemoryUtilization (ClusterName, ServiceName; 1-minute periods) and AWS/ApplicationELB
    RequestCount / RequestCountPerTarget (TargetGroup; Sum = requests per target), read through CloudWatch.
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html
    https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html"""
    cloud, lb, tg = settled(desired=2, cpu_ms="10")
    traffic.drive(cloud, traffic.constant(rate=10, duration=120), traffic.http("GET", f"http://{lb['DNSName']}/"))
    cloud.run(until=240)
    cw = cloud.client("cloudwatch")

    def stat(namespace: str, name: str, dims: list[dict[str, str]], statistic: str) -> list[float]:
        points = cw.get_metric_statistics(
            Namespace=namespace, MetricName=name, Dimensions=dims, StartTime=cloud_time(cloud, 120),
            EndTime=cloud_time(cloud, 240), Period=60, Statistics=[statistic],
        )["Datapoints"]  # fmt: skip
        return [p[statistic] for p in sorted(points, key=lambda p: p["Timestamp"])]

    service_dims = [{"Name": "ClusterName", "Value": "demo"}, {"Name": "ServiceName", "Value": "web"}]
    cpu = stat("AWS/ECS", "CPUUtilization", service_dims, "Average")
    # 10 req/s x 10 ms of CPU over 2 tasks x 0.25 vCPU = 20 %
    assert cpu and all(abs(v - 20.0) < 1.0 for v in cpu)
    assert stat("AWS/ECS", "MemoryUtilization", service_dims, "Average")
    per_target = stat(
        "AWS/ApplicationELB",
        "RequestCountPerTarget",
        [{"Name": "TargetGroup", "Value": tg["TargetGroupArn"].split(":")[-1]}],
        "Sum",
    )
    assert per_target == [300.0, 300.0]  # 600 requests a minute over 2 healthy targets
    assert service(cloud)["runningCount"] == 2


def cloud_time(cloud: pocketcloud.Cloud, seconds: float) -> object:
    from pocketcloud.timeutil import to_datetime

    return to_datetime(seconds)


def test_least_outstanding_requests_prefers_the_idle_target() -> None:
    """load_balancing.algorithm.type least_outstanding_requests: "routes requests to the targets with the lowest
    number of in progress requests".
    https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#modify-routing-algorithm"""
    cloud, lb, tg = settled(desired=2)
    elb = cloud.client("elbv2")
    elb.modify_target_group_attributes(
        TargetGroupArn=tg["TargetGroupArn"],
        Attributes=[{"Key": "load_balancing.algorithm.type", "Value": "least_outstanding_requests"}],
    )
    for _ in range(3):
        cloud.http_request("GET", f"http://{lb['DNSName']}/")
    counts = [c["Requests"] for c in elb.target_request_counts(TargetGroupArn=tg["TargetGroupArn"])]
    assert sum(counts) == 3


def test_a_rolling_deployment_behind_the_load_balancer_drops_no_request() -> None:
    """A new deployment registers the new tasks, waits for them to be healthy, then deregisters the old ones and
    lets them drain for the deregistration delay before stopping them: traffic during the deployment sees no error.
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html"""
    cloud, lb, tg = settled(desired=2)
    elb = cloud.client("elbv2")
    elb.modify_target_group_attributes(
        TargetGroupArn=tg["TargetGroupArn"], Attributes=[{"Key": "deregistration_delay.timeout_seconds", "Value": "30"}]
    )
    run = traffic.drive(cloud, traffic.constant(rate=5, duration=400), traffic.http("GET", f"http://{lb['DNSName']}/"))
    cloud.client("ecs").update_service(cluster="demo", service="web", forceNewDeployment=True)
    cloud.run(until=600)
    assert (run.sent, run.ok, run.errors) == (2000, 2000, 0)
    events = messages(cloud)
    assert events[-1] == "(service web) has reached a steady state."
    assert "(service web) has begun draining connections on 2 tasks." in events
    assert len(service(cloud)["deployments"]) == 1


def test_same_seed_same_traffic_history() -> None:
    """Determinism: the same seed and traffic give the same per-target counts and response times."""

    def history() -> tuple[list[int], list[float]]:
        cloud, lb, tg = settled(desired=3, cpu_ms="15")
        traffic.drive(cloud, traffic.poisson(rate=30, duration=60), traffic.http("GET", f"http://{lb['DNSName']}/"))
        cloud.run(until=200)
        counts = [
            c["Requests"] for c in cloud.client("elbv2").target_request_counts(TargetGroupArn=tg["TargetGroupArn"])
        ]
        return counts, cloud.metrics.find("AWS/ApplicationELB", "TargetResponseTime")[0].values

    assert history() == history()
