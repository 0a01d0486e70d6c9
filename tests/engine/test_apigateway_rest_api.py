"""The REST API control plane (``cloud.client("apigateway")``): the tutorial's calls and AWS's answers to bad input.

Sources (checked 2026-12-01): the Lambda proxy integration walkthrough with the AWS CLI,
https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html (responses of
create-rest-api, get-resources, create-resource, put-method, put-integration, create-deployment); the API reference,
https://docs.aws.amazon.com/apigateway/latest/api/API_Operations.html; error messages recorded against AWS in
LocalStack's snapshot tests (localstack/localstack, tests/aws/services/apigateway/test_apigateway_api.snapshot.json)
and quoted from real CloudFormation / Terraform / CDK errors where noted.
"""

from __future__ import annotations

from typing import Any

import pytest

import pocketcloud
from pocketcloud import ClientError
from pocketcloud.http import UnknownHostError

from .apigateway_support import ACCOUNT, function, lambda_uri, rest_api, rest_url


@pytest.fixture
def apigw(cloud: pocketcloud.Cloud) -> Any:
    return cloud.client("apigateway")


def _error(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    response = excinfo.value.response
    return response["Error"]["Code"], response["Error"]["Message"], response["ResponseMetadata"]["HTTPStatusCode"]


def _api_with_resource(apigw: Any, part: str = "pets") -> tuple[str, str, str]:
    api = apigw.create_rest_api(name="pets")["id"]
    root = apigw.get_resources(restApiId=api)["items"][0]["id"]
    child = apigw.create_resource(restApiId=api, parentId=root, pathPart=part)["id"]
    return api, root, child


def test_the_cli_walkthrough_answers_as_on_aws(cloud: pocketcloud.Cloud, apigw: Any) -> None:
    """create-rest-api, get-resources, create-resource, put-method, put-integration and create-deployment answer
    with the fields (and 201 statuses) the walkthrough shows."""
    api = apigw.create_rest_api(name="HelloWorld (AWS CLI)")
    assert api["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert len(api["id"]) == 10 and api["id"].isalnum() and api["id"].islower()
    assert api["apiKeySource"] == "HEADER"
    assert api["endpointConfiguration"] == {"types": ["EDGE"], "ipAddressType": "ipv4"}
    assert api["disableExecuteApiEndpoint"] is False
    items = apigw.get_resources(restApiId=api["id"])["items"]
    assert items == [{"id": api["rootResourceId"], "path": "/"}]
    resource = apigw.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="{proxy+}")
    assert {k: resource[k] for k in ("path", "pathPart", "parentId")} == {
        "path": "/{proxy+}",
        "pathPart": "{proxy+}",
        "parentId": api["rootResourceId"],
    }
    assert len(resource["id"]) == 6
    method = apigw.put_method(
        restApiId=api["id"], resourceId=resource["id"], httpMethod="ANY", authorizationType="NONE"
    )
    assert {k: v for k, v in method.items() if k != "ResponseMetadata"} == {
        "apiKeyRequired": False,
        "httpMethod": "ANY",
        "authorizationType": "NONE",
    }
    arn = function(cloud)
    integration = apigw.put_integration(
        restApiId=api["id"],
        resourceId=resource["id"],
        httpMethod="ANY",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=lambda_uri(arn),
    )
    assert integration["passthroughBehavior"] == "WHEN_NO_MATCH"
    assert integration["cacheKeyParameters"] == []
    assert integration["cacheNamespace"] == resource["id"]
    assert integration["httpMethod"] == "POST"
    assert integration["type"] == "AWS_PROXY"
    assert integration["timeoutInMillis"] == 29000
    deployment = apigw.create_deployment(restApiId=api["id"], stageName="test")
    assert deployment["ResponseMetadata"]["HTTPStatusCode"] == 201
    stage = apigw.get_stage(restApiId=api["id"], stageName="test")
    assert stage["deploymentId"] == deployment["id"]
    assert stage["cacheClusterStatus"] == "NOT_AVAILABLE"
    embedded = apigw.get_resource(restApiId=api["id"], resourceId=resource["id"], embed=["methods"])
    assert embedded["resourceMethods"]["ANY"]["methodIntegration"]["uri"] == lambda_uri(arn)
    plain = apigw.get_resources(restApiId=api["id"])["items"]
    assert plain[1]["resourceMethods"] == {"ANY": {}}


def test_an_unknown_api_is_not_found_with_account_and_id(apigw: Any) -> None:
    """ "Invalid API identifier specified 111111111111:api_id" (NotFoundException, 404)."""
    with pytest.raises(ClientError) as excinfo:
        apigw.get_rest_api(restApiId="nope")
    assert _error(excinfo) == ("NotFoundException", f"Invalid API identifier specified {ACCOUNT}:nope", 404)
    assert excinfo.value.response["message"] == f"Invalid API identifier specified {ACCOUNT}:nope"
    assert isinstance(excinfo.value, apigw.exceptions.NotFoundException)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"description": ""}, "Description cannot be an empty string"),
        (
            {"endpointConfiguration": {"types": []}},
            "REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.",
        ),
        (
            {"endpointConfiguration": {"types": ["EDGE", "REGIONAL"]}},
            "Cannot create an api with multiple Endpoint Types.",
        ),
        (
            {"endpointConfiguration": {"types": ["PRIVATE"], "ipAddressType": "ipv4"}},
            "Only dualstack ipAddressType is supported for Private APIs.",
        ),
        ({"minimumCompressionSize": -1}, "Invalid minimum compression size, must be between 0 and 10485760"),
    ],
)
def test_create_rest_api_refuses_bad_settings(apigw: Any, params: dict[str, Any], message: str) -> None:
    """BadRequestException with AWS's messages (LocalStack snapshots); no API is created."""
    with pytest.raises(ClientError) as excinfo:
        apigw.create_rest_api(name="x", **params)
    assert _error(excinfo) == ("BadRequestException", message, 400)
    assert apigw.get_rest_apis()["items"] == []


