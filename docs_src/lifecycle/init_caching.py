"""Do expensive set-up once, in Init, instead of on every invocation."""

import base64

import pocketcloud

# Each AWS API call from inside a function costs a network round trip
# (about 12 ms of virtual time in pocketcloud).
PER_INVOKE = """
import boto3


def handler(event, context):
    client = boto3.client("secretsmanager")  # set up on every request...
    secret = client.get_secret_value(SecretId="db-password")  # ...and fetched again
    return len(secret["SecretString"])
"""

IN_INIT = """
import boto3

client = boto3.client("secretsmanager")  # Init phase: once per environment
PASSWORD = client.get_secret_value(SecretId="db-password")["SecretString"]


def handler(event, context):
    return len(PASSWORD)  # warm starts reuse what Init prepared
"""

cloud = pocketcloud.Cloud(seed=0)
cloud.client("secretsmanager").create_secret(Name="db-password", SecretString="hunter2")
lam = cloud.client("lambda")
average = {}

for name, source in (("per-invoke", PER_INVOKE), ("in-init", IN_INIT)):
    lam.create_function(
        FunctionName=name,
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/lambda-role",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": source})},
    )
    durations = []
    for _ in range(5):
        resp = lam.invoke(FunctionName=name, LogType="Tail")
        report = base64.b64decode(resp["LogResult"]).decode().split("REPORT")[1]
        durations.append(float(report.split("Duration: ")[1].split(" ms")[0]))
    warm = durations[1:]  # the four warm starts
    print(f"{name:<10} warm Duration (ms): {[round(d, 1) for d in warm]}")
    average[name] = sum(warm) / len(warm)
    print(f"{'':<10} average {average[name]:5.1f} ms")

faster = average["in-init"] < average["per-invoke"]
print("caching in Init makes warm starts faster:", faster)

# expect: per-invoke warm Duration (ms)
# expect: in-init    warm Duration (ms)
# expect: caching in Init makes warm starts faster: True
