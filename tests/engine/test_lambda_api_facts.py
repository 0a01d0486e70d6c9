"""Lambda answers checked against AWS while going through moto's test suite (issue #16).

Sources (checked 2026-12-01):
- Layer version policies: https://docs.aws.amazon.com/lambda/latest/api/API_AddLayerVersionPermission.html,
  API_GetLayerVersionPolicy.html, API_RemoveLayerVersionPermission.html (HTTP 204), and the AWS CLI examples
  https://docs.aws.amazon.com/cli/latest/reference/lambda/add-layer-version-permission.html (statement shape:
  Sid, Effect Allow, Principal {"AWS": "arn:aws:iam::<account>:root"}, Action, Resource = the version's ARN).
- Invoke's response headers: https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html (X-Amz-Function-Error,
  X-Amz-Log-Result, X-Amz-Executed-Version); botocore lower-cases header names into
  ResponseMetadata.HTTPHeaders (botocore/parsers.py, ``lowercase_dict(headers)``).
- Ephemeral storage: https://docs.aws.amazon.com/lambda/latest/api/API_EphemeralStorage.html ("Valid Range:
  Minimum value of 512. Maximum value of 10240."); botocore 1.44.5's model allows up to 32768.
"""

from __future__ import annotations

import base64
import json

import pytest

import pocketcloud
from pocketcloud import ClientError

from .conftest import make_function


def _layer(lam) -> int:  # type: ignore[no-untyped-def]
    response = lam.publish_layer_version(LayerName="shared", Content={"ZipFile": pocketcloud.zip_code({"a.py": ""})})
    return int(response["Version"])