def test_endpoint_defaults_follow_the_type(apigw: Any) -> None:
    """EDGE by default; private APIs default to dualstack, the others to ipv4."""
    assert apigw.create_rest_api(name="a", endpointConfiguration={"types": ["REGIONAL"]})["endpointConfiguration"] == {
        "types": ["REGIONAL"],
        "ipAddressType": "ipv4",
    }
    private = apigw.create_rest_api(name="b", endpointConfiguration={"types": ["PRIVATE"]})
    assert private["endpointConfiguration"]["ipAddressType"] == "dualstack"


def test_validation_errors_name_body_members_after_the_input(apigw: Any) -> None:
    """ "Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum
    value set: [...]" (ValidationException): body members are named after the operation's input."""
    api, _, child = _api_with_resource(apigw)
    apigw.put_method(restApiId=api, resourceId=child, httpMethod="GET", authorizationType="NONE")
    with pytest.raises(ClientError) as excinfo:
        apigw.put_integration(restApiId=api, resourceId=child, httpMethod="GET", type="HTTPS_PROXY")
    code, message, status = _error(excinfo)
    assert (code, status) == ("ValidationException", 400)
    assert message.startswith(
        "1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed to satisfy "
        "constraint: Member must satisfy enum value set: ["
    )
    with pytest.raises(ClientError) as excinfo:
        apigw.create_rest_api(name="x", endpointConfiguration={"types": ["EDGE"], "ipAddressType": "wrong"})
    assert "at 'createRestApiInput.endpointConfiguration.ipAddressType'" in _error(excinfo)[1]


def test_resource_rules(apigw: Any) -> None:
    """Path-part rules and their messages, each refusal leaving the tree as it was."""
    api, root, _pets = _api_with_resource(apigw)
    cases = [
        (root, "pets", "ConflictException", "Another resource with the same parent already has this name: pets", 409),
        (
            root,
            "bad part!",
            "BadRequestException",
            "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an "
            "optional plus sign before the closing brace.",
            400,
        ),
        ("nope", "x", "NotFoundException", "Invalid Resource identifier specified", 404),
    ]
    for parent, part, code, message, status in cases:
        with pytest.raises(ClientError) as excinfo:
            apigw.create_resource(restApiId=api, parentId=parent, pathPart=part)
        assert _error(excinfo) == (code, message, status)
    proxy = apigw.create_resource(restApiId=api, parentId=root, pathPart="{proxy+}")["id"]
    with pytest.raises(ClientError) as excinfo:
        apigw.create_resource(restApiId=api, parentId=root, pathPart="{id}")
    assert (
        _error(excinfo)[1]
        == "A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed"
    )
    with pytest.raises(ClientError) as excinfo:
        apigw.create_resource(restApiId=api, parentId=proxy, pathPart="child")
    assert _error(excinfo)[1] == "Cannot create a child of a resource with a greedy path variable: {proxy+}"
    assert [r["path"] for r in apigw.get_resources(restApiId=api)["items"]] == ["/", "/pets", "/{proxy+}"]


