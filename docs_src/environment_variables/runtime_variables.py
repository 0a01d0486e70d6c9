"""The variables the Lambda runtime sets for you, and the keys you may not set."""

import json
import textwrap

import pocketcloud

APP = """
import os


def handler(event, context):
    mine = {"STAGE"}
    return {k: v for k, v in sorted(os.environ.items()) if k not in mine}
"""

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
lam.create_function(
    FunctionName="env-report",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
    MemorySize=256,
    Environment={"Variables": {"STAGE": "dev"}},
)
resp = lam.invoke(FunctionName="env-report")
for key, value in json.loads(resp["Payload"].read()).items():
    print(f"{key:<32} {value}")

print()
# A reserved key is refused: the runtime owns it.
try:
    lam.update_function_configuration(
        FunctionName="env-report",
        Environment={"Variables": {"STAGE": "dev", "AWS_REGION": "us-east-1"}},
    )
except lam.exceptions.InvalidParameterValueException as err:
    print(err.response["Error"]["Code"])
    print(textwrap.indent(textwrap.fill(err.response["Error"]["Message"], 76), "  "))

# All variables together may take at most 4 KB.
try:
    lam.update_function_configuration(
        FunctionName="env-report",
        Environment={"Variables": {"CERTIFICATE": "x" * 4096}},
    )
except lam.exceptions.InvalidParameterValueException as err:
    message = err.response["Error"]["Message"]
    print(err.response["Error"]["Code"])
    # The message goes on to show the string it measured; keep the first sentence.
    first = message.split(" String measured")[0]
    print(textwrap.indent(textwrap.fill(first, 76), "  "))

# expect: AWS_LAMBDA_FUNCTION_MEMORY_SIZE  256
# expect: AWS_REGION                       ap-northeast-2
# expect: _HANDLER                         app.handler
# expect: Reserved keys used in this
# expect: request: AWS_REGION
# expect: exceeded the 4KB limit
