"""Create a function from a .zip deployment package and invoke it, boto3-style."""

import base64
import json

import pocketcloud

# The deployment package: a real .zip file with one module, app.py.
# Handler "app.handler" means "the function handler in the module app".
APP = """
def handler(event, context):
    print(f"got {event}")  # goes to the function's log
    return {"greeting": f"hello, {event['name']}!"}
"""

cloud = pocketcloud.Cloud(seed=0)  # a private account on a virtual clock
lam = cloud.client("lambda")  # same operations as boto3.client("lambda")

package = pocketcloud.zip_code({"app.py": APP})
created = lam.create_function(
    FunctionName="greeter",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": package},
    MemorySize=128,  # MB
    Timeout=3,  # seconds
)
print(created["FunctionArn"])
print(f"State={created['State']}, package={created['CodeSize']} bytes")

resp = lam.invoke(
    FunctionName="greeter",
    Payload=json.dumps({"name": "Ada"}),  # the event, as JSON
    LogType="Tail",  # also return the last 4 KB of the log
)
print("StatusCode:", resp["StatusCode"], "ExecutedVersion:", resp["ExecutedVersion"])
print("Payload:", json.loads(resp["Payload"].read()))
print(base64.b64decode(resp["LogResult"]).decode())

# expect: arn:aws:lambda:ap-northeast-2:123456789012:function:greeter
# expect: StatusCode: 200 ExecutedVersion: $LATEST
# expect: Payload: {'greeting': 'hello, Ada!'}
# expect: got {'name': 'Ada'}
# expect: Init Duration
