"""What a Lambda function is made of: a code package and a configuration, as the API returns it."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ...packaging import unzip

if TYPE_CHECKING:
    from .admission import ScalingBucket
    from .environment import ExecutionEnvironment
    from .snapstart import Snapshot
    from .workload import Workload


@dataclass(frozen=True)
class CodePackage:
    """An uploaded .zip: its bytes, its files, and the hash Lambda reports as CodeSha256."""

    zip_bytes: bytes
    files: dict[str, bytes]
    sha256: str
    unzipped_size: int

    @classmethod
    def from_zip(cls, data: bytes) -> CodePackage:
        files = unzip(data)
        return cls(
            zip_bytes=data,
            files=files,
            sha256=base64.b64encode(hashlib.sha256(data).digest()).decode("ascii"),
            unzipped_size=sum(len(b) for b in files.values()),
        )


@dataclass
class FunctionVersion:
    """One version's configuration. ``$LATEST`` is mutable; published versions are frozen copies."""

    name: str
    arn: str
    version: str
    runtime: str
    role: str
    handler: str
    code: CodePackage
    memory_size: int
    timeout: int
    environment: dict[str, str]
    description: str
    last_modified: str
    revision_id: str
    architectures: tuple[str, ...] = ("x86_64",)
    ephemeral_storage_mb: int = 512
    layers: tuple[LayerVersion, ...] = ()
    #: DeadLetterConfig.TargetArn: an SQS queue or SNS topic for async events Lambda gives up on (a version's own
    #: setting, "locked in when you publish a version"; see :mod:`.destinations`).
    dead_letter_target: str | None = None
    #: SnapStart.ApplyOn ("PublishedVersions" or "None") and, for a published version, its snapshot (see
    #: :mod:`.snapstart`).
    snap_start: str = "None"
    snapshot: Snapshot | None = None
    #: TracingConfig.Mode: "PassThrough" (the default) or "Active", returned as set ("Set Mode to Active to
    #: sample and trace a subset of incoming requests with X-Ray", API_TracingConfig.html). pocketcloud has no
    #: X-Ray: the setting is kept and returned, and traces nothing.
    tracing_mode: str = "PassThrough"

    def copy(self, **changes: Any) -> FunctionVersion:
        """A new configuration object. Environments belong to one object, so any change means new environments,
        as on Lambda, where updating a function's code or configuration replaces its execution environments."""
        return replace(self, **changes)

    def configuration(self) -> dict[str, Any]:
        """The FunctionConfiguration shape that GetFunctionConfiguration and ListFunctions return."""
        config: dict[str, Any] = {
            "FunctionName": self.name,
            "FunctionArn": self.arn,
            "Runtime": self.runtime,
            "Role": self.role,
            "Handler": self.handler,
            "CodeSize": len(self.code.zip_bytes),
            "Description": self.description,
            "Timeout": self.timeout,
            "MemorySize": self.memory_size,
            "LastModified": self.last_modified,
            "CodeSha256": self.code.sha256,
            "Version": self.version,
            "TracingConfig": {"Mode": self.tracing_mode},
            "RevisionId": self.revision_id,
            "State": "Active",
            "LastUpdateStatus": "Successful",
            "PackageType": "Zip",
            "Architectures": list(self.architectures),
            "EphemeralStorage": {"Size": self.ephemeral_storage_mb},
            "SnapStart": snapstart_configuration(self),
            "RuntimeVersionConfig": {"RuntimeVersionArn": runtime_version_arn(self.runtime, self.arn)},
            "LoggingConfig": {"LogFormat": "Text", "LogGroup": f"/aws/lambda/{self.name}"},
        }
        if self.environment:
            config["Environment"] = {"Variables": dict(self.environment)}
        if self.layers:
            config["Layers"] = [{"Arn": layer.arn, "CodeSize": len(layer.content.zip_bytes)} for layer in self.layers]
        if self.dead_letter_target:
            config["DeadLetterConfig"] = {"TargetArn": self.dead_letter_target}
        return config

    def same_as(self, other: FunctionVersion) -> bool:
        """True when code and configuration match: PublishVersion then returns the existing version."""
        return (
            self.code.sha256 == other.code.sha256
            and self.runtime == other.runtime
            and self.role == other.role
            and self.handler == other.handler
            and self.memory_size == other.memory_size
            and self.timeout == other.timeout
            and self.environment == other.environment
            and self.architectures == other.architectures
            and self.ephemeral_storage_mb == other.ephemeral_storage_mb
            and self.dead_letter_target == other.dead_letter_target
            and self.snap_start == other.snap_start
            and self.tracing_mode == other.tracing_mode
            and [layer.arn for layer in self.layers] == [layer.arn for layer in other.layers]
        )


@dataclass
class LayerPolicy:
    """A layer version's resource-based policy (see :mod:`.layer_permissions`): its statements and revision."""

    statements: list[dict[str, Any]] = field(default_factory=list)
    revision_id: str | None = None


