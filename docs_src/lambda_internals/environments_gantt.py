"""One lane per execution environment: each runs one invocation at a time and is
reused for the next, and new ones are created only when all are busy."""

import os

import pocketcloud
from pocketcloud.display import Bar, gantt_svg

cloud = pocketcloud.Cloud(seed=1)
cloud.lambda_settings.worker_slots = 4  # pocketcloud's model: 4 microVM slots per host
lam = cloud.client("lambda")


@cloud.function(timeout=10)
def resize(event, context):
    import time

    time.sleep(0.5)  # half a second of work per request
    return "done"


# 12 requests, one every 0.15 s: each lasts longer than the gap, so they overlap.
for _ in range(12):
    lam.invoke(FunctionName="resize", InvocationType="Event", Payload=b"{}")
    cloud.run(until=cloud.now + 0.15)
cloud.run()

runs = cloud.lambda_trace.filter("resize")
bars = []
for run in runs:
    lane = f"#{run.env_name.split('#')[1]} {run.host}/{run.slot}"
    short = run.request_id[:8]
    bars.append(Bar(lane, run.received_at, run.started_at, "queued", short))
    if run.cold_start:
        bars.append(Bar(lane, run.started_at, run.handler_started_at, "init", short))
    bars.append(Bar(lane, run.handler_started_at, run.finished_at, "run", short))
    print(f"{short} -> {lane}: {run.start_kind}")

print("environments:", len({b.lane for b in bars}), "for", len(runs), "requests")
lang = os.environ.get("POCKETCLOUD_LANG", "en")  # the site sets the page's language
gantt_svg(bars, title="resize", lang=lang)  # the last value is drawn

# expect: -> #1 worker-1/0: cold
# expect: -> #5 worker-2/0: cold
# expect: -> #1 worker-1/0: warm
# expect: environments: 5 for 12 requests
