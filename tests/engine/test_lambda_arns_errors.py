"""Lambda ARNs in the cloud's partition, execution-role checks, per-qualifier resource policies, and AWS's errors.

Sources: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html (partitions: aws, aws-cn,
aws-us-gov), https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html (Role's pattern
``arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+``, Architectures' enum),
https://docs.aws.amazon.com/cli/latest/reference/lambda/add-permission.html ("Lambda does not support adding
policies to version $LATEST"), https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
(checked 2026-12-01).
"""

from __future__ import annotations

import json

import pytest

import pocketcloud
from pocketcloud import ClientError

from .conftest import make_function


def _error(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return exc.value.response["Error"]["Code"], exc.value.response["Error"]["Message"]


@pytest.mark.parametrize(
    ("region", "partition"), [("cn-northwest-1", "aws-cn"), ("us-gov-west-1", "aws-us-gov"), ("us-east-1", "aws")]
)
def test_function_layer_and_mapping_arns_carry_the_partition(region: str, partition: str) -> None:
    """``arn:aws-cn:lambda:cn-northwest-1:...`` in a China Region, ``arn:aws-us-gov:`` in GovCloud."""
    cloud = pocketcloud.Cloud(region=region)
    lam = cloud.client("lambda")
    role = f"arn:{partition}:iam::123456789012:role/r"
    config = make_function(lam, Role=role)
    assert config["FunctionArn"] == f"arn:{partition}:lambda:{region}:123456789012:function:hello"
    assert config["RuntimeVersionConfig"]["RuntimeVersionArn"].startswith(f"arn:{partition}:lambda:{region}::runtime:")
    layer = lam.publish_layer_version(LayerName="lib", Content={"ZipFile": pocketcloud.zip_code({"python/x.py": ""})})
    assert layer["LayerVersionArn"] == f"arn:{partition}:lambda:{region}:123456789012:layer:lib:1"
    with_layer = lam.update_function_configuration(FunctionName="hello", Layers=[layer["LayerVersionArn"]])
    assert with_layer["Layers"][0]["Arn"] == layer["LayerVersionArn"]
    # The full ARN works as a FunctionName; the same ARN in another partition names nothing here.
    assert lam.get_function(FunctionName=config["FunctionArn"])["Configuration"]["FunctionName"] == "hello"
    other = "aws" if partition != "aws" else "aws-cn"
    with pytest.raises(ClientError) as exc:
        lam.get_function(FunctionName=config["FunctionArn"].replace(f"arn:{partition}:", f"arn:{other}:"))
    assert _error(exc)[0] == "AccessDeniedException"
    sqs = cloud.client("sqs")
    queue = sqs.create_queue(QueueName="q")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    mapping = lam.create_event_source_mapping(EventSourceArn=queue_arn, FunctionName="hello")
    assert mapping["EventSourceMappingArn"].startswith(f"arn:{partition}:lambda:{region}:123456789012:")


def test_account_principal_is_expanded_in_the_partition() -> None:
    """AddPermission with an account ID as Principal stores ``arn:<partition>:iam::<account>:root``."""
    lam = pocketcloud.Cloud(region="cn-north-1").client("lambda")
    make_function(lam, Role="arn:aws-cn:iam::123456789012:role/r")
    added = lam.add_permission(
        FunctionName="hello", StatementId="acct", Action="lambda:InvokeFunction", Principal="111122223333"
    )
    assert json.loads(added["Statement"])["Principal"] == {"AWS": "arn:aws-cn:iam::111122223333:root"}


@pytest.mark.parametrize("role", ["arn:aws:iam::123456789012:user/u", "role/r", "arn:aws:iam::12345:role/r"])
def test_role_must_match_awss_pattern(lam, role: str) -> None:
    with pytest.raises(ClientError) as exc:
        make_function(lam, Role=role)
    code, message = _error(exc)
    assert code == "ValidationException"
    assert message == (
        f"1 validation error detected: Value '{role}' at 'role' failed to satisfy constraint: Member must satisfy "
        "regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+"
    )


def test_a_role_of_another_account_is_refused(lam) -> None:
    """Lambda answers "Cross-account pass role is not allowed." (AccessDeniedException), as moto's Lambda tests
    record it; pocketcloud simulates one account, so any other account's role is another account's."""
    with pytest.raises(ClientError) as exc:
        make_function(lam, Role="arn:aws:iam::999999999999:role/r")
    assert _error(exc) == ("AccessDeniedException", "Cross-account pass role is not allowed.")
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    make_function(lam)
    with pytest.raises(ClientError):
        lam.update_function_configuration(FunctionName="hello", Role="arn:aws:iam::999999999999:role/r")


def test_a_bad_architecture_is_a_validation_exception(lam) -> None:
    """Architectures: one of ``x86_64`` / ``arm64``; anything else is ValidationException with the list printed
    as Java prints it and the member constraints listed whole."""
    with pytest.raises(ClientError) as exc:
        make_function(lam, Architectures=["mips"])
    code, message = _error(exc)
    assert code == "ValidationException"
    assert message == (
        "1 validation error detected: Value '[mips]' at 'architectures' failed to satisfy constraint: Member must "
        "satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]"
    )


def test_each_alias_has_a_policy_of_its_own(lam) -> None:
    """A statement added with Qualifier belongs to that alias's policy only; a statement ID need only be unique
    within one policy; GetPolicy and RemovePermission with Qualifier see that policy alone."""
    make_function(lam)
    lam.publish_version(FunctionName="hello")
    lam.create_alias(FunctionName="hello", Name="live", FunctionVersion="1")
    common = {"Action": "lambda:InvokeFunction", "Principal": "s3.amazonaws.com"}
    lam.add_permission(FunctionName="hello", StatementId="s3", **common)
    lam.add_permission(FunctionName="hello", StatementId="s3", Qualifier="live", **common)
    alias_policy = json.loads(lam.get_policy(FunctionName="hello", Qualifier="live")["Policy"])
    assert [s["Resource"] for s in alias_policy["Statement"]] == [
        "arn:aws:lambda:ap-northeast-2:123456789012:function:hello:live"
    ]
    function_policy = json.loads(lam.get_policy(FunctionName="hello")["Policy"])
    assert [s["Resource"] for s in function_policy["Statement"]] == [
        "arn:aws:lambda:ap-northeast-2:123456789012:function:hello"
    ]
    lam.remove_permission(FunctionName="hello", StatementId="s3", Qualifier="live")
    with pytest.raises(ClientError) as exc:
        lam.get_policy(FunctionName="hello", Qualifier="live")
    assert _error(exc)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as exc:
        lam.remove_permission(FunctionName="hello", StatementId="s3", Qualifier="live")
    assert _error(exc) == ("ResourceNotFoundException", "No policy is associated with the given resource.")
    assert json.loads(lam.get_policy(FunctionName="hello")["Policy"])["Statement"][0]["Sid"] == "s3"


def test_no_policies_on_latest_and_revision_ids_are_checked(lam) -> None:
    make_function(lam)
    with pytest.raises(ClientError) as exc:
        lam.add_permission(
            FunctionName="hello",
            StatementId="x",
            Action="lambda:InvokeFunction",
            Principal="sns.amazonaws.com",
            Qualifier="$LATEST",
        )
    assert _error(exc) == ("InvalidParameterValueException", "We currently do not support adding policies for $LATEST.")
    lam.add_permission(FunctionName="hello", StatementId="a", Action="lambda:InvokeFunction", Principal="*")
    revision = lam.get_policy(FunctionName="hello")["RevisionId"]
    with pytest.raises(ClientError) as exc:
        lam.add_permission(
            FunctionName="hello", StatementId="b", Action="lambda:InvokeFunction", Principal="*", RevisionId="stale"
        )
    assert _error(exc)[0] == "PreconditionFailedException"
    lam.add_permission(
        FunctionName="hello", StatementId="b", Action="lambda:InvokeFunction", Principal="*", RevisionId=revision
    )


def test_function_url_conditions_in_statements(lam) -> None:
    """FunctionUrlAuthType adds ``StringEquals lambda:FunctionUrlAuthType`` and InvokedViaFunctionUrl adds
    ``Bool lambda:InvokedViaFunctionUrl`` (the two statements of a public function URL).
    https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"""
    make_function(lam)
    url = lam.add_permission(
        FunctionName="hello",
        StatementId="url",
        Action="lambda:InvokeFunctionUrl",
        Principal="*",
        FunctionUrlAuthType="NONE",
    )
    assert json.loads(url["Statement"])["Condition"] == {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}
    invoke = lam.add_permission(
        FunctionName="hello",
        StatementId="invoke",
        Action="lambda:InvokeFunction",
        Principal="*",
        InvokedViaFunctionUrl=True,
    )
    assert json.loads(invoke["Statement"])["Condition"] == {"Bool": {"lambda:InvokedViaFunctionUrl": "true"}}


def test_get_function_returns_the_keys_aws_returns(lam) -> None:
    """GetFunction: ``Configuration`` (with ``Layers`` when the function has some), ``Code`` with
    ``RepositoryType: S3`` and a ``Location`` to download the package from, ``Tags`` and ``Concurrency`` when
    there are any. https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html"""
    make_function(lam)
    plain = lam.get_function(FunctionName="hello")
    assert set(plain) - {"ResponseMetadata"} == {"Configuration", "Code"}
    assert plain["Code"]["RepositoryType"] == "S3"
    assert plain["Code"]["Location"].startswith(
        "https://awslambda-ap-northeast-2-tasks.s3.ap-northeast-2.amazonaws.com/"
    )
    assert "Layers" not in plain["Configuration"]
    layer = lam.publish_layer_version(LayerName="lib", Content={"ZipFile": pocketcloud.zip_code({"python/x.py": ""})})
    lam.update_function_configuration(FunctionName="hello", Layers=[layer["LayerVersionArn"]])
    lam.tag_resource(Resource=plain["Configuration"]["FunctionArn"], Tags={"team": "a"})
    lam.put_function_concurrency(FunctionName="hello", ReservedConcurrentExecutions=5)
    full = lam.get_function(FunctionName="hello")
    assert full["Configuration"]["Layers"] == [
        {"Arn": layer["LayerVersionArn"], "CodeSize": layer["Content"]["CodeSize"]}
    ]
    assert full["Tags"] == {"team": "a"}
    assert full["Concurrency"] == {"ReservedConcurrentExecutions": 5}


def test_a_statement_for_function_url_requests_does_not_let_services_invoke(cloud, lam) -> None:
    """``lambda:InvokedViaFunctionUrl`` holds only for requests through a function URL, so a public statement
    conditioned on it does not let S3 (or any other service) invoke the function.
    https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"""
    make_function(lam)
    lam.add_permission(
        FunctionName="hello",
        StatementId="url",
        Action="lambda:InvokeFunction",
        Principal="*",
        InvokedViaFunctionUrl=True,
    )
    s3_lambda = cloud.service_client("lambda", "s3.amazonaws.com", source_arn="arn:aws:s3:::bucket")
    with pytest.raises(ClientError) as exc:
        s3_lambda.invoke(FunctionName="hello", InvocationType="Event", Payload=b"{}")
    assert _error(exc)[0] == "AccessDeniedException"
    lam.add_permission(FunctionName="hello", StatementId="all", Action="lambda:InvokeFunction", Principal="*")
    assert s3_lambda.invoke(FunctionName="hello", InvocationType="Event", Payload=b"{}")["StatusCode"] == 202
