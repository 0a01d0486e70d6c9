"""Cold start, then warm start: the execution environment keeps module globals."""

import base64
import json

import pocketcloud

# The function's code. Top-level code runs once per execution environment
# (the Init phase); the handler runs on every invocation.
APP = """
invocations = 0  # a module global: lives as long as the execution environment


def handler(event, context):
    global invocations
    invocations += 1
    return {"hello": event["name"], "invocations": invocations}
"""

cloud = pocketcloud.Cloud(seed=0)  # virtual clock: same output on every run
lam = cloud.client("lambda")
lam.create_function(
    FunctionName="hello",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
    MemorySize=128,
    Timeout=3,
)

for attempt in ("first", "second"):
    resp = lam.invoke(
        FunctionName="hello",
        Payload=json.dumps({"name": "pocketcloud"}),
        LogType="Tail",
    )
    body = json.loads(resp["Payload"].read())
    print(f"{attempt} invoke: StatusCode={resp['StatusCode']} {body}")
    log = base64.b64decode(resp["LogResult"]).decode()
    report = next(line for line in log.splitlines() if line.startswith("REPORT"))
    print(report.strip().replace("\t", "\n    "), end="\n\n")
