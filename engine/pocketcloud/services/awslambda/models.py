"""What a Lambda function is made of: a code package and a configuration, as the API returns it."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...packaging import unzip

if TYPE_CHECKING:
    from .environment import ExecutionEnvironment


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
            "TracingConfig": {"Mode": "PassThrough"},
            "RevisionId": self.revision_id,
            "State": "Active",
            "LastUpdateStatus": "Successful",
            "PackageType": "Zip",
            "Architectures": list(self.architectures),
            "EphemeralStorage": {"Size": self.ephemeral_storage_mb},
            "SnapStart": {"ApplyOn": "None", "OptimizationStatus": "Off"},
            "RuntimeVersionConfig": {"RuntimeVersionArn": runtime_version_arn(self.runtime, self.arn)},
            "LoggingConfig": {"LogFormat": "Text", "LogGroup": f"/aws/lambda/{self.name}"},
        }
        if self.environment:
            config["Environment"] = {"Variables": dict(self.environment)}
        return config


def runtime_version_arn(runtime: str, function_arn: str) -> str:
    """A stable, made-up runtime version ARN in AWS's shape (region-scoped, no account)."""
    region = function_arn.split(":")[3]
    digest = hashlib.sha256(runtime.encode()).hexdigest()
    return f"arn:aws:lambda:{region}::runtime:{digest}"


@dataclass
class Function:
    """A function: its $LATEST configuration and the execution environments Lambda keeps for it."""

    latest: FunctionVersion
    environments: list[ExecutionEnvironment] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.latest.name
