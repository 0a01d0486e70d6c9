"""Publishing a version freezes its environment variables; only $LATEST can change."""

import json

import pocketcloud

APP = """
import os


def handler(event, context):
    return {
        "version": context.function_version,
        "TABLE_NAME": os.environ["TABLE_NAME"],
    }
"""

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
lam.create_function(
    FunctionName="orders",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
    Environment={"Variables": {"TABLE_NAME": "orders-v1"}},
)

# Version 1 is a snapshot of $LATEST: code *and* configuration, variables included.
v1 = lam.publish_version(FunctionName="orders", Description="uses orders-v1")
lam.create_alias(FunctionName="orders", Name="live", FunctionVersion=v1["Version"])
print("published version", v1["Version"], "with", v1["Environment"]["Variables"])

# Point $LATEST at a new table. Version 1 (and the alias on it) does not move.
lam.update_function_configuration(
    FunctionName="orders", Environment={"Variables": {"TABLE_NAME": "orders-v2"}}
)
for qualifier in ("$LATEST", "1", "live"):
    resp = lam.invoke(FunctionName="orders", Qualifier=qualifier)
    print(f"{qualifier:>8} -> {json.loads(resp['Payload'].read())}")

# To ship the change: publish version 2 and move the alias.
v2 = lam.publish_version(FunctionName="orders", Description="uses orders-v2")
lam.update_alias(FunctionName="orders", Name="live", FunctionVersion=v2["Version"])
resp = lam.invoke(FunctionName="orders", Qualifier="live")
print(f"{'live':>8} -> {json.loads(resp['Payload'].read())}  (alias moved)")

# expect: $LATEST -> {'version': '$LATEST', 'TABLE_NAME': 'orders-v2'}
# expect: 1 -> {'version': '1', 'TABLE_NAME': 'orders-v1'}
# expect: live -> {'version': '1', 'TABLE_NAME': 'orders-v1'}
# expect: live -> {'version': '2', 'TABLE_NAME': 'orders-v2'}  (alias moved)
