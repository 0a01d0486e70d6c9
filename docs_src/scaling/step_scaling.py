"""Step scaling on an ECS service: your own alarm, step adjustments, a cooldown."""

import os

import pocketcloud
from pocketcloud import traffic
from pocketcloud.display.charts import Line, time_series_svg
from pocketcloud.timeutil import to_datetime

LANG = os.environ.get("POCKETCLOUD_LANG", "en")
cloud = pocketcloud.Cloud(seed=0)
ecs, elb = cloud.client("ecs"), cloud.client("elbv2")
aas, cw = cloud.client("application-autoscaling"), cloud.client("cloudwatch")

SUBNETS = ["subnet-a", "subnet-b"]
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
task = ecs.register_task_definition(
    family="web",
    requiresCompatibilities=["FARGATE"],
    networkMode="awsvpc",
    cpu="256",  # 0.25 vCPU
    memory="512",
    containerDefinitions=[
        {
            "name": "app",
            "image": "public.ecr.aws/nginx/nginx:latest",
            "portMappings": [{"containerPort": 8080}],
            # each request needs 200 ms of one vCPU: one task serves 1.25 requests/s
            "dockerLabels": {"pocketcloud.cpu_ms": "200"},
        }
    ],
)["taskDefinition"]["taskDefinitionArn"]
ecs.create_service(
    cluster="demo",
    serviceName="web",
    taskDefinition=task,
    desiredCount=1,
    launchType="FARGATE",
    networkConfiguration={"awsvpcConfiguration": {"subnets": SUBNETS}},
    loadBalancers=[
        {
            "targetGroupArn": tg["TargetGroupArn"],
            "containerName": "app",
            "containerPort": 8080,
        }
    ],
)

target = {
    "ServiceNamespace": "ecs",
    "ResourceId": "service/demo/web",
    "ScalableDimension": "ecs:service:DesiredCount",
}
aas.register_scalable_target(**target, MinCapacity=1, MaxCapacity=6)
# The breach is the metric minus the alarm threshold:
# under 20 points add 1 task, 20 or more add 2.
policy = aas.put_scaling_policy(
    PolicyName="cpu-high",
    PolicyType="StepScaling",
    StepScalingPolicyConfiguration={
        "AdjustmentType": "ChangeInCapacity",
        "Cooldown": 300,
        "MetricAggregationType": "Average",
        "StepAdjustments": [
            {
                "MetricIntervalLowerBound": 0.0,
                "MetricIntervalUpperBound": 20.0,
                "ScalingAdjustment": 1,
            },
            {"MetricIntervalLowerBound": 20.0, "ScalingAdjustment": 2},
        ],
    },
    **target,
)["PolicyARN"]
SERVICE = [
    {"Name": "ClusterName", "Value": "demo"},
    {"Name": "ServiceName", "Value": "web"},
]
cw.put_metric_alarm(
    AlarmName="web-cpu-high",
    Namespace="AWS/ECS",
    MetricName="CPUUtilization",
    Dimensions=SERVICE,
    Statistic="Average",
    Period=60,
    EvaluationPeriods=2,  # two breaching minutes in a row
    Threshold=50.0,
    ComparisonOperator="GreaterThanThreshold",
    AlarmActions=[policy],
)

cloud.run(until=120)
# 1.1 requests/s: one task at about 90 % CPU, a breach of about 40 -> the +2 step.
traffic.drive(
    cloud, traffic.constant(1.1, 1200), traffic.http("GET", f"http://{lb['DNSName']}/")
)
cloud.run(until=120 + 1200)

activities = aas.describe_scaling_activities(**target)["ScalingActivities"]
for activity in reversed(activities):  # oldest first
    print(activity["StartTime"].strftime("%H:%M"), activity["Description"])
    print("      ", activity["Cause"])
service = ecs.describe_services(cluster="demo", services=["web"])["services"][0]
print("desired", service["desiredCount"], "running", service["runningCount"])

cpu = cw.get_metric_statistics(
    Namespace="AWS/ECS",
    MetricName="CPUUtilization",
    Dimensions=SERVICE,
    StartTime=to_datetime(0),
    EndTime=to_datetime(cloud.now),
    Period=60,
    Statistics=["Average"],
)["Datapoints"]
start = to_datetime(0).timestamp()
points = [(p["Timestamp"].timestamp() - start, p["Average"]) for p in cpu]
time_series_svg(
    [Line("CPUUtilization (%)", points)],
    title="web: CPU, alarm threshold" if LANG == "en" else "web: CPU와 경보 임곗값",
    lang=LANG,
    threshold=50.0,
)

# expect: Setting desired count to 3.
# expect: monitor alarm web-cpu-high in state ALARM triggered policy cpu-high
# expect: desired 3 running 3
