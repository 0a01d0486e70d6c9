"""An HTTP API as API Gateway keeps it: integrations, routes, stages and deployments, and their API shapes.

Routes send requests to integrations (``Target: "integrations/{id}"``). As for REST APIs nothing answers until it
is deployed; a stage with ``AutoDeploy`` gets a new deployment after every change ("configured to automatically
deploy changes"), which is how quick create's ``$default`` stage works.
https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop.html
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...timeutil import to_datetime
from ..apigateway.paths import PathTree

if TYPE_CHECKING:
    from ..apigateway.integration import LambdaClients


@dataclass
class Integration:
    id: str
    type: str
    uri: str | None
    method: str | None
    payload_format_version: str
    timeout_ms: int
    connection_type: str = "INTERNET"
    credentials_arn: str | None = None
    description: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def shape(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ConnectionType": self.connection_type}
        if self.credentials_arn is not None:
            out["CredentialsArn"] = self.credentials_arn
        if self.description is not None:
            out["Description"] = self.description
        out["IntegrationId"] = self.id
        if self.method is not None:
            out["IntegrationMethod"] = self.method
        out["IntegrationType"] = self.type
        if self.uri is not None:
            out["IntegrationUri"] = self.uri
        out["PayloadFormatVersion"] = self.payload_format_version
        out["TimeoutInMillis"] = self.timeout_ms
        out.update(self.extra)
        return out


@dataclass
class Route:
    id: str
    key: str
    target: str | None
    authorization_type: str = "NONE"
    api_key_required: bool = False
    operation_name: str | None = None

    def shape(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "ApiKeyRequired": self.api_key_required,
            "AuthorizationType": self.authorization_type,
        }
        if self.operation_name is not None:
            out["OperationName"] = self.operation_name
        out["RouteId"] = self.id
        out["RouteKey"] = self.key
        if self.target is not None:
            out["Target"] = self.target
        return out


@dataclass(frozen=True)
class DeployedRoute:
    """A route and its integration as one deployment froze them."""

    route_key: str
    method: str
    path: str
    authorization_type: str
    integration_type: str | None
    integration_uri: str | None
    payload_format_version: str
    timeout_ms: int
    credentials_arn: str | None


@dataclass
class Deployment:
    id: str
    created: float
    auto_deployed: bool
    description: str | None
    tree: PathTree[DeployedRoute]
    default_route: DeployedRoute | None
    cors: dict[str, Any] | None

    def shape(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "AutoDeployed": self.auto_deployed,
            "CreatedDate": to_datetime(self.created),
            "DeploymentId": self.id,
            "DeploymentStatus": "DEPLOYED",
        }
        if self.description is not None:
            out["Description"] = self.description
        return out


@dataclass
class Stage:
    name: str
    created: float
    updated: float
    auto_deploy: bool = False
    deployment_id: str | None = None
    description: str | None = None
    variables: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    status_message: str | None = None

    def shape(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.auto_deploy:
            out["AutoDeploy"] = True
        out["CreatedDate"] = to_datetime(self.created)
        out["DefaultRouteSettings"] = {"DetailedMetricsEnabled": False}
        if self.deployment_id is not None:
            out["DeploymentId"] = self.deployment_id
        if self.description is not None:
            out["Description"] = self.description
        if self.status_message is not None:
            out["LastDeploymentStatusMessage"] = self.status_message
        out["LastUpdatedDate"] = to_datetime(self.updated)
        out["RouteSettings"] = {}
        out["StageName"] = self.name
        out["StageVariables"] = dict(self.variables)
        out["Tags"] = dict(self.tags)
        return out


@dataclass
class HttpApi:
    id: str
    name: str
    created: float
    endpoint: str
    lambda_clients: LambdaClients
    description: str | None = None
    version: str | None = None
    cors: dict[str, Any] | None = None
    disable_execute_api_endpoint: bool = False
    ip_address_type: str = "ipv4"
    route_selection_expression: str = "$request.method $request.path"
    api_key_selection_expression: str = "$request.header.x-api-key"
    tags: dict[str, str] = field(default_factory=dict)
    integrations: dict[str, Integration] = field(default_factory=dict)
    routes: dict[str, Route] = field(default_factory=dict)
    stages: dict[str, Stage] = field(default_factory=dict)
    deployments: dict[str, Deployment] = field(default_factory=dict)

    def shape(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "ApiEndpoint": self.endpoint,
            "ApiId": self.id,
            "ApiKeySelectionExpression": self.api_key_selection_expression,
        }
        if self.cors is not None:
            out["CorsConfiguration"] = {k: list(v) if isinstance(v, list) else v for k, v in self.cors.items()}
        out["CreatedDate"] = to_datetime(self.created)
        if self.description is not None:
            out["Description"] = self.description
        out["DisableExecuteApiEndpoint"] = self.disable_execute_api_endpoint
        out["IpAddressType"] = self.ip_address_type
        out["Name"] = self.name
        out["ProtocolType"] = "HTTP"
        out["RouteSelectionExpression"] = self.route_selection_expression
        out["Tags"] = dict(self.tags)
        if self.version is not None:
            out["Version"] = self.version
        return out
