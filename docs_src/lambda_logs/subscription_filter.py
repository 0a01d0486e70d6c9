"""A subscription filter streams matching log lines to a function (an awslogs event)."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
logs = cloud.client("logs")
ROLE = "arn:aws:iam::123456789012:role/lambda-role"

APP = """
import json


def handler(event, context):
    level = "ERROR" if event["total"] > 500 else "INFO"
    print(json.dumps({"level": level, "total": event["total"]}))
"""
# The function that receives the lines unpacks the awslogs event: base64, then gzip.
ALERTS = """
import base64
import gzip
import json


def handler(event, context):
    data = json.loads(gzip.decompress(base64.b64decode(event["awslogs"]["data"])))
    for line in data["logEvents"]:
        print("ALERT from", data["logGroup"], line["message"])
"""
for name, source in (("checkout", APP), ("alerts", ALERTS)):
    lam.create_function(
        FunctionName=name,
        Runtime="python3.13",
        Role=ROLE,
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": source})},
    )
# A first invocation creates the function's log group.
lam.invoke(FunctionName="checkout", Payload=json.dumps({"total": 1}))

# CloudWatch Logs invokes the function, so the function's policy must allow it.
group_arn = "arn:aws:logs:ap-northeast-2:123456789012:log-group:/aws/lambda/checkout:*"
lam.add_permission(
    FunctionName="alerts",
    StatementId="logs",
    Action="lambda:InvokeFunction",
    Principal="logs.amazonaws.com",
    SourceArn=group_arn,
)
alerts_arn = lam.get_function(FunctionName="alerts")["Configuration"]["FunctionArn"]
logs.put_subscription_filter(
    logGroupName="/aws/lambda/checkout",
    filterName="errors-to-alerts",
    filterPattern='{ $.level = "ERROR" }',
    destinationArn=alerts_arn,
)
for total in (120, 900, 40):
    lam.invoke(FunctionName="checkout", Payload=json.dumps({"total": total}))
cloud.run()  # deliveries are asynchronous invocations: let them happen

group = "/aws/lambda/alerts"
events = logs.filter_log_events(logGroupName=group, filterPattern="ALERT")
for event in events["events"]:
    print(event["message"].strip())

# expect: ALERT from /aws/lambda/checkout {"level": "ERROR", "total": 900}
