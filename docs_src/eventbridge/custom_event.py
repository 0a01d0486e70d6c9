"""A rule with an event pattern sends matching custom events to a Lambda function."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
events = cloud.client("events")
lam = cloud.client("lambda")

APP = """
import json


def handler(event, context):
    print(json.dumps(event))
    return {"ok": True}
"""
function = lam.create_function(
    FunctionName="on-order",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)["FunctionArn"]

# 1. The rule: orders from my shop worth more than 100.
pattern = {
    "source": ["my.shop"],
    "detail-type": ["Order Placed"],
    "detail": {"total": [{"numeric": [">", 100]}]},
}
rule_arn = events.put_rule(Name="big-orders", EventPattern=json.dumps(pattern))[
    "RuleArn"
]
print("rule:", rule_arn)

# 2. EventBridge may invoke the function only if its resource-based policy allows it.
lam.add_permission(
    FunctionName="on-order",
    StatementId="eventbridge-big-orders",
    Action="lambda:InvokeFunction",
    Principal="events.amazonaws.com",
    SourceArn=rule_arn,
)
events.put_targets(Rule="big-orders", Targets=[{"Id": "fn", "Arn": function}])

# 3. Two events: only the second matches.
result = events.put_events(
    Entries=[
        {
            "Source": "my.shop",
            "DetailType": "Order Placed",
            "Detail": json.dumps({"id": 1, "total": 40}),
        },
        {
            "Source": "my.shop",
            "DetailType": "Order Placed",
            "Detail": json.dumps({"id": 2, "total": 250}),
        },
    ]
)
print("FailedEntryCount:", result["FailedEntryCount"])
cloud.run()  # deliveries happen on the virtual clock

# 4. What the handler received (its log line).
logs = cloud.client("logs")
for line in logs.filter_log_events(
    logGroupName="/aws/lambda/on-order", filterPattern='"detail-type"'
)["events"]:
    print(json.dumps(json.loads(line["message"]), indent=2))

# expect: FailedEntryCount: 0
# expect: "detail-type": "Order Placed"
# expect: "total": 250
