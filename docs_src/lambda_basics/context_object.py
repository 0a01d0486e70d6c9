"""What the context object tells a handler about its invocation and its environment."""

import base64
import json

import pocketcloud

APP = """
import time


def handler(event, context):
    print("aws_request_id      ", context.aws_request_id)
    print("function_name       ", context.function_name)
    print("function_version    ", context.function_version)
    print("invoked_function_arn", context.invoked_function_arn)
    print("memory_limit_in_mb  ", context.memory_limit_in_mb)
    print("log_group_name      ", context.log_group_name)
    print("log_stream_name     ", context.log_stream_name)
    print("remaining ms before ", context.get_remaining_time_in_millis())
    time.sleep(1.25)  # virtual time: nothing really waits
    print("remaining ms after  ", context.get_remaining_time_in_millis())
    return "done"
"""

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
lam.create_function(
    FunctionName="inspector",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
    MemorySize=256,
    Timeout=5,
)
resp = lam.invoke(FunctionName="inspector", Payload=json.dumps({}), LogType="Tail")
print(base64.b64decode(resp["LogResult"]).decode())

# expect: function_name        inspector
# expect: memory_limit_in_mb   256
# expect: log_group_name       /aws/lambda/inspector
# expect: remaining ms before  5000
# expect: remaining ms after   3750
