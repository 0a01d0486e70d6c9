"""Secrets Manager: secrets, versions and staging labels, deletion windows and paging, with AWS's errors.

Each test states one documented behaviour and the page it comes from (checked 2026-11-25). Error messages that
the API reference does not print were taken from AWS's answers as they appear in public issue threads and logs
(noted per test).
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

import pocketcloud
from pocketcloud import ClientError, ParamValidationError
from pocketcloud.timeutil import EPOCH

ARN_PREFIX = "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:"


@pytest.fixture
def sm(cloud: pocketcloud.Cloud) -> Any:
    return cloud.client("secretsmanager")


def _error(exc_info: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    error = exc_info.value.response["Error"]
    return error["Code"], error["Message"]


def _stages(sm: Any, name: str) -> dict[str, list[str]]:
    stages: dict[str, list[str]] = sm.describe_secret(SecretId=name).get("VersionIdsToStages", {})
    return stages


# -- CreateSecret / GetSecretValue ---------------------------------------------------------------------------


def test_create_secret_returns_an_arn_with_six_random_characters(sm) -> None:
    """API_CreateSecret: "Secrets Manager automatically adds a hyphen and six random characters after the secret
    name at the end of the ARN"; the SDK's ClientRequestToken (a UUID) becomes the VersionId.

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
    """
    created = sm.create_secret(Name="prod/db/password", SecretString="hunter2")
    assert re.fullmatch(re.escape(ARN_PREFIX + "prod/db/password-") + r"[A-Za-z0-9]{6}", created["ARN"])
    assert created["Name"] == "prod/db/password"
    assert str(uuid.UUID(created["VersionId"])) == created["VersionId"]
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_get_secret_value_returns_the_awscurrent_version(sm) -> None:
    """API_GetSecretValue: "If you don't specify either a VersionStage or VersionId, Secrets Manager returns the
    AWSCURRENT version"; CreatedDate is a timestamp (boto3: an aware datetime).

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
    """
    created = sm.create_secret(Name="api-key", SecretString='{"key": "abc"}')
    got = sm.get_secret_value(SecretId="api-key")
    assert got["ARN"] == created["ARN"]
    assert got["Name"] == "api-key"
    assert got["VersionId"] == created["VersionId"]
    assert got["SecretString"] == '{"key": "abc"}'
    assert "SecretBinary" not in got
    assert got["VersionStages"] == ["AWSCURRENT"]
    assert got["CreatedDate"] == EPOCH
    assert got["CreatedDate"].tzinfo is not None


def test_secret_id_may_be_a_name_a_complete_arn_or_a_partial_arn(sm) -> None:
    """API_GetSecretValue: SecretId is "The ARN or name of the secret"; a partial ARN leaves out the final hyphen
    and six characters (user guide, troubleshoot.html#ARN_secretnamehyphen).

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
                https://docs.aws.amazon.com/secretsmanager/latest/userguide/troubleshoot.html#ARN_secretnamehyphen
    """
    arn = sm.create_secret(Name="token", SecretString="t")["ARN"]
    for secret_id in ("token", arn, ARN_PREFIX + "token"):
        assert sm.get_secret_value(SecretId=secret_id)["SecretString"] == "t"


def test_secret_binary_round_trips_as_bytes(sm) -> None:
    """API_GetSecretValue: SecretBinary holds "the decrypted secret value, if the secret value was originally
    provided as binary data"; SecretString is then omitted.

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
    """
    sm.create_secret(Name="cert", SecretBinary=b"\x00\x01\xff")
    got = sm.get_secret_value(SecretId="cert")
    assert got["SecretBinary"] == b"\x00\x01\xff"
    assert "SecretString" not in got


def test_missing_secret_is_resource_not_found(sm) -> None:
    """ResourceNotFoundException, "Secrets Manager can't find the specified secret." (AWS's words as seen in
    ECS and SDK error logs; API_GetSecretValue lists the error).

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html#API_GetSecretValue_Errors
    """
    for call in (
        lambda: sm.get_secret_value(SecretId="nope"),
        lambda: sm.describe_secret(SecretId="nope"),
        lambda: sm.put_secret_value(SecretId="nope", SecretString="x"),
        lambda: sm.update_secret(SecretId="nope", Description="x"),
        lambda: sm.delete_secret(SecretId="nope"),
        lambda: sm.restore_secret(SecretId="nope"),
    ):
        with pytest.raises(sm.exceptions.ResourceNotFoundException) as exc:
            call()
        assert _error(exc) == ("ResourceNotFoundException", "Secrets Manager can't find the specified secret.")
        assert isinstance(exc.value, ClientError)


def test_creating_a_secret_twice_is_resource_exists(sm) -> None:
    """ResourceExistsException: "The operation failed because the secret <name> already exists." (AWS's answer as
    quoted in Terraform and CloudFormation failures; API_CreateSecret lists the error).

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html#API_CreateSecret_Errors
    """
    sm.create_secret(Name="db", SecretString="a")
    with pytest.raises(sm.exceptions.ResourceExistsException) as exc:
        sm.create_secret(Name="db", SecretString="b")
    assert _error(exc) == ("ResourceExistsException", "The operation failed because the secret db already exists.")
    assert "when calling the CreateSecret operation" in str(exc.value)


def test_a_retried_create_with_the_same_token_and_value_is_ignored(sm) -> None:
    """API_CreateSecret ClientRequestToken: "If a version with this value already exists and the version
    SecretString and SecretBinary values are the same as those in the request, then the request is ignored."

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html#SecretsManager-CreateSecret-request-ClientRequestToken
    """
    token = "a" * 32
    first = sm.create_secret(Name="db", SecretString="a", ClientRequestToken=token)
    again = sm.create_secret(Name="db", SecretString="a", ClientRequestToken=token)
    assert first["VersionId"] == again["VersionId"] == token
    assert list(_stages(sm, "db")) == [token]


def test_string_and_binary_together_are_refused(sm) -> None:
    """API_CreateSecret: "Either SecretString or SecretBinary must have a value, but not both." (message as AWS
    answers it, InvalidParameterException).

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
    """
    with pytest.raises(sm.exceptions.InvalidParameterException) as exc:
        sm.create_secret(Name="db", SecretString="a", SecretBinary=b"a")
    assert _error(exc) == (
        "InvalidParameterException",
        "You can't specify both a binary secret value and a string secret value in the same secret.",
    )


def test_a_secret_without_a_value_has_no_awscurrent_version(sm) -> None:
    """API_CreateSecret: a version is created only "If you include SecretString or SecretBinary"; reading the
    secret then fails with "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT"
    (AWS's words in Terraform and ECS failures).

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
    """
    created = sm.create_secret(Name="later")
    assert "VersionId" not in created
    with pytest.raises(sm.exceptions.ResourceNotFoundException) as exc:
        sm.get_secret_value(SecretId="later")
    assert _error(exc)[1] == "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT"
    assert "VersionIdsToStages" not in sm.describe_secret(SecretId="later")


def test_secret_value_limit_is_65536_bytes(sm) -> None:
    """Quota "Secret value size": 65,536 bytes (reference_limits.html); API_CreateSecret SecretString "Maximum
    length of 65536". A longer value fails service-side, and the sensitive value is not echoed.

    Source: https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html
                https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
    """
    sm.create_secret(Name="big", SecretString="x" * 65_536)
    with pytest.raises(ClientError) as exc:
        sm.put_secret_value(SecretId="big", SecretString="y" * 65_537)
    assert _error(exc) == (
        "ValidationException",
        "1 validation error detected: Value at 'secretString' failed to satisfy constraint: Member must have "
        "length less than or equal to 65536",
    )
    assert "yyy" not in str(exc.value)
    with pytest.raises(ClientError):
        sm.create_secret(Name="big-binary", SecretBinary=b"\x00" * 65_537)


def test_empty_values_are_refused_by_botocore_before_sending(sm) -> None:
    """API_CreateSecret: SecretString "Minimum length of 1"; botocore checks minimums client-side and raises
    ParamValidationError (botocore/validate.py).

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
    """
    with pytest.raises(ParamValidationError) as exc:
        sm.create_secret(Name="db", SecretString="")
    assert "Invalid length for parameter SecretString, value: 0, valid min length: 1" in str(exc.value)
    with pytest.raises(ParamValidationError):
        sm.create_secret(Name="", SecretString="a")
    with pytest.raises(ParamValidationError):
        sm.create_secret(Name="db", SecretString=123)


def test_bad_secret_names_are_refused(sm) -> None:
    """API_CreateSecret: "The secret name can contain ASCII letters, numbers, and the following characters:
    /_+=.@-" (message as AWS answers it).

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html#SecretsManager-CreateSecret-request-Name
    """
    with pytest.raises(ClientError) as exc:
        sm.create_secret(Name="my secret", SecretString="a")
    assert _error(exc)[1] == (
        "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!"
    )


# -- Versions and staging labels -----------------------------------------------------------------------------


def test_put_secret_value_moves_awscurrent_and_awsprevious(sm) -> None:
    """API_PutSecretValue: "If you don't include VersionStages, then Secrets Manager automatically moves the
    staging label AWSCURRENT to this version ... [and] also automatically moves the staging label AWSPREVIOUS to
    the version that AWSCURRENT was removed from." The version that was AWSPREVIOUS loses its label.

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
                https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html
    """
    v1 = sm.create_secret(Name="db", SecretString="one")["VersionId"]
    put = sm.put_secret_value(SecretId="db", SecretString="two")
    v2 = put["VersionId"]
    assert put["VersionStages"] == ["AWSCURRENT"]
    assert _stages(sm, "db") == {v1: ["AWSPREVIOUS"], v2: ["AWSCURRENT"]}
    v3 = sm.put_secret_value(SecretId="db", SecretString="three")["VersionId"]
    # v1 has no label left: "Versions that don't have staging labels are considered deprecated" (DescribeSecret).
    assert _stages(sm, "db") == {v2: ["AWSPREVIOUS"], v3: ["AWSCURRENT"]}
    assert sm.get_secret_value(SecretId="db")["SecretString"] == "three"


def test_get_secret_value_by_version_stage_awsprevious(sm) -> None:
    """API_GetSecretValue: "To retrieve the previous version of a secret, use VersionStage and specify
    AWSPREVIOUS."

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
    """
    sm.create_secret(Name="db", SecretString="old-password")
    sm.put_secret_value(SecretId="db", SecretString="new-password")
    previous = sm.get_secret_value(SecretId="db", VersionStage="AWSPREVIOUS")
    assert previous["SecretString"] == "old-password"
    assert previous["VersionStages"] == ["AWSPREVIOUS"]


def test_get_secret_value_by_version_id(sm) -> None:
    """API_GetSecretValue VersionId: "The unique identifier of the version of the secret to retrieve"; with
    VersionStage too, "the two parameters must refer to the same secret version"

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html#SecretsManager-GetSecretValue-request-VersionId
    """
    v1 = sm.create_secret(Name="db", SecretString="one")["VersionId"]
    sm.put_secret_value(SecretId="db", SecretString="two")
    assert sm.get_secret_value(SecretId="db", VersionId=v1)["SecretString"] == "one"
    assert sm.get_secret_value(SecretId="db", VersionId=v1, VersionStage="AWSPREVIOUS")["SecretString"] == "one"
    with pytest.raises(sm.exceptions.InvalidRequestException) as exc:
        sm.get_secret_value(SecretId="db", VersionId=v1, VersionStage="AWSCURRENT")
    assert _error(exc)[1] == "You provided a VersionStage that is not associated to the provided VersionId."


def test_an_unattached_stage_is_not_found(sm) -> None:
    """GetSecretValue for a label no version carries: ResourceNotFoundException, "Secrets Manager can't find the
    specified secret value for staging label: <label>"

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html#API_GetSecretValue_Errors
    """
    sm.create_secret(Name="db", SecretString="one")
    with pytest.raises(sm.exceptions.ResourceNotFoundException) as exc:
        sm.get_secret_value(SecretId="db", VersionStage="AWSPREVIOUS")
    assert _error(exc)[1] == "Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS"


def test_version_stages_parameter_leaves_awscurrent_in_place(sm) -> None:
    """API_PutSecretValue VersionStages: "If you specify a staging label that's already associated with a
    different version of the same secret, then Secrets Manager removes the label from the other version"; AWSCURRENT
    only moves when named (or when VersionStages is left out).

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html#SecretsManager-PutSecretValue-request-VersionStages
    """
    v1 = sm.create_secret(Name="db", SecretString="one")["VersionId"]
    pending = sm.put_secret_value(SecretId="db", SecretString="two", VersionStages=["AWSPENDING"])
    assert pending["VersionStages"] == ["AWSPENDING"]
    assert sm.get_secret_value(SecretId="db")["VersionId"] == v1
    again = sm.put_secret_value(SecretId="db", SecretString="three", VersionStages=["AWSPENDING"])
    assert _stages(sm, "db") == {v1: ["AWSCURRENT"], again["VersionId"]: ["AWSPENDING"]}


def test_the_first_version_always_gets_awscurrent(sm) -> None:
    """API_PutSecretValue: "If this operation creates the first version for the secret, then Secrets Manager
    automatically attaches the staging label AWSCURRENT to it."

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
    """
    sm.create_secret(Name="later")
    put = sm.put_secret_value(SecretId="later", SecretString="now")
    assert put["VersionStages"] == ["AWSCURRENT"]
    assert sm.get_secret_value(SecretId="later")["SecretString"] == "now"


def test_put_secret_value_is_idempotent_per_client_request_token(sm) -> None:
    """API_PutSecretValue: "If you call this operation with a ClientRequestToken that matches an existing
    version's VersionId, and you specify the same secret data, the operation succeeds but does nothing. However,
    if the secret data is different, then the operation fails because you can't modify an existing version."

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
    """
    sm.create_secret(Name="db", SecretString="one")
    token = "b" * 36
    first = sm.put_secret_value(SecretId="db", SecretString="two", ClientRequestToken=token)
    again = sm.put_secret_value(SecretId="db", SecretString="two", ClientRequestToken=token)
    assert first["VersionId"] == again["VersionId"] == token
    assert len(_stages(sm, "db")) == 2
    with pytest.raises(sm.exceptions.ResourceExistsException):
        sm.put_secret_value(SecretId="db", SecretString="different", ClientRequestToken=token)


def test_put_secret_value_needs_a_value(sm) -> None:
    """PutSecretValue without SecretString or SecretBinary: InvalidRequestException, "You must provide either
    SecretString or SecretBinary." (AWS's words in Terraform failures).

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html#API_PutSecretValue_Errors
    """
    sm.create_secret(Name="db", SecretString="one")
    with pytest.raises(sm.exceptions.InvalidRequestException) as exc:
        sm.put_secret_value(SecretId="db")
    assert _error(exc)[1] == "You must provide either SecretString or SecretBinary."


def test_update_secret_changes_metadata_or_makes_a_new_version(sm) -> None:
    """API_UpdateSecret: "If you include SecretString or SecretBinary to create a new secret version, Secrets
    Manager automatically moves the staging label AWSCURRENT to the new version. Then it attaches the label
    AWSPREVIOUS to the version that AWSCURRENT was removed from." A description-only update makes no version.

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecret.html
    """
    v1 = sm.create_secret(Name="db", SecretString="one", Description="first")["VersionId"]
    meta_only = sm.update_secret(SecretId="db", Description="second")
    assert "VersionId" not in meta_only
    assert sm.describe_secret(SecretId="db")["Description"] == "second"
    v2 = sm.update_secret(SecretId="db", SecretString="two")["VersionId"]
    assert _stages(sm, "db") == {v1: ["AWSPREVIOUS"], v2: ["AWSCURRENT"]}
    assert sm.get_secret_value(SecretId="db")["SecretString"] == "two"


# -- DeleteSecret / RestoreSecret ----------------------------------------------------------------------------


def test_delete_secret_schedules_deletion_after_30_days_by_default(sm) -> None:
    """API_DeleteSecret: "The default recovery window is 30 days"; DeletionDate is "the date and time of the
    delete request plus the number of days in RecoveryWindowInDays"

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
    """
    arn = sm.create_secret(Name="db", SecretString="one")["ARN"]
    deleted = sm.delete_secret(SecretId="db")
    assert deleted["ARN"] == arn
    assert deleted["Name"] == "db"
    assert deleted["DeletionDate"] == EPOCH + timedelta(days=30)
    assert sm.describe_secret(SecretId="db")["DeletedDate"] == EPOCH


def test_a_secret_scheduled_for_deletion_cannot_be_read(sm) -> None:
    """API_DeleteSecret: "When a secret is scheduled for deletion, you cannot retrieve the secret value."; AWS
    answers InvalidRequestException "You can't perform this operation on the secret because it was marked for
    deletion." (the words the Terraform AWS provider matches on).

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
    """
    sm.create_secret(Name="db", SecretString="one")
    sm.delete_secret(SecretId="db", RecoveryWindowInDays=7)
    for call in (
        lambda: sm.get_secret_value(SecretId="db"),
        lambda: sm.put_secret_value(SecretId="db", SecretString="two"),
        lambda: sm.update_secret(SecretId="db", Description="x"),
    ):
        with pytest.raises(sm.exceptions.InvalidRequestException) as exc:
            call()
        assert _error(exc) == (
            "InvalidRequestException",
            "You can't perform this operation on the secret because it was marked for deletion.",
        )


def test_list_secrets_hides_secrets_scheduled_for_deletion(sm) -> None:
    """API_ListSecrets: lists secrets "not including secrets that are marked for deletion"; IncludePlannedDeletion:
    "Specifies whether to include secrets scheduled for deletion"

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecrets.html
    """
    sm.create_secret(Name="keep", SecretString="a")
    sm.create_secret(Name="gone", SecretString="b")
    sm.delete_secret(SecretId="gone")
    assert [s["Name"] for s in sm.list_secrets()["SecretList"]] == ["keep"]
    listed = sm.list_secrets(IncludePlannedDeletion=True)["SecretList"]
    assert [s["Name"] for s in listed] == ["keep", "gone"]
    assert listed[1]["DeletedDate"] == EPOCH


@pytest.mark.parametrize("days", [0, 6, 31])
def test_recovery_window_must_be_7_to_30_days(sm, days: int) -> None:
    """API_DeleteSecret RecoveryWindowInDays: "The number of days from 7 to 30"; AWS answers
    "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive)." (getmoto/moto#6461, run against
    AWS).

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html#SecretsManager-DeleteSecret-request-RecoveryWindowInDays
                https://github.com/getmoto/moto/issues/6461
    """
    sm.create_secret(Name="db", SecretString="one")
    with pytest.raises(sm.exceptions.InvalidParameterException) as exc:
        sm.delete_secret(SecretId="db", RecoveryWindowInDays=days)
    assert _error(exc)[1] == "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive)."


@pytest.mark.parametrize("days", [7, 30])
def test_recovery_window_edges_are_accepted(sm, days: int) -> None:
    """API_DeleteSecret: 7 and 30 days are both inside "The number of days from 7 to 30"

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html#SecretsManager-DeleteSecret-request-RecoveryWindowInDays
    """
    sm.create_secret(Name="db", SecretString="one")
    assert sm.delete_secret(SecretId="db", RecoveryWindowInDays=days)["DeletionDate"] == EPOCH + timedelta(days=days)


def test_force_delete_and_recovery_window_cannot_be_combined(sm) -> None:
    """API_DeleteSecret: "You can't use both this parameter and RecoveryWindowInDays in the same call." An
    out-of-range window is reported first, even with force (getmoto/moto#6461, run against AWS).

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
                https://github.com/getmoto/moto/issues/6461
    """
    sm.create_secret(Name="db", SecretString="one")
    with pytest.raises(sm.exceptions.InvalidParameterException) as exc:
        sm.delete_secret(SecretId="db", RecoveryWindowInDays=7, ForceDeleteWithoutRecovery=True)
    assert _error(exc)[1] == "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays."
    with pytest.raises(sm.exceptions.InvalidParameterException) as exc:
        sm.delete_secret(SecretId="db", RecoveryWindowInDays=0, ForceDeleteWithoutRecovery=True)
    assert "between 7 and 30 days" in _error(exc)[1]


def test_force_delete_is_immediate_and_frees_the_name(sm) -> None:
    """API_DeleteSecret ForceDeleteWithoutRecovery: "delete the secret without any recovery window ... If you
    forcibly delete an already deleted or nonexistent secret, the operation does not return
    ResourceNotFoundException."

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html#SecretsManager-DeleteSecret-request-ForceDeleteWithoutRecovery
    """
    first = sm.create_secret(Name="db", SecretString="one")["ARN"]
    assert sm.delete_secret(SecretId="db", ForceDeleteWithoutRecovery=True)["DeletionDate"] == EPOCH
    with pytest.raises(sm.exceptions.ResourceNotFoundException):
        sm.describe_secret(SecretId="db")
    second = sm.create_secret(Name="db", SecretString="two")["ARN"]
    assert second != first
    assert sm.delete_secret(SecretId="never-existed", ForceDeleteWithoutRecovery=True)["Name"] == "never-existed"


def test_a_name_scheduled_for_deletion_cannot_be_reused(sm) -> None:
    """CreateSecret with the name of a secret in its recovery window: InvalidRequestException, "You can't create
    this secret because a secret with this name is already scheduled for deletion." (AWS's words in Terraform
    failures).

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html#API_CreateSecret_Errors
    """
    sm.create_secret(Name="db", SecretString="one")
    sm.delete_secret(SecretId="db")
    with pytest.raises(sm.exceptions.InvalidRequestException) as exc:
        sm.create_secret(Name="db", SecretString="two")
    assert _error(exc)[1] == (
        "You can't create this secret because a secret with this name is already scheduled for deletion."
    )


def test_restore_secret_cancels_the_deletion(sm) -> None:
    """API_RestoreSecret: "Cancels the scheduled deletion of a secret by removing the DeletedDate time stamp. You
    can access a secret again after it has been restored."

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RestoreSecret.html
    """
    sm.create_secret(Name="db", SecretString="one")
    sm.delete_secret(SecretId="db")
    restored = sm.restore_secret(SecretId="db")
    assert restored["Name"] == "db"
    assert "DeletedDate" not in sm.describe_secret(SecretId="db")
    assert sm.get_secret_value(SecretId="db")["SecretString"] == "one"


def test_the_secret_is_gone_when_the_recovery_window_ends(cloud, sm) -> None:
    """API_DeleteSecret: "At the end of the recovery window, Secrets Manager deletes the secret permanently."
    (pocketcloud does it exactly at the DeletionDate on the virtual clock.)

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
    """
    first = sm.create_secret(Name="db", SecretString="one")["ARN"]
    sm.delete_secret(SecretId="db", RecoveryWindowInDays=7)
    cloud.run(until=timedelta(days=7).total_seconds() - 1)
    assert sm.describe_secret(SecretId="db")["Name"] == "db"
    cloud.run(until=timedelta(days=7).total_seconds())
    with pytest.raises(sm.exceptions.ResourceNotFoundException):
        sm.restore_secret(SecretId="db")
    assert sm.create_secret(Name="db", SecretString="two")["ARN"] != first


# -- DescribeSecret / ListSecrets ----------------------------------------------------------------------------


def test_describe_secret_reports_metadata_but_never_the_value(cloud, sm) -> None:
    """API_DescribeSecret: "Retrieves the details of a secret. It does not include the encrypted secret value";
    LastAccessedDate "is omitted if the secret has never been retrieved in the Region", and its "resolution ... is
    at the date level" (API_SecretVersionsListEntry).

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html
                https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_SecretVersionsListEntry.html
    """
    sm.create_secret(Name="db", SecretString="one", Description="db password", Tags=[{"Key": "team", "Value": "a"}])
    described = sm.describe_secret(SecretId="db")
    assert "SecretString" not in described
    assert "LastAccessedDate" not in described
    assert described["Description"] == "db password"
    assert described["Tags"] == [{"Key": "team", "Value": "a"}]
    assert described["CreatedDate"] == described["LastChangedDate"] == EPOCH
    cloud.run(until=13.5 * 3600)
    sm.get_secret_value(SecretId="db")
    assert sm.describe_secret(SecretId="db")["LastAccessedDate"] == datetime(2026, 1, 1, tzinfo=UTC)


def test_list_secrets_pages_with_next_token(sm) -> None:
    """API_ListSecrets MaxResults: "If there are more results available, in the response, Secrets Manager includes
    NextToken. To get the next results, call ListSecrets again with the value from NextToken."; secrets are
    listed by CreatedDate.

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecrets.html
    """
    for i in range(5):
        sm.create_secret(Name=f"s{i}", SecretString="v")
    names = []
    pages = 0
    kwargs: dict[str, Any] = {"MaxResults": 2}
    while True:
        page = sm.list_secrets(**kwargs)
        pages += 1
        names += [s["Name"] for s in page["SecretList"]]
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]
    assert names == ["s0", "s1", "s2", "s3", "s4"]
    assert pages == 3
    entry = sm.list_secrets(MaxResults=1)["SecretList"][0]
    assert list(entry["SecretVersionsToStages"].values()) == [["AWSCURRENT"]]
    assert [s["Name"] for s in sm.list_secrets(SortOrder="desc")["SecretList"]] == ["s4", "s3", "s2", "s1", "s0"]


def test_list_secrets_max_results_is_1_to_100(sm) -> None:
    """API_ListSecrets MaxResults: "Valid Range: Minimum value of 1. Maximum value of 100." botocore refuses the
    minimum client-side; the service refuses the maximum; a made-up NextToken is InvalidNextTokenException.

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecrets.html#SecretsManager-ListSecrets-request-MaxResults
    """
    with pytest.raises(ParamValidationError):
        sm.list_secrets(MaxResults=0)
    with pytest.raises(ClientError):
        sm.list_secrets(MaxResults=101)
    with pytest.raises(sm.exceptions.InvalidNextTokenException):
        sm.list_secrets(NextToken="not-a-token")


def test_list_secrets_filters_by_name_description_and_tags(sm) -> None:
    """API_Filter: name, tag-key and tag-value are case-sensitive prefix matches, description ignores case, and
    "You can prefix your search value with an exclamation mark (!) in order to perform negation filters."

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_Filter.html
    """
    sm.create_secret(Name="prod/db", SecretString="v", Description="Main DB", Tags=[{"Key": "team", "Value": "a"}])
    sm.create_secret(Name="prod/api", SecretString="v", Tags=[{"Key": "owner", "Value": "b"}])
    sm.create_secret(Name="dev/db", SecretString="v", Description="dev database")

    def names(*filters: dict[str, Any]) -> list[str]:
        return [s["Name"] for s in sm.list_secrets(Filters=list(filters))["SecretList"]]

    assert names({"Key": "name", "Values": ["prod/"]}) == ["prod/db", "prod/api"]
    assert names({"Key": "name", "Values": ["Prod/"]}) == []
    assert names({"Key": "name", "Values": ["!prod/"]}) == ["dev/db"]
    assert names({"Key": "description", "Values": ["main"]}) == ["prod/db"]
    assert names({"Key": "tag-key", "Values": ["owner"]}) == ["prod/api"]
    assert names({"Key": "name", "Values": ["prod/"]}, {"Key": "tag-value", "Values": ["a"]}) == ["prod/db"]
    assert names({"Key": "all", "Values": ["DATABASE"]}) == ["dev/db"]
    with pytest.raises(ClientError):
        names({"Key": "colour", "Values": ["red"]})


# -- The client ----------------------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_arns_and_version_ids() -> None:
    """pocketcloud's promise (DEVELOPERS.md): same seed, same results. ARN suffixes and VersionIds come from the
    cloud's seeded ID source; another seed gives other ones.

    Source: DEVELOPERS.md ("Same seed -> same results, everywhere.")
    """

    def run(seed: int) -> list[str]:
        sm = pocketcloud.Cloud(seed=seed).client("secretsmanager")
        created = sm.create_secret(Name="db", SecretString="one")
        put = sm.put_secret_value(SecretId="db", SecretString="two")
        return [created["ARN"], created["VersionId"], put["VersionId"]]

    assert run(0) == run(0)
    assert run(1) == run(1)
    assert run(0) != run(1)


def test_unsimulated_features_are_refused_by_name(sm) -> None:
    """Replication (AddReplicaRegions) is a real CreateSecret parameter (API_CreateSecret); pocketcloud says it
    does not simulate it instead of botocore's "Unknown parameter"

    Source: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html#SecretsManager-CreateSecret-request-AddReplicaRegions
    """
    with pytest.raises(sm.exceptions.InvalidParameterException) as exc:
        sm.create_secret(Name="db", SecretString="a", AddReplicaRegions=[{"Region": "us-east-1"}])
    assert "does not simulate secret replication" in _error(exc)[1]
    with pytest.raises(ParamValidationError):
        sm.create_secret(Name="db", SecretString="a", Nonsense=1)


def test_secretsmanager_is_a_known_service(cloud) -> None:
    client = cloud.client("secretsmanager")
    assert client.meta.service_model_name == "secretsmanager"
    with pytest.raises(pocketcloud.UnknownServiceError) as exc:
        cloud.client("secrets")
    assert "secretsmanager" in str(exc.value)
