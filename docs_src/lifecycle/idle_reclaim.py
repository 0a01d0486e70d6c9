"""An idle environment is reclaimed after a while; the next request is a cold start."""

import base64
import json

import pocketcloud

APP = """
def handler(event, context):
    return "ok"
"""

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
lam.create_function(
    FunctionName="quiet",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)

# AWS publishes no idle timeout. pocketcloud's documented model reclaims an
# environment after 600 idle virtual seconds; change it here to experiment.
idle_s = cloud.lambda_settings.idle_reclaim_s
print(f"pocketcloud idle reclaim model: {idle_s:.0f} s")


def call(label: str) -> None:
    resp = lam.invoke(FunctionName="quiet", Payload=json.dumps({}), LogType="Tail")
    log = base64.b64decode(resp["LogResult"]).decode()
    kind = "cold" if "Init Duration" in log else "warm"
    print(f"t={cloud.now:7.1f} s  {label:<24} -> {kind}")


call("first request")
cloud.run(until=cloud.now + 300)  # five quiet minutes
call("after 300 s idle")
cloud.run(until=cloud.now + idle_s + 1)  # longer than the model's idle limit
call(f"after {idle_s + 1:.0f} s idle")

# expect: first request            -> cold
# expect: after 300 s idle         -> warm
# expect: after 601 s idle         -> cold
