"""Count cold starts per hour with the cold start queries from AWS's Lambda guides."""

import json
from datetime import timedelta

import pocketcloud
from pocketcloud.timeutil import to_datetime

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
logs = cloud.client("logs")
APP = "def handler(event, context):\n    return 'ok'\n"
lam.create_function(
    FunctionName="orders",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)

# Six hours of traffic: busy hours (a call every 2 minutes) and quiet ones (one call).
for hour in range(6):
    calls = 25 if hour % 3 == 0 else 1
    for _ in range(calls):
        lam.invoke(FunctionName="orders", Payload=json.dumps({}))
        cloud.run(until=cloud.now + 120)
    cloud.run(until=(hour + 1) * 3600)


def query(text: str) -> list[dict[str, str]]:
    now = to_datetime(cloud.now)
    query_id = logs.start_query(
        logGroupName="/aws/lambda/orders",
        startTime=int((now - timedelta(days=1)).timestamp()),
        endTime=int(now.timestamp()),
        queryString=text,
    )["queryId"]
    rows = logs.get_query_results(queryId=query_id)["results"]
    return [{f["field"]: f["value"] for f in row} for row in rows]


# "Percentage of cold starts in total invocations" (AWS Lambda Operator Guide)
COLD_START_PCT = """
filter @type = "REPORT"
| stats sum(strcontains(@message, "Init Duration"))/count(*) * 100 as coldStartPct,
        avg(@duration)
  by bin(1h)
"""
for row in query(COLD_START_PCT):
    print(row["bin(1h)"], f"{float(row['coldStartPct']):5.1f} % cold")

# Only the cold starts: @initDuration is present on their REPORT lines alone.
INIT = """
filter @type = "REPORT" and ispresent(@initDuration)
| stats count(*) as coldStarts, avg(@initDuration) as avgInitMs,
        max(@initDuration) as maxInitMs
"""
print(query(INIT))

# expect: 2026-01-01 00:00:00.000   4.0 % cold
# expect: 2026-01-01 01:00:00.000 100.0 % cold
# expect: 'coldStarts': '6'
