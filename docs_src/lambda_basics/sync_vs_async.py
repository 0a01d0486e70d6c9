"""RequestResponse waits for the result; Event queues the event and returns 202."""

import json

import pocketcloud

APP = """
import time


def handler(event, context):
    time.sleep(0.5)  # half a second of (virtual) work
    print(f"processed order {event['order']}")
    return {"order": event["order"], "status": "shipped"}
"""

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
logs = cloud.client("logs")
lam.create_function(
    FunctionName="orders",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)


def processed() -> list[str]:
    """Lines the function printed so far, read back from CloudWatch Logs."""
    found = logs.filter_log_events(
        logGroupName="/aws/lambda/orders", filterPattern="processed"
    )
    return [event["message"] for event in found["events"]]


# 1. Synchronous (the default): the caller waits and gets the function's result.
resp = lam.invoke(FunctionName="orders", Payload=json.dumps({"order": 1}))
body = json.loads(resp["Payload"].read())
print(f"RequestResponse -> {resp['StatusCode']} {body}  (t={cloud.now:.3f} s)")

# 2. Asynchronous: Lambda puts the event in its queue and answers 202 right away.
resp = lam.invoke(
    FunctionName="orders", InvocationType="Event", Payload=json.dumps({"order": 2})
)
print(f"Event           -> {resp['StatusCode']} body={resp['Payload'].read()!r}")
print(f"  at t={cloud.now:.3f} s the log holds {processed()}")
cloud.run(until=cloud.now + 5)  # let virtual time pass: the queue is processed
print(f"  at t={cloud.now:.3f} s the log holds {processed()}")

# 3. DryRun: checks the parameters and permissions; the function does not run.
resp = lam.invoke(FunctionName="orders", InvocationType="DryRun")
print(f"DryRun          -> {resp['StatusCode']}")

# expect: RequestResponse -> 200 {'order': 1, 'status': 'shipped'}
# expect: Event           -> 202 body=b''
# expect: the log holds ['processed order 1']
# expect: the log holds ['processed order 1', 'processed order 2']
# expect: DryRun          -> 204
