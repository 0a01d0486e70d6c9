"""Tasks wait in PROVISIONING while managed scaling launches instances."""

import os

import pocketcloud
from pocketcloud.display.charts import Line, time_series_svg
from pocketcloud.services.ecs.capacity import auto_scaling_group

LANG = os.environ.get("POCKETCLOUD_LANG", "en")
APP = {"name": "app", "image": "app", "portMappings": [{"containerPort": 80}]}


def run(capacity, target=100):
    """Five 1-vCPU tasks on an empty cluster: (t, running, provisioning, instances)."""
    cloud = pocketcloud.Cloud(seed=0)
    ecs = cloud.client("ecs")
    if capacity == "EC2":
        # An Auto Scaling group of c5.large instances (2 vCPUs each), empty at first.
        asg = auto_scaling_group(cloud, "asg", instance_type="c5.large", max_size=10)
        ecs.create_capacity_provider(
            name="cp",
            autoScalingGroupProvider={
                "autoScalingGroupArn": asg,
                "managedScaling": {"status": "ENABLED", "targetCapacity": target},
                "managedTerminationProtection": "ENABLED",
            },
        )
        ecs.create_cluster(
            clusterName="demo",
            capacityProviders=["cp"],
            defaultCapacityProviderStrategy=[{"capacityProvider": "cp", "weight": 1}],
        )
        ecs.register_task_definition(
            family="app", cpu="1024", memory="1024", containerDefinitions=[APP]
        )
        ecs.create_service(
            cluster="demo", serviceName="app", taskDefinition="app", desiredCount=5
        )
    else:
        ecs.create_cluster(clusterName="demo")
        ecs.register_task_definition(
            family="app",
            requiresCompatibilities=["FARGATE"],
            networkMode="awsvpc",
            cpu="1024",
            memory="2048",
            containerDefinitions=[APP],
        )
        ecs.create_service(
            cluster="demo",
            serviceName="app",
            taskDefinition="app",
            desiredCount=5,
            launchType="FARGATE",
            networkConfiguration={"awsvpcConfiguration": {"subnets": ["subnet-a"]}},
        )
    samples = []
    for t in range(0, 361, 15):
        cloud.run(until=t)
        arns = ecs.list_tasks(cluster="demo")["taskArns"]
        tasks = ecs.describe_tasks(cluster="demo", tasks=arns)["tasks"] if arns else []
        states = [task["lastStatus"] for task in tasks]
        hosts = ecs.list_container_instances(cluster="demo")["containerInstanceArns"]
        samples.append(
            (t, states.count("RUNNING"), states.count("PROVISIONING"), len(hosts))
        )
    return samples


for label, capacity, target in [
    ("Fargate", "FARGATE", None),
    ("EC2, target 100 %", "EC2", 100),
    ("EC2, target 50 %", "EC2", 50),
]:
    samples = run(capacity, target) if target else run(capacity)
    ready = next(t for t, running, _p, _i in samples if running == 5)
    print(
        f"{label:>17}: all 5 tasks RUNNING after {ready} s, instances {samples[-1][3]}"
    )
    if target == 100:
        ec2 = samples

time_series_svg(
    [
        Line("RUNNING", [(t, r) for t, r, _p, _i in ec2]),
        Line("PROVISIONING", [(t, p) for t, _r, p, _i in ec2]),
        Line(
            "instances" if LANG == "en" else "인스턴스",
            [(t, i) for t, _r, _p, i in ec2],
        ),
    ],
    title="EC2 capacity provider, target 100 %"
    if LANG == "en"
    else "EC2 용량 공급자, 목표 100%",
    lang=LANG,
)

# expect:           Fargate: all 5 tasks RUNNING after 30 s, instances 0
# expect: EC2, target 100 %: all 5 tasks RUNNING after 180 s, instances 3
# expect:  EC2, target 50 %: all 5 tasks RUNNING after 180 s, instances 6
