"""Start a Logs Insights query on a function's log group and read its rows."""

import json
from datetime import timedelta

import pocketcloud
from pocketcloud.timeutil import to_datetime

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
logs = cloud.client("logs")

APP = """
import json


def handler(event, context):
    print(json.dumps({"level": "INFO", "orderId": event["id"]}))
    return {"ok": True}
"""
lam.create_function(
    FunctionName="orders",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)
for order_id in (1, 2):
    lam.invoke(FunctionName="orders", Payload=json.dumps({"id": order_id}))
cloud.run(until=cloud.now + 60)  # a minute later

# The last hour, in epoch seconds (on AWS: datetime.now(timezone.utc)).
now = to_datetime(cloud.now)
query_id = logs.start_query(
    logGroupName="/aws/lambda/orders",
    startTime=int((now - timedelta(hours=1)).timestamp()),
    endTime=int(now.timestamp()),
    queryString="fields @timestamp, @type, @message | sort @timestamp asc | limit 20",
)["queryId"]

# A query runs in the background: Scheduled, then Running, then Complete.
print("status:", logs.describe_queries()["queries"][0]["status"])
cloud.run(until=cloud.now + 0.3)
print("status:", logs.describe_queries()["queries"][0]["status"])
result = logs.get_query_results(queryId=query_id)  # waits until it is complete
print("status:", result["status"], result["statistics"])

# Each row is a list of {"field": ..., "value": ...}; every value is a string.
for row in result["results"]:
    fields = {f["field"]: f["value"] for f in row}
    kind = fields.get("@type", "-")
    print(f"{fields['@timestamp']}  {kind:<7} {fields['@message'][:60]}")

# expect: status: Scheduled
# expect: status: Running
# expect: status: Complete
# expect: REPORT  REPORT RequestId:
# expect: -       {"level": "INFO", "orderId": 2}
