"""Secrets Manager beyond values: staging labels, version lists, random passwords, batch reads, tags, resource
policies, and replication refused with the reason.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecretVersionStage.html
- https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecretVersionIds.html
- https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetRandomPassword.html
- https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_BatchGetSecretValue.html
- https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_TagResource.html
- https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutResourcePolicy.html
- https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ValidateResourcePolicy.html
- AWS's answers recorded by moto's aws_verified tests (getmoto/moto tests/test_secretsmanager/test_secretsmanager.py):
  test_update_secret_version_stage_manually, test_update_secret_version_stage_dont_specify_current_stage,
  test_create_different_secret_with_same_token, test_put_different_secret_value_with_same_token,
  test_update_same_secret_value_with_same_token.
"""

from __future__ import annotations

import json
import string
from typing import Any

import pytest

import pocketcloud

TOKEN = "eb41453f-25bb-4025-b7f4-850cfca0ce72"


@pytest.fixture
def sm(cloud: pocketcloud.Cloud) -> Any:
    return cloud.client("secretsmanager")


def stages(sm: Any, name: str = "db") -> dict[str, list[str]]:
    found: dict[str, list[str]] = sm.describe_secret(SecretId=name)["VersionIdsToStages"]
    return found


# -- UpdateSecretVersionStage --------------------------------------------------------------------------------------
def test_moving_awscurrent_by_hand_moves_awsprevious(sm) -> None:  # type: ignore[no-untyped-def]
    """Put a value as AWSPENDING, move AWSCURRENT to it: the new version has AWSCURRENT and AWSPENDING, the old one
    AWSPREVIOUS ("Whenever you move AWSCURRENT, Secrets Manager automatically moves the label AWSPREVIOUS")."""
    current = sm.create_secret(Name="db", SecretString="previous_secret")["VersionId"]
    sm.put_secret_value(
        SecretId="db", ClientRequestToken=TOKEN, SecretString="new_secret", VersionStages=["AWSPENDING"]
    )
    assert sm.get_secret_value(SecretId="db", VersionStage="AWSPENDING")["SecretString"] == "new_secret"
    sm.update_secret_version_stage(
        SecretId="db", VersionStage="AWSCURRENT", MoveToVersionId=TOKEN, RemoveFromVersionId=current
    )
    now = sm.get_secret_value(SecretId="db", VersionStage="AWSCURRENT")
    assert sorted(now["VersionStages"]) == ["AWSCURRENT", "AWSPENDING"] and now["SecretString"] == "new_secret"
    assert sm.get_secret_value(SecretId="db", VersionStage="AWSPREVIOUS")["SecretString"] == "previous_secret"


def test_remove_from_version_id_is_required_when_the_label_is_elsewhere(sm) -> None:  # type: ignore[no-untyped-def]
    current = sm.create_secret(Name="db", SecretString="a")["VersionId"]
    sm.put_secret_value(SecretId="db", ClientRequestToken=TOKEN, SecretString="b", VersionStages=["AWSPENDING"])
    with pytest.raises(sm.exceptions.InvalidParameterException) as exc:
        sm.update_secret_version_stage(SecretId="db", VersionStage="AWSCURRENT", MoveToVersionId=TOKEN)
    assert exc.value.response["Error"]["Message"] == (
        f"The parameter RemoveFromVersionId can't be empty. Staging label AWSCURRENT is currently attached to version "
        f"{current}, so you must explicitly reference that version in RemoveFromVersionId."
    )
    assert stages(sm) == {current: ["AWSCURRENT"], TOKEN: ["AWSPENDING"]}


