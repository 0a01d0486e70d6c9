"""Average versus p99: the percentile report from AWS's Lambda guides, as written."""

import json
import random
from datetime import timedelta

import pocketcloud
from pocketcloud.timeutil import to_datetime

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
logs = cloud.client("logs")

APP = """
import time


def handler(event, context):
    time.sleep(event["work_ms"] / 1000)  # virtual time: no real wait
    return "done"
"""
lam.create_function(
    FunctionName="search",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)

# 200 calls: most take 40-60 ms, about one in thirty waits 900 ms on a slow dependency.
rng = random.Random(1)
for _ in range(200):
    work_ms = 900 if rng.random() < 0.03 else rng.uniform(40, 60)
    lam.invoke(FunctionName="search", Payload=json.dumps({"work_ms": work_ms}))
    cloud.run(until=cloud.now + 5)

# "Percentile report of Lambda duration" (AWS Lambda Operator Guide), bin 30m
PERCENTILES = """
filter @type = "REPORT"
| stats
    avg(@billedDuration) as Average,
    percentile(@billedDuration, 99) as NinetyNinth,
    percentile(@billedDuration, 95) as NinetyFifth,
    percentile(@billedDuration, 90) as Ninetieth
    by bin(30m)
"""
now = to_datetime(cloud.now)
query_id = logs.start_query(
    logGroupName="/aws/lambda/search",
    startTime=int((now - timedelta(hours=1)).timestamp()),
    endTime=int(now.timestamp()),
    queryString=PERCENTILES,
)["queryId"]
print(f"{'bin(30m)':<24} {'Average':>8} {'p90':>5} {'p95':>5} {'p99':>5}  (ms)")
for row in logs.get_query_results(queryId=query_id)["results"]:
    f = {cell["field"]: cell["value"] for cell in row}
    print(
        f"{f['bin(30m)']:<24} {float(f['Average']):8.1f} {f['Ninetieth']:>5}"
        f" {f['NinetyFifth']:>5} {f['NinetyNinth']:>5}"
    )

# expect: bin(30m)
# expect: 2026-01-01 00:00:00.000      77.4    60    61   902
