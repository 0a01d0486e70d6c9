"""A metric filter turns log lines into numbers: count errors, sum a field."""

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
    level = "ERROR" if event["total"] > 500 else "INFO"
    print(json.dumps({"level": level, "total": event["total"]}))
"""
lam.create_function(
    FunctionName="checkout",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)
lam.invoke(
    FunctionName="checkout", Payload=json.dumps({"total": 1})
)  # creates the group

# Try a pattern on sample lines before you create the filter.
tried = logs.test_metric_filter(
    filterPattern='{ $.level = "ERROR" }',
    logEventMessages=[
        '{"level": "ERROR", "total": 900}',
        '{"level": "INFO", "total": 5}',
    ],
)
print("matches:", [m["eventMessage"] for m in tried["matches"]])

# Every ERROR line adds 1 to Checkout/Errors; every JSON line adds its total to Sales.
logs.put_metric_filter(
    logGroupName="/aws/lambda/checkout",
    filterName="errors",
    filterPattern='{ $.level = "ERROR" }',
    metricTransformations=[
        {"metricNamespace": "Checkout", "metricName": "Errors", "metricValue": "1"}
    ],
)
logs.put_metric_filter(
    logGroupName="/aws/lambda/checkout",
    filterName="sales",
    filterPattern="{ $.total > 0 }",
    metricTransformations=[
        {
            "metricNamespace": "Checkout",
            "metricName": "Sales",
            "metricValue": "$.total",
            "unit": "Count",
        }
    ],
)
for total in (120, 900, 40, 700):
    lam.invoke(FunctionName="checkout", Payload=json.dumps({"total": total}))

# The filters publish to CloudWatch: read the sums back for the last hour of virtual
# time (to_datetime turns the cloud's clock into the datetime boto3 takes).
now = to_datetime(cloud.now)
cloudwatch = cloud.client("cloudwatch")
totals = {}
for name in ("Errors", "Sales"):
    stats = cloudwatch.get_metric_statistics(
        Namespace="Checkout",
        MetricName=name,
        StartTime=now - timedelta(hours=1),
        EndTime=now + timedelta(minutes=1),
        Period=3600,
        Statistics=["Sum"],
    )
    totals[name] = sum(point["Sum"] for point in stats["Datapoints"])
print(totals)

# expect: matches: ['{"level": "ERROR", "total": 900}']
# expect: {'Errors': 2.0, 'Sales': 1760.0}
