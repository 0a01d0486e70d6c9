"""Your own log lines: JSON fields are discovered, plain text is split with parse."""

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
    order, total = event["order"], event["total"]
    if total > 500:
        print(f"payment declined for order {order}: over limit")  # plain text
        level = "ERROR"
    else:
        level = "INFO"
    # a JSON line: Logs Insights discovers level, order and customer.tier
    line = {"level": level, "order": order, "customer": {"tier": event["tier"]}}
    print(json.dumps(line))
    return level
"""
lam.create_function(
    FunctionName="checkout",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)
for order in range(1, 13):
    tier = "gold" if order % 3 else "free"
    event = {"order": order, "total": order * 60, "tier": tier}
    lam.invoke(FunctionName="checkout", Payload=json.dumps(event))
cloud.run(until=cloud.now + 60)


def query(text: str) -> None:
    now = to_datetime(cloud.now)
    query_id = logs.start_query(
        logGroupName="/aws/lambda/checkout",
        startTime=int((now - timedelta(hours=1)).timestamp()),
        endTime=int(now.timestamp()),
        queryString=text,
    )["queryId"]
    print(text.strip())
    for row in logs.get_query_results(queryId=query_id)["results"]:
        print("   ", {f["field"]: f["value"] for f in row if f["field"] != "@ptr"})


# JSON fields by name, nested ones with a dot
query('filter level = "ERROR" | stats count(*) as errors by customer.tier')
# parse: * matches anything; the names after "as" become fields
query(
    'parse @message "payment declined for order *: *" as order, reason'
    " | filter ispresent(reason) | fields order, reason | sort order desc | limit 3"
)

# expect: {'customer.tier': 'gold', 'errors': '2'}
# expect: {'order': '12', 'reason': 'over limit'}