def test_custom_labels_and_deprecated_versions(sm) -> None:  # type: ignore[no-untyped-def]
    """A version left without labels is "deprecated": DescribeSecret leaves it out, ListSecretVersionIds shows it
    only with IncludeDeprecated."""
    first = sm.create_secret(Name="db", SecretString="a")["VersionId"]
    sm.update_secret_version_stage(SecretId="db", VersionStage="BLUE", MoveToVersionId=first)
    second = sm.put_secret_value(SecretId="db", SecretString="b")["VersionId"]
    assert {k: sorted(v) for k, v in stages(sm).items()} == {first: ["AWSPREVIOUS", "BLUE"], second: ["AWSCURRENT"]}
    third = sm.put_secret_value(SecretId="db", SecretString="c")["VersionId"]
    sm.update_secret_version_stage(SecretId="db", VersionStage="BLUE", RemoveFromVersionId=first)
    assert first not in stages(sm)
    listed = [v["VersionId"] for v in sm.list_secret_version_ids(SecretId="db")["Versions"]]
    assert listed == [third, second]
    deprecated = sm.list_secret_version_ids(SecretId="db", IncludeDeprecated=True)["Versions"]
    assert [v["VersionId"] for v in deprecated] == [third, second, first]
    assert "VersionStages" not in deprecated[2]
    with pytest.raises(sm.exceptions.InvalidParameterException):
        sm.update_secret_version_stage(SecretId="db", VersionStage="AWSCURRENT", RemoveFromVersionId=third)
    with pytest.raises(sm.exceptions.ResourceNotFoundException):
        sm.update_secret_version_stage(SecretId="db", VersionStage="X", MoveToVersionId="f" * 36)


def test_list_secret_version_ids_pages_and_shows_last_access(cloud, sm) -> None:  # type: ignore[no-untyped-def]
    sm.create_secret(Name="db", SecretString="a")
    for value in "bcd":
        sm.put_secret_value(SecretId="db", SecretString=value)
    sm.get_secret_value(SecretId="db")
    page = sm.list_secret_version_ids(SecretId="db", MaxResults=1)
    assert len(page["Versions"]) == 1 and page["ARN"].endswith(page["Name"] + page["ARN"][-7:])
    assert "LastAccessedDate" in page["Versions"][0]
    rest = sm.list_secret_version_ids(SecretId="db", MaxResults=5, NextToken=page["NextToken"])
    assert [v["VersionStages"] for v in rest["Versions"]] == [["AWSPREVIOUS"]] and "NextToken" not in rest
    # The two unlabelled (deprecated) versions only with IncludeDeprecated.
    every = sm.list_secret_version_ids(SecretId="db", IncludeDeprecated=True)["Versions"]
    assert len(every) == 4 and [v.get("VersionStages") for v in every[2:]] == [None, None]


# -- ClientRequestToken reuse (AWS's message) ----------------------------------------------------------------------
def test_a_reused_token_with_other_data_is_refused_in_aws_words(sm) -> None:  # type: ignore[no-untyped-def]
    arn = sm.create_secret(Name="db", SecretString="Hello", ClientRequestToken=TOKEN)["ARN"]
    expected = (
        f"You can't use ClientRequestToken {TOKEN} because that value is already in use for a version of secret {arn}."
    )
    for call in (
        lambda: sm.create_secret(Name="db", SecretString="Hi", ClientRequestToken=TOKEN),
        lambda: sm.put_secret_value(SecretId=arn, SecretString="Hi", ClientRequestToken=TOKEN),
        lambda: sm.update_secret(SecretId=arn, SecretString="Hi", ClientRequestToken=TOKEN),
    ):
        with pytest.raises(sm.exceptions.ResourceExistsException) as exc:
            call()
        assert exc.value.response["Error"]["Message"] == expected
    assert sm.update_secret(SecretId="db", SecretString="Hello", ClientRequestToken=TOKEN)["VersionId"] == TOKEN


# -- GetRandomPassword ---------------------------------------------------------------------------------------------
def test_random_password_defaults(sm) -> None:  # type: ignore[no-untyped-def]
    """32 characters from letters, digits and the documented punctuation, at least one of each type by default."""
    password = sm.get_random_password()["RandomPassword"]
    assert len(password) == 32
    assert set(password) <= set(string.ascii_letters + string.digits + string.punctuation)
    for kind in (string.ascii_lowercase, string.ascii_uppercase, string.digits, string.punctuation):
        assert any(c in kind for c in password)


