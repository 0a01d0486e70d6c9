"""``cloud.client("lambda")``: the Lambda API with boto3's operation and parameter names.

Each method names its AWS operation and parameters and hands the request to the module that implements it;
the shapes of requests and responses follow the Lambda API reference.
https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html
"""

from __future__ import annotations

import base64
from typing import Any

from ... import limits
from ...client import BaseClient, operation
from ...streams import StreamingBody
from . import concurrency, functions, invocations, layers, permissions, versions
from .service import LambdaService

_CREATE_OPTIONAL = (
    "Runtime", "Handler", "Description", "Timeout", "MemorySize", "Publish", "Environment", "Architectures",
    "PackageType", "Tags", "Layers", "TracingConfig", "EphemeralStorage", "LoggingConfig", "DeadLetterConfig",
    "KMSKeyArn", "VpcConfig", "SnapStart", "CodeSigningConfigArn", "FileSystemConfigs", "ImageConfig",
)  # fmt: skip
_CONFIG_OPTIONAL = (
    "Role", "Handler", "Description", "Timeout", "MemorySize", "Environment", "Runtime", "Layers", "RevisionId",
    "EphemeralStorage", "TracingConfig", "LoggingConfig", "DeadLetterConfig", "KMSKeyArn", "VpcConfig",
    "SnapStart", "FileSystemConfigs", "ImageConfig",
)  # fmt: skip


