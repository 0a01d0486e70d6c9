"""The HTTP APIs of one cloud: CreateApi (with quick create) and friends, and each API's ``execute-api`` host.

``CreateApi`` answers with ``ApiEndpoint`` ``https://{api-id}.execute-api.{region}.amazonaws.com`` and registers that
host with the cloud's HTTP router (:mod:`pocketcloud.http`); requests are answered by :mod:`.execute`.
"Quick create" (``Target``): "Quick create produces an API with an integration, a default catch-all route, and a
default stage which is configured to automatically deploy changes. For HTTP integrations, specify a fully
qualified URL. For Lambda integrations, specify a function ARN. The type of the integration will be HTTP_PROXY or
AWS_PROXY, respectively." ``RouteKey`` ("If you don't specify a routeKey, a default route of $default is created")
and ``CredentialsArn`` belong to quick create too. pocketcloud gives a quick-created Lambda integration payload
format 2.0, as the console does; API Gateway does not add a Lambda permission for it (call ``add-permission``).
https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html
https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop.html#http-api-examples
Only ``ProtocolType="HTTP"`` is simulated (WebSocket APIs are refused, saying so). CORS: an API that allows
credentials cannot allow every origin (``*``), as browsers refuse that combination (pocketcloud's wording).
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..apigateway import ids
from ..apigateway.integration import HTTP_SETTINGS, LambdaClients
from ..apigateway.records import RECENT_REQUESTS, RequestRecord
from .errors import bad_request, not_found
from .integrations import new_integration
from .models import HttpApi
from .routes import add_route, parse_route_key
from .stages import auto_deploy, new_stage

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...http import HttpRequest, Respond


class HttpApiService:
    """Every HTTP API of the cloud by ID, with the latency-model settings and the recent requests."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.apis: dict[str, HttpApi] = {}
        self.settings = replace(HTTP_SETTINGS)
        self.requests: deque[RequestRecord] = deque(maxlen=RECENT_REQUESTS)

    def host(self, api_id: str) -> str:
        return f"{api_id}.execute-api.{self.cloud.region}.amazonaws.com"

    def api(self, api_id: str) -> HttpApi:
        api = self.apis.get(api_id)
        if api is None:
            raise not_found("Api", f"Invalid API identifier specified {self.cloud.account_id}:{api_id}")
        return api

    def changed(self, api: HttpApi) -> None:
        """Routes, integrations or CORS changed: redeploy auto-deploy stages."""
        auto_deploy(self, api)

    # -- operations ------------------------------------------------------------------------------------------
    def create_api(self, params: dict[str, Any]) -> dict[str, Any]:
        cloud = self.cloud
        if params["ProtocolType"] != "HTTP":
            raise bad_request("pocketcloud simulates HTTP APIs; WebSocket APIs are not simulated yet")
        cors = _cors(params.get("CorsConfiguration"))
        target = params.get("Target")
        quick: dict[str, Any] | None = None
        if target is None:
            if "RouteKey" in params or "CredentialsArn" in params:
                raise bad_request("RouteKey and CredentialsArn are part of quick create: give them with Target")
        else:
            quick = _quick_integration(target, params.get("CredentialsArn"))
            parse_route_key(params.get("RouteKey", "$default"))
        api_id = ids.new_id(cloud, 10)
        while api_id in self.apis or cloud.http.is_registered(self.host(api_id)):
            api_id = ids.new_id(cloud, 10)
        api = HttpApi(
            id=api_id,
            name=params["Name"],
            created=cloud.now,
            endpoint=f"https://{self.host(api_id)}",
            lambda_clients=LambdaClients(cloud),
            description=params.get("Description"),
            version=params.get("Version"),
            cors=cors,
            disable_execute_api_endpoint=params.get("DisableExecuteApiEndpoint", False),
            ip_address_type=params.get("IpAddressType", "ipv4"),
            route_selection_expression=params.get("RouteSelectionExpression", "$request.method $request.path"),
            api_key_selection_expression=params.get("ApiKeySelectionExpression", "$request.header.x-api-key"),
            tags=dict(params.get("Tags", {})),
        )
        if quick is not None:
            integration = new_integration(self, api, quick)
            add_route(self, api, params.get("RouteKey", "$default"), f"integrations/{integration.id}", "NONE", {})
            new_stage(self, api, "$default", {"AutoDeploy": True}, {})
        self.apis[api_id] = api
        cloud.http.register(self.host(api_id), self._handler(api))
        return dict(api.shape(), ResponseMetadata={"HTTPStatusCode": 201})

    def _handler(self, api: HttpApi) -> Any:
        from .execute import handle

        def answer(request: HttpRequest, respond: Respond) -> None:
            handle(self, api, request, respond)

        return answer

    def get_api(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.api(params["ApiId"]).shape()

    def get_apis(self, params: dict[str, Any]) -> dict[str, Any]:
        return page([api.shape() for api in self.apis.values()], params)

    def update_api(self, params: dict[str, Any]) -> dict[str, Any]:
        api = self.api(params["ApiId"])
        if "Target" in params or "RouteKey" in params or "CredentialsArn" in params:
            raise bad_request("Updating a quick-create Target, RouteKey or CredentialsArn is not simulated yet")
        cors = _cors(params["CorsConfiguration"]) if "CorsConfiguration" in params else api.cors
        fields = {
            "Name": "name",
            "Description": "description",
            "Version": "version",
            "DisableExecuteApiEndpoint": "disable_execute_api_endpoint",
            "IpAddressType": "ip_address_type",
            "RouteSelectionExpression": "route_selection_expression",
            "ApiKeySelectionExpression": "api_key_selection_expression",
        }
        for member, attribute in fields.items():
            if member in params:
                setattr(api, attribute, params[member])
        if cors != api.cors:
            api.cors = cors
            self.changed(api)
        return api.shape()

    def delete_api(self, params: dict[str, Any]) -> dict[str, Any]:
        api = self.api(params["ApiId"])
        del self.apis[api.id]
        self.cloud.http.unregister(self.host(api.id))
        return {"ResponseMetadata": {"HTTPStatusCode": 204}}


def page(items: list[dict[str, Any]], params: dict[str, Any]) -> dict[str, Any]:
    """``{"Items": [...], "NextToken": ...}`` for ``MaxResults`` (a string, as the API takes it) and
    ``NextToken`` (an opaque token pocketcloud makes from the position)."""
    start = 0
    token = params.get("NextToken")
    if token is not None:
        if not token.isdigit() or int(token) > len(items):
            raise bad_request("Invalid NextToken")
        start = int(token)
    size = len(items)
    if "MaxResults" in params:
        text = params["MaxResults"]
        if not text.isdigit() or int(text) < 1:
            raise bad_request("MaxResults must be a positive number")
        size = int(text)
    out: dict[str, Any] = {"Items": items[start : start + size]}
    if start + size < len(items):
        out["NextToken"] = str(start + size)
    return out


def _quick_integration(target: str, credentials: str | None) -> dict[str, Any]:
    if target.startswith("arn:aws:lambda:"):
        quick: dict[str, Any] = {"IntegrationType": "AWS_PROXY", "IntegrationUri": target}
        quick["PayloadFormatVersion"] = "2.0"
    elif target.startswith(("http://", "https://")):
        quick = {"IntegrationType": "HTTP_PROXY", "IntegrationUri": target, "IntegrationMethod": "ANY"}
    else:
        raise bad_request("Target must be a Lambda function ARN or an http(s) URL")
    if credentials is not None:
        quick["CredentialsArn"] = credentials
    return quick


def _cors(config: dict[str, Any] | None) -> dict[str, Any] | None:
    if config is None:
        return None
    origins = config.get("AllowOrigins", [])
    if config.get("AllowCredentials") and "*" in origins:
        raise bad_request("CORS configuration cannot allow credentials for every origin ('*'); list the origins")
    return {k: (list(v) if isinstance(v, list) else v) for k, v in config.items()}