@pytest.mark.parametrize(
    ("options", "forbidden"),
    [
        ({"ExcludeLowercase": True}, string.ascii_lowercase),
        ({"ExcludeUppercase": True}, string.ascii_uppercase),
        ({"ExcludeNumbers": True}, string.digits),
        ({"ExcludePunctuation": True}, string.punctuation),
        ({"ExcludeCharacters": "xyzDje@?!."}, "xyzDje@?!."),
        ({}, " "),
    ],
)
def test_random_password_exclusions(sm, options: dict[str, Any], forbidden: str) -> None:  # type: ignore[no-untyped-def]
    password = sm.get_random_password(PasswordLength=100, **options)["RandomPassword"]
    assert len(password) == 100 and not any(c in forbidden for c in password)


def test_random_password_space_and_requirements(sm) -> None:  # type: ignore[no-untyped-def]
    assert " " in sm.get_random_password(PasswordLength=200, IncludeSpace=True)["RandomPassword"]
    short = sm.get_random_password(PasswordLength=4, RequireEachIncludedType=True)["RandomPassword"]
    assert all(
        any(c in kind for c in short)
        for kind in (string.ascii_lowercase, string.ascii_uppercase, string.digits, string.punctuation)
    )
    assert len(sm.get_random_password(PasswordLength=1, RequireEachIncludedType=False)["RandomPassword"]) == 1
    with pytest.raises(sm.exceptions.InvalidParameterException):
        sm.get_random_password(PasswordLength=3)
    with pytest.raises(sm.exceptions.InvalidParameterException):
        sm.get_random_password(
            ExcludeLowercase=True, ExcludeUppercase=True, ExcludeNumbers=True, ExcludePunctuation=True
        )
    with pytest.raises(pocketcloud.ParamValidationError):
        sm.get_random_password(PasswordLength=0)


def test_random_passwords_follow_the_seed() -> None:
    one = pocketcloud.Cloud(seed=5).client("secretsmanager")
    two = pocketcloud.Cloud(seed=5).client("secretsmanager")
    assert [one.get_random_password()["RandomPassword"] for _ in range(3)] == [
        two.get_random_password()["RandomPassword"] for _ in range(3)
    ]


# -- BatchGetSecretValue ---------------------------------------------------------------------------------------------
def test_batch_get_by_list_with_errors(sm) -> None:  # type: ignore[no-untyped-def]
    a = sm.create_secret(Name="test-secret-a", SecretString="A")
    sm.create_secret(Name="test-secret-b", SecretBinary=b"B")
    sm.create_secret(Name="gone", SecretString="x")
    sm.delete_secret(SecretId="gone")
    sm.create_secret(Name="empty")
    found = sm.batch_get_secret_value(SecretIdList=[a["ARN"], "test-secret-b", "nope", "gone", "empty"])
    assert [(v["Name"], v.get("SecretString"), v.get("SecretBinary")) for v in found["SecretValues"]] == [
        ("test-secret-a", "A", None),
        ("test-secret-b", None, b"B"),
    ]
    assert [(e["SecretId"], e["ErrorCode"]) for e in found["Errors"]] == [
        ("nope", "ResourceNotFoundException"),
        ("gone", "InvalidRequestException"),
        ("empty", "ResourceNotFoundException"),
    ]
    assert found["Errors"][0]["Message"] == "Secrets Manager can't find the specified secret."


