"""Creating, reading, updating and deleting functions (the function's $LATEST configuration and code)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ... import limits
from ...constraints import java_string
from ...errors import ServiceError
from ...packaging import BadZipError
from ...timeutil import last_modified
from . import snapstart, validation
from .arns import check_new_name
from .code_source import NO_SOURCE, has_source, package_bytes
from .destinations import check_dead_letter_config
from .layers import resolve_layers
from .models import CodePackage, Function, FunctionVersion
from .tags import check_tags

if TYPE_CHECKING:
    from .service import LambdaService


def code_package(code: Any, operation: str) -> CodePackage:
    """Unpack a ``ZipFile`` upload, enforcing the upload and unzipped size limits."""
    if not isinstance(code, (bytes, bytearray)):
        raise ServiceError(
            "InvalidParameterValueException",
            "Code.ZipFile must be the bytes of a .zip file; build one with pocketcloud.zip_code({...}).",
        )
    if len(code) > limits.LAMBDA_ZIP_UPLOAD_MAX_BYTES:
        raise ServiceError(
            "RequestEntityTooLargeException",
            f"Request must be smaller than {limits.LAMBDA_ZIP_UPLOAD_MAX_BYTES} bytes for the {operation} operation",
            413,
        )
    try:
        return CodePackage.from_zip(bytes(code))
    except BadZipError:
        raise ServiceError(
            "InvalidParameterValueException",
            "Could not unzip uploaded file. Please check your file, then try to upload again.",
        ) from None


def _zip_from_code_param(cloud: Any, code: Any) -> Any:
    if isinstance(code, dict) and "ImageUri" in code and not has_source(code):
        raise ServiceError("InvalidParameterValueException", "pocketcloud supports .zip packages only.")
    if not isinstance(code, dict) or not has_source(code):
        raise ServiceError("InvalidParameterValueException", NO_SOURCE)
    return package_bytes(cloud, code)


def check_total_size(code: CodePackage, layers: tuple[Any, ...]) -> None:
    """Function code plus all its layers must stay within 250 MB unzipped (gettingstarted-limits)."""
    total = code.unzipped_size + sum(layer.content.unzipped_size for layer in layers)
    if total > limits.LAMBDA_UNZIPPED_MAX_BYTES:
        raise ServiceError(
            "InvalidParameterValueException",
            "Function code combined with layers exceeds the maximum allowed size of "
            f"{limits.LAMBDA_UNZIPPED_MAX_BYTES} bytes. The actual size is {total} bytes.",
        )


def _check_architectures(value: Any) -> tuple[str, ...]:
    architectures = tuple(value or ("x86_64",))
    if len(architectures) != 1 or architectures[0] not in ("x86_64", "arm64"):
        raise ServiceError(
            "ValidationException",
            f"1 validation error detected: Value '{java_string(list(architectures))}' at 'architectures' failed to "
            "satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, "
            "arm64], Member must not be null]",
        )
    return architectures


def _check_ephemeral_storage(value: Any) -> int:
    """``EphemeralStorage={"Size": MB}``: the size of /tmp, 512 MB (the default) to 10,240 MB.

    Three layers refuse a bad size, as in front of AWS: botocore refuses less than 512 client-side
    (ParamValidationError, the model's ``min``); the model's ``max`` (32,768 in botocore 1.44's model) gives the
    service front end's "Member must have value less than or equal to 32768"; and between the two, the limit the
    API reference documents, "can be any whole number between 512 and 10,240 MB ... Maximum value of 10240"
    (https://docs.aws.amazon.com/lambda/latest/api/API_EphemeralStorage.html), is refused here in the same
    front-end words with 10240, the message AWS gave while its model's maximum was 10,240 (moto's
    test_create_function_error_ephemeral_too_big records it).
    """
    if value is None:
        return limits.LAMBDA_EPHEMERAL_STORAGE_MIN_MB
    size = value.get("Size") if isinstance(value, dict) else value
    low, high = limits.LAMBDA_EPHEMERAL_STORAGE_MIN_MB, limits.LAMBDA_EPHEMERAL_STORAGE_MAX_MB
    if not isinstance(size, int) or isinstance(size, bool) or not low <= size <= high:
        too_big = isinstance(size, int) and size > high
        bound = f"less than or equal to {high}" if too_big else f"between {low} and {high}"
        raise ServiceError(
            "ValidationException",
            f"1 validation error detected: Value '{size}' at 'ephemeralStorage.size' failed to satisfy constraint: "
            f"Member must have value {bound}",
        )
    return size


def _tracing_mode(config: Any, current: str) -> str:
    """``TracingConfig={"Mode": ...}``; the model's enum check has already refused any other mode, and a config
    without ``Mode`` leaves the mode as it was."""
    mode = (config or {}).get("Mode")
    return str(mode) if mode is not None else current


def create_function(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    cloud = service.cloud
    name = params["FunctionName"]
    check_new_name(name)
    if params.get("PackageType", "Zip") != "Zip":
        raise ServiceError("InvalidParameterValueException", "pocketcloud supports .zip packages only.")
    runtime = validation.check_runtime(params.get("Runtime"))
    role = validation.check_role(params["Role"], service.cloud.account_id)
    handler = validation.check_handler(params.get("Handler"))
    memory = validation.check_memory(params.get("MemorySize", limits.LAMBDA_DEFAULT_MEMORY_MB))
    timeout = validation.check_timeout(params.get("Timeout", limits.LAMBDA_DEFAULT_TIMEOUT_S))
    environment = validation.check_environment(params.get("Environment"))
    architectures = _check_architectures(params.get("Architectures"))
    storage = _check_ephemeral_storage(params.get("EphemeralStorage"))
    dead_letter = check_dead_letter_config(params.get("DeadLetterConfig"))
    snap_start = snapstart.check_setting(params.get("SnapStart"), runtime, storage)
    code = code_package(_zip_from_code_param(cloud, params["Code"]), "CreateFunction")
    layers = resolve_layers(service, params.get("Layers") or [], runtime, architectures[0])
    check_total_size(code, layers)
    check_tags(params.get("Tags"))
    if name in service.functions:
        raise ServiceError("ResourceConflictException", f"Function already exist: {name}", 409)
    version = FunctionVersion(
        name=name,
        arn=service.arn(name),
        version="$LATEST",
        runtime=runtime,
        role=role,
        handler=handler,
        code=code,
        memory_size=memory,
        timeout=timeout,
        environment=environment,
        description=str(params.get("Description", "")),
        last_modified=last_modified(cloud.now),
        revision_id=cloud.new_request_id(),
        architectures=architectures,
        ephemeral_storage_mb=storage,
        layers=layers,
        dead_letter_target=dead_letter,
        snap_start=snap_start,
        tracing_mode=_tracing_mode(params.get("TracingConfig"), "PassThrough"),
    )
    function = Function(latest=version, tags=check_tags(params.get("Tags")))
    service.functions[name] = function
    if params.get("Publish"):
        from .versions import publish

        published = publish(service, function, str(params.get("Description", "")))
        config = published.configuration()
        # The answer describes version 1 ("Version": "1") under the function's unqualified ARN, as AWS answers
        # CreateFunction with Publish=true: LocalStack's snapshot-tested provider returns the published version
        # with return_qualified_arn=False (localstack-core/localstack/services/lambda_/provider.py,
        # create_function), and moto's test_get_function_by_arn passes that ARN with Qualifier="1".
        config["FunctionArn"] = version.arn
    else:
        config = version.configuration()
    config["ResponseMetadata"] = {"HTTPStatusCode": 201}
    return config


def check_revision(expected: Any, current: str) -> None:
    """Optimistic locking: a RevisionId in the request must match the resource's current one."""
    if expected is not None and expected != current:
        raise ServiceError(
            "PreconditionFailedException",
            "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API "
            "to retrieve the latest Revision Id",
            412,
        )


def update_function_code(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """Replace $LATEST's code. Existing environments keep the old code; new invocations get new ones."""
    function, _ = service.function(params["FunctionName"])
    latest = function.latest
    check_revision(params.get("RevisionId"), latest.revision_id)
    if not has_source(params):
        raise ServiceError("InvalidParameterValueException", "Please provide a source for function code (ZipFile).")
    code = code_package(package_bytes(service.cloud, params), "UpdateFunctionCode")
    architectures = _check_architectures(params.get("Architectures") or latest.architectures)
    check_total_size(code, latest.layers)
    if params.get("DryRun"):
        return latest.copy(code=code).configuration()
    function.latest = latest.copy(
        code=code,
        architectures=architectures,
        last_modified=last_modified(service.cloud.now),
        revision_id=service.cloud.new_request_id(),
    )
    if params.get("Publish"):
        from .versions import publish

        return publish(service, function, "").configuration()
    return function.latest.configuration()


def update_function_configuration(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """Change $LATEST's settings. Like a code update, it means fresh execution environments next time."""
    function, _ = service.function(params["FunctionName"])
    latest = function.latest
    check_revision(params.get("RevisionId"), latest.revision_id)
    changes: dict[str, Any] = {}
    if "Runtime" in params:
        changes["runtime"] = validation.check_runtime(params["Runtime"])
    if "Role" in params:
        changes["role"] = validation.check_role(params["Role"], service.cloud.account_id)
    if "Handler" in params:
        changes["handler"] = validation.check_handler(params["Handler"])
    if "MemorySize" in params:
        changes["memory_size"] = validation.check_memory(params["MemorySize"])
    if "Timeout" in params:
        changes["timeout"] = validation.check_timeout(params["Timeout"])
    if "Environment" in params:
        changes["environment"] = validation.check_environment(params["Environment"])
    if "Description" in params:
        changes["description"] = str(params["Description"])
    if "EphemeralStorage" in params:
        changes["ephemeral_storage_mb"] = _check_ephemeral_storage(params["EphemeralStorage"])
    if "TracingConfig" in params:
        changes["tracing_mode"] = _tracing_mode(params["TracingConfig"], latest.tracing_mode)
    if "DeadLetterConfig" in params:
        changes["dead_letter_target"] = check_dead_letter_config(params["DeadLetterConfig"])
    if {"SnapStart", "Runtime", "EphemeralStorage"} & params.keys():
        setting = params.get("SnapStart", {"ApplyOn": latest.snap_start})
        runtime = changes.get("runtime", latest.runtime)
        storage = changes.get("ephemeral_storage_mb", latest.ephemeral_storage_mb)
        changes["snap_start"] = snapstart.check_setting(setting, runtime, storage)
    if "Layers" in params:
        runtime = changes.get("runtime", latest.runtime)
        changes["layers"] = resolve_layers(service, params["Layers"] or [], runtime, latest.architectures[0])
        check_total_size(latest.code, changes["layers"])
    function.latest = latest.copy(
        last_modified=last_modified(service.cloud.now), revision_id=service.cloud.new_request_id(), **changes
    )
    return function.latest.configuration()


def get_function(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    target = service.resolve(params["FunctionName"], params.get("Qualifier"))
    version = target.version
    region = service.cloud.region
    result: dict[str, Any] = {
        "Configuration": version.configuration(),
        "Code": {
            "RepositoryType": "S3",
            # The real value is a pre-signed URL valid for 10 minutes; nothing in pocketcloud fetches it.
            "Location": f"https://awslambda-{region}-tasks.s3.{region}.amazonaws.com/snapshots/"
            f"{service.cloud.account_id}/{version.name}-{version.revision_id}",
        },
    }
    if target.function.tags:
        result["Tags"] = dict(target.function.tags)
    if target.function.reserved_concurrency is not None:
        result["Concurrency"] = {"ReservedConcurrentExecutions": target.function.reserved_concurrency}
    return result


def get_function_configuration(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    return service.resolve(params["FunctionName"], params.get("Qualifier")).version.configuration()


def paginate(items: list[Any], params: dict[str, Any], default_max: int = 50) -> tuple[list[Any], str | None]:
    """Lambda's Marker/MaxItems paging: an opaque marker that says where the next page starts.

    MaxItems' range (1-10,000) is checked from the model before this runs.
    """
    max_items = params.get("MaxItems", default_max)
    start = 0
    marker = params.get("Marker")
    if marker is not None:
        try:
            start = int(base64.urlsafe_b64decode(str(marker).encode()).decode())
        except (ValueError, UnicodeDecodeError):
            raise ServiceError("InvalidParameterValueException", f"Invalid marker: {marker}") from None
        if start < 0:
            raise ServiceError("InvalidParameterValueException", f"Invalid marker: {marker}")
    page = items[start : start + max_items]
    next_marker = None
    if start + max_items < len(items):
        next_marker = base64.urlsafe_b64encode(str(start + max_items).encode()).decode()
    return page, next_marker


def paged(
    key: str, items: list[Any], params: dict[str, Any], build: Callable[[Any], dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A List* response: one page of ``items`` under ``key``, and ``NextMarker`` when more remain.

    With ``build``, ``items`` are cheap keys and only the page's keys are turned into response entries, so a
    page costs the same however many items there are.
    """
    page, next_marker = paginate(items, params)
    result: dict[str, Any] = {key: [build(item) for item in page] if build is not None else page}
    if next_marker:
        result["NextMarker"] = next_marker
    return result


def list_functions(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """$LATEST of every function by name (and, with ``FunctionVersion="ALL"``, every published version)."""
    functions = service.functions
    keys: list[tuple[str, str | None]] = []
    if params.get("FunctionVersion") == "ALL":
        for name in sorted(functions):
            keys.append((name, None))
            keys.extend((name, v) for v in functions[name].versions)
    else:
        keys = [(name, None) for name in sorted(functions)]

    def build(key: tuple[str, str | None]) -> dict[str, Any]:
        name, version = key
        function = functions[name]
        return (function.latest if version is None else function.versions[version]).configuration()

    return paged("Functions", keys, params, build)


def delete_function(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """Delete a function, or with Qualifier one published version (not $LATEST, not one an alias uses)."""
    function, ref_qualifier = service.function(params["FunctionName"])
    qualifier = params.get("Qualifier", ref_qualifier)
    if qualifier is None:
        del service.functions[function.name]
        service.reserved.pop(function.name, None)
        from .function_urls import forget_all

        forget_all(service, function)  # its URLs stop answering
        for env in list(function.environments):
            env.shutdown()  # each removes itself from function.environments
        service.recount()
        return {"ResponseMetadata": {"HTTPStatusCode": 204}}
    if qualifier == "$LATEST":
        raise ServiceError(
            "InvalidParameterValueException", "$LATEST version cannot be deleted without deleting the function."
        )
    version = service.version(function, qualifier)
    users = [a.name for a in function.aliases.values() if qualifier in (a.function_version, *a.additional_weights)]
    if users:
        raise ServiceError(
            "ResourceConflictException",
            f"Unable to delete version because the following aliases reference it: {users}",
            409,
        )
    del function.versions[qualifier]
    if version.snapshot is not None:
        version.snapshot.deleted_at = service.cloud.now  # the cache charge stops (see :mod:`.snapstart`)
    for env in [e for e in function.environments if e.version is version]:
        env.shutdown()  # its on_shutdown hook removes it from function.environments
    function.provisioned.pop(qualifier, None)
    service.recount()
    function.event_invoke_configs.pop(qualifier, None)
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}
