"""Keep the secret in Secrets Manager, its name in a variable, and cache the value."""

import base64
import json
import re

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sm = cloud.client("secretsmanager")
lam = cloud.client("lambda")
sm.create_secret(
    Name="prod/db",
    SecretString=json.dumps({"username": "app", "password": "correct-horse-1"}),
)

# Reads the secret on every invocation: one API round trip each time.
PER_CALL = """
import json, os
import boto3

client = boto3.client("secretsmanager")


def handler(event, context):
    value = client.get_secret_value(SecretId=os.environ["DB_SECRET_ID"])
    secret = json.loads(value["SecretString"])
    return {"user": secret["username"]}
"""

# Reads it once, in the Init phase; warm invocations reuse the module global.
IN_INIT = """
import json, os
import boto3

client = boto3.client("secretsmanager")
value = client.get_secret_value(SecretId=os.environ["DB_SECRET_ID"])
SECRET = json.loads(value["SecretString"])


def handler(event, context):
    return {"user": SECRET["username"]}
"""

for name, source in (("per-call", PER_CALL), ("in-init", IN_INIT)):
    lam.create_function(
        FunctionName=name,
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/lambda-role",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": source})},
        Environment={"Variables": {"DB_SECRET_ID": "prod/db"}},  # a name, not a value
    )
    durations = []
    for _ in range(5):
        resp = lam.invoke(FunctionName=name, LogType="Tail")
        report = base64.b64decode(resp["LogResult"]).decode().splitlines()[-1]
        durations.append(float(re.search(r"\tDuration: ([\d.]+) ms", report)[1]))
    shown = " ".join(f"{d:5.2f}" for d in durations)
    print(f"{name:>8}: {shown} ms  (handler total {sum(durations):.1f} ms)")

# The configuration shows only the secret's name; the password never appears there.
print(lam.get_function_configuration(FunctionName="in-init")["Environment"])

# expect: per-call:
# expect: in-init:
# expect: {'Variables': {'DB_SECRET_ID': 'prod/db'}}