def test_batch_get_by_filters_pages(sm) -> None:  # type: ignore[no-untyped-def]
    for name in ("app-a", "app-b", "app-c", "other"):
        sm.create_secret(Name=name, SecretString=name)
    page = sm.batch_get_secret_value(Filters=[{"Key": "name", "Values": ["app-"]}], MaxResults=2)
    assert [v["Name"] for v in page["SecretValues"]] == ["app-a", "app-b"]
    rest = sm.batch_get_secret_value(
        Filters=[{"Key": "name", "Values": ["app-"]}], MaxResults=2, NextToken=page["NextToken"]
    )
    assert [v["Name"] for v in rest["SecretValues"]] == ["app-c"] and "NextToken" not in rest


def test_batch_get_parameter_rules(sm) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(sm.exceptions.InvalidParameterException) as exc:
        sm.batch_get_secret_value(Filters=[{"Key": "name", "Values": ["a"]}], SecretIdList=["a"])
    assert (
        "Either 'SecretIdList' or 'Filters' must be provided, but not both." in exc.value.response["Error"]["Message"]
    )
    with pytest.raises(sm.exceptions.InvalidParameterException) as exc:
        sm.batch_get_secret_value(MaxResults=10, SecretIdList=["a"])
    assert exc.value.response["Error"]["Message"] == (
        "'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is provided."
    )


# -- tags ----------------------------------------------------------------------------------------------------------
def test_tag_and_untag(sm) -> None:  # type: ignore[no-untyped-def]
    """TagResource appends and replaces by key; UntagResource is idempotent; all tags removed leaves ``Tags: []``."""
    arn = sm.create_secret(Name="db", SecretString="x")["ARN"]
    assert "Tags" not in sm.describe_secret(SecretId="db")
    sm.tag_resource(SecretId=arn, Tags=[{"Key": "FirstTag", "Value": "SomeValue"}])
    sm.tag_resource(
        SecretId="db", Tags=[{"Key": "FirstTag", "Value": "SomeOtherValue"}, {"Key": "SecondTag", "Value": "x"}]
    )
    assert sm.list_secrets()["SecretList"][0]["Tags"] == [
        {"Key": "FirstTag", "Value": "SomeOtherValue"},
        {"Key": "SecondTag", "Value": "x"},
    ]
    sm.untag_resource(SecretId="db", TagKeys=["FirstTag", "NotThere"])
    sm.untag_resource(SecretId="db", TagKeys=["SecondTag"])
    assert sm.describe_secret(SecretId="db")["Tags"] == []
    with pytest.raises(sm.exceptions.ResourceNotFoundException) as exc:
        sm.tag_resource(SecretId="nope", Tags=[{"Key": "a", "Value": "b"}])
    assert exc.value.response["Error"]["Message"] == "Secrets Manager can't find the specified secret."
    with pytest.raises(sm.exceptions.InvalidParameterException):
        sm.tag_resource(SecretId="db", Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(51)])
    assert sm.describe_secret(SecretId="db")["Tags"] == []


# -- resource policies ---------------------------------------------------------------------------------------------
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Action": "secretsmanager:GetSecretValue",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:role/app"},
            "Resource": "*",
        }
    ],
}


def test_put_get_list_delete_resource_policy(sm) -> None:  # type: ignore[no-untyped-def]
    sm.create_secret(Name="db")
    got = sm.get_resource_policy(SecretId="db")
    assert got["Name"] == "db" and "ResourcePolicy" not in got
    assert sm.list_resource_policies(SecretId="db")["ResourcePolicies"] == []
    put = sm.put_resource_policy(SecretId="db", ResourcePolicy=json.dumps(POLICY))
    assert put["PolicyName"] == "default"
    assert json.loads(sm.get_resource_policy(SecretId="db")["ResourcePolicy"]) == POLICY
    assert sm.list_resource_policies(SecretId="db")["ResourcePolicies"] == [{"PolicyName": "default"}]
    with pytest.raises(sm.exceptions.InvalidParameterException):
        sm.put_resource_policy(SecretId="db", ResourcePolicy=json.dumps(POLICY), PolicyName="other")
    sm.delete_resource_policy(SecretId="db")
    assert "ResourcePolicy" not in sm.get_resource_policy(SecretId="db")
    for call in (sm.get_resource_policy, sm.delete_resource_policy):
        with pytest.raises(sm.exceptions.ResourceNotFoundException):
            call(SecretId="nope")