def test_a_layer_version_policy_grants_get_layer_version_and_can_be_removed(lam) -> None:  # type: ignore[no-untyped-def]
    """AddLayerVersionPermission returns the statement (JSON) and a RevisionId; GetLayerVersionPolicy the whole
    policy; RemoveLayerVersionPermission answers 204, after which the version has no policy (404)."""
    version = _layer(lam)
    added = lam.add_layer_version_permission(
        LayerName="shared",
        VersionNumber=version,
        StatementId="xaccount",
        Action="lambda:GetLayerVersion",
        Principal="210987654321",
        OrganizationId="o-a1b2c3d4e5",
    )
    assert added["ResponseMetadata"]["HTTPStatusCode"] == 201
    statement = json.loads(added["Statement"])
    arn = f"arn:aws:lambda:{lam.meta.region_name}:123456789012:layer:shared:{version}"
    assert statement == {
        "Sid": "xaccount",
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
        "Action": "lambda:GetLayerVersion",
        "Resource": arn,
        "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}},
    }
    policy = lam.get_layer_version_policy(LayerName="shared", VersionNumber=version)
    assert policy["RevisionId"] == added["RevisionId"]
    assert json.loads(policy["Policy"])["Statement"] == [statement]
    with pytest.raises(lam.exceptions.ResourceConflictException):
        lam.add_layer_version_permission(
            LayerName="shared", VersionNumber=version, StatementId="xaccount", Action="lambda:GetLayerVersion",
            Principal="*",
        )  # fmt: skip
    with pytest.raises(lam.exceptions.PreconditionFailedException):
        lam.remove_layer_version_permission(
            LayerName="shared", VersionNumber=version, StatementId="xaccount", RevisionId="stale"
        )
    removed = lam.remove_layer_version_permission(LayerName="shared", VersionNumber=version, StatementId="xaccount")
    assert removed["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(ClientError) as err:
        lam.get_layer_version_policy(LayerName="shared", VersionNumber=version)
    assert err.value.response["Error"] == {
        "Code": "ResourceNotFoundException",
        "Message": "The resource you requested does not exist.",
    }
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.remove_layer_version_permission(LayerName="shared", VersionNumber=version, StatementId="xaccount")
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_layer_version_policy(LayerName="shared", VersionNumber=version + 1)


def test_the_action_must_be_get_layer_version(lam) -> None:  # type: ignore[no-untyped-def]
    """The model's pattern for Action is ``lambda:GetLayerVersion``: anything else is a ValidationException."""
    version = _layer(lam)
    with pytest.raises(ClientError) as err:
        lam.add_layer_version_permission(
            LayerName="shared", VersionNumber=version, StatementId="s", Action="lambda:InvokeFunction", Principal="*"
        )
    assert err.value.response["Error"]["Code"] == "ValidationException"


def test_invoke_http_headers_mirror_the_header_bound_members(lam) -> None:  # type: ignore[no-untyped-def]
    """What a boto3 user finds in ResponseMetadata.HTTPHeaders: the request id, the executed version, the log
    tail and the function error, lower-cased as botocore stores them; a JSON body's content type and length."""
    make_function(lam, source="def handler(event, context):\n    raise ValueError('no')\n")
    response = lam.invoke(FunctionName="hello", LogType="Tail")
    headers = response["ResponseMetadata"]["HTTPHeaders"]
    assert headers["x-amzn-requestid"] == response["ResponseMetadata"]["RequestId"]
    assert headers["x-amz-executed-version"] == "$LATEST"
    assert headers["x-amz-function-error"] == "Unhandled"
    assert base64.b64decode(headers["x-amz-log-result"]) == base64.b64decode(response["LogResult"])
    assert headers["content-type"] == "application/json"
    assert int(headers["content-length"]) == len(response["Payload"].read())
    queued = lam.invoke(FunctionName="hello", InvocationType="Event")["ResponseMetadata"]["HTTPHeaders"]
    assert "x-amz-executed-version" not in queued and queued["content-length"] == "0"


def test_ephemeral_storage_above_the_documented_10240_mb_is_refused_in_the_front_ends_words(lam) -> None:  # type: ignore[no-untyped-def]
    """Up to the model's 32768 the service's own check refuses sizes above the documented 10,240 MB with the
    front end's wording; above 32768 the model's max check answers first."""
    make_function(lam)
    for size, limit in ((10_241, 10240), (3_000_000, 32768)):
        with pytest.raises(ClientError) as err:
            lam.update_function_configuration(FunctionName="hello", EphemeralStorage={"Size": size})
        assert err.value.response["Error"] == {
            "Code": "ValidationException",
            "Message": f"1 validation error detected: Value '{size}' at 'ephemeralStorage.size' failed to satisfy "
            f"constraint: Member must have value less than or equal to {limit}",
        }
    config = lam.update_function_configuration(FunctionName="hello", EphemeralStorage={"Size": 10_240})
    assert config["EphemeralStorage"] == {"Size": 10_240}


def test_invoke_async_queues_the_event_like_an_event_invoke(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """InvokeAsync (deprecated; "For asynchronous function invocation, use Invoke") answers 202 and the function
    runs from the async queue with InvokeArgs as its event.
    https://docs.aws.amazon.com/lambda/latest/api/API_InvokeAsync.html"""
    make_function(lam, source="def handler(event, context):\n    print('got', event['n'])\n")
    response = lam.invoke_async(FunctionName="hello", InvokeArgs=json.dumps({"n": 7}))
    assert response["Status"] == 202
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 202
    cloud.run()
    logs = cloud.client("logs")
    events = logs.filter_log_events(logGroupName="/aws/lambda/hello")["events"]
    assert any("got 7" in event["message"] for event in events)


def test_list_provisioned_concurrency_configs_names_each_qualified_arn(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """ListProvisionedConcurrencyConfigs lists a function's configurations, each with the qualified FunctionArn
    it applies to, paged by Marker/MaxItems; an unknown function is ResourceNotFoundException.
    https://docs.aws.amazon.com/lambda/latest/api/API_ListProvisionedConcurrencyConfigs.html"""
    make_function(lam)
    assert lam.list_provisioned_concurrency_configs(FunctionName="hello")["ProvisionedConcurrencyConfigs"] == []
    version = lam.publish_version(FunctionName="hello")["Version"]
    lam.create_alias(FunctionName="hello", Name="live", FunctionVersion=version)
    lam.put_provisioned_concurrency_config(FunctionName="hello", Qualifier=version, ProvisionedConcurrentExecutions=2)
    lam.put_provisioned_concurrency_config(FunctionName="hello", Qualifier="live", ProvisionedConcurrentExecutions=1)
    first = lam.list_provisioned_concurrency_configs(FunctionName="hello", MaxItems=1)
    [entry] = first["ProvisionedConcurrencyConfigs"]
    arn = lam.get_function(FunctionName="hello")["Configuration"]["FunctionArn"]
    assert entry["FunctionArn"] == f"{arn}:{version}"
    assert entry["RequestedProvisionedConcurrentExecutions"] == 2
    rest = lam.list_provisioned_concurrency_configs(FunctionName="hello", Marker=first["NextMarker"])
    assert [e["FunctionArn"] for e in rest["ProvisionedConcurrencyConfigs"]] == [f"{arn}:live"]
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.list_provisioned_concurrency_configs(FunctionName="nope")
