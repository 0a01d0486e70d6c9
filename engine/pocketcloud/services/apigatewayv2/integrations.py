"""HTTP API integrations: CreateIntegration / GetIntegration(s) / UpdateIntegration / DeleteIntegration.

A Lambda proxy integration is ``IntegrationType="AWS_PROXY"`` with the function's ARN (or its Lambda invocation
URI) as ``IntegrationUri``. "The payload format version specifies the format of the event that API Gateway sends to
a Lambda integration, and how API Gateway interprets the response from Lambda ... The supported values are 1.0 and
2.0"; other integration types support only 1.0. Omitted, it is 1.0 (the API's default, which the console and quick
create replace with 2.0). ``IntegrationMethod`` is POST for Lambda, ``ConnectionType`` INTERNET, and
``TimeoutInMillis`` 50 to 30,000, 30,000 by default ("Timeout should be between 50 ms and 30000 ms").
https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations.html
An integration a route still targets cannot be deleted (pocketcloud's wording; AWS refuses it with a
ConflictException). Only AWS_PROXY integrations with Lambda answer requests; the others are stored and answer 500.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import limits
from ..apigateway import ids
from ..apigateway.integration import lambda_function
from .errors import bad_request, conflict, not_found
from .models import HttpApi, Integration

if TYPE_CHECKING:
    from .service import HttpApiService

_EXTRA = (
    "ConnectionId",
    "ContentHandlingStrategy",
    "IntegrationSubtype",
    "PassthroughBehavior",
    "RequestParameters",
    "RequestTemplates",
    "ResponseParameters",
    "TemplateSelectionExpression",
    "TlsConfig",
)


def check_timeout(timeout: int | None) -> int:
    if timeout is None:
        return limits.APIGATEWAY_HTTP_TIMEOUT_DEFAULT_MS
    if not limits.APIGATEWAY_HTTP_TIMEOUT_MIN_MS <= timeout <= limits.APIGATEWAY_HTTP_TIMEOUT_MAX_MS:
        raise bad_request("Timeout should be between 50 ms and 30000 ms")
    return timeout


def _checked(kind: str, uri: str | None, version: str) -> None:
    if kind == "AWS_PROXY":
        if not uri or lambda_function(uri) is None:
            raise bad_request(
                "Integration URI for an AWS_PROXY integration must be a Lambda function ARN (pocketcloud simulates "
                "Lambda proxy integrations)"
            )
        if version not in ("1.0", "2.0"):
            raise bad_request("Payload format version must be 1.0 or 2.0 for Lambda proxy integrations")
    elif version != "1.0":
        raise bad_request(f"Payload format version {version} is not supported for {kind} integrations; use 1.0")
    if kind in ("HTTP_PROXY", "HTTP") and not (uri or "").startswith(("http://", "https://", "arn:")):
        raise bad_request("Invalid HTTP endpoint specified for URI")


def new_integration(service: HttpApiService, api: HttpApi, params: dict[str, Any]) -> Integration:
    kind = params["IntegrationType"]
    uri = params.get("IntegrationUri")
    version = params.get("PayloadFormatVersion", "1.0")
    _checked(kind, uri, version)
    timeout = check_timeout(params.get("TimeoutInMillis"))
    integration_id = ids.new_id(service.cloud, 7)
    while integration_id in api.integrations:
        integration_id = ids.new_id(service.cloud, 7)
    method = params.get("IntegrationMethod", "POST" if kind == "AWS_PROXY" else None)
    integration = Integration(
        id=integration_id,
        type=kind,
        uri=uri,
        method=method,
        payload_format_version=version,
        timeout_ms=timeout,
        connection_type=params.get("ConnectionType", "INTERNET"),
        credentials_arn=params.get("CredentialsArn"),
        description=params.get("Description"),
        extra={k: params[k] for k in _EXTRA if k in params},
    )
    api.integrations[integration_id] = integration
    return integration


def create_integration(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    api = service.api(params["ApiId"])
    integration = new_integration(service, api, params)
    service.changed(api)
    return dict(integration.shape(), ResponseMetadata={"HTTPStatusCode": 201})


def _integration(service: HttpApiService, params: dict[str, Any]) -> tuple[HttpApi, Integration]:
    api = service.api(params["ApiId"])
    integration = api.integrations.get(params["IntegrationId"])
    if integration is None:
        raise not_found("Integration", f"Invalid Integration identifier specified {params['IntegrationId']}")
    return api, integration


def get_integration(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    return _integration(service, params)[1].shape()


def get_integrations(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    from .service import page

    api = service.api(params["ApiId"])
    return page([integration.shape() for integration in api.integrations.values()], params)


def update_integration(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    api, integration = _integration(service, params)
    kind = params.get("IntegrationType", integration.type)
    uri = params.get("IntegrationUri", integration.uri)
    version = params.get("PayloadFormatVersion", integration.payload_format_version)
    _checked(kind, uri, version)
    timeout = check_timeout(params.get("TimeoutInMillis", integration.timeout_ms))
    integration.type = kind
    integration.uri = uri
    integration.payload_format_version = version
    integration.timeout_ms = timeout
    if "IntegrationMethod" in params:
        integration.method = params["IntegrationMethod"]
    if "ConnectionType" in params:
        integration.connection_type = params["ConnectionType"]
    if "CredentialsArn" in params:
        integration.credentials_arn = params["CredentialsArn"]
    if "Description" in params:
        integration.description = params["Description"]
    integration.extra.update({k: params[k] for k in _EXTRA if k in params})
    service.changed(api)
    return integration.shape()


def delete_integration(service: HttpApiService, params: dict[str, Any]) -> dict[str, Any]:
    api, integration = _integration(service, params)
    target = f"integrations/{integration.id}"
    if any(route.target == target for route in api.routes.values()):
        raise conflict(f"Integration {integration.id} is still the target of a route; change or delete the route first")
    del api.integrations[integration.id]
    service.changed(api)
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}
