"""The state of Lambda in one cloud, and the operations on it (the client only shapes requests/responses)."""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ...packaging import BadZipError
from ...timeutil import last_modified
from ..logs.backend import LogsBackend
from . import validation
from .arns import check_new_name, function_arn, parse_function_ref
from .invoke import Invocation, start_invocation
from .models import CodePackage, Function, FunctionVersion
from .sandbox import TASK_ROOT, ModuleIndex

if TYPE_CHECKING:
    from ...cloud import Cloud


class LambdaService:
    """Functions by name, their code and configuration, and the invoke path."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.functions: dict[str, Function] = {}
        self.logs: LogsBackend = cloud.backend("logs", LogsBackend)
        self._indexes: dict[int, ModuleIndex] = {}

    # -- lookup ----------------------------------------------------------------------------------------------
    def arn(self, name: str, qualifier: str | None = None) -> str:
        return function_arn(self.cloud.region, self.cloud.account_id, name, qualifier)

    def resolve(self, ref: Any, qualifier: str | None = None) -> tuple[Function, FunctionVersion, str]:
        """Find a function from any accepted FunctionName form; return it, the version, and the invoked ARN."""
        name, ref_qualifier = parse_function_ref(ref, self.cloud.region, self.cloud.account_id)
        if qualifier is not None and ref_qualifier is not None and qualifier != ref_qualifier:
            raise ServiceError(
                "InvalidParameterValueException",
                "The derived qualifier from the function name does not match the specified qualifier.",
            )
        qualifier = qualifier or ref_qualifier
        function = self.functions.get(name)
        if function is None:
            raise ServiceError("ResourceNotFoundException", f"Function not found: {self.arn(name, qualifier)}", 404)
        if qualifier not in (None, "$LATEST"):
            raise ServiceError("ResourceNotFoundException", f"Function not found: {self.arn(name, qualifier)}", 404)
        return function, function.latest, self.arn(name, qualifier)

    def module_index(self, version: FunctionVersion) -> ModuleIndex:
        """The compiled module index of a version's code, built once and shared by its environments."""
        index = self._indexes.get(id(version.code))
        if index is None:
            index = self._indexes[id(version.code)] = ModuleIndex([(TASK_ROOT, version.code.files)])
        return index

    # -- CreateFunction --------------------------------------------------------------------------------------
    def create_function(self, params: dict[str, Any]) -> dict[str, Any]:
        name = params["FunctionName"]
        check_new_name(name)
        if params.get("PackageType", "Zip") != "Zip":
            raise ServiceError("InvalidParameterValueException", "pocketcloud supports .zip packages only.")
        runtime = validation.check_runtime(params.get("Runtime"))
        role = validation.check_role(params["Role"])
        handler = validation.check_handler(params.get("Handler"))
        memory = validation.check_memory(params.get("MemorySize", limits.LAMBDA_DEFAULT_MEMORY_MB))
        timeout = validation.check_timeout(params.get("Timeout", limits.LAMBDA_DEFAULT_TIMEOUT_S))
        environment = validation.check_environment(params.get("Environment"))
        code = self._code_package(params["Code"])
        architectures = tuple(params.get("Architectures") or ("x86_64",))
        if len(architectures) != 1 or architectures[0] not in ("x86_64", "arm64"):
            raise ServiceError(
                "ValidationException",
                f"1 validation error detected: Value '{list(architectures)}' at 'architectures' failed to satisfy "
                "constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]",
            )
        if name in self.functions:
            raise ServiceError("ResourceConflictException", f"Function already exist: {name}", 409)
        version = FunctionVersion(
            name=name,
            arn=self.arn(name),
            version="$LATEST",
            runtime=runtime,
            role=role,
            handler=handler,
            code=code,
            memory_size=memory,
            timeout=timeout,
            environment=environment,
            description=str(params.get("Description", "")),
            last_modified=last_modified(self.cloud.now),
            revision_id=self.cloud.new_request_id(),
            architectures=architectures,
        )
        self.functions[name] = Function(latest=version)
        config = version.configuration()
        config["ResponseMetadata"] = {"HTTPStatusCode": 201}
        return config

    def _code_package(self, code: Any) -> CodePackage:
        if not isinstance(code, dict) or "ZipFile" not in code:
            if isinstance(code, dict) and ("S3Bucket" in code or "ImageUri" in code):
                raise ServiceError(
                    "InvalidParameterValueException",
                    "pocketcloud takes Code={'ZipFile': bytes}; build one with pocketcloud.zip_code({...}).",
                )
            raise ServiceError("InvalidParameterValueException", "Please provide a source for function code.")
        data = code["ZipFile"]
        if not isinstance(data, (bytes, bytearray)):
            raise ServiceError(
                "InvalidParameterValueException",
                "Code.ZipFile must be the bytes of a .zip file; build one with pocketcloud.zip_code({...}).",
            )
        if len(data) > limits.LAMBDA_ZIP_UPLOAD_MAX_BYTES:
            raise ServiceError(
                "RequestEntityTooLargeException",
                f"Request must be smaller than {limits.LAMBDA_ZIP_UPLOAD_MAX_BYTES} bytes for the CreateFunction "
                "operation",
                413,
            )
        try:
            package = CodePackage.from_zip(bytes(data))
        except BadZipError:
            raise ServiceError(
                "InvalidParameterValueException",
                "Could not unzip uploaded file. Please check your file, then try to upload again.",
            ) from None
        if package.unzipped_size > limits.LAMBDA_UNZIPPED_MAX_BYTES:
            raise ServiceError(
                "InvalidParameterValueException",
                f"Unzipped size must be smaller than {limits.LAMBDA_UNZIPPED_MAX_BYTES} bytes",
            )
        return package

    # -- read / delete ---------------------------------------------------------------------------------------
    def get_function(self, params: dict[str, Any]) -> dict[str, Any]:
        _function, version, _arn = self.resolve(params["FunctionName"], params.get("Qualifier"))
        region = self.cloud.region
        return {
            "Configuration": version.configuration(),
            "Code": {
                "RepositoryType": "S3",
                # The real value is a pre-signed URL valid for 10 minutes; nothing in pocketcloud fetches it.
                "Location": f"https://awslambda-{region}-tasks.s3.{region}.amazonaws.com/snapshots/"
                f"{self.cloud.account_id}/{version.name}-{version.revision_id}",
            },
        }

    def get_function_configuration(self, params: dict[str, Any]) -> dict[str, Any]:
        _function, version, _arn = self.resolve(params["FunctionName"], params.get("Qualifier"))
        return version.configuration()

    def list_functions(self, params: dict[str, Any]) -> dict[str, Any]:
        names = sorted(self.functions)
        max_items = params.get("MaxItems", 50)
        if not isinstance(max_items, int) or not 1 <= max_items <= 10_000:
            raise ServiceError(
                "ValidationException",
                f"1 validation error detected: Value '{max_items}' at 'maxItems' failed to satisfy constraint: "
                "Member must have value between 1 and 10000",
            )
        marker = params.get("Marker")
        start = 0
        if marker is not None:
            try:
                start = int(base64.urlsafe_b64decode(str(marker).encode()).decode())
            except (ValueError, UnicodeDecodeError):
                raise ServiceError("InvalidParameterValueException", "Invalid marker: " + str(marker)) from None
        page = names[start : start + max_items]
        result: dict[str, Any] = {"Functions": [self.functions[n].latest.configuration() for n in page]}
        if start + max_items < len(names):
            result["NextMarker"] = base64.urlsafe_b64encode(str(start + max_items).encode()).decode()
        return result

    def delete_function(self, params: dict[str, Any]) -> dict[str, Any]:
        function, _version, _arn = self.resolve(params["FunctionName"], params.get("Qualifier"))
        del self.functions[function.name]
        function.environments.clear()
        return {"ResponseMetadata": {"HTTPStatusCode": 204}}

    # -- Invoke ----------------------------------------------------------------------------------------------
    def invoke(self, params: dict[str, Any]) -> tuple[Invocation, dict[str, Any]]:
        function, version, invoked_arn = self.resolve(params["FunctionName"], params.get("Qualifier"))
        invocation_type = params.get("InvocationType", "RequestResponse")
        if invocation_type not in ("RequestResponse", "Event", "DryRun"):
            raise ServiceError(
                "ValidationException",
                f"1 validation error detected: Value '{invocation_type}' at 'invocationType' failed to satisfy "
                "constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]",
            )
        log_type = params.get("LogType", "None")
        if log_type not in ("None", "Tail"):
            raise ServiceError(
                "ValidationException",
                f"1 validation error detected: Value '{log_type}' at 'logType' failed to satisfy constraint: "
                "Member must satisfy enum value set: [Tail, None]",
            )
        event = _parse_payload(params.get("Payload", b""))
        if invocation_type != "RequestResponse":
            raise ServiceError(
                "InvalidParameterValueException",
                f"InvocationType {invocation_type} is not simulated yet; use RequestResponse.",
            )
        if self.cloud.kernel_running:
            raise ServiceError(
                "InvalidParameterValueException",
                "A synchronous Invoke cannot be made from inside the simulation (e.g. from a handler).",
            )
        invocation = start_invocation(self, function, version, event, invoked_arn)
        self.cloud.run(until=invocation.finished_at)
        return invocation, {"log_tail": log_type == "Tail"}


def _parse_payload(payload: Any) -> Any:
    """Decode the request payload as Lambda does: it must be JSON; an empty payload is ``{}``."""
    if hasattr(payload, "read"):
        payload = payload.read()
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    if not isinstance(payload, (bytes, bytearray)):
        raise ServiceError(
            "InvalidRequestContentException",
            "Payload must be bytes, a string or a file-like object holding JSON (try json.dumps(event)).",
        )
    if len(payload) > limits.LAMBDA_SYNC_PAYLOAD_MAX_BYTES:
        raise ServiceError(
            "RequestTooLargeException",
            f"Request must be smaller than {limits.LAMBDA_SYNC_PAYLOAD_MAX_BYTES} bytes for the InvokeFunction "
            "operation",
            413,
        )
    if not payload.strip():
        return {}
    try:
        return json.loads(payload)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ServiceError(
            "InvalidRequestContentException",
            f"Could not parse request body into json: Could not parse payload into json: {exc}",
        ) from None
