"""Two ways in: a synchronous Invoke waits; an asynchronous one is queued (202)."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")

APP = """
import time


def handler(event, context):
    time.sleep(2)  # two seconds of virtual time: no real wait
    return {"order": event["order"], "status": "packed"}
"""
lam.create_function(
    FunctionName="pack",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)
# Only one invocation of "pack" may run at a time.
lam.put_function_concurrency(FunctionName="pack", ReservedConcurrentExecutions=1)

# Synchronous: the caller waits for the result.
sync = lam.invoke(FunctionName="pack", Payload=json.dumps({"order": 1}))
print("sync  ", sync["StatusCode"], sync["Payload"].read().decode())

# Asynchronous: accepted at once (202), no result; the event waits in the queue.
for order in (2, 3):
    answer = lam.invoke(
        FunctionName="pack",
        InvocationType="Event",
        Payload=json.dumps({"order": order}),
    )
    print("async ", answer["StatusCode"], repr(answer["Payload"].read()))

# While an async event runs, a synchronous call finds no free concurrency: 429.
cloud.run(until=cloud.now + 0.5)
try:
    lam.invoke(FunctionName="pack", Payload=json.dumps({"order": 4}))
except lam.exceptions.TooManyRequestsException as error:
    print(
        "sync  ",
        error.response["ResponseMetadata"]["HTTPStatusCode"],
        error.response["Reason"],
    )

cloud.run()  # the queue retries the throttled event after a back-off
print(cloud.lambda_trace.table())

# expect: sync   200 {"order": 1, "status": "packed"}
# expect: async  202 b''
# expect: sync   429 ReservedFunctionConcurrentInvocationLimitExceeded
# expect: async
