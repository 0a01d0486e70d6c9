"""Provisioned concurrency runs the Init phase before any request arrives."""

import base64
import json

import pocketcloud

APP = """
import os
import time

time.sleep(0.8)  # a heavy Init phase: imports, clients, models...


def handler(event, context):
    return os.environ["AWS_LAMBDA_INITIALIZATION_TYPE"]
"""

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
lam.create_function(
    FunctionName="api",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)
# Provisioned concurrency applies to a published version or an alias.
version = lam.publish_version(FunctionName="api")["Version"]
lam.create_alias(FunctionName="api", Name="live", FunctionVersion=version)
config = lam.put_provisioned_concurrency_config(
    FunctionName="api", Qualifier="live", ProvisionedConcurrentExecutions=1
)
print("provisioned concurrency:", config["Status"])
cloud.run(until=cloud.now + 5)  # Lambda initialises the environment ahead of time
status = lam.get_provisioned_concurrency_config(FunctionName="api", Qualifier="live")
print("five seconds later:     ", status["Status"])


def call(qualifier: str) -> None:
    resp = lam.invoke(FunctionName="api", Qualifier=qualifier, LogType="Tail")
    init_type = json.loads(resp["Payload"].read())
    log = base64.b64decode(resp["LogResult"]).decode()
    report = next(line for line in log.splitlines() if line.startswith("REPORT"))
    init = "-"
    if "Init Duration" in report:
        init = report.split("Init Duration: ")[1].split("\t")[0]
    billed = report.split("Billed Duration: ")[1].split("\t")[0]
    print(f"{qualifier:<8} {init_type:<24} Init Duration: {init:<10} Billed: {billed}")


call("live")  # pre-initialised: its Init ran ahead and is not billed here
call("$LATEST")  # on demand: this request waits for Init, and pays for it
call("live")  # later requests to the same environment report no Init at all

# expect: provisioned concurrency: IN_PROGRESS
# expect: five seconds later:      READY
# expect: live     provisioned-concurrency  Init Duration: 917.56 ms  Billed: 1 ms
# expect: $LATEST  on-demand                Init Duration: 896.78 ms  Billed: 899 ms
# expect: live     provisioned-concurrency  Init Duration: -          Billed: 2 ms
