"""Module globals and /tmp files survive between invocations of one environment."""

import json

import pocketcloud

APP = """
import os
import time

STARTED = time.time()  # Init phase: runs once per execution environment
invocations = 0


def handler(event, context):
    global invocations
    invocations += 1  # a module global: kept while the environment lives
    with open("/tmp/visitors.txt", "a") as f:  # /tmp: kept too
        f.write(event["name"] + "\\n")
    with open("/tmp/visitors.txt") as f:
        visitors = f.read().split()
    return {
        "invocations": invocations,
        "visitors": visitors,
        "env_age_s": round(time.time() - STARTED, 3),
        "stream": context.log_stream_name[-6:],  # one log stream per environment
    }
"""

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
lam.create_function(
    FunctionName="counter",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)

for name in ("Ada", "Grace", "Linus"):
    resp = lam.invoke(FunctionName="counter", Payload=json.dumps({"name": name}))
    print(json.loads(resp["Payload"].read()))
    cloud.run(until=cloud.now + 30)  # 30 idle seconds between requests

# expect: {'invocations': 1, 'visitors': ['Ada']
# expect: {'invocations': 3, 'visitors': ['Ada', 'Grace', 'Linus']
