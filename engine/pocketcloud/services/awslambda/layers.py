"""Layers: shared .zip content that functions add to ``/opt``, in versions that never change.

https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ...timeutil import last_modified
from .models import LayerVersion

if TYPE_CHECKING:
    from .service import LambdaService, Layer

_LAYER_NAME = re.compile(r"^[a-zA-Z0-9-_]{1,64}$")
_LAYER_VERSION_ARN = re.compile(
    r"^arn:(?P<partition>aws[a-zA-Z-]*):lambda:(?P<region>[a-z]{2}(?:-gov)?-[a-z]+-\d):(?P<account>\d{12}):layer:"
    r"(?P<name>[a-zA-Z0-9-_]+):(?P<version>[0-9]+)$"
)


def layer_arn(service: LambdaService, name: str) -> str:
    """``arn:<partition>:lambda:<region>:<account>:layer:<name>``, in the cloud's partition (see :mod:`.arns`)."""
    cloud = service.cloud
    return f"arn:{cloud.partition}:lambda:{cloud.region}:{cloud.account_id}:layer:{name}"


def layer_name(value: Any) -> str:
    """LayerName accepts a name or a layer ARN (without version)."""
    if isinstance(value, str) and value.startswith("arn:"):
        value = value.rsplit(":", 1)[-1]
    if not isinstance(value, str) or not _LAYER_NAME.match(value):
        raise ServiceError(
            "ValidationException",
            f"1 validation error detected: Value '{value}' at 'layerName' failed to satisfy constraint: Member "
            "must satisfy regular expression pattern: (arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:"
            "[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+",
        )
    return value


