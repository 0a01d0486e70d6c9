"""A metric filter turns log lines into numbers: count errors, sum a field."""

import json

import pocketcloud
from pocketcloud.services.logs.metric_output import metric_data_points

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

# pocketcloud has no CloudWatch metrics yet: it keeps the data points the filters
# would send there, one per matching log event.
totals: dict[str, float] = {}
for point in metric_data_points(cloud):
    totals[point.metric_name] = totals.get(point.metric_name, 0) + point.value
print(totals)

# expect: matches: ['{"level": "ERROR", "total": 900}']
# expect: {'Sales': 1760.0, 'Errors': 2.0}
