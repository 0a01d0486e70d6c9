"""Shared set-up for the API Gateway tests: a Lambda function, API Gateway's permission, a REST API or an HTTP API
built the way the AWS walkthroughs build them."""

from __future__ import annotations

from typing import Any

import pocketcloud

from .conftest import ROLE

ACCOUNT = "123456789012"
REGION = "ap-northeast-2"

#: Returns the event it got as the JSON body, so that tests can read what API Gateway sent.
ECHO = """
import json

def handler(event, context):
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": json.dumps(event)}
"""


def function(cloud: pocketcloud.Cloud, source: str = ECHO, name: str = "hello", **config: Any) -> str:
    """Create a function from one app.py; return its ARN."""
    params: dict[str, Any] = {
        "FunctionName": name,
        "Runtime": "python3.13",
        "Role": ROLE,
        "Handler": "app.handler",
        "Code": {"ZipFile": pocketcloud.zip_code({"app.py": source})},
    }
    params.update(config)
    arn: str = cloud.client("lambda").create_function(**params)["FunctionArn"]
    return arn


def allow(cloud: pocketcloud.Cloud, api_id: str, name: str = "hello", source_arn: str | None = None) -> None:
    """The tutorial's add-permission: API Gateway may invoke the function for any stage, method and path."""
    cloud.client("lambda").add_permission(
        FunctionName=name,
        StatementId=f"apigateway-{api_id}",
        Action="lambda:InvokeFunction",
        Principal="apigateway.amazonaws.com",
        SourceArn=source_arn or f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api_id}/*/*/*",
    )


def lambda_uri(function_arn: str) -> str:
    return f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{function_arn}/invocations"


def rest_api(
    cloud: pocketcloud.Cloud,
    function_arn: str,
    paths: tuple[str, ...] = ("{proxy+}",),
    method: str = "ANY",
    stage: str = "test",
    permission: bool = True,
    **api_params: Any,
) -> tuple[str, dict[str, str]]:
    """A REST API with a Lambda proxy method on each (nested) path, deployed to ``stage``.

    Returns the API ID and the resource IDs by path ("/" for the root)."""
    apigw = cloud.client("apigateway")
    api_id = apigw.create_rest_api(name="HelloWorld", **api_params)["id"]
    root = apigw.get_resources(restApiId=api_id)["items"][0]["id"]
    ids = {"/": root}
    for path in paths:
        parent = root
        built = ""
        for part in path.split("/"):
            if not part:
                continue
            built += "/" + part
            if built not in ids:
                ids[built] = apigw.create_resource(restApiId=api_id, parentId=parent, pathPart=part)["id"]
            parent = ids[built]
        resource = ids[built or "/"]
        apigw.put_method(restApiId=api_id, resourceId=resource, httpMethod=method, authorizationType="NONE")
        apigw.put_integration(
            restApiId=api_id,
            resourceId=resource,
            httpMethod=method,
            type="AWS_PROXY",
            integrationHttpMethod="POST",
            uri=lambda_uri(function_arn),
        )
    apigw.create_deployment(restApiId=api_id, stageName=stage)
    if permission:
        allow(cloud, api_id, function_arn.split(":")[6])
    return api_id, ids


def rest_url(api_id: str, path: str = "/", stage: str = "test") -> str:
    return f"https://{api_id}.execute-api.{REGION}.amazonaws.com/{stage}{path}"


def http_api(cloud: pocketcloud.Cloud, function_arn: str, permission: bool = True, **api_params: Any) -> dict[str, Any]:
    """A quick-created HTTP API (Lambda integration, payload 2.0, $default route, auto-deploying $default stage)."""
    api: dict[str, Any] = cloud.client("apigatewayv2").create_api(
        Name="hello", ProtocolType="HTTP", Target=function_arn, **api_params
    )
    if permission:
        allow(
            cloud,
            api["ApiId"],
            function_arn.split(":")[6],
            f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api['ApiId']}/*",
        )
    return api


def event_of(response: dict[str, Any]) -> dict[str, Any]:
    """The event the ECHO function received, from its response."""
    import json

    assert response["statusCode"] == 200, response
    body = response["body"]
    event: dict[str, Any] = json.loads(body["body"] if isinstance(body, dict) else body)
    return event


def public_url_permissions(cloud: pocketcloud.Cloud, name: str = "hello", qualifier: str | None = None) -> None:
    """The two statements of a public function URL, as
    https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html writes them."""
    lam = cloud.client("lambda")
    extra = {"Qualifier": qualifier} if qualifier else {}
    lam.add_permission(
        FunctionName=name,
        StatementId="FunctionURLAllowPublicAccess",
        Action="lambda:InvokeFunctionUrl",
        Principal="*",
        FunctionUrlAuthType="NONE",
        **extra,
    )
    lam.add_permission(
        FunctionName=name,
        StatementId="FunctionURLInvokeAllowPublicAccess",
        Action="lambda:InvokeFunction",
        Principal="*",
        InvokedViaFunctionUrl=True,
        **extra,
    )