def test_get_resources_lists_by_path_and_pages(apigw: Any) -> None:
    """Resources come ordered by path (as AWS lists them in the snapshots); ``limit``/``position`` page them."""
    api, root, pets = _api_with_resource(apigw)
    apigw.create_resource(restApiId=api, parentId=pets, pathPart="{petId}")
    apigw.create_resource(restApiId=api, parentId=root, pathPart="dogs")
    first = apigw.get_resources(restApiId=api, limit=2)
    assert [r["path"] for r in first["items"]] == ["/", "/dogs"]
    rest = apigw.get_resources(restApiId=api, limit=2, position=first["position"])
    assert [r["path"] for r in rest["items"]] == ["/pets", "/pets/{petId}"]
    assert "position" not in rest
    paged = apigw.get_paginator("get_resources").paginate(restApiId=api, PaginationConfig={"PageSize": 1})
    assert [r["path"] for page in paged for r in page["items"]] == ["/", "/dogs", "/pets", "/pets/{petId}"]


def test_deleting_a_resource_deletes_its_children(apigw: Any) -> None:
    api, root, pets = _api_with_resource(apigw)
    pet = apigw.create_resource(restApiId=api, parentId=pets, pathPart="{petId}")["id"]
    assert apigw.delete_resource(restApiId=api, resourceId=pets)["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert [r["path"] for r in apigw.get_resources(restApiId=api)["items"]] == ["/"]
    with pytest.raises(ClientError) as excinfo:
        apigw.get_resource(restApiId=api, resourceId=pet)
    assert _error(excinfo) == ("NotFoundException", "Invalid Resource identifier specified", 404)
    with pytest.raises(ClientError):
        apigw.delete_resource(restApiId=api, resourceId=root)
    assert [r["path"] for r in apigw.get_resources(restApiId=api)["items"]] == ["/"]


def test_method_rules(apigw: Any) -> None:
    """PutMethod's messages: an invalid method, an authorizer type without authorizer, a second PutMethod, an
    unknown method and an unknown API (which PutMethod reports as an unknown resource)."""
    api, _, pets = _api_with_resource(apigw)
    calls: list[tuple[dict[str, Any], tuple[str, str, int]]] = [
        (
            {"resourceId": pets, "httpMethod": "FETCH", "authorizationType": "NONE"},
            (
                "BadRequestException",
                "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY",
                400,
            ),
        ),
        (
            {"resourceId": pets, "httpMethod": "GET", "authorizationType": "CUSTOM"},
            (
                "BadRequestException",
                "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS "
                "requires a valid authorizer.",
                400,
            ),
        ),
        (
            {"resourceId": "nope", "httpMethod": "GET", "authorizationType": "NONE"},
            ("NotFoundException", "Invalid Resource identifier specified", 404),
        ),
    ]
    for params, expected in calls:
        with pytest.raises(ClientError) as excinfo:
            apigw.put_method(restApiId=api, **params)
        assert _error(excinfo) == expected
    apigw.put_method(restApiId=api, resourceId=pets, httpMethod="GET", authorizationType="NONE")
    with pytest.raises(ClientError) as excinfo:
        apigw.put_method(restApiId=api, resourceId=pets, httpMethod="GET", authorizationType="NONE")
    assert _error(excinfo) == ("ConflictException", "Method already exists for this resource", 409)
    with pytest.raises(ClientError) as excinfo:
        apigw.get_method(restApiId=api, resourceId=pets, httpMethod="POST")
    assert _error(excinfo) == ("NotFoundException", "Invalid Method identifier specified", 404)
    with pytest.raises(ClientError) as excinfo:
        apigw.put_method(restApiId="nope", resourceId=pets, httpMethod="GET", authorizationType="NONE")
    assert _error(excinfo) == ("NotFoundException", "Invalid Resource identifier specified", 404)
    assert (
        apigw.delete_method(restApiId=api, resourceId=pets, httpMethod="GET")["ResponseMetadata"]["HTTPStatusCode"]
        == 204
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"type": "AWS_PROXY", "uri": "arn:aws:apigateway:x:lambda:path/f"},
            "Enumeration value for HttpMethod must be non-empty",
        ),
        (
            {"type": "AWS_PROXY", "integrationHttpMethod": "POST", "uri": "hello"},
            "Invalid ARN specified in the request",
        ),
        (
            {"type": "AWS", "integrationHttpMethod": "POST", "uri": "arn:aws:apigateway:ap-northeast-2:sqs:queue/q"},
            "AWS ARN for integration must contain path or action",
        ),
        (
            {
                "type": "AWS_PROXY",
                "integrationHttpMethod": "POST",
                "uri": "arn:aws:apigateway:ap-northeast-2:sqs:path/q",
            },
            "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.",
        ),
        (
            {"type": "HTTP_PROXY", "integrationHttpMethod": "GET", "uri": "example.com"},
            "Invalid HTTP endpoint specified for URI",
        ),
        ({"type": "MOCK", "timeoutInMillis": 30000}, "Timeout should be between 50 ms and 29000 ms"),
        ({"type": "MOCK", "timeoutInMillis": 49}, "Timeout should be between 50 ms and 29000 ms"),
    ],
)
def test_integration_rules(apigw: Any, params: dict[str, Any], message: str) -> None:
    """PutIntegration's BadRequestException messages (moto / LocalStack, and the timeout range as CloudFormation
    users quote it: "Timeout should be between 50 ms and 29000 ms"); the method keeps no integration."""
    api, _, pets = _api_with_resource(apigw)
    apigw.put_method(restApiId=api, resourceId=pets, httpMethod="GET", authorizationType="NONE")
    with pytest.raises(ClientError) as excinfo:
        apigw.put_integration(restApiId=api, resourceId=pets, httpMethod="GET", **params)
    assert _error(excinfo) == ("BadRequestException", message, 400)
    with pytest.raises(ClientError) as excinfo:
        apigw.get_integration(restApiId=api, resourceId=pets, httpMethod="GET")
    assert _error(excinfo) == ("NotFoundException", "Invalid Integration identifier specified", 404)


