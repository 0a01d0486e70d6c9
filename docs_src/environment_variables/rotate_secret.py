"""Rotate a secret with put_secret_value; a cache with a time limit picks it up."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sm = cloud.client("secretsmanager")
lam = cloud.client("lambda")
first = sm.create_secret(Name="prod/api-key", SecretString="key-2026-01")

# Cache the value, but only for CACHE_TTL_S seconds (a string, like every variable).
APP = """
import os, time
import boto3

client = boto3.client("secretsmanager")
TTL = float(os.environ["CACHE_TTL_S"])
_cache = {"value": None, "fetched_at": 0.0}


def api_key():
    if _cache["value"] is None or time.time() - _cache["fetched_at"] > TTL:
        response = client.get_secret_value(SecretId=os.environ["API_KEY_SECRET"])
        _cache.update(value=response["SecretString"], fetched_at=time.time())
    return _cache["value"]


def handler(event, context):
    return {"using": api_key()}
"""
lam.create_function(
    FunctionName="caller",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
    Environment={"Variables": {"API_KEY_SECRET": "prod/api-key", "CACHE_TTL_S": "300"}},
)


def call(label: str) -> None:
    payload = json.loads(lam.invoke(FunctionName="caller")["Payload"].read())
    print(f"t={cloud.now:7.2f}s {label:<28} {payload}")


call("before rotation")

# Rotate: the new version gets AWSCURRENT, the old one AWSPREVIOUS.
sm.put_secret_value(SecretId="prod/api-key", SecretString="key-2026-02")
stages = sm.describe_secret(SecretId="prod/api-key")["VersionIdsToStages"]
for version_id, labels in stages.items():
    which = "first " if version_id == first["VersionId"] else "second"
    print(f"  {which} version {version_id[:8]}… {labels}")
old = sm.get_secret_value(SecretId="prod/api-key", VersionStage="AWSPREVIOUS")
print("  AWSPREVIOUS still reads", old["SecretString"])

call("right after rotation (cached)")
cloud.run(until=cloud.now + 301)  # let five minutes of virtual time pass
call("after the cache expired")

# expect: {'using': 'key-2026-01'}
# expect: ['AWSPREVIOUS']
# expect: ['AWSCURRENT']
# expect: AWSPREVIOUS still reads key-2026-01
# expect: after the cache expired      {'using': 'key-2026-02'}
