"""One invocation at a time per environment: overlapping requests need more of them."""

import json

import pocketcloud

APP = """
import time


def handler(event, context):
    time.sleep(1)  # each request keeps its environment busy for a second
    return event["n"]
"""

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
logs = cloud.client("logs")
lam.create_function(
    FunctionName="resize",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)


def burst(first: int) -> None:
    """Three asynchronous events at the same instant, then let them all finish."""
    for n in range(first, first + 3):
        payload = json.dumps({"n": n})
        lam.invoke(FunctionName="resize", InvocationType="Event", Payload=payload)
    cloud.run(until=cloud.now + 10)


def report() -> None:
    """One log stream per execution environment: count them, and their cold starts."""
    group = "/aws/lambda/resize"
    streams = logs.describe_log_streams(logGroupName=group)["logStreams"]
    print(f"t={cloud.now:.0f} s: {len(streams)} log streams (= environments)")
    for stream in streams:
        name = stream["logStreamName"]
        events = logs.get_log_events(logGroupName=group, logStreamName=name)["events"]
        starts = sum(e["message"].startswith("START") for e in events)
        inits = sum(e["message"].startswith("INIT_START") for e in events)
        print(f"  ...{name[-8:]}: invocations={starts}, cold starts={inits}")


burst(1)  # three at once: no idle environment exists, so three cold starts
report()
burst(4)  # three more, ten seconds later: the three idle environments are reused
report()

# expect: t=10 s: 3 log streams (= environments)
# expect: invocations=1, cold starts=1
# expect: t=20 s: 3 log streams (= environments)
# expect: invocations=2, cold starts=1