def test_deployments_need_methods_with_integrations(apigw: Any) -> None:
    """ "The REST API doesn't contain any methods" and "No integration defined for method" (BadRequestException,
    as CloudFormation and Terraform report them); nothing is deployed."""
    api, _, pets = _api_with_resource(apigw)
    with pytest.raises(ClientError) as excinfo:
        apigw.create_deployment(restApiId=api, stageName="test")
    assert _error(excinfo) == ("BadRequestException", "The REST API doesn't contain any methods", 400)
    apigw.put_method(restApiId=api, resourceId=pets, httpMethod="GET", authorizationType="NONE")
    with pytest.raises(ClientError) as excinfo:
        apigw.create_deployment(restApiId=api, stageName="test")
    assert _error(excinfo) == ("BadRequestException", "No integration defined for method", 400)
    assert apigw.get_deployments(restApiId=api)["items"] == []
    assert apigw.get_stages(restApiId=api)["item"] == []


def test_stages_and_deployments(cloud: pocketcloud.Cloud, apigw: Any) -> None:
    """Stage names "can only contain alphanumeric characters, hyphens, and underscores"; a stage name is unique; a
    deployment a stage points at cannot be deleted; UpdateStage patches the deployment and the variables."""
    api, _ = rest_api(cloud, function(cloud), stage="test")
    first = apigw.get_stage(restApiId=api, stageName="test")["deploymentId"]
    with pytest.raises(ClientError) as excinfo:
        apigw.create_deployment(restApiId=api, stageName="bad.name")
    assert _error(excinfo) == ("BadRequestException", "Stage name only allows a-zA-Z0-9_-", 400)
    with pytest.raises(ClientError) as excinfo:
        apigw.create_stage(restApiId=api, stageName="test", deploymentId=first)
    assert _error(excinfo) == ("ConflictException", "Stage already exists", 409)
    with pytest.raises(ClientError) as excinfo:
        apigw.create_stage(restApiId=api, stageName="prod", deploymentId="nope")
    assert _error(excinfo)[0] == "NotFoundException"
    with pytest.raises(ClientError) as excinfo:
        apigw.delete_deployment(restApiId=api, deploymentId=first)
    assert _error(excinfo) == (
        "BadRequestException",
        "Active stages pointing to this deployment must be moved or deleted",
        400,
    )
    second = apigw.create_deployment(restApiId=api, description="v2")["id"]
    prod = apigw.create_stage(restApiId=api, stageName="prod", deploymentId=first, variables={"alias": "live"})
    assert prod["variables"] == {"alias": "live"}
    updated = apigw.update_stage(
        restApiId=api,
        stageName="prod",
        patchOperations=[
            {"op": "replace", "path": "/deploymentId", "value": second},
            {"op": "replace", "path": "/variables/color", "value": "blue"},
            {"op": "remove", "path": "/variables/alias"},
        ],
    )
    assert updated["deploymentId"] == second
    assert updated["variables"] == {"color": "blue"}
    with pytest.raises(ClientError) as excinfo:
        apigw.update_stage(
            restApiId=api,
            stageName="prod",
            patchOperations=[
                {"op": "replace", "path": "/variables/color", "value": "red"},
                {"op": "replace", "path": "/cacheClusterSize", "value": "0.5"},
            ],
        )
    assert _error(excinfo) == ("BadRequestException", "Invalid patch path /cacheClusterSize", 400)
    assert apigw.get_stage(restApiId=api, stageName="prod")["variables"] == {"color": "blue"}
    with pytest.raises(ClientError) as excinfo:
        apigw.update_stage(
            restApiId=api, stageName="prod", patchOperations=[{"op": "add", "path": "/deploymentId", "value": first}]
        )
    assert _error(excinfo)[1] == "Invalid patch operation specified. Must be one of: [replace]"
    with pytest.raises(ClientError) as excinfo:
        apigw.create_stage(restApiId=api, stageName="beta", deploymentId=first, variables={"bad-name": "x"})
    assert _error(excinfo)[0] == "BadRequestException"
    assert [s["stageName"] for s in apigw.get_stages(restApiId=api)["item"]] == ["test", "prod"]
    assert [s["stageName"] for s in apigw.get_stages(restApiId=api, deploymentId=second)["item"]] == ["prod"]
    summary = apigw.get_deployment(restApiId=api, deploymentId=second, embed=["apisummary"])["apiSummary"]
    assert summary == {"/{proxy+}": {"ANY": {"authorizationType": "NONE", "apiKeyRequired": False}}}


