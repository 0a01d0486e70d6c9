"""Rotate a secret with a Lambda function: four steps, AWSPENDING, then AWSCURRENT."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sm = cloud.client("secretsmanager")
lam = cloud.client("lambda")
sm.create_secret(
    Name="prod/db", SecretString=json.dumps({"username": "app", "password": "first"})
)

# Secrets Manager calls this four times per rotation, once per Step.
ROTATOR = """
import json
import boto3

sm = boto3.client("secretsmanager")


def handler(event, context):
    arn, token, step = event["SecretId"], event["ClientRequestToken"], event["Step"]
    print(step)
    if step == "createSecret":  # store the new value as AWSPENDING (once)
        try:
            sm.get_secret_value(
                SecretId=arn, VersionId=token, VersionStage="AWSPENDING"
            )
        except sm.exceptions.ResourceNotFoundException:
            value = json.loads(sm.get_secret_value(SecretId=arn)["SecretString"])
            value["password"] = sm.get_random_password(
                PasswordLength=16, ExcludePunctuation=True
            )["RandomPassword"]
            sm.put_secret_value(
                SecretId=arn, ClientRequestToken=token,
                SecretString=json.dumps(value), VersionStages=["AWSPENDING"],
            )
    elif step == "setSecret":  # change the password in the database
        pass
    elif step == "testSecret":  # log in with the AWSPENDING value
        pass
    elif step == "finishSecret":  # move AWSCURRENT to the new version
        stages = sm.describe_secret(SecretId=arn)["VersionIdsToStages"]
        current = next(v for v, s in stages.items() if "AWSCURRENT" in s)
        if current != token:
            sm.update_secret_version_stage(
                SecretId=arn, VersionStage="AWSCURRENT",
                MoveToVersionId=token, RemoveFromVersionId=current,
            )
"""
function = lam.create_function(
    FunctionName="rotate-db",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": ROTATOR})},
)
# Secrets Manager may invoke the function only with this permission.
lam.add_permission(
    FunctionName="rotate-db",
    StatementId="secrets-manager",
    Action="lambda:InvokeFunction",
    Principal="secretsmanager.amazonaws.com",
)


def show(label: str) -> None:
    print(label)
    described = sm.describe_secret(SecretId="prod/db")
    for version_id, stages in described["VersionIdsToStages"].items():
        print(f"  {version_id[:8]}… {stages}")


sm.rotate_secret(
    SecretId="prod/db",
    RotationLambdaARN=function["FunctionArn"],
    RotationRules={"AutomaticallyAfterDays": 30},  # then again every 30 days
)
show("right after rotate_secret (the function has not run yet):")
cloud.run()  # let the four invocations happen
show("after the four steps:")
logs = cloud.client("logs")
steps = logs.filter_log_events(
    logGroupName="/aws/lambda/rotate-db",
    filterPattern="?createSecret ?setSecret ?testSecret ?finishSecret",
)["events"]
print("steps:", [e["message"].strip() for e in steps])

described = sm.describe_secret(SecretId="prod/db")
print("next rotation:", described["NextRotationDate"].date())
cloud.run(until=31 * 86_400)  # the scheduled rotation, 30 days later
show("after the scheduled rotation (the oldest version lost its labels):")

# expect: ['AWSPENDING']
# expect: ['AWSPREVIOUS']
# expect: ['AWSCURRENT']
# expect: steps: ['createSecret', 'setSecret', 'testSecret', 'finishSecret']
# expect: next rotation: 2026-01-31
