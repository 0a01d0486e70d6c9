"""``cloud.client("apigateway")``: API Gateway REST APIs with boto3's operation and parameter names.

Enough of the API to build a REST API as the AWS tutorials do (create-rest-api, get-resources, create-resource,
put-method, put-integration of type AWS_PROXY, create-deployment with a stage, create-stage), and to look at and
change it::

    apigw = cloud.client("apigateway")
    api = apigw.create_rest_api(name="HelloWorld")
    root = apigw.get_resources(restApiId=api["id"])["items"][0]["id"]
    res = apigw.create_resource(restApiId=api["id"], parentId=root, pathPart="{proxy+}")
    apigw.put_method(restApiId=api["id"], resourceId=res["id"], httpMethod="ANY", authorizationType="NONE")
    apigw.put_integration(restApiId=api["id"], resourceId=res["id"], httpMethod="ANY", type="AWS_PROXY",
                          integrationHttpMethod="POST",
                          uri=f"arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{fn_arn}/invocations")
    apigw.create_deployment(restApiId=api["id"], stageName="test")
    lam.add_permission(FunctionName=fn, StatementId="apigw", Action="lambda:InvokeFunction",
                       Principal="apigateway.amazonaws.com",
                       SourceArn=f"arn:aws:execute-api:{region}:{account}:{api['id']}/*/*/*")
    cloud.http_request("GET", f"https://{api['id']}.execute-api.{region}.amazonaws.com/test/hello")

https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
Requests to the deployed API are answered by :mod:`.execute`. Not simulated: authorizers, API keys and usage
plans, models and request validation, method/integration responses and mapping templates (non-proxy
integrations), gateway responses, custom domains, caching, canaries, documentation, VPC links, import/export.
"""

from __future__ import annotations

from typing import Any

from ...client import BaseClient, OperationSpec, operation
from . import deployments, resources
from .service import RestApiService
from .validation import RestOperationSpec


class ApiGatewayClient(BaseClient):
    """A boto3-shaped API Gateway (REST API) client. Every call goes to the cloud's one REST API state."""

    service_name = "apigateway"
    validation_error_code = "ValidationException"

    @property
    def _service(self) -> RestApiService:
        service: RestApiService = self._cloud.backend("apigateway", RestApiService)
        return service

    def _spec(self, name: str) -> OperationSpec:
        spec = RestOperationSpec(self.meta.service_model, name, self.validation_error_code)
        self._specs[name] = spec
        return spec

    # -- REST APIs -------------------------------------------------------------------------------------------
    @operation("CreateRestApi")
    def create_rest_api(self, **params: Any) -> dict[str, Any]:
        """Create a REST API with its root resource ``/``; its ``execute-api`` host starts answering at once."""
        return self._service.create_rest_api(params)

    @operation("GetRestApi")
    def get_rest_api(self, **params: Any) -> dict[str, Any]:
        return self._service.get_rest_api(params)

    @operation("GetRestApis")
    def get_rest_apis(self, **params: Any) -> dict[str, Any]:
        return self._service.get_rest_apis(params)

    @operation("UpdateRestApi")
    def update_rest_api(self, **params: Any) -> dict[str, Any]:
        """Patch ``/name``, ``/description``, ``/minimumCompressionSize``, ``/disableExecuteApiEndpoint`` or
        ``/binaryMediaTypes/{type}`` (``~1`` for ``/``)."""
        return self._service.update_rest_api(params)

    @operation("DeleteRestApi")
    def delete_rest_api(self, **params: Any) -> dict[str, Any]:
        return self._service.delete_rest_api(params)

    # -- resources, methods, integrations --------------------------------------------------------------------
    @operation("GetResources")
    def get_resources(self, **params: Any) -> dict[str, Any]:
        return resources.get_resources(self._service, params)

    @operation("GetResource")
    def get_resource(self, **params: Any) -> dict[str, Any]:
        return resources.get_resource(self._service, params)

    @operation("CreateResource")
    def create_resource(self, **params: Any) -> dict[str, Any]:
        return resources.create_resource(self._service, params)

    @operation("DeleteResource")
    def delete_resource(self, **params: Any) -> dict[str, Any]:
        return resources.delete_resource(self._service, params)

    @operation("PutMethod")
    def put_method(self, **params: Any) -> dict[str, Any]:
        return resources.put_method(self._service, params)

    @operation("GetMethod")
    def get_method(self, **params: Any) -> dict[str, Any]:
        return resources.get_method(self._service, params)

    @operation("DeleteMethod")
    def delete_method(self, **params: Any) -> dict[str, Any]:
        return resources.delete_method(self._service, params)

    @operation("PutIntegration")
    def put_integration(self, **params: Any) -> dict[str, Any]:
        """Integrate a method; ``type="AWS_PROXY"`` with ``integrationHttpMethod="POST"`` and a Lambda invocation
        URI is the Lambda proxy integration pocketcloud runs."""
        return resources.put_integration(self._service, params)

    @operation("GetIntegration")
    def get_integration(self, **params: Any) -> dict[str, Any]:
        return resources.get_integration(self._service, params)

    @operation("DeleteIntegration")
    def delete_integration(self, **params: Any) -> dict[str, Any]:
        return resources.delete_integration(self._service, params)

    # -- deployments and stages ------------------------------------------------------------------------------
    @operation("CreateDeployment")
    def create_deployment(self, **params: Any) -> dict[str, Any]:
        """Snapshot the API for clients; with ``stageName``, create or update that stage to serve it."""
        return deployments.create_deployment(self._service, params)

    @operation("GetDeployment")
    def get_deployment(self, **params: Any) -> dict[str, Any]:
        return deployments.get_deployment(self._service, params)

    @operation("GetDeployments")
    def get_deployments(self, **params: Any) -> dict[str, Any]:
        return deployments.get_deployments(self._service, params)

    @operation("DeleteDeployment")
    def delete_deployment(self, **params: Any) -> dict[str, Any]:
        return deployments.delete_deployment(self._service, params)

    @operation("CreateStage")
    def create_stage(self, **params: Any) -> dict[str, Any]:
        return deployments.create_stage(self._service, params)

    @operation("GetStage")
    def get_stage(self, **params: Any) -> dict[str, Any]:
        return deployments.get_stage(self._service, params)

    @operation("GetStages")
    def get_stages(self, **params: Any) -> dict[str, Any]:
        return deployments.get_stages(self._service, params)

    @operation("UpdateStage")
    def update_stage(self, **params: Any) -> dict[str, Any]:
        """Patch ``/deploymentId``, ``/description``, ``/tracingEnabled`` or ``/variables/{name}``."""
        return deployments.update_stage(self._service, params)

    @operation("DeleteStage")
    def delete_stage(self, **params: Any) -> dict[str, Any]:
        return deployments.delete_stage(self._service, params)
