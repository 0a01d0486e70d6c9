"""Rotation by a Lambda function: RotateSecret, CancelRotateSecret, the four steps, and the schedule.

How AWS rotates (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda.html,
https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotateSecret.html):

1. RotateSecret "Configures and starts the asynchronous process of rotating the secret" and returns the new
   version's ID. "During rotation, Secrets Manager creates an AWSPENDING version ID before creating the new secret
   version" (DescribeSecret's VersionIdsToStages): an empty version labelled AWSPENDING.
2. It invokes the rotation function synchronously, once per step, "with the following JSON request structure":
   ``{"Step": ..., "SecretId": <ARN>, "ClientRequestToken": <version ID>, "RotationToken": ...}``, with the steps
   ``createSecret`` (the function stores the new value with PutSecretValue and VersionStages=["AWSPENDING"]),
   ``setSecret`` (it changes the credential in the database or service), ``testSecret`` (it checks the new
   value), ``finishSecret`` (it moves AWSCURRENT to the new version with UpdateSecretVersionStage; AWSPREVIOUS
   follows automatically). The function must end with AWSPENDING "attached to the same version as the AWSCURRENT
   version, or ... not attached to any version"; pocketcloud then takes AWSPENDING off (AWS: it "might be
   attached to the same version ... or it might not be attached to any version").
3. The function needs a resource-based policy for ``secretsmanager.amazonaws.com``; otherwise RotateSecret fails
   with AccessDeniedException, "Secrets Manager cannot invoke the specified Lambda function. Ensure that the
   function policy grants access to the principal secretsmanager.amazonaws.com." (AWS's words as Terraform and
   CloudFormation users quote them). Invocations go through Lambda's public client as that principal, with the
   secret's ARN as the source, from the simulation (``invoke_and_then``).
4. "If you don't immediately rotate the secret, Secrets Manager tests the rotation configuration by running the
   testSecret step of the Lambda rotation function. The test creates an AWSPENDING version of the secret and then
   removes it" (RotateImmediately); the test version holds a copy of the current value (AWS's behaviour, recorded
   by moto's aws_verified test_rotate_secret_using_lambda_dont_rotate_immediately).
5. "When rotation is unsuccessful, the AWSPENDING staging label might be attached to an empty secret version",
   and "If the AWSPENDING staging label is present but not attached to the same version as AWSCURRENT, then any
   later invocation of RotateSecret assumes that a previous rotation request is still in progress and returns an
   error": InvalidRequestException, "A previous rotation isn't complete. That rotation will be reattempted." (the
   message Terraform's acceptance tests expect). pocketcloud reattempts a failed rotation, with the same version,
   at the next rotation window (AWS "retries the entire rotation process multiple times" at times it does not
   publish; a pocketcloud model).

What happened is recorded like the CloudTrail events AWS logs for rotation — ``RotationStarted``,
``RotationSucceeded``, ``RotationFailed`` (with the step and the function's error), ``RotationAbandoned``
(https://docs.aws.amazon.com/secretsmanager/latest/userguide/monitoring-cloudtrail.html) — in
:func:`rotation_events`. Schedules and windows are in :mod:`.schedule`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...errors import ClientError, ServiceError
from .models import AWSCURRENT, AWSPENDING, Secret, SecretVersion
from .schedule import parse_rules

if TYPE_CHECKING:
    from .service import SecretsManagerService

PRINCIPAL = "secretsmanager.amazonaws.com"
STEPS = ("createSecret", "setSecret", "testSecret", "finishSecret")
_NO_FUNCTION = "No Lambda rotation function ARN is associated with this secret."
_CANNOT_INVOKE = (
    "Secrets Manager cannot invoke the specified Lambda function. Ensure that the function policy grants access to "
    "the principal secretsmanager.amazonaws.com."
)
_NOT_COMPLETE = "A previous rotation isn't complete. That rotation will be reattempted."


@dataclass(frozen=True)
class RotationEvent:
    """One rotation event, named as in CloudTrail."""

    time: float
    event_name: str  # RotationStarted, RotationSucceeded, RotationFailed, RotationAbandoned
    secret_arn: str
    version_id: str
    step: str | None = None
    error: str | None = None


@dataclass
class Run:
    """A rotation in progress: the version it makes, the steps still to run, and whether it is a test only."""

    token: str
    rotation_token: str
    steps: list[str] = field(default_factory=lambda: list(STEPS))
    test_only: bool = False
    cancelled: bool = False


def rotation_events(service: SecretsManagerService) -> list[RotationEvent]:
    events: list[RotationEvent] = service.extensions.setdefault("rotation_events", [])
    return events


def _record(service: SecretsManagerService, name: str, secret: Secret, token: str, **extra: Any) -> None:
    rotation_events(service).append(RotationEvent(service.cloud.now, name, secret.arn, token, **extra))


def pending_elsewhere(secret: Secret) -> SecretVersion | None:
    """The version with AWSPENDING when it is not also AWSCURRENT: an unfinished rotation."""
    for version in secret.versions.values():
        if AWSPENDING in version.stages and AWSCURRENT not in version.stages:
            return version
    return None


def _lambda(service: SecretsManagerService, secret: Secret) -> Any:
    return service.cloud.service_client("lambda", PRINCIPAL, source_arn=secret.arn)


def rotate_secret(service: SecretsManagerService, params: dict[str, Any]) -> dict[str, Any]:
    for name in ("ExternalSecretRotationMetadata", "ExternalSecretRotationRoleArn"):
        if params.get(name):
            raise ServiceError(
                "InvalidParameterException", f"pocketcloud does not simulate managed external secrets ({name})."
            )
    secret = service.resolve(params["SecretId"])
    function_arn = params.get("RotationLambdaARN") or secret.rotation_lambda_arn
    if not function_arn:
        raise ServiceError("InvalidRequestException", _NO_FUNCTION)
    rules = params.get("RotationRules")
    if rules is not None:
        parse_rules(rules)
    if secret.rotating is not None or pending_elsewhere(secret) is not None:
        raise ServiceError("InvalidRequestException", _NOT_COMPLETE)
    try:
        _lambda(service, secret).invoke(FunctionName=function_arn, InvocationType="DryRun")
    except ClientError:
        raise ServiceError("AccessDeniedException", _CANNOT_INVOKE) from None
    token = params["ClientRequestToken"]
    if token in secret.versions:
        raise ServiceError(
            "ResourceExistsException",
            f"You can't use ClientRequestToken {token} because that value is already in use for a version of secret "
            f"{secret.arn}.",
        )
    # Every check has passed: configure, then start.
    secret.rotation_enabled = True
    secret.rotation_lambda_arn = function_arn
    if rules is not None:
        secret.rotation_rules = dict(rules)
    secret.last_changed = service.cloud.now
    _cancel_timer(secret)
    secret.next_rotation = None
    immediately = params.get("RotateImmediately", True)
    run = Run(token, service.cloud.new_request_id(), test_only=not immediately)
    current = secret.version_with_stage(AWSCURRENT)
    if run.test_only:
        run.steps = ["testSecret"]
        copy = (current.secret_string, current.secret_binary) if current is not None else (None, None)
        version = SecretVersion(token, copy[0], copy[1], created=service.cloud.now, stages=[AWSPENDING])
    else:
        version = SecretVersion(token, None, None, created=service.cloud.now, stages=[AWSPENDING])
    for other in secret.versions.values():
        if AWSPENDING in other.stages:
            other.stages.remove(AWSPENDING)
    secret.versions[token] = version
    secret.rotating = run
    _record(service, "RotationStarted", secret, token)
    service.cloud.kernel.schedule(0.0, _next_step, service, secret, run)
    return {"ARN": secret.arn, "Name": secret.name, "VersionId": token}


def _next_step(service: SecretsManagerService, secret: Secret, run: Run) -> None:
    if run.cancelled or secret.rotating is not run or service.secrets.get(secret.name) is not secret:
        return
    if not run.steps:
        _finished(service, secret, run)
        return
    step = run.steps.pop(0)
    event = {
        "Step": step,
        "SecretId": secret.arn,
        "ClientRequestToken": run.token,
        "RotationToken": run.rotation_token,
    }

    def on_response(response: dict[str, Any]) -> None:
        if response.get("FunctionError"):
            payload = response["Payload"].read()
            try:
                error = json.loads(payload)
                reason = f"{error.get('errorType', 'Error')}: {error.get('errorMessage', '')}"
            except (ValueError, AttributeError):
                reason = payload.decode("utf-8", "replace")
            _failed(service, secret, run, step, reason)
            return
        _next_step(service, secret, run)

    try:
        _lambda(service, secret).invoke_and_then(
            on_response, FunctionName=secret.rotation_lambda_arn, Payload=json.dumps(event)
        )
    except ClientError as error:
        details = error.response.get("Error", {})
        _failed(service, secret, run, step, f"{details.get('Code')}: {details.get('Message')}")


def _failed(service: SecretsManagerService, secret: Secret, run: Run, step: str, reason: str) -> None:
    _record(service, "RotationFailed", secret, run.token, step=step, error=reason)
    secret.rotating = None
    if run.test_only:
        secret.versions.pop(run.token, None)
    _schedule_next(service, secret)


def _finished(service: SecretsManagerService, secret: Secret, run: Run) -> None:
    secret.rotating = None
    now = service.cloud.now
    if run.test_only:
        secret.versions.pop(run.token, None)
        _record(service, "RotationSucceeded", secret, run.token, step="testSecret")
        _schedule_next(service, secret)
        return
    version = secret.versions.get(run.token)
    if version is None or AWSCURRENT not in version.stages:
        _record(
            service,
            "RotationFailed",
            secret,
            run.token,
            step="finishSecret",
            error=f"The rotation function finished without moving AWSCURRENT to version {run.token}.",
        )
        _schedule_next(service, secret)
        return
    if AWSPENDING in version.stages:
        version.stages.remove(AWSPENDING)
    secret.last_rotated = now
    secret.last_changed = now
    _record(service, "RotationSucceeded", secret, run.token)
    _schedule_next(service, secret)


def _cancel_timer(secret: Secret) -> None:
    if secret.rotation_timer is not None:
        secret.rotation_timer.cancel()
        secret.rotation_timer = None


def _schedule_next(service: SecretsManagerService, secret: Secret) -> None:
    """Arm the next rotation (a background event: it does not keep ``cloud.run()`` going on its own)."""
    _cancel_timer(secret)
    secret.next_rotation = None
    if not secret.rotation_enabled or secret.rotation_rules is None:
        return
    schedule = parse_rules(secret.rotation_rules)
    if schedule is None:
        return
    now = service.cloud.now
    at = schedule.next_window(now, secret.last_rotated)
    secret.next_rotation = at
    secret.rotation_timer = service.cloud.kernel.schedule(at - now, _scheduled, service, secret, background=True)


def _scheduled(service: SecretsManagerService, secret: Secret) -> None:
    """A rotation window opens: rotate, or reattempt the unfinished rotation with its version."""
    secret.rotation_timer = None
    if service.secrets.get(secret.name) is not secret or secret.scheduled_for_deletion or not secret.rotation_enabled:
        return
    if secret.rotating is not None:
        return
    stuck = pending_elsewhere(secret)
    if stuck is not None:
        token = stuck.version_id
    else:
        token = service.cloud.new_request_id()
        secret.versions[token] = SecretVersion(token, None, None, created=service.cloud.now, stages=[AWSPENDING])
    run = Run(token, service.cloud.new_request_id())
    secret.rotating = run
    _record(service, "RotationStarted", secret, token)
    _next_step(service, secret, run)


def cancel_rotate_secret(service: SecretsManagerService, params: dict[str, Any]) -> dict[str, Any]:
    """ "Turns off automatic rotation, and if a rotation is currently in progress, cancels the rotation"; the
    AWSPENDING version stays as it is ("You might need to remove the staging label AWSPENDING from the partially
    created version"). RotationLambdaARN and RotationRules stay: "If the secret previously had rotation turned on,
    but it is now turned off, this field shows the previous rotation schedule and rotation function."
    https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CancelRotateSecret.html"""
    secret = service.resolve(params["SecretId"])
    if secret.rotation_enabled is None:
        raise ServiceError("InvalidRequestException", "Rotation isn't configured for this secret.")
    response: dict[str, Any] = {"ARN": secret.arn, "Name": secret.name}
    run = secret.rotating
    if run is not None:
        run.cancelled = True
        secret.rotating = None
        response["VersionId"] = run.token
        _record(service, "RotationAbandoned", secret, run.token)
    secret.rotation_enabled = False
    _cancel_timer(secret)
    secret.next_rotation = None
    secret.last_changed = service.cloud.now
    return response


def stop_for_deletion(secret: Secret) -> None:
    """DeleteSecret: no rotation runs or is scheduled for a secret scheduled for deletion."""
    if secret.rotating is not None:
        secret.rotating.cancelled = True
        secret.rotating = None
    _cancel_timer(secret)


def resume_after_restore(service: SecretsManagerService, secret: Secret) -> None:
    if secret.rotation_enabled:
        _schedule_next(service, secret)


def note_new_current(service: SecretsManagerService, secret: Secret) -> None:
    """PutSecretValue or UpdateSecret moved AWSCURRENT: "Manually updating the secret value by calling
    PutSecretValue or UpdateSecret is considered a valid rotation" for the next rotation date
    (API_RotationRulesType, AutomaticallyAfterDays)."""
    rules = secret.rotation_rules
    if not secret.rotation_enabled or secret.rotating is not None or rules is None:
        return
    if "AutomaticallyAfterDays" in rules and "ScheduleExpression" not in rules:
        secret.last_rotated = service.cloud.now
        _schedule_next(service, secret)
