"""The HTTP API control plane (``cloud.client("apigatewayv2")``): quick create, integrations, routes, stages and
deployments, and the answers to bad input.

Sources (checked 2026-12-01): https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html (quick create:
Target, RouteKey, ApiEndpoint), https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop.html,
https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html (route keys),
https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html (payload
format versions), https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html (stages,
automatic deployment), https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html (30 s).
Messages marked "pocketcloud's wording" in the engine are checked here only for code and status.
"""

from __future__ import annotations

from typing import Any

import pytest

import pocketcloud
from pocketcloud import ClientError, ParamValidationError
from pocketcloud.http import UnknownHostError

from .apigateway_support import ACCOUNT, REGION, function, http_api


@pytest.fixture
def v2(cloud: pocketcloud.Cloud) -> Any:
    return cloud.client("apigatewayv2")


def _error(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[str, int]:
    response = excinfo.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def test_quick_create_makes_integration_route_and_auto_deploying_stage(cloud: pocketcloud.Cloud, v2: Any) -> None:
    """ "Quick create produces an API with an integration, a default catch-all route, and a default stage which is
    configured to automatically deploy changes"; ApiEndpoint is https://{api-id}.execute-api.{region}.amazonaws.com."""
    arn = function(cloud)
    api = v2.create_api(Name="hello", ProtocolType="HTTP", Target=arn)
    assert api["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert api["ApiEndpoint"] == f"https://{api['ApiId']}.execute-api.{REGION}.amazonaws.com"
    assert api["ProtocolType"] == "HTTP"
    assert api["RouteSelectionExpression"] == "$request.method $request.path"
    assert api["ApiKeySelectionExpression"] == "$request.header.x-api-key"
    (integration,) = v2.get_integrations(ApiId=api["ApiId"])["Items"]
    assert {k: integration[k] for k in integration if k != "IntegrationId"} == {
        "ConnectionType": "INTERNET",
        "IntegrationMethod": "POST",
        "IntegrationType": "AWS_PROXY",
        "IntegrationUri": arn,
        "PayloadFormatVersion": "2.0",
        "TimeoutInMillis": 30000,
    }
    (route,) = v2.get_routes(ApiId=api["ApiId"])["Items"]
    assert route["RouteKey"] == "$default"
    assert route["Target"] == f"integrations/{integration['IntegrationId']}"
    assert route["AuthorizationType"] == "NONE"
    (stage,) = v2.get_stages(ApiId=api["ApiId"])["Items"]
    assert stage["StageName"] == "$default" and stage["AutoDeploy"] is True
    assert v2.get_deployment(ApiId=api["ApiId"], DeploymentId=stage["DeploymentId"])["AutoDeployed"] is True
    assert [a["ApiId"] for a in v2.get_apis()["Items"]] == [api["ApiId"]]


def test_quick_create_with_a_route_key(cloud: pocketcloud.Cloud, v2: Any) -> None:
    api = v2.create_api(Name="hello", ProtocolType="HTTP", Target=function(cloud), RouteKey="GET /hello")
    assert [r["RouteKey"] for r in v2.get_routes(ApiId=api["ApiId"])["Items"]] == ["GET /hello"]


def test_step_by_step_needs_a_deployment(cloud: pocketcloud.Cloud, v2: Any) -> None:
    """CreateApi, CreateIntegration (payload 1.0 unless given), CreateRoute, CreateStage: a stage without a deployment
    serves nothing until CreateDeployment points it at one."""
    arn = function(cloud)
    api = v2.create_api(Name="steps", ProtocolType="HTTP")
    assert v2.get_routes(ApiId=api["ApiId"])["Items"] == [] and v2.get_stages(ApiId=api["ApiId"])["Items"] == []
    integration = v2.create_integration(ApiId=api["ApiId"], IntegrationType="AWS_PROXY", IntegrationUri=arn)
    assert integration["PayloadFormatVersion"] == "1.0"
    v2.create_route(ApiId=api["ApiId"], RouteKey="ANY /{proxy+}", Target=f"integrations/{integration['IntegrationId']}")
    stage = v2.create_stage(ApiId=api["ApiId"], StageName="$default")
    assert "DeploymentId" not in stage and "AutoDeploy" not in stage
    assert cloud.http_request("GET", api["ApiEndpoint"] + "/x")["statusCode"] == 404
    deployment = v2.create_deployment(ApiId=api["ApiId"], StageName="$default")
    assert deployment["DeploymentStatus"] == "DEPLOYED" and deployment["AutoDeployed"] is False
    assert v2.get_stage(ApiId=api["ApiId"], StageName="$default")["DeploymentId"] == deployment["DeploymentId"]


@pytest.mark.parametrize(
    "key",
    [
        "GET",
        "/pets",
        "FETCH /pets",
        "GET pets",
        "GET /pets/",
        "GET //pets",
        "GET /{proxy+}/x",
        "GET /a/{id}/{id}",
        "get /x",
    ],
)
def test_invalid_route_keys_are_refused(v2: Any, key: str) -> None:
    """A route key is ``$default`` or ``METHOD /path`` (BadRequestException; pocketcloud's wording); nothing is
    created."""
    api = v2.create_api(Name="keys", ProtocolType="HTTP")
    with pytest.raises(ClientError) as excinfo:
        v2.create_route(ApiId=api["ApiId"], RouteKey=key)
    assert _error(excinfo) == ("BadRequestException", 400)
    assert v2.get_routes(ApiId=api["ApiId"])["Items"] == []


def test_route_keys_are_unique_and_targets_must_exist(v2: Any) -> None:
    api = v2.create_api(Name="keys", ProtocolType="HTTP")["ApiId"]
    v2.create_route(ApiId=api, RouteKey="GET /pets/{id}")
    with pytest.raises(ClientError) as excinfo:
        v2.create_route(ApiId=api, RouteKey="GET /pets/{id}")
    assert _error(excinfo) == ("ConflictException", 409)
    with pytest.raises(ClientError) as excinfo:
        v2.create_route(ApiId=api, RouteKey="GET /x", Target="integrations/nope")
    assert _error(excinfo) == ("NotFoundException", 404)
    assert excinfo.value.response["ResourceType"] == "Integration"
    with pytest.raises(ClientError) as excinfo:
        v2.create_route(ApiId=api, RouteKey="GET /x", Target="lambda")
    assert _error(excinfo) == ("BadRequestException", 400)
    with pytest.raises(ClientError) as excinfo:
        v2.create_route(ApiId=api, RouteKey="GET /x", AuthorizationType="JWT")
    assert _error(excinfo) == ("BadRequestException", 400)
    assert [r["RouteKey"] for r in v2.get_routes(ApiId=api)["Items"]] == ["GET /pets/{id}"]


@pytest.mark.parametrize(
    ("call", "resource_type", "message"),
    [
        (lambda v2, api: v2.get_api(ApiId="nope"), "Api", f"Invalid API identifier specified {ACCOUNT}:nope"),
        (lambda v2, api: v2.get_route(ApiId=api, RouteId="nope"), "Route", "Invalid Route identifier specified nope"),
        (
            lambda v2, api: v2.get_integration(ApiId=api, IntegrationId="nope"),
            "Integration",
            "Invalid Integration identifier specified nope",
        ),
        (lambda v2, api: v2.get_stage(ApiId=api, StageName="nope"), "Stage", "Invalid stage identifier specified nope"),
        (
            lambda v2, api: v2.get_deployment(ApiId=api, DeploymentId="nope"),
            "Deployment",
            "Invalid Deployment identifier specified nope",
        ),
    ],
)
def test_unknown_resources_are_not_found(v2: Any, call: Any, resource_type: str, message: str) -> None:
    """NotFoundException (404) with the model's ResourceType member and moto's quotation of AWS's message."""
    api = v2.create_api(Name="x", ProtocolType="HTTP")["ApiId"]
    with pytest.raises(ClientError) as excinfo:
        call(v2, api)
    assert _error(excinfo) == ("NotFoundException", 404)
    assert excinfo.value.response["Error"]["Message"] == message
    assert excinfo.value.response["ResourceType"] == resource_type


def test_integration_checks(cloud: pocketcloud.Cloud, v2: Any) -> None:
    """TimeoutInMillis: "Timeout should be between 50 ms and 30000 ms" above 30,000 (below 50 botocore refuses it
    before sending); a Lambda integration needs a function ARN and payload 1.0 or 2.0; other types take only 1.0."""
    arn = function(cloud)
    api = v2.create_api(Name="x", ProtocolType="HTTP")["ApiId"]
    with pytest.raises(ClientError) as excinfo:
        v2.create_integration(ApiId=api, IntegrationType="AWS_PROXY", IntegrationUri=arn, TimeoutInMillis=30001)
    assert _error(excinfo) == ("BadRequestException", 400)
    assert excinfo.value.response["Error"]["Message"] == "Timeout should be between 50 ms and 30000 ms"
    with pytest.raises(ParamValidationError):
        v2.create_integration(ApiId=api, IntegrationType="AWS_PROXY", IntegrationUri=arn, TimeoutInMillis=49)
    bad = [
        {"IntegrationType": "AWS_PROXY"},
        {"IntegrationType": "AWS_PROXY", "IntegrationUri": "hello"},
        {"IntegrationType": "AWS_PROXY", "IntegrationUri": arn, "PayloadFormatVersion": "3.0"},
        {"IntegrationType": "HTTP_PROXY", "IntegrationUri": "https://example.com", "PayloadFormatVersion": "2.0"},
    ]
    for params in bad:
        with pytest.raises(ClientError) as excinfo:
            v2.create_integration(ApiId=api, **params)
        assert _error(excinfo) == ("BadRequestException", 400)
    assert v2.get_integrations(ApiId=api)["Items"] == []
    made = v2.create_integration(ApiId=api, IntegrationType="AWS_PROXY", IntegrationUri=arn, TimeoutInMillis=50)
    assert made["TimeoutInMillis"] == 50
    changed = v2.update_integration(ApiId=api, IntegrationId=made["IntegrationId"], PayloadFormatVersion="2.0")
    assert changed["PayloadFormatVersion"] == "2.0"


def test_protocol_types(v2: Any) -> None:
    """ "Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]" (moto's quotation); WebSocket APIs are not
    simulated, and pocketcloud says so."""
    with pytest.raises(ClientError) as excinfo:
        v2.create_api(Name="x", ProtocolType="GRPC")
    assert excinfo.value.response["Error"]["Message"] == "Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]"
    with pytest.raises(ClientError) as excinfo:
        v2.create_api(Name="x", ProtocolType="WEBSOCKET")
    assert "WebSocket" in excinfo.value.response["Error"]["Message"]
    assert v2.get_apis()["Items"] == []


def test_changes_redeploy_auto_deploy_stages(cloud: pocketcloud.Cloud, v2: Any) -> None:
    """ "When you enable automatic deployments for a stage, API Gateway creates a new deployment and associates the
    stage with it every time you make a change to your API"; such a stage takes no manual deployment."""
    api = http_api(cloud, function(cloud))["ApiId"]
    before = v2.get_stage(ApiId=api, StageName="$default")["DeploymentId"]
    integration = v2.get_integrations(ApiId=api)["Items"][0]["IntegrationId"]
    v2.create_route(ApiId=api, RouteKey="GET /new", Target=f"integrations/{integration}")
    after = v2.get_stage(ApiId=api, StageName="$default")
    assert after["DeploymentId"] != before
    assert (
        after["LastDeploymentStatusMessage"]
        == f"Successfully deployed stage with deployment ID '{after['DeploymentId']}'"
    )
    assert [d["AutoDeployed"] for d in v2.get_deployments(ApiId=api)["Items"]] == [True, True]
    with pytest.raises(ClientError) as excinfo:
        v2.create_deployment(ApiId=api, StageName="$default")
    assert _error(excinfo) == ("BadRequestException", 400)


def test_stage_rules(cloud: pocketcloud.Cloud, v2: Any) -> None:
    """Stage names: alphanumerics, hyphens, underscores or $default, unique; stage variables' names and values as
    documented; a deployment a stage uses cannot be deleted; UpdateStage merges variables (an empty value removes
    one)."""
    api = http_api(cloud, function(cloud))["ApiId"]
    for name in ("bad.name", "x" * 129):
        with pytest.raises(ClientError) as excinfo:
            v2.create_stage(ApiId=api, StageName=name)
        assert _error(excinfo) == ("BadRequestException", 400)
    with pytest.raises(ClientError) as excinfo:
        v2.create_stage(ApiId=api, StageName="$default")
    assert _error(excinfo) == ("ConflictException", 409)
    with pytest.raises(ClientError) as excinfo:
        v2.create_stage(ApiId=api, StageName="dev", StageVariables={"bad-name": "x"})
    assert _error(excinfo) == ("BadRequestException", 400)
    with pytest.raises(ClientError) as excinfo:
        v2.create_stage(ApiId=api, StageName="dev", StageVariables={"ok": "no spaces"})
    assert _error(excinfo) == ("BadRequestException", 400)
    dev = v2.create_stage(ApiId=api, StageName="dev", StageVariables={"a": "1", "b": "2"})
    assert dev["StageVariables"] == {"a": "1", "b": "2"}
    updated = v2.update_stage(ApiId=api, StageName="dev", StageVariables={"a": "", "c": "3"})
    assert updated["StageVariables"] == {"b": "2", "c": "3"}
    used = v2.get_stage(ApiId=api, StageName="$default")["DeploymentId"]
    with pytest.raises(ClientError) as excinfo:
        v2.delete_deployment(ApiId=api, DeploymentId=used)
    assert _error(excinfo) == ("BadRequestException", 400)
    assert v2.delete_stage(ApiId=api, StageName="dev")["ResponseMetadata"]["HTTPStatusCode"] == 204


def test_an_integration_in_use_cannot_be_deleted(cloud: pocketcloud.Cloud, v2: Any) -> None:
    api = http_api(cloud, function(cloud))["ApiId"]
    integration = v2.get_integrations(ApiId=api)["Items"][0]["IntegrationId"]
    with pytest.raises(ClientError) as excinfo:
        v2.delete_integration(ApiId=api, IntegrationId=integration)
    assert _error(excinfo) == ("ConflictException", 409)
    route = v2.get_routes(ApiId=api)["Items"][0]["RouteId"]
    v2.delete_route(ApiId=api, RouteId=route)
    assert v2.delete_integration(ApiId=api, IntegrationId=integration)["ResponseMetadata"]["HTTPStatusCode"] == 204


def test_lists_page_with_max_results(v2: Any) -> None:
    """MaxResults (a string in this API) and NextToken page the Get* lists."""
    api = v2.create_api(Name="x", ProtocolType="HTTP")["ApiId"]
    keys = [f"GET /r{i}" for i in range(5)]
    for key in keys:
        v2.create_route(ApiId=api, RouteKey=key)
    first = v2.get_routes(ApiId=api, MaxResults="2")
    second = v2.get_routes(ApiId=api, MaxResults="2", NextToken=first["NextToken"])
    third = v2.get_routes(ApiId=api, MaxResults="2", NextToken=second["NextToken"])
    assert [r["RouteKey"] for r in first["Items"] + second["Items"] + third["Items"]] == keys
    assert "NextToken" not in third


def test_update_route_and_delete_api(cloud: pocketcloud.Cloud, v2: Any) -> None:
    api = http_api(cloud, function(cloud))
    route = v2.get_routes(ApiId=api["ApiId"])["Items"][0]
    assert v2.update_route(ApiId=api["ApiId"], RouteId=route["RouteId"], RouteKey="GET /hi")["RouteKey"] == "GET /hi"
    assert cloud.http_request("GET", api["ApiEndpoint"] + "/hi")["statusCode"] == 200
    assert cloud.http_request("GET", api["ApiEndpoint"] + "/other")["statusCode"] == 404
    assert v2.delete_api(ApiId=api["ApiId"])["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(UnknownHostError):
        cloud.http_request("GET", api["ApiEndpoint"] + "/hi")


def test_cors_configuration_is_kept_and_checked(v2: Any) -> None:
    cors = {"AllowOrigins": ["https://example.com"], "AllowMethods": ["GET"], "MaxAge": 300}
    api = v2.create_api(Name="x", ProtocolType="HTTP", CorsConfiguration=cors)
    assert api["CorsConfiguration"] == cors
    with pytest.raises(ClientError) as excinfo:
        v2.update_api(ApiId=api["ApiId"], CorsConfiguration={"AllowOrigins": ["*"], "AllowCredentials": True})
    assert _error(excinfo) == ("BadRequestException", 400)
    assert v2.get_api(ApiId=api["ApiId"])["CorsConfiguration"] == cors
