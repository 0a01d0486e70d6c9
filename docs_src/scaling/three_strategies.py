"""The same traffic on one small ECS service: scale up, scale out, auto scaling."""

import os

import pocketcloud
from pocketcloud import traffic
from pocketcloud.display.charts import Line, time_series_svg
from pocketcloud.pricing_compute import fargate_task_cost
from pocketcloud.timeutil import to_datetime

LANG = os.environ.get("POCKETCLOUD_LANG", "en")
SUBNETS = ["subnet-a", "subnet-b"]
NETWORK = {"awsvpcConfiguration": {"subnets": SUBNETS}}
# Quiet (0.2 requests/s), busy (0.9/s) for 20 minutes from minute 5, quiet again.
LOAD = [(0, 0.2), (300, 0.9), (1500, 0.2)]
END = 2100


def task_definition(ecs, cpu, memory):
    """Each request needs 200 ms of one vCPU: a 0.25-vCPU task serves 1.25/s."""
    app = {
        "name": "app",
        "image": "public.ecr.aws/nginx/nginx:latest",
        "portMappings": [{"containerPort": 8080}],
        "dockerLabels": {"pocketcloud.cpu_ms": "200", "pocketcloud.startup_s": "20"},
    }
    td = ecs.register_task_definition(
        family="web",
        requiresCompatibilities=["FARGATE"],
        networkMode="awsvpc",
        cpu=cpu,
        memory=memory,
        containerDefinitions=[app],
    )
    return td["taskDefinition"]["taskDefinitionArn"]


def run(strategy):
    cloud = pocketcloud.Cloud(seed=0)
    ecs, elb = cloud.client("ecs"), cloud.client("elbv2")
    lb = elb.create_load_balancer(Name="web", Subnets=SUBNETS)["LoadBalancers"][0]
    tg = elb.create_target_group(
        Name="web", Protocol="HTTP", Port=8080, VpcId="vpc-1", TargetType="ip"
    )["TargetGroups"][0]
    elb.create_listener(
        LoadBalancerArn=lb["LoadBalancerArn"],
        Protocol="HTTP",
        Port=80,
        DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}],
    )
    ecs.create_cluster(clusterName="demo")
    ecs.create_service(
        cluster="demo",
        serviceName="web",
        taskDefinition=task_definition(ecs, "256", "512"),
        desiredCount=1,
        launchType="FARGATE",
        networkConfiguration=NETWORK,
        loadBalancers=[
            {
                "targetGroupArn": tg["TargetGroupArn"],
                "containerName": "app",
                "containerPort": 8080,
            }
        ],
    )
    if strategy == "auto scaling":
        aas = cloud.client("application-autoscaling")
        target = {
            "ServiceNamespace": "ecs",
            "ResourceId": "service/demo/web",
            "ScalableDimension": "ecs:service:DesiredCount",
        }
        aas.register_scalable_target(**target, MinCapacity=1, MaxCapacity=8)
        aas.put_scaling_policy(
            PolicyName="cpu50",
            PolicyType="TargetTrackingScaling",
            TargetTrackingScalingPolicyConfiguration={
                "TargetValue": 50.0,
                "PredefinedMetricSpecification": {
                    "PredefinedMetricType": "ECSServiceAverageCPUUtilization"
                },
                "ScaleOutCooldown": 60,
                "ScaleInCooldown": 120,
            },
            **target,
        )
    cloud.run(until=120)  # the first task starts and passes its health checks
    url = f"http://{lb['DNSName']}/"
    pattern = traffic.steps(LOAD, duration=END)
    load = traffic.drive(cloud, pattern, traffic.http("GET", url))
    cloud.run(until=120 + 300)  # the busy period begins; an operator reacts at once
    if strategy == "scale up":  # a bigger task size is a new revision: a deployment
        bigger = task_definition(ecs, "512", "1024")
        ecs.update_service(cluster="demo", service="web", taskDefinition=bigger)
    elif strategy == "scale out":  # more tasks of the same size
        ecs.update_service(cluster="demo", service="web", desiredCount=2)
    cloud.run(until=120 + END + 120)
    return cloud, load


def minutes(cloud, namespace, name, stat, dimensions):
    """One value per minute of a metric over the run, as (virtual seconds, value)."""
    points = cloud.client("cloudwatch").get_metric_statistics(
        Namespace=namespace,
        MetricName=name,
        Dimensions=dimensions,
        StartTime=to_datetime(0),
        EndTime=to_datetime(120 + END + 120),
        Period=60,
        Statistics=[stat],
    )["Datapoints"]
    start = to_datetime(0).timestamp()
    return sorted((p["Timestamp"].timestamp() - start, p[stat]) for p in points)


def bill(cloud):
    """What Fargate charges for every task of the run (us-east-1, Linux/x86)."""
    ecs, total = cloud.client("ecs"), 0
    for status in ["RUNNING", "STOPPED"]:
        arns = ecs.list_tasks(cluster="demo", desiredStatus=status)["taskArns"]
        for task in (
            ecs.describe_tasks(cluster="demo", tasks=arns)["tasks"] if arns else []
        ):
            end = task.get("stoppedAt") or to_datetime(cloud.now)
            seconds = (end - task["createdAt"]).total_seconds()
            vcpu, gb = int(task["cpu"]) / 1024, int(task["memory"]) / 1024
            total += fargate_task_cost(vcpu, gb, seconds).total_usd
    return total


SERVICE = [
    {"Name": "ClusterName", "Value": "demo"},
    {"Name": "ServiceName", "Value": "web"},
]
lines = []
for strategy in ["scale up", "scale out", "auto scaling"]:
    cloud, load = run(strategy)
    cpu = minutes(cloud, "AWS/ECS", "CPUUtilization", "Average", SERVICE)
    (alb,) = [
        m["Dimensions"]
        for m in cloud.client("cloudwatch").list_metrics(
            Namespace="AWS/ApplicationELB", MetricName="TargetResponseTime"
        )["Metrics"]
        if len(m["Dimensions"]) == 1
    ]
    latency = minutes(cloud, "AWS/ApplicationELB", "TargetResponseTime", "Average", alb)
    peak, cost = max(v for _t, v in cpu), bill(cloud)
    busy = [v for t, v in latency if 120 + 300 <= t < 120 + 1500]
    print(
        f"{strategy:>12}: ok {load.ok}/{load.sent}, errors {load.errors}, "
        f"latency {sum(busy) / len(busy):.2f} s, peak CPU {peak:.0f} %, ${cost:.4f}"
    )
    lines.append(Line(strategy, cpu))

time_series_svg(
    lines,
    title="web: CPU per strategy" if LANG == "en" else "web: 전략별 CPU",
    lang=LANG,
    threshold=50.0,
)

# expect:     scale up: ok 1260/1260, errors 0, latency 0.42 s, peak CPU 36 %, $0.0159
# expect:    scale out: ok 1260/1260, errors 0, latency 0.80 s, peak CPU 48 %, $0.0146
# expect: auto scaling: ok 1260/1260, errors 0, latency 0.80 s, peak CPU 72 %, $0.0128
