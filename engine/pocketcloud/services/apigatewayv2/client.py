"""``cloud.client("apigatewayv2")``: API Gateway HTTP APIs with boto3's operation and parameter names.

The shortest way to an API is quick create::

    api = cloud.client("apigatewayv2").create_api(Name="hello", ProtocolType="HTTP", Target=function_arn)
    lam.add_permission(FunctionName="hello", StatementId="apigw", Action="lambda:InvokeFunction",
                       Principal="apigateway.amazonaws.com",
                       SourceArn=f"arn:aws:execute-api:{region}:{account}:{api['ApiId']}/*")
    cloud.http_request("GET", api["ApiEndpoint"] + "/anything?name=me")

or step by step: CreateApi, CreateIntegration (``IntegrationType="AWS_PROXY"``, ``PayloadFormatVersion="2.0"``),
CreateRoute (``RouteKey="GET /pets/{id}"``, ``Target=f"integrations/{integration_id}"``), CreateStage
(``StageName="$default"``, ``AutoDeploy=True``). Requests are answered by :mod:`.execute`.
https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop.html
Not simulated: WebSocket APIs, authorizers (JWT and Lambda), HTTP and private integrations at request time,
parameter mapping, custom domains and API mappings, VPC links, access-log delivery, throttling settings,
import/export, tags operations.
"""

from __future__ import annotations

from typing import Any

from ...client import BaseClient, OperationSpec, operation
from . import integrations, routes, stages
from .service import HttpApiService
from .validation import HttpOperationSpec


class ApiGatewayV2Client(BaseClient):
    """A boto3-shaped API Gateway V2 client for HTTP APIs. Every call goes to the cloud's one HTTP API state."""

    service_name = "apigatewayv2"
    validation_error_code = "BadRequestException"

    @property
    def _service(self) -> HttpApiService:
        service: HttpApiService = self._cloud.backend("apigatewayv2", HttpApiService)
        return service

    def _spec(self, name: str) -> OperationSpec:
        spec = HttpOperationSpec(self.meta.service_model, name, self.validation_error_code)
        self._specs[name] = spec
        return spec

    # -- APIs ------------------------------------------------------------------------------------------------
    @operation("CreateApi")
    def create_api(self, **params: Any) -> dict[str, Any]:
        """Create an HTTP API; with ``Target`` (a function ARN or URL), quick-create its integration, a
        ``$default`` route and an auto-deploying ``$default`` stage."""
        return self._service.create_api(params)

    @operation("GetApi")
    def get_api(self, **params: Any) -> dict[str, Any]:
        return self._service.get_api(params)

    @operation("GetApis")
    def get_apis(self, **params: Any) -> dict[str, Any]:
        return self._service.get_apis(params)

    @operation("UpdateApi")
    def update_api(self, **params: Any) -> dict[str, Any]:
        return self._service.update_api(params)

    @operation("DeleteApi")
    def delete_api(self, **params: Any) -> dict[str, Any]:
        return self._service.delete_api(params)

    # -- integrations ----------------------------------------------------------------------------------------
    @operation("CreateIntegration")
    def create_integration(self, **params: Any) -> dict[str, Any]:
        return integrations.create_integration(self._service, params)

    @operation("GetIntegration")
    def get_integration(self, **params: Any) -> dict[str, Any]:
        return integrations.get_integration(self._service, params)

    @operation("GetIntegrations")
    def get_integrations(self, **params: Any) -> dict[str, Any]:
        return integrations.get_integrations(self._service, params)

    @operation("UpdateIntegration")
    def update_integration(self, **params: Any) -> dict[str, Any]:
        return integrations.update_integration(self._service, params)

    @operation("DeleteIntegration")
    def delete_integration(self, **params: Any) -> dict[str, Any]:
        return integrations.delete_integration(self._service, params)

    # -- routes ----------------------------------------------------------------------------------------------
    @operation("CreateRoute")
    def create_route(self, **params: Any) -> dict[str, Any]:
        """Create a route: ``RouteKey`` is ``$default`` or ``METHOD /path`` (``{param}``, ``{proxy+}``)."""
        return routes.create_route(self._service, params)

    @operation("GetRoute")
    def get_route(self, **params: Any) -> dict[str, Any]:
        return routes.get_route(self._service, params)

    @operation("GetRoutes")
    def get_routes(self, **params: Any) -> dict[str, Any]:
        return routes.get_routes(self._service, params)

    @operation("UpdateRoute")
    def update_route(self, **params: Any) -> dict[str, Any]:
        return routes.update_route(self._service, params)

    @operation("DeleteRoute")
    def delete_route(self, **params: Any) -> dict[str, Any]:
        return routes.delete_route(self._service, params)

    # -- stages and deployments ------------------------------------------------------------------------------
    @operation("CreateStage")
    def create_stage(self, **params: Any) -> dict[str, Any]:
        """Create a stage; ``$default`` is served at the API's root, other stages under ``/{StageName}``."""
        return stages.create_stage(self._service, params)

    @operation("GetStage")
    def get_stage(self, **params: Any) -> dict[str, Any]:
        return stages.get_stage(self._service, params)

    @operation("GetStages")
    def get_stages(self, **params: Any) -> dict[str, Any]:
        return stages.get_stages(self._service, params)

    @operation("UpdateStage")
    def update_stage(self, **params: Any) -> dict[str, Any]:
        return stages.update_stage(self._service, params)

    @operation("DeleteStage")
    def delete_stage(self, **params: Any) -> dict[str, Any]:
        return stages.delete_stage(self._service, params)

    @operation("CreateDeployment")
    def create_deployment(self, **params: Any) -> dict[str, Any]:
        return stages.create_deployment(self._service, params)

    @operation("GetDeployment")
    def get_deployment(self, **params: Any) -> dict[str, Any]:
        return stages.get_deployment(self._service, params)

    @operation("GetDeployments")
    def get_deployments(self, **params: Any) -> dict[str, Any]:
        return stages.get_deployments(self._service, params)

    @operation("DeleteDeployment")
    def delete_deployment(self, **params: Any) -> dict[str, Any]:
        return stages.delete_deployment(self._service, params)