@pytest.mark.parametrize(
    "policy",
    [
        "some policy",
        json.dumps({"Version": "2012-10-17"}),
        json.dumps({"Version": "2012-10-17", "Statement": [{"Action": "secretsmanager:*", "Resource": "*"}]}),
        json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "secretsmanager:*", "Unknown": "*"}]}
        ),
    ],
    ids=["invalid-json", "no-statement", "no-effect", "unknown-element"],
)
def test_malformed_policies(sm, policy: str) -> None:  # type: ignore[no-untyped-def]
    """MalformedPolicyDocumentException, "The resource policy has syntax errors." (the four cases and the message
    moto's tests use)."""
    sm.create_secret(Name="db")
    for call in (
        lambda: sm.validate_resource_policy(ResourcePolicy=policy),
        lambda: sm.put_resource_policy(SecretId="db", ResourcePolicy=policy),
    ):
        with pytest.raises(sm.exceptions.MalformedPolicyDocumentException) as exc:
            call()
        assert exc.value.response["Error"]["Message"] == "The resource policy has syntax errors."
    assert "ResourcePolicy" not in sm.get_resource_policy(SecretId="db")


def test_validate_and_block_public_policies(sm) -> None:  # type: ignore[no-untyped-def]
    sm.create_secret(Name="db")
    passed = sm.validate_resource_policy(SecretId="db", ResourcePolicy=json.dumps(POLICY))
    assert (passed["PolicyValidationPassed"], passed["ValidationErrors"]) == (True, [])
    public = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}
        ],
    }
    result = sm.validate_resource_policy(ResourcePolicy=json.dumps(public))
    assert result["PolicyValidationPassed"] is False and len(result["ValidationErrors"]) == 1
    with pytest.raises(sm.exceptions.PublicPolicyException):
        sm.put_resource_policy(SecretId="db", ResourcePolicy=json.dumps(public), BlockPublicPolicy=True)
    assert "ResourcePolicy" not in sm.get_resource_policy(SecretId="db")
    sm.put_resource_policy(SecretId="db", ResourcePolicy=json.dumps(public))  # not blocked by default
    with pytest.raises(sm.exceptions.ResourceNotFoundException):
        sm.validate_resource_policy(SecretId="nope", ResourcePolicy=json.dumps(POLICY))


# -- replication: refused, with the reason -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("operation", "params"),
    [
        ("replicate_secret_to_regions", {"AddReplicaRegions": [{"Region": "us-east-1"}]}),
        ("remove_regions_from_replication", {"RemoveReplicaRegions": ["us-east-1"]}),
        ("stop_replication_to_replica", {}),
        (
            "associate_cross_account_replica",
            {"CrossAccountReplicaARN": "arn:aws:secretsmanager:ap-northeast-2:210987654321:secret:x-abcdef"},
        ),
        (
            "disassociate_cross_account_replica",
            {"CrossAccountReplicaARN": "arn:aws:secretsmanager:ap-northeast-2:210987654321:secret:x-abcdef"},
        ),
    ],
)
def test_replication_is_refused_with_the_reason(sm, operation: str, params: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    """One Cloud is one Region of one account: there is nowhere to replicate to. A missing secret is still
    ResourceNotFoundException."""
    sm.create_secret(Name="db", SecretString="x")
    with pytest.raises(sm.exceptions.InvalidParameterException, match="simulates one Region of one account"):
        getattr(sm, operation)(SecretId="db", **params)
    with pytest.raises(sm.exceptions.ResourceNotFoundException):
        getattr(sm, operation)(SecretId="nope", **params)
    assert "ReplicationStatus" not in sm.describe_secret(SecretId="db")