def test_update_rest_api_patches_and_refusals_change_nothing(apigw: Any) -> None:
    """Patch paths as AWS answers them (LocalStack snapshots): binary media types are ``/binaryMediaTypes/{type}``
    with ``~1`` for ``/``; the bare ``/binaryMediaTypes`` is an invalid patch path."""
    api = apigw.create_rest_api(name="a")["id"]
    updated = apigw.update_rest_api(
        restApiId=api,
        patchOperations=[
            {"op": "replace", "path": "/name", "value": "b"},
            {"op": "add", "path": "/binaryMediaTypes/image~1png", "value": ""},
            {"op": "add", "path": "/binaryMediaTypes/image~1jpeg", "value": ""},
            {"op": "remove", "path": "/binaryMediaTypes/image~1png"},
        ],
    )
    assert updated["name"] == "b"
    assert updated["binaryMediaTypes"] == ["image/jpeg"]
    assert updated["tags"] == {}
    with pytest.raises(ClientError) as excinfo:
        apigw.update_rest_api(
            restApiId=api,
            patchOperations=[
                {"op": "replace", "path": "/name", "value": "c"},
                {"op": "add", "path": "/binaryMediaTypes", "value": "x"},
            ],
        )
    assert _error(excinfo) == ("BadRequestException", "Invalid patch path /binaryMediaTypes", 400)
    with pytest.raises(ClientError) as excinfo:
        apigw.update_rest_api(
            restApiId=api, patchOperations=[{"op": "replace", "path": "/minimumCompressionSize", "value": "-5"}]
        )
    assert _error(excinfo)[1] == "Invalid minimum compression size, must be between 0 and 10485760"
    assert apigw.get_rest_api(restApiId=api)["name"] == "b"


def test_get_rest_apis_pages(apigw: Any) -> None:
    names = [apigw.create_rest_api(name=f"api{i}")["name"] for i in range(5)]
    pages = apigw.get_paginator("get_rest_apis").paginate(PaginationConfig={"PageSize": 2})
    assert [api["name"] for page in pages for api in page["items"]] == names


def test_deleting_an_api_removes_its_endpoint(cloud: pocketcloud.Cloud, apigw: Any) -> None:
    api, _ = rest_api(cloud, function(cloud))
    assert cloud.http_request("GET", rest_url(api, "/x"))["statusCode"] == 200
    assert apigw.delete_rest_api(restApiId=api)["ResponseMetadata"]["HTTPStatusCode"] == 202
    with pytest.raises(UnknownHostError):
        cloud.http_request("GET", rest_url(api, "/x"))
    with pytest.raises(ClientError):
        apigw.delete_rest_api(restApiId=api)


def test_clone_from_copies_the_resource_tree(apigw: Any) -> None:
    api, _, pets = _api_with_resource(apigw)
    apigw.put_method(restApiId=api, resourceId=pets, httpMethod="GET", authorizationType="NONE")
    clone = apigw.create_rest_api(name="copy", cloneFrom=api)["id"]
    paths = [(r["path"], sorted(r.get("resourceMethods", {}))) for r in apigw.get_resources(restApiId=clone)["items"]]
    assert paths == [("/", []), ("/pets", ["GET"])]
