"""Updating code or configuration retires the old environments."""

import base64

import pocketcloud

V1 = """
def handler(event, context):
    return "v1"
"""
V2 = """
def handler(event, context):
    return "v2"
"""

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
lam.create_function(
    FunctionName="app",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": V1})},
)


def call(label: str) -> None:
    resp = lam.invoke(FunctionName="app", LogType="Tail")
    log = base64.b64decode(resp["LogResult"]).decode()
    kind = "cold" if "Init Duration" in log else "warm"
    print(f"{label:<22} {resp['Payload'].read().decode():<5} {kind}")


call("first call")
call("second call")
new_package = pocketcloud.zip_code({"app.py": V2})
lam.update_function_code(FunctionName="app", ZipFile=new_package)
call("after new code")
lam.update_function_configuration(FunctionName="app", MemorySize=512)
call("after new memory size")
call("and then")

# expect: second call            "v1"  warm
# expect: after new code         "v2"  cold
# expect: after new memory size  "v2"  cold
# expect: and then               "v2"  warm
