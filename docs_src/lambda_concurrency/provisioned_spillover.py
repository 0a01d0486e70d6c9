"""Provisioned concurrency serves what it can; the rest spills over to on-demand."""

from datetime import timedelta

import pocketcloud
from pocketcloud import traffic
from pocketcloud.timeutil import to_datetime

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
cw = cloud.client("cloudwatch")
lam.create_function(
    FunctionName="checkout",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={
        "ZipFile": pocketcloud.zip_code(
            {"app.py": "def handler(event, context):\n    return 'ok'\n"}
        )
    },
)
# A model of the handler: 200 ms per request, 800 ms of Init for a new environment.
traffic.Workload(duration_ms=200, init_ms=800).attach(cloud, "checkout")
version = lam.publish_version(FunctionName="checkout")["Version"]
lam.create_alias(FunctionName="checkout", Name="live", FunctionVersion=version)
lam.put_provisioned_concurrency_config(
    FunctionName="checkout", Qualifier="live", ProvisionedConcurrentExecutions=10
)
cloud.run(
    until=cloud.now + 60
)  # the ten environments finish their Init before traffic arrives
config = lam.get_provisioned_concurrency_config(
    FunctionName="checkout", Qualifier="live"
)
print(
    "provisioned concurrency:",
    config["Status"],
    config["AllocatedProvisionedConcurrentExecutions"],
)

# Minute 1: 30 requests/s x 0.2 s = about 6 in flight. Minute 2: 100/s, about 20.
start = cloud.now
pattern = traffic.steps([(0, 30), (60, 100), (120, 30)], duration=180, poisson=True)
traffic.drive(cloud, pattern, traffic.sync("checkout", qualifier="live"))
cloud.run()


def per_minute(
    metric: str, statistic: str, namespace: str = "AWS/Lambda"
) -> list[float]:
    dims = [{"Name": "FunctionName", "Value": "checkout"}]
    if namespace == "AWS/Lambda":
        dims.append({"Name": "Resource", "Value": "checkout:live"})
    points = cw.get_metric_statistics(
        Namespace=namespace,
        MetricName=metric,
        Dimensions=dims,
        StartTime=to_datetime(start),
        EndTime=to_datetime(start) + timedelta(minutes=3),
        Period=60,
        Statistics=[statistic],
    )["Datapoints"]
    return [
        round(p[statistic], 2) for p in sorted(points, key=lambda p: p["Timestamp"])
    ]


print("Invocations (Sum)                     ", per_minute("Invocations", "Sum"))
print(
    "ProvisionedConcurrencyInvocations     ",
    per_minute("ProvisionedConcurrencyInvocations", "Sum"),
)
print(
    "ProvisionedConcurrencySpilloverInv... ",
    per_minute("ProvisionedConcurrencySpilloverInvocations", "Sum"),
)
print(
    "ProvisionedConcurrencyUtilization avg ",
    per_minute("ProvisionedConcurrencyUtilization", "Average"),
)
print(
    "cold starts (pocketcloud/Lambda)      ",
    per_minute("ColdStarts", "Sum", "pocketcloud/Lambda"),
)

# expect: provisioned concurrency: READY 10
# expect: ProvisionedConcurrencySpilloverInv...  [81.0, 3152.0, 89.0]
# expect: ProvisionedConcurrencyUtilization avg  [0.67, 0.97, 0.68]
