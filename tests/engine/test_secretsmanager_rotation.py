"""Rotation with a Lambda function: RotateSecret, the four steps, AWSPENDING and the staging-label moves,
schedules on the virtual clock, failures, CancelRotateSecret.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotateSecret.html
- https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda.html (the event: Step,
  SecretId, ClientRequestToken, RotationToken)
- https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_how.html (createSecret, setSecret,
  testSecret, finishSecret)
- https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html
- https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CancelRotateSecret.html
- https://docs.aws.amazon.com/secretsmanager/latest/userguide/monitoring-cloudtrail.html (RotationStarted,
  RotationSucceeded, RotationFailed, RotationAbandoned)
- The Powertools event class SecretsManagerEvent (aws_lambda_powertools.utilities.data_classes); Powertools has
  no parser model for this event.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from aws_lambda_powertools.utilities.data_classes import SecretsManagerEvent

import pocketcloud
from pocketcloud.services.secretsmanager.rotation import rotation_events
from pocketcloud.services.secretsmanager.service import SecretsManagerService

from .conftest import make_function

#: A rotation function in the shape of AWS's SecretsManagerRotationTemplate (lambda_function.py in
#: aws-samples/aws-secrets-manager-rotation-lambdas), logging each event it gets.
ROTATOR = """
import json
import boto3

sm = boto3.client("secretsmanager")

