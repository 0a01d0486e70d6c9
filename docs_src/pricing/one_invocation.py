"""One invocation's bill, read off its REPORT line: GB-seconds times a price."""

import math
import re

import pocketcloud
from pocketcloud import pricing

APP = """
import time


def handler(event, context):
    time.sleep(0.085)  # 85 ms waiting for a database (virtual time, no real wait)
    return {"order": event["id"], "status": "shipped"}
"""

cloud = pocketcloud.Cloud(seed=0)  # virtual clock: the same numbers on every run
orders = pocketcloud.deploy(
    cloud, source=APP, handler_name="handler", name="orders", memory_size=512
)

for label in ("1st call (cold)", "2nd call (warm)"):
    result = orders.invoke({"id": 42})
    report = result.logs[-1]  # REPORT RequestId: ... Duration: ... Billed Duration: ...
    fields = dict(re.findall(r"([A-Z][\w ]+): ([\d.]+) ms", report))
    print(f"{label}:", ", ".join(f"{k} {v} ms" for k, v in fields.items()))

    # Billed Duration = Duration (+ Init Duration on a cold start), rounded up to 1 ms.
    shown = (round(result.duration_ms, 2), round(result.init_ms or 0, 2))  # as printed
    ran_ms = round(sum(shown), 2)
    billed_ms = math.ceil(ran_ms)
    print(
        f"  ceil({ran_ms:.2f} ms) = {billed_ms} ms,"
        f" the REPORT's Billed Duration: {billed_ms == result.billed_ms}"
    )
    bill = pricing.price_invocation(512, result.billed_ms, "x86_64")
    print(
        f"  {bill.memory_mb} MB / 1024 x {bill.billed_duration_ms} ms / 1000"
        f" = {bill.gb_seconds} GB-s"
    )
    print(
        f"  request ${bill.request_usd:.7f} + duration ${bill.compute_usd:.10f}"
        f" = ${bill.total_usd:.10f}"
    )
    print(f"  same as InvokeResult.cost: {bill.total_usd == result.cost}")

# The last invocation as a card (it names the region whose prices it used).
result  # noqa: B018

# expect: Init Duration
# expect: the REPORT's Billed Duration: True
# expect: same as InvokeResult.cost: True
