"""What a function costs per day, computed by Logs Insights from its REPORT lines."""

import json
from datetime import timedelta

import pocketcloud
from pocketcloud import pricing
from pocketcloud.timeutil import to_datetime

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
logs = cloud.client("logs")

APP = """
import time


def handler(event, context):
    time.sleep(0.120)  # 120 ms of work (virtual time)
    return "ok"
"""
lam.create_function(
    FunctionName="thumbnails",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
    MemorySize=1024,
)

# Three days: 100, 200 and 300 calls, spread over each day.
invoked = []
for day, calls in enumerate((100, 200, 300)):
    for _ in range(calls):
        response = lam.invoke(FunctionName="thumbnails", Payload=json.dumps({}))
        invoked.append(pocketcloud.InvokeResult.from_response(cloud, response))
        cloud.run(until=cloud.now + 86_400 / calls - 1)
    cloud.run(until=(day + 1) * 86_400)

# us-east-1 x86_64 prices (pocketcloud.pricing, from the AWS pricing page)
prices = pricing.region_prices("us-east-1")
per_request = prices.usd_per_request
per_gb_s = prices.architectures["x86_64"].first_tier_usd_per_gb_second

# @memorySize is in bytes, 1,000,000 to the MB: /1000/1000 gives MB, /1024 GB.
COST = f"""
filter @type = "REPORT"
| stats count(*) as requests,
        sum(@billedDuration / 1000 * @memorySize / 1000 / 1000 / 1024) as gbSeconds,
        requests * {per_request} + gbSeconds * {per_gb_s} as usd
  by bin(1d)
"""
now = to_datetime(cloud.now)
query_id = logs.start_query(
    logGroupName="/aws/lambda/thumbnails",
    startTime=int((now - timedelta(days=7)).timestamp()),
    endTime=int(now.timestamp()),
    queryString=COST,
)["queryId"]
total = 0.0
for row in logs.get_query_results(queryId=query_id)["results"]:
    f = {cell["field"]: cell["value"] for cell in row}
    day = f["bin(1d)"][:10]
    usd = float(f["usd"])
    total += usd
    print(f"{day}  {f['requests']:>4} requests  {f['gbSeconds']:>8} GB-s  ${usd:.6f}")

# The same bill, added up invocation by invocation from the Invoke responses.
by_invoke = sum(result.cost for result in invoked)
print(f"3 days: ${total:.6f} from the logs, ${by_invoke:.6f} from the invocations")
print("same bill:", abs(total - float(by_invoke)) < 1e-9)

# expect: 2026-01-01   100 requests
# expect: 2026-01-03   300 requests
# expect: same bill: True