def publish_layer_version(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    from .code_source import has_source, package_bytes
    from .functions import code_package
    from .service import Layer

    name = layer_name(params["LayerName"])
    content = params["Content"]
    if not isinstance(content, dict) or not has_source(content):
        raise ServiceError(
            "InvalidParameterValueException",
            "Content must name the layer's .zip file: Content={'ZipFile': bytes} (build one with "
            "pocketcloud.zip_code({...})) or Content={'S3Bucket': ..., 'S3Key': ...}.",
        )
    package = code_package(package_bytes(service.cloud, content), "PublishLayerVersion")
    if package.unzipped_size > limits.LAMBDA_UNZIPPED_MAX_BYTES:
        raise ServiceError(
            "InvalidParameterValueException",
            f"Unzipped size must be smaller than {limits.LAMBDA_UNZIPPED_MAX_BYTES} bytes",
        )
    layer = service.layers.get(name)
    if layer is None:
        layer = service.layers[name] = Layer(name)
    version = LayerVersion(
        name=name,
        version=layer.next_version,
        layer_arn=layer_arn(service, name),
        content=package,
        description=str(params.get("Description", "")),
        created_date=last_modified(service.cloud.now),
        compatible_runtimes=tuple(params.get("CompatibleRuntimes") or ()),
        compatible_architectures=tuple(params.get("CompatibleArchitectures") or ()),
        license_info=params.get("LicenseInfo"),
    )
    layer.versions[version.version] = version
    layer.next_version += 1
    result = version.describe()
    result["Content"] = _content(service, version)
    result["ResponseMetadata"] = {"HTTPStatusCode": 201}
    return result


def _content(service: LambdaService, version: LayerVersion) -> dict[str, Any]:
    region = service.cloud.region
    return {
        "Location": f"https://awslambda-{region}-layers.s3.{region}.amazonaws.com/snapshots/"
        f"{service.cloud.account_id}/{version.name}-{version.version}",
        "CodeSha256": version.content.sha256,
        "CodeSize": len(version.content.zip_bytes),
    }


def find_version(service: LambdaService, name: str, number: Any) -> LayerVersion:
    layer = service.layers.get(name)
    version = layer.versions.get(number) if layer is not None and isinstance(number, int) else None
    if version is None:
        raise ServiceError("ResourceNotFoundException", "The resource you requested does not exist.", 404)
    return version


def get_layer_version(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    version = find_version(service, layer_name(params["LayerName"]), params["VersionNumber"])
    result = version.describe()
    result["Content"] = _content(service, version)
    return result


def get_layer_version_by_arn(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    match = _LAYER_VERSION_ARN.match(str(params["Arn"]))
    if match is None:
        raise ServiceError("ValidationException", f"1 validation error detected: Value '{params['Arn']}' at 'arn'")
    return get_layer_version(service, {"LayerName": match["name"], "VersionNumber": int(match["version"])})


def _latest(layer: Layer, runtime: Any, architecture: Any) -> LayerVersion | None:
    for number in sorted(layer.versions, reverse=True):
        version = layer.versions[number]
        # A filter matches only versions that declare that runtime or architecture (ListLayers).
        if runtime and runtime not in version.compatible_runtimes:
            continue
        if architecture and architecture not in version.compatible_architectures:
            continue
        return version
    return None


def list_layers(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    from .functions import paged

    entries = []
    for name in sorted(service.layers):
        latest = _latest(service.layers[name], params.get("CompatibleRuntime"), params.get("CompatibleArchitecture"))
        if latest is not None:
            entries.append(
                {"LayerName": name, "LayerArn": latest.layer_arn, "LatestMatchingVersion": latest.list_item()}
            )
    return paged("Layers", entries, params)


def list_layer_versions(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    from .functions import paged

    layer = service.layers.get(layer_name(params["LayerName"]))
    versions = [] if layer is None else [layer.versions[n] for n in sorted(layer.versions, reverse=True)]
    runtime, architecture = params.get("CompatibleRuntime"), params.get("CompatibleArchitecture")
    versions = [
        v
        for v in versions
        if (not runtime or runtime in v.compatible_runtimes)
        and (not architecture or architecture in v.compatible_architectures)
    ]
    return paged("LayerVersions", versions, params, lambda version: version.list_item())


def delete_layer_version(service: LambdaService, params: dict[str, Any]) -> dict[str, Any]:
    """Delete a layer version. Functions that use it keep their copy, as on Lambda; the number is not reused."""
    layer = service.layers.get(layer_name(params["LayerName"]))
    if layer is not None:
        layer.versions.pop(params["VersionNumber"], None)
    return {"ResponseMetadata": {"HTTPStatusCode": 204}}


def resolve_layers(service: LambdaService, arns: Any, runtime: str, architecture: str) -> tuple[LayerVersion, ...]:
    """Turn a function's ``Layers`` list of layer version ARNs into layer versions, in order, at most 5."""
    if not isinstance(arns, list):
        raise ServiceError("InvalidParameterValueException", "Layers must be a list of layer version ARNs.")
    if len(arns) > limits.LAMBDA_MAX_LAYERS:
        raise ServiceError(
            "InvalidParameterValueException", f"Cannot reference more than {limits.LAMBDA_MAX_LAYERS} layers."
        )
    layers: list[LayerVersion] = []
    for arn in arns:
        match = _LAYER_VERSION_ARN.match(str(arn))
        if match is None:
            raise ServiceError(
                "ValidationException",
                f"1 validation error detected: Value '[{arn}]' at 'layers' failed to satisfy constraint: Member "
                "must satisfy constraint: [Member must satisfy regular expression pattern: "
                "arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+]",
            )
        layer = service.layers.get(match["name"])
        version = layer.versions.get(int(match["version"])) if layer is not None else None
        cloud = service.cloud
        elsewhere = (match["account"], match["region"], match["partition"]) != (
            cloud.account_id,
            cloud.region,
            cloud.partition,
        )
        if version is None or elsewhere:
            raise ServiceError("InvalidParameterValueException", f"Layer version {arn} does not exist.")
        if any(existing.layer_arn == version.layer_arn for existing in layers):
            raise ServiceError(
                "InvalidParameterValueException",
                f"Two different versions of the same layer are not allowed to be referenced in the same function. "
                f"{version.layer_arn} is referenced more than once.",
            )
        layers.append(version)
    return tuple(layers)
