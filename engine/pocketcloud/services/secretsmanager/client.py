"""``cloud.client("secretsmanager")``: Secrets Manager with boto3's operation and parameter names.

Each method takes exactly the parameters boto3 takes, checks them the way botocore does before "sending", and
returns boto3's response shape: timestamps (CreatedDate, DeletionDate, ...) are timezone-aware ``datetime``
objects and SecretBinary is ``bytes``. Parameters of features pocketcloud does not simulate (replication,
third-party external secrets, rotation tokens) are accepted by name and refused with a clear message, so that a
learner sees *why* rather than botocore's "Unknown parameter".
"""

from __future__ import annotations

from typing import Any

from ...client import BaseClient, operation
from ...errors import ServiceError
from .service import SecretsManagerService

_NOT_SIMULATED = {
    "AddReplicaRegions": "secret replication to other Regions",
    "ForceOverwriteReplicaSecret": "secret replication to other Regions",
    "Type": "external secrets held by third-party partners",
    "RotationToken": "rotation by a Lambda rotation function",
}


class SecretsManagerClient(BaseClient):
    """A boto3-shaped Secrets Manager client. Every call goes to the cloud's one Secrets Manager state."""

    service_name = "secretsmanager"

    @property
    def _service(self) -> SecretsManagerService:
        service: SecretsManagerService = self._cloud.backend("secretsmanager", SecretsManagerService)
        return service

    def _checked(self, params: dict[str, Any]) -> dict[str, Any]:
        for name, feature in _NOT_SIMULATED.items():
            if name in params:
                raise ServiceError("InvalidParameterException", f"pocketcloud does not simulate {feature} ({name}).")
        return params

    @operation("CreateSecret")
    def create_secret(self, **params: Any) -> dict[str, Any]:
        """Create a secret, with a first version labelled AWSCURRENT when a value is given.

        KmsKeyId is recorded and reported by DescribeSecret; nothing is encrypted.
        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
        """
        return self._service.create_secret(self._checked(params))

    @operation("GetSecretValue")
    def get_secret_value(self, **params: Any) -> dict[str, Any]:
        """Read a version's value: AWSCURRENT by default, or by VersionStage (e.g. "AWSPREVIOUS") or VersionId.

        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
        """
        return self._service.get_secret_value(self._checked(params))

    @operation("PutSecretValue")
    def put_secret_value(self, **params: Any) -> dict[str, Any]:
        """Store a new value as a new version; AWSCURRENT moves to it and AWSPREVIOUS to the one it left.

        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
        """
        return self._service.put_secret_value(self._checked(params))

    @operation("UpdateSecret")
    def update_secret(self, **params: Any) -> dict[str, Any]:
        """Change the description and/or store a new value (a new AWSCURRENT version, as PutSecretValue does).

        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecret.html
        """
        return self._service.update_secret(self._checked(params))

    @operation("DeleteSecret")
    def delete_secret(self, **params: Any) -> dict[str, Any]:
        """Schedule deletion after a 7-30 day recovery window (30 by default), or delete at once with force.

        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
        """
        return self._service.delete_secret(self._checked(params))

    @operation("RestoreSecret")
    def restore_secret(self, **params: Any) -> dict[str, Any]:
        """Cancel a scheduled deletion. https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RestoreSecret.html"""
        return self._service.restore_secret(self._checked(params))

    @operation("DescribeSecret")
    def describe_secret(self, **params: Any) -> dict[str, Any]:
        """A secret's metadata, never its value: dates, tags and VersionIdsToStages.

        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html
        """
        return self._service.describe_secret(self._checked(params))

    @operation("ListSecrets")
    def list_secrets(self, **params: Any) -> dict[str, Any]:
        """Page through secrets' metadata (MaxResults 1-100, NextToken), optionally filtered by name, tags, etc.

        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecrets.html
        """
        return self._service.list_secrets(self._checked(params))
