"""What Run shows: SOURCE (your code) deployed to pocketcloud as app.py and invoked."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
fn = pocketcloud.deploy(cloud, source=SOURCE, handler_name="handler", name="fx")
for _ in range(3):
    result = fn.invoke({"usd": 10, "currency": "KRW"})
    kind = "cold" if result.cold_start else "warm"
    print(f"{kind}: {result.payload}, {result.duration_ms:.0f} ms")
