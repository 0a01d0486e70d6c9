"""Environment variables change behaviour without code changes; values are strings."""

import json

import pocketcloud

# The function's code reads its settings from os.environ instead of hard-coding them.
APP = """
import os

GREETING = os.environ["GREETING"]  # read once, in the Init phase


def handler(event, context):
    raw_max = os.environ["MAX_ITEMS"]
    raw_debug = os.environ["DEBUG"]
    raw_dir = os.environ["DATA_DIR"]
    return {
        "message": f"{GREETING}, {event['name']}!",
        "MAX_ITEMS": [raw_max, type(raw_max).__name__],
        "max_items": int(raw_max),  # convert it yourself
        "bool(DEBUG)": bool(raw_debug),  # a trap: any non-empty string is True
        "debug": raw_debug.lower() in ("1", "true", "yes"),
        "DATA_DIR": raw_dir,  # never expanded by Lambda
        "expanded": os.path.expandvars(raw_dir),  # expand it yourself if you must
    }
"""

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
lam.create_function(
    FunctionName="greeter",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
    Environment={
        "Variables": {
            "GREETING": "Hello",
            "MAX_ITEMS": "10",
            "DEBUG": "false",
            "DATA_DIR": "$LAMBDA_TASK_ROOT/data",
        }
    },
)


def call() -> dict:
    resp = lam.invoke(FunctionName="greeter", Payload=json.dumps({"name": "Ada"}))
    return json.loads(resp["Payload"].read())


for key, value in call().items():
    print(f"{key:>12}: {value}")

# Same code, new configuration. UpdateFunctionConfiguration replaces the whole
# Variables map, so send every variable you want to keep.
config = lam.get_function_configuration(FunctionName="greeter")
variables = dict(config["Environment"]["Variables"], GREETING="안녕하세요")
lam.update_function_configuration(
    FunctionName="greeter", Environment={"Variables": variables}
)
print("\nafter update_function_configuration:", call()["message"])

# expect: 'str'
# expect: max_items: 10
# expect: bool(DEBUG): True
# expect: debug: False
# expect: DATA_DIR: $LAMBDA_TASK_ROOT/data
# expect: expanded: /var/task/data
# expect: 안녕하세요, Ada!
