"""The resources of a REST API as API Gateway keeps them, and their shapes in API responses.

A REST API is a tree of resources (the root ``/`` and children with a ``pathPart`` each); a resource has methods
(``GET``, ``ANY`` ...), a method has at most one integration. None of this answers requests until it is deployed:
``CreateDeployment`` takes a snapshot of the whole tree (a :class:`Deployment`, compiled for matching) and a stage
points at one deployment. Changing a method afterwards changes nothing a client sees until the next deployment,
exactly the surprise AWS users meet ("API changes not deployed").
https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-deploy-api.html
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...timeutil import to_datetime
from .paths import PathTree

if TYPE_CHECKING:
    from .integration import LambdaClients


@dataclass
class Integration:
    type: str
    http_method: str | None
    uri: str | None
    credentials: str | None
    timeout_ms: int
    cache_namespace: str
    passthrough_behavior: str = "WHEN_NO_MATCH"
    connection_type: str | None = None
    connection_id: str | None = None
    content_handling: str | None = None
    request_parameters: dict[str, str] = field(default_factory=dict)
    request_templates: dict[str, str] = field(default_factory=dict)
    cache_key_parameters: list[str] = field(default_factory=list)

    def shape(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        if self.http_method is not None:
            out["httpMethod"] = self.http_method
        if self.uri is not None:
            out["uri"] = self.uri
        if self.connection_type is not None:
            out["connectionType"] = self.connection_type
        if self.connection_id is not None:
            out["connectionId"] = self.connection_id
        if self.credentials is not None:
            out["credentials"] = self.credentials
        if self.request_parameters:
            out["requestParameters"] = dict(self.request_parameters)
        if self.request_templates:
            out["requestTemplates"] = dict(self.request_templates)
        out["passthroughBehavior"] = self.passthrough_behavior
        if self.content_handling is not None:
            out["contentHandling"] = self.content_handling
        out["timeoutInMillis"] = self.timeout_ms
        out["cacheNamespace"] = self.cache_namespace
        out["cacheKeyParameters"] = list(self.cache_key_parameters)
        return out


@dataclass
class Method:
    http_method: str
    authorization_type: str
    api_key_required: bool = False
    authorizer_id: str | None = None
    operation_name: str | None = None
    request_validator_id: str | None = None
    request_parameters: dict[str, bool] = field(default_factory=dict)
    request_models: dict[str, str] = field(default_factory=dict)
    authorization_scopes: list[str] = field(default_factory=list)
    integration: Integration | None = None

    def shape(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "httpMethod": self.http_method,
            "authorizationType": self.authorization_type,
            "apiKeyRequired": self.api_key_required,
        }
        if self.authorizer_id is not None:
            out["authorizerId"] = self.authorizer_id
        if self.request_validator_id is not None:
            out["requestValidatorId"] = self.request_validator_id
        if self.operation_name is not None:
            out["operationName"] = self.operation_name
        if self.request_parameters:
            out["requestParameters"] = dict(self.request_parameters)
        if self.request_models:
            out["requestModels"] = dict(self.request_models)
        if self.authorization_scopes:
            out["authorizationScopes"] = list(self.authorization_scopes)
        if self.integration is not None:
            out["methodIntegration"] = self.integration.shape()
        return out


@dataclass
class Resource:
    id: str
    parent_id: str | None
    path_part: str | None
    path: str
    methods: dict[str, Method] = field(default_factory=dict)

    def shape(self, embed_methods: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.parent_id is not None:
            out["parentId"] = self.parent_id
        if self.path_part is not None:
            out["pathPart"] = self.path_part
        out["path"] = self.path
        if self.methods:
            out["resourceMethods"] = {
                name: (method.shape() if embed_methods else {}) for name, method in self.methods.items()
            }
        return out


@dataclass(frozen=True)
class DeployedMethod:
    """A method as one deployment froze it: what a request to the stage finds."""

    resource_id: str
    resource_path: str
    http_method: str
    authorization_type: str
    api_key_required: bool
    integration_type: str
    integration_http_method: str | None
    integration_uri: str | None
    credentials: str | None
    timeout_ms: int


@dataclass
class Deployment:
    id: str
    created: float
    description: str | None
    tree: PathTree[DeployedMethod]
    summary: dict[str, dict[str, dict[str, Any]]]

    def shape(self, embed_summary: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.description is not None:
            out["description"] = self.description
        out["createdDate"] = to_datetime(self.created)
        if embed_summary:
            out["apiSummary"] = {path: dict(methods) for path, methods in self.summary.items()}
        return out


@dataclass
class Stage:
    name: str
    deployment_id: str
    created: float
    updated: float
    description: str | None = None
    variables: dict[str, str] = field(default_factory=dict)
    tracing_enabled: bool = False
    cache_cluster_enabled: bool = False
    cache_cluster_size: str | None = None
    tags: dict[str, str] = field(default_factory=dict)

    def shape(self) -> dict[str, Any]:
        out: dict[str, Any] = {"deploymentId": self.deployment_id, "stageName": self.name}
        if self.description is not None:
            out["description"] = self.description
        out["cacheClusterEnabled"] = self.cache_cluster_enabled
        if self.cache_cluster_size is not None:
            out["cacheClusterSize"] = self.cache_cluster_size
        out["cacheClusterStatus"] = "AVAILABLE" if self.cache_cluster_enabled else "NOT_AVAILABLE"
        out["methodSettings"] = {}
        if self.variables:
            out["variables"] = dict(self.variables)
        out["tracingEnabled"] = self.tracing_enabled
        if self.tags:
            out["tags"] = dict(self.tags)
        out["createdDate"] = to_datetime(self.created)
        out["lastUpdatedDate"] = to_datetime(self.updated)
        return out


@dataclass
class RestApi:
    id: str
    name: str
    created: float
    root_id: str
    lambda_clients: LambdaClients
    description: str | None = None
    version: str | None = None
    binary_media_types: list[str] = field(default_factory=list)
    minimum_compression_size: int | None = None
    api_key_source: str = "HEADER"
    endpoint_type: str = "EDGE"
    ip_address_type: str = "ipv4"
    policy: str | None = None
    tags: dict[str, str] | None = None
    disable_execute_api_endpoint: bool = False
    resources: dict[str, Resource] = field(default_factory=dict)
    deployments: dict[str, Deployment] = field(default_factory=dict)
    stages: dict[str, Stage] = field(default_factory=dict)

    def shape(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name}
        if self.description is not None:
            out["description"] = self.description
        out["createdDate"] = to_datetime(self.created)
        if self.version is not None:
            out["version"] = self.version
        if self.binary_media_types:
            out["binaryMediaTypes"] = list(self.binary_media_types)
        if self.minimum_compression_size is not None:
            out["minimumCompressionSize"] = self.minimum_compression_size
        out["apiKeySource"] = self.api_key_source
        out["endpointConfiguration"] = {"types": [self.endpoint_type], "ipAddressType": self.ip_address_type}
        if self.policy is not None:
            out["policy"] = self.policy
        if self.tags is not None:
            out["tags"] = dict(self.tags)
        out["disableExecuteApiEndpoint"] = self.disable_execute_api_endpoint
        out["rootResourceId"] = self.root_id
        return out