def handler(event, context):
    print("EVENT " + json.dumps(event))
    arn, token, step = event["SecretId"], event["ClientRequestToken"], event["Step"]
    metadata = sm.describe_secret(SecretId=arn)
    if not metadata["RotationEnabled"]:
        raise ValueError("Secret %s is not enabled for rotation" % arn)
    versions = metadata["VersionIdsToStages"]
    if token not in versions:
        raise ValueError("Secret version %s has no stage for rotation of secret %s." % (token, arn))
    if "AWSCURRENT" in versions[token]:
        return
    if "AWSPENDING" not in versions[token]:
        raise ValueError("Secret version %s not set as AWSPENDING for rotation of secret %s." % (token, arn))
    if step == "createSecret":
        current = json.loads(sm.get_secret_value(SecretId=arn, VersionStage="AWSCURRENT")["SecretString"])
        try:
            sm.get_secret_value(SecretId=arn, VersionId=token, VersionStage="AWSPENDING")
        except sm.exceptions.ResourceNotFoundException:
            current["password"] = sm.get_random_password(ExcludeCharacters="/@\\"'\\\\")["RandomPassword"]
            sm.put_secret_value(SecretId=arn, ClientRequestToken=token, SecretString=json.dumps(current),
                                VersionStages=["AWSPENDING"])
    elif step == "setSecret":
        pass
    elif step == "testSecret":
        if FAIL_TEST:
            raise RuntimeError("the new password does not work")
    elif step == "finishSecret":
        current = next(v for v, stages in versions.items() if "AWSCURRENT" in stages)
        sm.update_secret_version_stage(SecretId=arn, VersionStage="AWSCURRENT", MoveToVersionId=token,
                                       RemoveFromVersionId=current)
"""


def rotator(fail_test: bool = False) -> str:
    return f"FAIL_TEST = {fail_test}\n" + ROTATOR


@pytest.fixture
def sm(cloud: pocketcloud.Cloud, lam: Any) -> Any:
    make_function(lam, "rotator", source=rotator())
    lam.add_permission(
        FunctionName="rotator",
        StatementId="secrets-manager",
        Action="lambda:InvokeFunction",
        Principal="secretsmanager.amazonaws.com",
    )
    client = cloud.client("secretsmanager")
    client.create_secret(Name="db", SecretString=json.dumps({"username": "app", "password": "first"}))
    return client


ROTATOR_ARN = "arn:aws:lambda:ap-northeast-2:123456789012:function:rotator"


def events(cloud: pocketcloud.Cloud) -> list[tuple[str, str | None]]:
    return [(e.event_name, e.step) for e in rotation_events(cloud.backend("secretsmanager", SecretsManagerService))]


def received(cloud: pocketcloud.Cloud) -> list[dict[str, Any]]:
    logs = cloud.client("logs")
    if not logs.describe_log_groups(logGroupNamePrefix="/aws/lambda/rotator")["logGroups"]:
        return []  # the function never ran
    found = logs.filter_log_events(logGroupName="/aws/lambda/rotator", filterPattern='"EVENT "')
    return [json.loads(e["message"].split("EVENT ", 1)[1]) for e in found["events"]]


def stages(sm: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = sm.describe_secret(SecretId="db")["VersionIdsToStages"]
    return found


def test_rotate_immediately_runs_the_four_steps_and_moves_the_labels(cloud, sm) -> None:  # type: ignore[no-untyped-def]
    """RotateSecret returns the new version at once and rotates asynchronously; before the steps run the new
    version is an empty AWSPENDING version; afterwards it is AWSCURRENT and the old one AWSPREVIOUS."""
    before = sm.get_secret_value(SecretId="db")
    response = sm.rotate_secret(
        SecretId="db", RotationLambdaARN=ROTATOR_ARN, RotationRules={"AutomaticallyAfterDays": 30}
    )
    token = response["VersionId"]
    assert stages(sm) == {before["VersionId"]: ["AWSCURRENT"], token: ["AWSPENDING"]}
    with pytest.raises(sm.exceptions.ResourceNotFoundException) as exc:
        sm.get_secret_value(SecretId="db", VersionStage="AWSPENDING")
    assert exc.value.response["Error"]["Message"] == (
        "Secrets Manager can't find the specified secret value for staging label: AWSPENDING"
    )
    cloud.run()
    assert stages(sm) == {before["VersionId"]: ["AWSPREVIOUS"], token: ["AWSCURRENT"]}
    after = json.loads(sm.get_secret_value(SecretId="db")["SecretString"])
    assert after["username"] == "app" and after["password"] != "first"
    assert (
        json.loads(sm.get_secret_value(SecretId="db", VersionStage="AWSPREVIOUS")["SecretString"])["password"]
        == "first"
    )
    assert [e["Step"] for e in received(cloud)] == ["createSecret", "setSecret", "testSecret", "finishSecret"]
    assert events(cloud) == [("RotationStarted", None), ("RotationSucceeded", None)]


def test_the_event_is_the_documented_rotation_event(cloud, sm) -> None:  # type: ignore[no-untyped-def]
    """{"Step", "SecretId" (the ARN), "ClientRequestToken" (the new version), "RotationToken"}; the same token in
    all four steps; Powertools' SecretsManagerEvent reads it."""
    token = sm.rotate_secret(SecretId="db", RotationLambdaARN=ROTATOR_ARN)["VersionId"]
    cloud.run()
    arn = sm.describe_secret(SecretId="db")["ARN"]
    got = received(cloud)
    for event in got:
        assert set(event) == {"Step", "SecretId", "ClientRequestToken", "RotationToken"}
        wrapped = SecretsManagerEvent(event)
        assert wrapped.secret_id == arn and wrapped.client_request_token == token == wrapped.version_id
        assert wrapped.step in ("createSecret", "setSecret", "testSecret", "finishSecret")
    assert len({e["RotationToken"] for e in got}) == 1


def test_rotation_needs_the_function_permission(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """Without a resource-based policy statement for secretsmanager.amazonaws.com, RotateSecret fails with
    AccessDeniedException "Secrets Manager cannot invoke the specified Lambda function. Ensure that the function
    policy grants access to the principal secretsmanager.amazonaws.com." and nothing changes."""
    make_function(lam, "rotator", source=rotator())
    sm = cloud.client("secretsmanager")
    sm.create_secret(Name="db", SecretString="{}")
    with pytest.raises(sm.exceptions.ClientError) as exc:
        sm.rotate_secret(SecretId="db", RotationLambdaARN=ROTATOR_ARN)
    assert exc.value.response["Error"] == {
        "Code": "AccessDeniedException",
        "Message": "Secrets Manager cannot invoke the specified Lambda function. Ensure that the function policy "
        "grants access to the principal secretsmanager.amazonaws.com.",
    }
    assert "RotationEnabled" not in sm.describe_secret(SecretId="db")
    assert len(stages(sm)) == 1


def test_rotation_needs_a_function(sm) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(sm.exceptions.InvalidRequestException) as exc:
        sm.rotate_secret(SecretId="db")
    assert exc.value.response["Error"]["Message"] == "No Lambda rotation function ARN is associated with this secret."


def test_rotate_immediately_false_runs_only_test_secret(cloud, sm) -> None:  # type: ignore[no-untyped-def]
    """ "If you don't immediately rotate the secret, Secrets Manager tests the rotation configuration by running the
    testSecret step ... The test creates an AWSPENDING version of the secret and then removes it"; the test
    version holds the current value (moto's aws_verified test_rotate_secret_using_lambda_dont_rotate_immediately)."""
    before = sm.get_secret_value(SecretId="db")
    sm.rotate_secret(
        SecretId="db",
        RotationLambdaARN=ROTATOR_ARN,
        RotationRules={"AutomaticallyAfterDays": 1},
        RotateImmediately=False,
    )
    pending = sm.get_secret_value(SecretId="db", VersionStage="AWSPENDING")
    assert pending["SecretString"] == before["SecretString"] and pending["VersionId"] != before["VersionId"]
    cloud.run()
    assert [e["Step"] for e in received(cloud)] == ["testSecret"]
    assert stages(sm) == {before["VersionId"]: ["AWSCURRENT"]}
    assert sm.get_secret_value(SecretId="db")["VersionId"] == before["VersionId"]


def test_the_schedule_rotates_at_the_window_and_describe_shows_it(cloud, sm) -> None:  # type: ignore[no-untyped-def]
    """AutomaticallyAfterDays: the next rotation is the date of the last rotation plus N days; pocketcloud rotates
    when that day's window opens (midnight UTC) and reports it as NextRotationDate. A scheduled rotation is a
    background event: cloud.run() does not run to it by itself."""
    sm.rotate_secret(SecretId="db", RotationLambdaARN=ROTATOR_ARN, RotationRules={"AutomaticallyAfterDays": 2})
    cloud.run()
    described = sm.describe_secret(SecretId="db")
    assert described["RotationEnabled"] is True
    assert described["RotationLambdaARN"] == ROTATOR_ARN
    assert described["RotationRules"] == {"AutomaticallyAfterDays": 2}
    assert described["LastRotatedDate"].date() == datetime(2026, 1, 1, tzinfo=UTC).date()
    assert described["NextRotationDate"] == datetime(2026, 1, 3, tzinfo=UTC)
    versions = len(stages(sm))
    cloud.run()
    assert len(stages(sm)) == versions  # nothing happened: the rotation two days ahead is a background event
    cloud.run(until=2 * 86_400 + 60)
    assert sm.describe_secret(SecretId="db")["NextRotationDate"] == datetime(2026, 1, 5, tzinfo=UTC)
    assert [name for name, _ in events(cloud)].count("RotationSucceeded") == 2


def test_a_rate_schedule_shows_automatically_after_days(cloud, sm) -> None:  # type: ignore[no-untyped-def]
    """ "In DescribeSecret and ListSecrets, this value [AutomaticallyAfterDays] is calculated from the rotation
    schedule"; ``rate(10 days)`` rotates every ten days, in windows that open at midnight."""
    sm.rotate_secret(
        SecretId="db",
        RotationLambdaARN=ROTATOR_ARN,
        RotationRules={"ScheduleExpression": "rate(10 days)", "Duration": "3h"},
    )
    cloud.run()
    rules = sm.describe_secret(SecretId="db")["RotationRules"]
    assert rules == {"ScheduleExpression": "rate(10 days)", "Duration": "3h", "AutomaticallyAfterDays": 10}
    assert sm.describe_secret(SecretId="db")["NextRotationDate"] == datetime(2026, 1, 11, tzinfo=UTC)


def test_a_cron_schedule(cloud, sm) -> None:  # type: ignore[no-untyped-def]
    """``cron(0 16 1,15 * ? *)``: at 16:00 UTC on the 1st and 15th of every month."""
    sm.rotate_secret(
        SecretId="db",
        RotationLambdaARN=ROTATOR_ARN,
        RotationRules={"ScheduleExpression": "cron(0 16 1,15 * ? *)"},
        RotateImmediately=False,
    )
    cloud.run()
    assert sm.describe_secret(SecretId="db")["NextRotationDate"] == datetime(2026, 1, 1, 16, tzinfo=UTC)
    cloud.run(until=16 * 3600 + 60)
    assert sm.describe_secret(SecretId="db")["NextRotationDate"] == datetime(2026, 1, 15, 16, tzinfo=UTC)


def test_a_failing_step_leaves_awspending_and_blocks_the_next_rotate(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """ "When rotation is unsuccessful, the AWSPENDING staging label might be attached to an empty secret version"
    (here: to the version createSecret stored); a later RotateSecret "assumes that a previous rotation request is
    still in progress and returns an error": "A previous rotation isn't complete. That rotation will be
    reattempted." The failure is a RotationFailed event with the step and the function's error; AWSCURRENT never
    changed."""
    make_function(lam, "rotator", source=rotator(fail_test=True))
    lam.add_permission(
        FunctionName="rotator",
        StatementId="sm",
        Action="lambda:InvokeFunction",
        Principal="secretsmanager.amazonaws.com",
    )
    sm = cloud.client("secretsmanager")
    first = sm.create_secret(Name="db", SecretString=json.dumps({"password": "first"}))["VersionId"]
    token = sm.rotate_secret(SecretId="db", RotationLambdaARN=ROTATOR_ARN, RotationRules={"AutomaticallyAfterDays": 1})[
        "VersionId"
    ]
    cloud.run()
    assert stages(sm) == {first: ["AWSCURRENT"], token: ["AWSPENDING"]}
    (failed,) = [
        e
        for e in rotation_events(cloud.backend("secretsmanager", SecretsManagerService))
        if e.event_name == "RotationFailed"
    ]
    assert failed.step == "testSecret" and failed.error == "RuntimeError: the new password does not work"
    with pytest.raises(sm.exceptions.InvalidRequestException) as exc:
        sm.rotate_secret(SecretId="db")
    assert (
        exc.value.response["Error"]["Message"]
        == "A previous rotation isn't complete. That rotation will be reattempted."
    )
    # The next window reattempts the same version (still failing here).
    cloud.run(until=86_400 + 60)
    assert [e["ClientRequestToken"] for e in received(cloud)][-1] == token
    # Fixing it by hand: move AWSPENDING off, then RotateSecret works again.
    sm.update_secret_version_stage(SecretId="db", VersionStage="AWSPENDING", RemoveFromVersionId=token)
    sm.cancel_rotate_secret(SecretId="db")
    lam.update_function_code(FunctionName="rotator", ZipFile=pocketcloud.zip_code({"app.py": rotator()}))
    sm.rotate_secret(SecretId="db")
    cloud.run(until=cloud.now + 60)
    assert sm.get_secret_value(SecretId="db")["VersionId"] not in (first, token)


def test_cancel_rotate_secret(cloud, sm) -> None:  # type: ignore[no-untyped-def]
    """CancelRotateSecret "Turns off automatic rotation, and if a rotation is currently in progress, cancels the
    rotation"; RotationLambdaARN and RotationRules stay ("this field shows the previous rotation schedule");
    NextRotationDate and LastRotatedDate are null "if ... rotation has been disabled"."""
    with pytest.raises(sm.exceptions.InvalidRequestException):
        sm.cancel_rotate_secret(SecretId="db")
    token = sm.rotate_secret(SecretId="db", RotationLambdaARN=ROTATOR_ARN, RotationRules={"AutomaticallyAfterDays": 3})[
        "VersionId"
    ]
    cancelled = sm.cancel_rotate_secret(SecretId="db")
    assert cancelled["VersionId"] == token
    cloud.run(until=10 * 86_400)
    described = sm.describe_secret(SecretId="db")
    assert described["RotationEnabled"] is False
    assert described["RotationLambdaARN"] == ROTATOR_ARN and described["RotationRules"] == {"AutomaticallyAfterDays": 3}
    assert "NextRotationDate" not in described and "LastRotatedDate" not in described
    assert received(cloud) == []
    assert events(cloud) == [("RotationStarted", None), ("RotationAbandoned", None)]
    assert stages(sm)[token] == ["AWSPENDING"]  # left as it was, as AWS warns


def test_put_secret_value_counts_as_a_rotation_for_the_schedule(cloud, sm) -> None:  # type: ignore[no-untyped-def]
    """ "Manually updating the secret value by calling PutSecretValue or UpdateSecret is considered a valid
    rotation" when Secrets Manager calculates the next rotation date (AutomaticallyAfterDays)."""
    sm.rotate_secret(SecretId="db", RotationLambdaARN=ROTATOR_ARN, RotationRules={"AutomaticallyAfterDays": 5})
    cloud.run()
    cloud.run(until=3 * 86_400 + 100)
    sm.put_secret_value(SecretId="db", SecretString=json.dumps({"password": "manual"}))
    assert sm.describe_secret(SecretId="db")["NextRotationDate"] == datetime(2026, 1, 9, tzinfo=UTC)


def test_deleted_secrets_do_not_rotate(cloud, sm) -> None:  # type: ignore[no-untyped-def]
    sm.rotate_secret(SecretId="db", RotationLambdaARN=ROTATOR_ARN, RotationRules={"AutomaticallyAfterDays": 1})
    cloud.run()
    sm.delete_secret(SecretId="db", RecoveryWindowInDays=7)
    cloud.run(until=3 * 86_400)
    assert [name for name, _ in events(cloud)].count("RotationStarted") == 1
    with pytest.raises(sm.exceptions.InvalidRequestException):
        sm.rotate_secret(SecretId="db")


@pytest.mark.parametrize(
    "rules",
    [
        {"AutomaticallyAfterDays": 1, "ScheduleExpression": "rate(1 day)"},
        {"ScheduleExpression": "rate(2 hours)"},
        {"ScheduleExpression": "rate(1000 days)"},
        {"ScheduleExpression": "cron(30 4 * * ? *)"},
        {"ScheduleExpression": "cron(0 4 * * ? 2027)"},
        {"ScheduleExpression": "every day"},
        {"ScheduleExpression": "cron(0 22 * * ? *)", "Duration": "4h"},
        {"Duration": "25h", "AutomaticallyAfterDays": 1},
    ],
)
def test_bad_rotation_rules_change_nothing(sm, rules: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    """The documented schedule rules: not both AutomaticallyAfterDays and ScheduleExpression; rotations at most
    every four hours and at most 999 days apart; cron minutes "Must be 0" and year "Must be *"; the window must
    not reach into the next UTC day."""
    with pytest.raises(sm.exceptions.InvalidParameterException):
        sm.rotate_secret(SecretId="db", RotationLambdaARN=ROTATOR_ARN, RotationRules=rules)
    assert "RotationEnabled" not in sm.describe_secret(SecretId="db")


def test_rotation_is_deterministic() -> None:
    def run() -> tuple[str, list[str]]:
        cloud = pocketcloud.Cloud(seed=3)
        lam = cloud.client("lambda")
        make_function(lam, "rotator", source=rotator())
        lam.add_permission(
            FunctionName="rotator",
            StatementId="sm",
            Action="lambda:InvokeFunction",
            Principal="secretsmanager.amazonaws.com",
        )
        sm = cloud.client("secretsmanager")
        sm.create_secret(Name="db", SecretString=json.dumps({"password": "first"}))
        sm.rotate_secret(SecretId="db", RotationLambdaARN=ROTATOR_ARN, RotationRules={"AutomaticallyAfterDays": 1})
        cloud.run(until=3 * 86_400)
        return sm.get_secret_value(SecretId="db")["SecretString"], sorted(stages(sm))

    assert run() == run()
