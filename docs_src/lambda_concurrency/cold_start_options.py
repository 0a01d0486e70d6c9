"""One burst of 20 requests three ways: on demand, provisioned, SnapStart."""

import pocketcloud
from pocketcloud import traffic

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
CODE = pocketcloud.zip_code(
    {"app.py": "def handler(event, context):\n    return 'ok'\n"}
)
for name, snap_start in [
    ("on-demand", "None"),
    ("provisioned", "None"),
    ("snapstart", "PublishedVersions"),
]:
    lam.create_function(
        FunctionName=name,
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/lambda-role",
        Handler="app.handler",
        Code={"ZipFile": CODE},
        SnapStart={"ApplyOn": snap_start},
    )
    # A heavy Init (2 s: a framework, a model ...), then 50 ms per request.
    traffic.Workload(duration_ms=50, init_ms=2000).attach(cloud, name)
    version = lam.publish_version(FunctionName=name)[
        "Version"
    ]  # SnapStart: Init runs here
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion=version)
lam.put_provisioned_concurrency_config(
    FunctionName="provisioned", Qualifier="live", ProvisionedConcurrentExecutions=20
)
cloud.run(until=cloud.now + 60)

for name in ("on-demand", "provisioned", "snapstart"):
    traffic.drive(
        cloud, traffic.replay([0.0] * 20), traffic.sync(name, qualifier="live")
    )
cloud.run()

print(f"{'function':<12} {'starts':<28} {'slowest request':>16}")
for name in ("on-demand", "provisioned", "snapstart"):
    runs = cloud.lambda_trace.filter(name)
    kinds: dict[str, int] = {}
    for inv in runs:
        kinds[inv.start_kind] = kinds.get(inv.start_kind, 0) + 1
    slowest = max(inv.finished_at - inv.received_at for inv in runs)
    print(f"{name:<12} {kinds!s:<28} {slowest * 1000:>13.0f} ms")

# expect: on-demand    {'cold': 20}
# expect: provisioned  {'provisioned': 20}                     50 ms
# expect: snapstart    {'restore': 20}
