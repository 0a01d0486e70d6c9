"""``cloud.client("lambda")``: the Lambda API with boto3's operation and parameter names."""

from __future__ import annotations

import base64
from typing import Any

from ... import limits
from ...client import BaseClient, operation
from ...streams import StreamingBody
from .service import LambdaService


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
    )

    @property
    def _service(self) -> LambdaService:
        service: LambdaService = self._cloud.backend("lambda", LambdaService)
        return service

    @operation(
        "CreateFunction",
        required=("FunctionName", "Role", "Code"),
        optional=(
            "Runtime",
            "Handler",
            "Description",
            "Timeout",
            "MemorySize",
            "Publish",
            "Environment",
            "Architectures",
            "PackageType",
            "Tags",
            "Layers",
            "TracingConfig",
            "EphemeralStorage",
            "LoggingConfig",
            "DeadLetterConfig",
            "KMSKeyArn",
            "VpcConfig",
            "SnapStart",
            "CodeSigningConfigArn",
            "FileSystemConfigs",
            "ImageConfig",
        ),
    )
    def create_function(self, **params: Any) -> dict[str, Any]:
        """Create a function from a .zip package (``Code={"ZipFile": pocketcloud.zip_code({...})}``)."""
        return self._service.create_function(params)

    @operation("GetFunction", required=("FunctionName",), optional=("Qualifier",))
    def get_function(self, **params: Any) -> dict[str, Any]:
        return self._service.get_function(params)

    @operation("GetFunctionConfiguration", required=("FunctionName",), optional=("Qualifier",))
    def get_function_configuration(self, **params: Any) -> dict[str, Any]:
        return self._service.get_function_configuration(params)

    @operation("ListFunctions", optional=("Marker", "MaxItems", "MasterRegion", "FunctionVersion"))
    def list_functions(self, **params: Any) -> dict[str, Any]:
        return self._service.list_functions(params)

    @operation("DeleteFunction", required=("FunctionName",), optional=("Qualifier",))
    def delete_function(self, **params: Any) -> dict[str, Any]:
        return self._service.delete_function(params)

    @operation(
        "Invoke",
        required=("FunctionName",),
        optional=("InvocationType", "LogType", "ClientContext", "Payload", "Qualifier"),
    )
    def invoke(self, **params: Any) -> dict[str, Any]:
        """Invoke a function. ``RequestResponse`` waits (on the virtual clock) for the result, as boto3 does.

        The response has ``StatusCode``, ``ExecutedVersion``, a readable ``Payload`` and, when the function
        failed, ``FunctionError``; with ``LogType="Tail"`` also ``LogResult``: the base64-encoded last 4 KB of
        the invocation's log. https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
        """
        invocation, options = self._service.invoke(params)
        response: dict[str, Any] = {
            "ResponseMetadata": {"HTTPStatusCode": 200, "RequestId": invocation.request_id},
            "StatusCode": 200,
        }
        if invocation.function_error:
            response["FunctionError"] = invocation.function_error
        if options["log_tail"]:
            tail = invocation.log_text.encode("utf-8")[-limits.LAMBDA_LOG_TAIL_BYTES :]
            response["LogResult"] = base64.b64encode(tail).decode("ascii")
        response["ExecutedVersion"] = invocation.version
        response["Payload"] = StreamingBody(invocation.payload)
        return response
