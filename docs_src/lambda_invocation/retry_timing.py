"""When Lambda retries an asynchronous event that fails: one, then two minutes later."""

import pocketcloud
from pocketcloud.timeutil import to_datetime

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")

FAILS = """
def handler(event, context):
    raise RuntimeError("the payment service is down")
"""
lam.create_function(
    FunctionName="charge",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": FAILS})},
)
answer = lam.invoke(FunctionName="charge", InvocationType="Event", Payload=b"{}")
cloud.run()

print("request", answer["ResponseMetadata"]["RequestId"])
request_id = answer["ResponseMetadata"]["RequestId"]
first = None
for attempt, run in enumerate(cloud.lambda_trace.filter("charge"), start=1):
    first = run.started_at if first is None else first
    same = run.request_id == request_id
    print(
        f"attempt {attempt}: +{run.started_at - first:6.1f} s  "
        f"age {run.queue_wait_s:6.1f} s  {run.function_error}  same request ID: {same}"
    )

# The same three attempts in the AWS/Lambda metrics.
cw = cloud.client("cloudwatch")
for name in ("AsyncEventsReceived", "Invocations", "Errors", "AsyncEventsDropped"):
    stats = cw.get_metric_statistics(
        Namespace="AWS/Lambda",
        MetricName=name,
        Dimensions=[{"Name": "FunctionName", "Value": "charge"}],
        StartTime=to_datetime(0),
        EndTime=to_datetime(cloud.now + 60),
        Period=3600,
        Statistics=["Sum"],
    )
    print(f"{name:20} {sum(p['Sum'] for p in stats['Datapoints']):3.0f}")

# expect: attempt 1: +   0.0 s
# expect: attempt 2: +  60.
# expect: attempt 3: + 180.
# expect: AsyncEventsReceived    1
# expect: Errors                 3
# expect: AsyncEventsDropped     1
