"""Errors as AWS reports them: function errors in the payload, API errors raised."""

import json

import pocketcloud

APP = """
def handler(event, context):
    return {"total": event["price"] * event["quantity"]}
"""

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
lam.create_function(
    FunctionName="checkout",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)

# 1. The handler raises (no "quantity" key). The Invoke call itself succeeds:
#    StatusCode is 200, FunctionError says "Unhandled", the payload is the error.
resp = lam.invoke(FunctionName="checkout", Payload=json.dumps({"price": 3}))
print("StatusCode:", resp["StatusCode"], "FunctionError:", resp.get("FunctionError"))
print(json.dumps(json.loads(resp["Payload"].read()), indent=2))

# 2. The request itself is wrong: the API raises a ClientError with an AWS code.
try:
    lam.invoke(FunctionName="check-out", Payload=json.dumps({"price": 3}))
except lam.exceptions.ResourceNotFoundException as err:
    print(err.response["Error"]["Code"], "-", err.response["Error"]["Message"])

# 3. The same bad event, sent asynchronously: Lambda retries it two more times,
#    one minute and then two minutes later, before it gives up on the event.
lam.invoke(FunctionName="checkout", InvocationType="Event", Payload=b'{"price": 3}')
cloud.run(until=cloud.now + 300)  # five virtual minutes
starts = cloud.client("logs").filter_log_events(
    logGroupName="/aws/lambda/checkout", filterPattern='"START RequestId"'
)["events"][1:]  # skip the synchronous call above
first = starts[0]["timestamp"]
print("async attempts at +s:", [round((e["timestamp"] - first) / 1000) for e in starts])

# expect: StatusCode: 200 FunctionError: Unhandled
# expect: "errorType": "KeyError"
# expect: "errorMessage": "'quantity'"
# expect: ResourceNotFoundException - Function not found
# expect: async attempts at +s: [0, 60, 180]
