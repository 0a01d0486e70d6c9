"""A timeout resets the execution environment: the next request starts cold."""

import base64
import json

import pocketcloud

APP = """
import time

invocations = 0


def handler(event, context):
    global invocations
    invocations += 1
    time.sleep(event.get("work_s", 0))
    return {"invocations": invocations}
"""

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
lam.create_function(
    FunctionName="report",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
    Timeout=2,  # seconds
)


def call(event: dict) -> None:
    resp = lam.invoke(FunctionName="report", Payload=json.dumps(event), LogType="Tail")
    log = base64.b64decode(resp["LogResult"]).decode()
    kind = "cold" if "Init Duration" in log else "warm"
    error = resp.get("FunctionError", "-")
    print(f"{json.dumps(event):<16} {kind}  FunctionError={error:<9}", end=" ")
    print(json.loads(resp["Payload"].read()))
    if "Status: timeout" in log:
        print("  REPORT says: Status: timeout")


call({})
call({})
call({"work_s": 5})  # longer than Timeout=2: Lambda stops it and resets
call({"again": 1})  # a fresh environment: Init runs again, the count restarts

# expect: Task timed out after 2.00 seconds
# expect: REPORT says: Status: timeout
# expect: {}               cold  FunctionError=-         {'invocations': 1}
# expect: {}               warm  FunctionError=-         {'invocations': 2}
# expect: {"again": 1}     cold  FunctionError=-         {'invocations': 1}