class LambdaClient(BaseClient):
    """A boto3-shaped Lambda client. Every call goes to the cloud's one Lambda service state."""

    service_name = "lambda"
    error_codes = (
        "ResourceNotFoundException",
        "ResourceConflictException",
        "InvalidParameterValueException",
        "InvalidRequestContentException",
        "RequestTooLargeException",
        "RequestEntityTooLargeException",
        "ValidationException",
        "AccessDeniedException",
        "ServiceException",
        "TooManyRequestsException",
        "PreconditionFailedException",
        "ProvisionedConcurrencyConfigNotFoundException",
    )

    @property
    def _service(self) -> LambdaService:
        service: LambdaService = self._cloud.backend("lambda", LambdaService)
        return service

    # -- functions -------------------------------------------------------------------------------------------
    @operation("CreateFunction", required=("FunctionName", "Role", "Code"), optional=_CREATE_OPTIONAL)
    def create_function(self, **params: Any) -> dict[str, Any]:
        """Create a function from a .zip package (``Code={"ZipFile": pocketcloud.zip_code({...})}``)."""
        return functions.create_function(self._service, params)

    @operation(
        "UpdateFunctionCode",
        required=("FunctionName",),
        optional=("ZipFile", "S3Bucket", "S3Key", "S3ObjectVersion", "ImageUri", "Publish", "DryRun", "RevisionId",
                  "Architectures", "SourceKMSKeyArn"),
    )  # fmt: skip
    def update_function_code(self, **params: Any) -> dict[str, Any]:
        return functions.update_function_code(self._service, params)

    @operation("UpdateFunctionConfiguration", required=("FunctionName",), optional=_CONFIG_OPTIONAL)
    def update_function_configuration(self, **params: Any) -> dict[str, Any]:
        return functions.update_function_configuration(self._service, params)

    @operation("GetFunction", required=("FunctionName",), optional=("Qualifier",))
    def get_function(self, **params: Any) -> dict[str, Any]:
        return functions.get_function(self._service, params)

    @operation("GetFunctionConfiguration", required=("FunctionName",), optional=("Qualifier",))
    def get_function_configuration(self, **params: Any) -> dict[str, Any]:
        return functions.get_function_configuration(self._service, params)

    @operation("ListFunctions", optional=("Marker", "MaxItems", "MasterRegion", "FunctionVersion"))
    def list_functions(self, **params: Any) -> dict[str, Any]:
        return functions.list_functions(self._service, params)

    @operation("DeleteFunction", required=("FunctionName",), optional=("Qualifier",))
    def delete_function(self, **params: Any) -> dict[str, Any]:
        return functions.delete_function(self._service, params)

    # -- versions and aliases --------------------------------------------------------------------------------
    @operation("PublishVersion", required=("FunctionName",), optional=("CodeSha256", "Description", "RevisionId"))
    def publish_version(self, **params: Any) -> dict[str, Any]:
        return versions.publish_version(self._service, params)

    @operation("ListVersionsByFunction", required=("FunctionName",), optional=("Marker", "MaxItems"))
    def list_versions_by_function(self, **params: Any) -> dict[str, Any]:
        return versions.list_versions_by_function(self._service, params)

    @operation(
        "CreateAlias",
        required=("FunctionName", "Name", "FunctionVersion"),
        optional=("Description", "RoutingConfig"),
    )
    def create_alias(self, **params: Any) -> dict[str, Any]:
        return versions.create_alias(self._service, params)

    @operation("GetAlias", required=("FunctionName", "Name"))
    def get_alias(self, **params: Any) -> dict[str, Any]:
        return versions.get_alias(self._service, params)

    @operation(
        "UpdateAlias",
        required=("FunctionName", "Name"),
        optional=("FunctionVersion", "Description", "RoutingConfig", "RevisionId"),
    )
    def update_alias(self, **params: Any) -> dict[str, Any]:
        return versions.update_alias(self._service, params)

    @operation("DeleteAlias", required=("FunctionName", "Name"))
    def delete_alias(self, **params: Any) -> dict[str, Any]:
        return versions.delete_alias(self._service, params)

    @operation("ListAliases", required=("FunctionName",), optional=("FunctionVersion", "Marker", "MaxItems"))
    def list_aliases(self, **params: Any) -> dict[str, Any]:
        return versions.list_aliases(self._service, params)

    # -- layers ----------------------------------------------------------------------------------------------
    @operation(
        "PublishLayerVersion",
        required=("LayerName", "Content"),
        optional=("Description", "CompatibleRuntimes", "LicenseInfo", "CompatibleArchitectures"),
    )
    def publish_layer_version(self, **params: Any) -> dict[str, Any]:
        return layers.publish_layer_version(self._service, params)

    @operation("GetLayerVersion", required=("LayerName", "VersionNumber"))
    def get_layer_version(self, **params: Any) -> dict[str, Any]:
        return layers.get_layer_version(self._service, params)

    @operation("GetLayerVersionByArn", required=("Arn",))
    def get_layer_version_by_arn(self, **params: Any) -> dict[str, Any]:
        return layers.get_layer_version_by_arn(self._service, params)

    @operation("ListLayers", optional=("CompatibleRuntime", "Marker", "MaxItems", "CompatibleArchitecture"))
    def list_layers(self, **params: Any) -> dict[str, Any]:
        return layers.list_layers(self._service, params)

    @operation(
        "ListLayerVersions",
        required=("LayerName",),
        optional=("CompatibleRuntime", "Marker", "MaxItems", "CompatibleArchitecture"),
    )
    def list_layer_versions(self, **params: Any) -> dict[str, Any]:
        return layers.list_layer_versions(self._service, params)

    @operation("DeleteLayerVersion", required=("LayerName", "VersionNumber"))
    def delete_layer_version(self, **params: Any) -> dict[str, Any]:
        return layers.delete_layer_version(self._service, params)

    # -- concurrency -----------------------------------------------------------------------------------------
    @operation("PutFunctionConcurrency", required=("FunctionName", "ReservedConcurrentExecutions"))
    def put_function_concurrency(self, **params: Any) -> dict[str, Any]:
        return concurrency.put_function_concurrency(self._service, params)

    @operation("GetFunctionConcurrency", required=("FunctionName",))
    def get_function_concurrency(self, **params: Any) -> dict[str, Any]:
        return concurrency.get_function_concurrency(self._service, params)

    @operation("DeleteFunctionConcurrency", required=("FunctionName",))
    def delete_function_concurrency(self, **params: Any) -> dict[str, Any]:
        return concurrency.delete_function_concurrency(self._service, params)

    @operation(
        "PutProvisionedConcurrencyConfig",
        required=("FunctionName", "Qualifier", "ProvisionedConcurrentExecutions"),
    )
    def put_provisioned_concurrency_config(self, **params: Any) -> dict[str, Any]:
        return concurrency.put_provisioned_concurrency_config(self._service, params)

    @operation("GetProvisionedConcurrencyConfig", required=("FunctionName", "Qualifier"))
    def get_provisioned_concurrency_config(self, **params: Any) -> dict[str, Any]:
        return concurrency.get_provisioned_concurrency_config(self._service, params)

    @operation("DeleteProvisionedConcurrencyConfig", required=("FunctionName", "Qualifier"))
    def delete_provisioned_concurrency_config(self, **params: Any) -> dict[str, Any]:
        return concurrency.delete_provisioned_concurrency_config(self._service, params)

    # -- permissions -----------------------------------------------------------------------------------------
    @operation(
        "AddPermission",
        required=("FunctionName", "StatementId", "Action", "Principal"),
        optional=("SourceArn", "SourceAccount", "EventSourceToken", "Qualifier", "RevisionId", "PrincipalOrgID",
                  "FunctionUrlAuthType", "InvokedViaFunctionUrl"),
    )  # fmt: skip
    def add_permission(self, **params: Any) -> dict[str, Any]:
        return permissions.add_permission(self._service, params)

    @operation("GetPolicy", required=("FunctionName",), optional=("Qualifier",))
    def get_policy(self, **params: Any) -> dict[str, Any]:
        return permissions.get_policy(self._service, params)

    @operation("RemovePermission", required=("FunctionName", "StatementId"), optional=("Qualifier", "RevisionId"))
    def remove_permission(self, **params: Any) -> dict[str, Any]:
        return permissions.remove_permission(self._service, params)

    # -- invoke ----------------------------------------------------------------------------------------------
    @operation(
        "Invoke",
        required=("FunctionName",),
        optional=("InvocationType", "LogType", "ClientContext", "Payload", "Qualifier"),
    )
    def invoke(self, **params: Any) -> dict[str, Any]:
        """Invoke a function. ``RequestResponse`` waits (on the virtual clock) for the result, as boto3 does;
        ``Event`` queues it and returns 202 at once; ``DryRun`` only checks the request and returns 204.

        A synchronous response has ``StatusCode``, ``ExecutedVersion``, a readable ``Payload`` and, when the
        function failed, ``FunctionError``; with ``LogType="Tail"`` also ``LogResult``: the base64-encoded last
        4 KB of the invocation's log. https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
        """
        result = invocations.invoke(self._service, params)
        invocation = result.invocation
        response: dict[str, Any] = {"ResponseMetadata": {"HTTPStatusCode": result.status}, "StatusCode": result.status}
        if invocation is None:
            response["Payload"] = StreamingBody(b"")
            return response
        response["ResponseMetadata"]["RequestId"] = invocation.request_id
        if invocation.function_error:
            response["FunctionError"] = invocation.function_error
        if result.log_tail:
            tail = invocation.log_text.encode("utf-8")[-limits.LAMBDA_LOG_TAIL_BYTES :]
            response["LogResult"] = base64.b64encode(tail).decode("ascii")
        response["ExecutedVersion"] = result.executed_version
        response["Payload"] = StreamingBody(invocation.payload)
        return response