@dataclass(frozen=True)
class LayerVersion:
    """One immutable version of a layer: a .zip whose ``python/`` folder appears under ``/opt/python``.

    https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html
    """

    name: str
    version: int
    layer_arn: str
    content: CodePackage
    description: str
    created_date: str
    compatible_runtimes: tuple[str, ...]
    compatible_architectures: tuple[str, ...]
    license_info: str | None
    #: Mutable although the version is not: granting other accounts use of a version does not change it.
    policy: LayerPolicy = field(default_factory=LayerPolicy, compare=False)

    @property
    def arn(self) -> str:
        return f"{self.layer_arn}:{self.version}"

    def describe(self) -> dict[str, Any]:
        """The shape GetLayerVersion and PublishLayerVersion return (a list item plus ``LayerArn``)."""
        return {"LayerArn": self.layer_arn, **self.list_item()}

    def list_item(self) -> dict[str, Any]:
        """The ``LayerVersionsListItem`` shape ListLayers and ListLayerVersions return (no ``LayerArn``)."""
        info: dict[str, Any] = {
            "LayerVersionArn": self.arn,
            "Description": self.description,
            "CreatedDate": self.created_date,
            "Version": self.version,
        }
        if self.compatible_runtimes:
            info["CompatibleRuntimes"] = list(self.compatible_runtimes)
        if self.compatible_architectures:
            info["CompatibleArchitectures"] = list(self.compatible_architectures)
        if self.license_info:
            info["LicenseInfo"] = self.license_info
        return info


@dataclass
class Alias:
    """A named pointer to a version, optionally splitting traffic with a second version by weight.

    https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html
    """

    name: str
    arn: str
    function_version: str
    description: str
    revision_id: str
    additional_weights: dict[str, float] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        info: dict[str, Any] = {
            "AliasArn": self.arn,
            "Name": self.name,
            "FunctionVersion": self.function_version,
            "Description": self.description,
            "RevisionId": self.revision_id,
        }
        if self.additional_weights:
            info["RoutingConfig"] = {"AdditionalVersionWeights": dict(self.additional_weights)}
        return info


@dataclass
class ProvisionedConfig:
    """Provisioned concurrency on one version or alias: environments initialised ahead of invocations."""

    qualifier: str
    requested: int
    allocated: int = 0
    status: str = "IN_PROGRESS"
    last_modified: str = ""
    status_reason: str | None = None


def snapstart_configuration(version: FunctionVersion) -> dict[str, str]:
    from .snapstart import configuration

    return configuration(version)


def runtime_version_arn(runtime: str, function_arn: str) -> str:
    """A stable, made-up runtime version ARN in AWS's shape: the function's partition and Region, no account
    (``arn:aws:lambda:us-east-1::runtime:<64 hex digits>``, the form of the API reference's RuntimeVersionArn).
    https://docs.aws.amazon.com/lambda/latest/api/API_RuntimeVersionConfig.html
    """
    parts = function_arn.split(":")
    digest = hashlib.sha256(runtime.encode()).hexdigest()
    return f"arn:{parts[1]}:lambda:{parts[3]}::runtime:{digest}"


@dataclass
class Function:
    """A function: $LATEST, published versions, aliases, and the execution environments Lambda keeps for it."""

    latest: FunctionVersion
    environments: list[ExecutionEnvironment] = field(default_factory=list)
    versions: dict[str, FunctionVersion] = field(default_factory=dict)
    aliases: dict[str, Alias] = field(default_factory=dict)
    next_version: int = 1
    reserved_concurrency: int | None = None
    provisioned: dict[str, ProvisionedConfig] = field(default_factory=dict)
    policy: list[dict[str, Any]] = field(default_factory=list)
    policy_revision: str = ""
    #: Invoke-permission decisions already made against ``policy`` (see :func:`.permissions.check_invoke_permission`):
    #: the policy they were made against, and allowed-or-not per (invoked ARN, principal, source ARN, account).
    permission_decisions: tuple[Any, dict[tuple[str, str | None, str | None, str | None], bool]] = field(
        default_factory=lambda: (None, {}), repr=False, compare=False
    )
    tags: dict[str, str] = field(default_factory=dict)
    #: PutFunctionEventInvokeConfig's settings by qualifier ("$LATEST", a version or an alias name); see
    #: :mod:`.event_invoke_config`.
    event_invoke_configs: dict[str, Any] = field(default_factory=dict)

    #: Function URLs by qualifier (None: the function's own URL, else an alias name); see :mod:`.function_urls`.
    url_configs: dict[str | None, Any] = field(default_factory=dict)

    #: Invocations in flight right now: this function's concurrency (kept as a counter by the invoke path), and
    #: per qualifier ("$LATEST", a version or an alias) for invocations that named one.
    in_flight: int = 0
    in_flight_by: dict[str, int] = field(default_factory=dict)
    #: Idle (READY) environments, most recently used last: on-demand ones by version, provisioned ones by
    #: qualifier. The invoke path takes the last one, so a warm start reuses the environment used most recently.
    idle: dict[int, list[ExecutionEnvironment]] = field(default_factory=dict)
    idle_provisioned: dict[str, list[ExecutionEnvironment]] = field(default_factory=dict)
    #: Environments created so far (their numbers in traces), and the scaling-rate budget (see :mod:`.admission`).
    environments_created: int = 0
    scaling: ScalingBucket | None = None
    #: A workload model replacing the handler's code in new environments (see :mod:`.workload`), or None.
    workload: Workload | None = None

    @property
    def name(self) -> str:
        return self.latest.name
